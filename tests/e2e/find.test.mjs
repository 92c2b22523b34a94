// End to end, issue 20: the search box answers however residents ask, not only by
// need: an office type (派出所, "police station"), an outlet's own name, a district
// that becomes the start point. Release build, the Yantai sample city.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DIST, useApp } from './server.mjs';
import { openPage, shot, PHONE } from './browser.mjs';

let browser, origin;
useApp({}, (s) => ({ browser, origin } = s));

const AT = [121.4479, 37.4638];
const features = () => JSON.parse(fs.readFileSync(path.join(DIST, 'data/yantai/outlets.geojson'), 'utf8')).features;
/** Metres on the sphere, as the app measures them. */
function metres([lon1, lat1], [lon2, lat2]) {
  const r = (d) => (d * Math.PI) / 180;
  const a = Math.sin(r(lat2 - lat1) / 2) ** 2 + Math.cos(r(lat1)) * Math.cos(r(lat2)) * Math.sin(r(lon2 - lon1) / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(a));
}
const nearest = (list) => list.map((f) => [metres(AT, f.geometry.coordinates), String(f.id)]).sort((a, b) => a[0] - b[0]).map(([, id]) => id);

async function typed(page, text) {
  await page.locator('#need').fill(text);
  await page.locator('.suggestions').first().waitFor();
}

test('派出所 and "police station" list the nearest police stations; a tap opens one', async () => {
  const page = await openPage(browser, { viewport: PHONE });
  await page.goto(`${origin}/?at=${AT.join(',')}`);
  await page.waitForSelector('[data-outlet-id]');
  const want = nearest(features().filter((f) => f.properties.kind === 'police_station')).slice(0, 5);
  await typed(page, '派出所');
  const found = () => page.locator('.outlet-suggestion').evaluateAll((b) => b.map((x) => x.dataset.foundOutlet));
  assert.deepEqual(await found(), want);
  assert.match(await page.locator('.suggestion-group').innerText(), /派出所 · 共 142 个/);
  assert.equal(await page.locator('.no-match').count(), 0, 'not "nothing found"');
  await shot(page, 'find-police-station');
  await typed(page, 'police station');
  assert.deepEqual(await found(), want);
  await page.locator('.outlet-suggestion').first().click();
  await page.locator('#detail-name').waitFor();
  const name = features().find((f) => String(f.id) === want[0]).properties.name;
  assert.equal((await page.locator('#detail-name').innerText()).trim(), name);
  assert.match(page.url(), new RegExp(`outlet=${want[0]}`));
  await page.context().close();
});

test('an outlet\'s own name finds it', async () => {
  const page = await openPage(browser, { viewport: PHONE });
  await page.goto(`${origin}/?at=${AT.join(',')}`);
  await page.waitForSelector('[data-outlet-id]');
  const some = features().find((f) => f.properties.kind === 'vehicle_admin');
  await typed(page, some.properties.name);
  const ids = await page.locator('.outlet-suggestion').evaluateAll((b) => b.map((x) => x.dataset.foundOutlet));
  assert.ok(ids.includes(String(some.id)), `${some.properties.name}: ${ids}`);
  await page.context().close();
});

test('a district becomes the start point: distances are measured from it', async () => {
  const page = await openPage(browser, { viewport: PHONE });
  await page.goto(`${origin}/?at=${AT.join(',')}`);
  await page.waitForSelector('[data-outlet-id]');
  await typed(page, '芝罘区');
  const place = page.locator('.place-suggestion[data-place="芝罘区"]');
  assert.match(await place.innerText(), /从芝罘区起算距离/);
  await place.click();
  await page.waitForFunction(() => !location.search.includes('121.4479'));
  const inside = features().filter((f) => f.properties['addr:district'] === '芝罘区');
  const mid = [0, 1].map((k) => inside.reduce((s, f) => s + f.geometry.coordinates[k], 0) / inside.length);
  const at = new URL(page.url()).searchParams.get('at').split(',').map(Number);
  assert.ok(metres(at, mid) < 5, `at=${at} vs the district's middle ${mid}`);
  // The nearest row is now one in 芝罘区.
  const first = await page.locator('[data-outlet-id]').first().getAttribute('data-outlet-id');
  assert.equal(features().find((f) => String(f.id) === first).properties['addr:district'], '芝罘区');
  await page.context().close();
});
