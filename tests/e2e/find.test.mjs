// End to end, issue 20: the search box answers however residents ask, not only by
// need: an office type (派出所, "police station"), an outlet's own name, a district
// that becomes the start point. Release build, the Yantai sample city.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DIST, useApp } from './server.mjs';
import { openPage, shot, queryOnce, PHONE } from './browser.mjs';

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

const gazetteer = () => JSON.parse(fs.readFileSync(path.join(DIST, 'data/yantai/gazetteer.json'), 'utf8')).places;

test('a district becomes the start point: distances are measured from it', async () => {
  const page = await openPage(browser, { viewport: PHONE });
  await page.goto(`${origin}/?at=${AT.join(',')}`);
  await page.waitForSelector('[data-outlet-id]');
  // The gazetteer comes with the first letter typed, not before.
  let asked = false;
  page.on('request', (r) => { if (r.url().endsWith('/gazetteer.json')) asked = true; });
  await page.waitForTimeout(300);
  assert.equal(asked, false, 'no gazetteer before the resident types');
  const arrived = page.waitForResponse((r) => r.url().endsWith('/gazetteer.json'));
  await typed(page, '芝罘区');
  await arrived;
  const place = page.locator('.place-suggestion[data-place="芝罘区"]');
  await page.waitForFunction(() => /区县/.test(document.querySelector('.place-suggestion[data-place="芝罘区"]')?.innerText ?? ''));
  assert.match(await place.innerText(), /从芝罘区起算距离\s*区县 · \d+ 个网点/);
  await place.click();
  await page.waitForFunction(() => !location.search.includes('121.4479'));
  // Where the gazetteer puts the district (it stands for the outlets' own district).
  const want = gazetteer().find((p) => p.name === '芝罘区').lonlat;
  const at = new URL(page.url()).searchParams.get('at').split(',').map(Number);
  assert.ok(metres(at, want) < 5, `at=${at} vs the gazetteer's ${want}`);
  // The nearest row is now one in 芝罘区.
  const first = await page.locator('[data-outlet-id]').first().getAttribute('data-outlet-id');
  assert.equal(features().find((f) => String(f.id) === first).properties['addr:district'], '芝罘区');
  await page.context().close();
});

test('a station, a street or an estate from the gazetteer becomes the start point, by name or pinyin', async () => {
  const page = await openPage(browser, { viewport: PHONE });
  await page.goto(`${origin}/?at=${AT.join(',')}`);
  await page.waitForSelector('[data-outlet-id]');
  const station = gazetteer().find((p) => p.name === '烟台南站');
  await typed(page, '烟台南站');
  const place = page.locator('.place-suggestion[data-place="烟台南站"]');
  await place.waitFor();
  assert.match(await place.innerText(), /从烟台南站起算距离\s*车站/);
  await shot(page, 'find-place-station');
  await place.click();
  await page.waitForFunction(() => !location.search.includes('121.4479'));
  const at = new URL(page.url()).searchParams.get('at').split(',').map(Number);
  assert.ok(metres(at, station.lonlat) < 5, `at=${at} vs ${station.lonlat}`);
  // The first row is the outlet nearest the station.
  const want = features().map((f) => [metres(station.lonlat, f.geometry.coordinates), String(f.id)]).sort((a, b) => a[0] - b[0])[0][1];
  await page.waitForFunction((id) => document.querySelector('[data-outlet-id]')?.dataset.outletId === id, want);
  // Typed as pinyin initials, the street is found too.
  await typed(page, 'ndj');
  await page.locator('.place-suggestion[data-place="南大街"]').waitFor();
  await page.context().close();
});

test('in English a place is named as the gazetteer names it in English', async () => {
  const page = await openPage(browser, { viewport: PHONE });
  await page.goto(`${origin}/?lang=en&at=${AT.join(',')}`);
  await page.waitForSelector('[data-outlet-id]');
  await typed(page, '烟台站');
  const place = page.locator('.place-suggestion[data-place="烟台站"]');
  await place.waitFor();
  assert.match(await place.innerText(), /Measure distances from Yantai Railway Station\s*Station/);
  await page.context().close();
});

test('with location denied, a typed place beside 在地图上选位置 becomes the start point', async () => {
  const page = await openPage(browser, { viewport: PHONE });
  await page.goto(`${origin}/`);
  await page.waitForSelector('[data-outlet-id]');
  await page.waitForSelector('.location-note[data-origin="city-centre"]');
  await page.locator('.type-place').click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'place-input', 'the field takes the focus');
  await page.locator('#place-input').fill('烟台站');
  const choice = page.locator('.place-choice[data-place="烟台站"]');
  await choice.waitFor();
  assert.match(await choice.innerText(), /烟台站\s*车站/);
  await shot(page, 'phone-type-a-place');
  await choice.click();
  await page.waitForSelector('.location-note[data-origin="chosen"]');
  assert.equal(await page.locator('#place-input').count(), 0, 'the field closes');
  const station = gazetteer().find((p) => p.name === '烟台站');
  const at = (await queryOnce(page, { at: true })).at.split(',').map(Number);
  assert.ok(metres(at, station.lonlat) < 5, `at=${at} vs ${station.lonlat}`);
  const want = features().map((f) => [metres(station.lonlat, f.geometry.coordinates), String(f.id)]).sort((a, b) => a[0] - b[0])[0][1];
  await page.waitForFunction((id) => document.querySelector('[data-outlet-id]')?.dataset.outletId === id, want);
  // A place that is not there is said, not an empty box.
  await page.locator('.type-place').click();
  await page.locator('#place-input').fill('火星基地');
  await page.locator('.place-input .no-match').waitFor();
  await page.context().close();
});
