// End to end, issue 20 part 3: outlets at one spot (the windows inside 市民之家) are one
// mark with their count, and a tap lists them on the map, at every width; choosing one
// opens it as a tap on its own mark does. Release build, the Yantai sample city.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { DIST, useApp } from './server.mjs';
import { openPage, shot, pointOf, settled, PHONE, DESKTOP } from './browser.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let browser, origin;
const AT = '121.4479,37.4638';

useApp({}, (s) => ({ browser, origin } = s));

const outlets = () => JSON.parse(fs.readFileSync(path.join(DIST, 'data/yantai/outlets.geojson'), 'utf8')).features;
// 市民之家: its police hall and the exit-entry and driving windows inside it.
const HALL = ['d01-hall', 'd01-hall-passport', 'd01-hall-driving'];
const names = () => Object.fromEntries(outlets().filter((f) => HALL.includes(f.id)).map((f) => [f.id, f.properties.name]));
// Where the three stand, together: the middle of their positions.
function spotAt() {
  const at = outlets().filter((f) => HALL.includes(f.id)).map((f) => f.geometry.coordinates);
  return [0, 1].map((k) => at.reduce((s, p) => s + p[k], 0) / at.length);
}

/** A page with tiles to find marks by. Its clock runs: Leaflet's pans are timed by
 * the date, and would never end on a fixed clock. */
const pageAt = (options) => openPage(browser, { tiles: 'serve', ...options });

/** Waits until the map has drawn marks of outlets at one spot with these counts (in
 * any order), and returns them. */
async function spotCounts(page, want) {
  await page.waitForFunction((want) => {
    const got = (document.querySelector('.map')?.dataset.spotCounts ?? '').split(',').filter(Boolean).sort();
    return JSON.stringify(got) === JSON.stringify(want.map(String).sort());
  }, want);
}

/** Zooms in on lon/lat with the mouse wheel, as a resident would, to `want` or more. */
async function zoomOn(page, at, want) {
  const zoom = async () => Number(await page.locator('.map').getAttribute('data-zoom'));
  for (let i = 0; i < 8 && (await zoom()) < want; i++) {
    const before = await zoom();
    const { x, y } = await pointOf(page, at);
    await page.mouse.move(x, y);
    await page.mouse.wheel(0, -240);
    await page.waitForFunction((z) => Number(document.querySelector('.map').dataset.zoom) > z, before);
  }
  await settled(page);
}

async function tapSpot(page) {
  const { x, y } = await pointOf(page, spotAt());
  await page.mouse.click(x, y);
}

test('on a phone the hall and its two windows are one mark of 3; a tap lists them, and a choice opens its card', async () => {
  const page = await pageAt({ viewport: PHONE });
  await page.goto(`${origin}/?view=map&at=${AT}`);
  const map = page.locator('.map');
  // One mark for the three: a count of 3 on it. (莱山's enterprise green channel
  // stands 6 m from its hall: a mark of 2.) Three marks fewer than outlets.
  await spotCounts(page, [3, 2]);
  assert.equal(Number(await map.getAttribute('data-marks')), outlets().length - 3);
  await zoomOn(page, spotAt(), 15);
  await tapSpot(page);
  const list = page.locator('.map-spot');
  await list.waitFor();
  assert.match(await list.locator('.map-spot-title').innerText(), /这里有 3 个网点/);
  const ids = await list.locator('[data-spot-outlet]').evaluateAll((bs) => bs.map((b) => b.dataset.spotOutlet));
  assert.deepEqual([...ids].sort(), [...HALL].sort());
  const text = await list.innerText();
  for (const name of Object.values(names())) assert.ok(text.includes(name), `${name} in\n${text}`);
  for (const kind of ['政务服务大厅', '出入境', '车管所']) assert.ok(text.includes(kind), `${kind} in\n${text}`);
  assert.equal(await list.locator('.open-state').count(), 3, 'each says whether it is open');
  // The tap did not choose an outlet, and the list is the only thing over the map.
  assert.equal(new URL(page.url()).searchParams.get('outlet'), null);
  assert.equal(await page.locator('.map-card').count(), 0);
  assert.equal(await list.evaluate((l) => l.contains(document.activeElement)), true, 'the focus is on the list');
  await page.addScriptTag({ path: AXE });
  const broken = await page.evaluate(async () => (await window.axe.run('.map-spot', {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  })).violations.map((v) => `${v.id}: ${v.help}`));
  assert.deepEqual(broken, [], 'axe finds nothing in the list');
  await shot(page, 'phone-map-spot');

  // Choosing the driving window is tapping its own mark: its card, then its detail.
  await list.locator('[data-spot-outlet="d01-hall-driving"]').click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('outlet') === 'd01-hall-driving');
  await list.waitFor({ state: 'detached' });
  const card = page.locator('.map-card[data-card-outlet="d01-hall-driving"]');
  await card.waitFor();
  assert.match(await card.innerText(), /烟台市民之家车驾管服务窗口/);

  // Tapped again, the list opens over the card; Escape closes it and the card is back.
  await tapSpot(page);
  await list.waitFor();
  assert.equal(await page.locator('.map-card').count(), 0);
  await page.keyboard.press('Escape');
  await list.waitFor({ state: 'detached' });
  await card.waitFor();
  await card.locator('.map-card-detail').click();
  await page.locator('[data-detail-outlet="d01-hall-driving"]').waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the spot counts the results only: for a passport, the hall and its exit-entry window', async () => {
  const page = await pageAt({ viewport: PHONE });
  await page.goto(`${origin}/?view=map&item=passport&at=${AT}`);
  await spotCounts(page, [2]);
  await zoomOn(page, spotAt(), 15);
  await tapSpot(page);
  const ids = await page.locator('.map-spot [data-spot-outlet]').evaluateAll((bs) => bs.map((b) => b.dataset.spotOutlet));
  assert.deepEqual(ids.sort(), ['d01-hall', 'd01-hall-passport']);
  await page.context().close();
});

test('beside the list on a desktop, in English, the spot is listed on the map and a choice opens its detail', async () => {
  const page = await pageAt({ viewport: { width: 1366, height: 900 } });
  await page.goto(`${origin}/?lang=en&at=${AT}`);
  await spotCounts(page, [3, 2]);
  await zoomOn(page, spotAt(), 15);
  // The pointer over the mark names all three.
  const { x, y } = await pointOf(page, spotAt());
  await page.mouse.move(x - 20, y);
  await page.mouse.move(x, y, { steps: 3 });
  const tip = page.locator('.mark-tip:not([hidden])');
  await tip.waitFor();
  const said = await tip.innerText();
  assert.match(said, /^3 outlets: /);
  for (const name of Object.values(names())) assert.ok(said.includes(name), `${name} in ${said}`);
  await page.mouse.click(x, y);
  const list = page.locator('.map-spot');
  await list.waitFor();
  assert.ok(await list.isVisible(), 'shown from 900 px too');
  assert.match(await list.locator('.map-spot-title').innerText(), /3 outlets here/);
  assert.match(await list.innerText(), /Exit-entry|Vehicle/i);
  await shot(page, 'desktop-map-spot');
  await list.locator('[data-spot-outlet="d01-hall-passport"]').click();
  await page.locator('[data-detail-outlet="d01-hall-passport"]').waitFor();
  await list.waitFor({ state: 'detached' });
  // Closed with ×, too.
  await tapSpot(page);
  await list.waitFor();
  await list.locator('.close').click();
  await list.waitFor({ state: 'detached' });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('长辈版: the spot list\'s choices are at least 60 px tall', async () => {
  const page = await pageAt({ viewport: PHONE });
  await page.addInitScript(() => localStorage.setItem('emap.elder', '1'));
  await page.goto(`${origin}/?view=map&at=${AT}`);
  await spotCounts(page, [3, 2]);
  await zoomOn(page, spotAt(), 15);
  await tapSpot(page);
  const list = page.locator('.map-spot');
  await list.waitFor();
  for (const b of await list.locator('button').all()) {
    const box = await b.boundingBox();
    assert.ok(box.height >= 60, `${await b.innerText()}: ${box.height} px`);
  }
  await shot(page, 'elder-map-spot');
  await page.context().close();
});
