// Debian's Chromium, headless, driven by playwright-core (never a downloaded browser).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

export const PHONE = { width: 390, height: 844 };
export const KIOSK = { width: 1080, height: 1920 };
export const DESKTOP = { width: 1440, height: 900 };
export const OUT = path.resolve(path.dirname(new URL(import.meta.url).pathname), 'out');
fs.mkdirSync(OUT, { recursive: true });

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      // Playwright starts every browser with a fresh temporary profile of its own.
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** A page whose console errors and uncaught exceptions are collected, and whose
 * requests to the real tile server are answered by `tiles` ('fail' or 'serve'). */
export async function openPage(browser, { viewport = PHONE, geolocation, tiles = 'fail', timezoneId = 'Asia/Shanghai', serviceWorkers = 'block' } = {}) {
  const context = await browser.newContext({
    viewport,
    // The service worker fetches tiles itself, out of reach of page.route: only the
    // offline tests, which bring their own tile server, let it run.
    serviceWorkers,
    locale: 'zh-CN',
    timezoneId,
    ...(geolocation ? { geolocation, permissions: ['geolocation'] } : {}),
  });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await page.route('https://tile.openstreetmap.org/**', (route) =>
    tiles === 'serve'
      ? route.fulfill({ contentType: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><rect width="256" height="256" fill="#eef2e6"/></svg>' })
      : route.abort('connectionrefused'));
  return page;
}

export async function shot(page, name) {
  // Let Leaflet finish a pan or zoom animation, so the picture shows the map at rest.
  await page.waitForFunction(() => !document.querySelector('.leaflet-zoom-anim, .leaflet-pan-anim'));
  await page.waitForTimeout(400);
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Scrolls whichever element holds the result list (the pane beside the map, or the
 * page) to `to` ('top') or down by most of a screen, and waits until the rows are
 * drawn. Says whether it moved. */
async function scrollList(page, to) {
  const moved = await page.evaluate((to) => {
    let el = document.querySelector('.result-list');
    while (el && !(el.scrollHeight > el.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(el).overflowY))) el = el.parentElement;
    el ??= document.scrollingElement;
    const before = el.scrollTop;
    el.scrollTop = to === 'top' ? 0 : el.scrollTop + Math.max(100, el.clientHeight * 0.7);
    return el.scrollTop !== before;
  }, to);
  // Two frames: the scroll handler places the window, then the rows are drawn.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return moved;
}

const drawnRows = (page) => page.$$eval('.result[data-outlet-id]', (els) => els.map((e) => ({
  id: e.dataset.outletId,
  pos: Number(e.getAttribute('aria-posinset')),
  size: Number(e.getAttribute('aria-setsize')),
  state: e.dataset.openState,
  label: e.querySelector('.open-state')?.innerText ?? '',
})));

/** Every row of the result list, in order. The list draws only the rows on screen, so
 * this scrolls it from top to bottom as a resident would, keeping each row it meets
 * (`{ id, pos, size, state, label }`, label: the opening state the row shows), then
 * scrolls back to the top. */
export async function everyRow(page) {
  await page.waitForSelector('.result[data-outlet-id]');
  await scrollList(page, 'top');
  const seen = new Map();
  let size = Infinity;
  for (let step = 0; step < 1000 && seen.size < size; step++) {
    const drawn = await drawnRows(page);
    // What a resident reads is the page's order: each drawn row must follow the one above.
    const gap = drawn.findIndex((r, i) => i > 0 && r.pos !== drawn[i - 1].pos + 1);
    if (gap > 0) throw new Error(`rows out of order on screen: ${drawn.map((r) => r.pos).join(',')}`);
    for (const r of drawn) { seen.set(r.pos, r); size = r.size; }
    if (!(await scrollList(page, 'down'))) {
      for (const r of await drawnRows(page)) seen.set(r.pos, r);
      break;
    }
  }
  await scrollList(page, 'top');
  if (seen.size !== size) throw new Error(`scrolled through ${seen.size} of ${size} rows`);
  return [...seen.values()].sort((a, b) => a.pos - b.pos);
}

/** Scrolls the result list until the row of outlet `id` is drawn, and returns it. */
export async function rowOf(page, id) {
  await scrollList(page, 'top');
  const row = page.locator(`.result[data-outlet-id="${id}"]`);
  for (let step = 0; step < 1000 && !(await row.count()); step++) {
    if (!(await scrollList(page, 'down'))) break;
  }
  await row.scrollIntoViewIfNeeded();
  return row;
}

/** The address bar's query, once it says what `want` says (a value; `true`: present;
 * `null`: absent). The app writes the address when the page is idle after a change,
 * not in the frame that shows it, so a test waits for it as a resident copying the
 * link would (up to 5 s), then returns what is there for the test to assert on. */
export async function queryOnce(page, want) {
  await page.waitForFunction((want) => {
    const q = new URL(location.href).searchParams;
    return Object.entries(want).every(([k, v]) => (v === null ? !q.has(k) : v === true ? q.has(k) : q.get(k) === v));
  }, want, { timeout: 5000, polling: 50 }).catch(() => {});
  return Object.fromEntries(new URL(await page.evaluate(() => location.href)).searchParams);
}

/** Waits until the map is neither zooming nor panning. */
export const settled = (page) => page.waitForFunction(() => !document.querySelector('.leaflet-zoom-anim, .leaflet-pan-anim'));

/** The screen point of lon/lat on the map. Marks are drawn on a canvas, so the point
 * is found from a loaded tile of the map's zoom and its place on screen (Web Mercator). */
export async function pointOf(page, [lon, lat]) {
  await settled(page);
  await page.locator('.leaflet-tile-loaded').first().waitFor();
  await page.waitForTimeout(300);
  return page.evaluate(([lon, lat]) => {
    const zoom = Number(document.querySelector('.map').dataset.zoom);
    const tiles = [...document.querySelectorAll('.leaflet-tile-loaded')];
    const tile = tiles.find((t) => new URL(t.src).pathname.startsWith(`/${zoom}/`)) ?? tiles[0];
    const [z, tx, ty] = new URL(tile.src).pathname.match(/(\d+)\/(\d+)\/(\d+)/).slice(1).map(Number);
    const r = tile.getBoundingClientRect();
    const n = 256 * 2 ** z, rad = (lat * Math.PI) / 180;
    const px = ((lon + 180) / 360) * n, py = ((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n;
    return { x: r.left + ((px - tx * 256) * r.width) / 256, y: r.top + ((py - ty * 256) * r.height) / 256 };
  }, [lon, lat]);
}
