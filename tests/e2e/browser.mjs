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
