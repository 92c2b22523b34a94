// End to end, issue 6: a national pack (`emap pack`) shows the resident's own area
// before the rest of the country has arrived, then the whole country; a broken row in
// a far region is reported by file and id while every other outlet shows.
// Fixture: tests/e2e/fixtures/pack/, made with
//   emap national --count 1200 /tmp/n && emap pack /tmp/n/outlets.geojson -o tests/e2e/fixtures/pack --region-size 200
// then one coordinate in outlets-002.json (row id cn93, Ürümqi) replaced by "east".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { useApp } from './server.mjs';
import { openPage, shot, DESKTOP } from './browser.mjs';

const PACK = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/pack');
const manifest = JSON.parse(fs.readFileSync(path.join(PACK, 'outlets.pack.json'), 'utf8'));
const BEIJING = [116.40, 39.90];
// Regions whose box is far (more than 100 km) from the resident: held back by the
// server until the test lets them go, so the in-between state can be looked at.
const km = ([lon, lat], [w, s, e, n]) => {
  const x = (Math.min(Math.max(lon, w), e) - lon) * 111.32 * Math.cos((lat * Math.PI) / 180);
  const y = (Math.min(Math.max(lat, s), n) - lat) * 110.57;
  return Math.hypot(x, y);
};
const far = new Set(manifest.regions.filter((r) => km(BEIJING, r.bbox) > 100).map((r) => r.file));

let browser, origin, release;
let held = [];
const requested = [];
useApp({
    route(url, req, res) {
      if (url.pathname === '/fixtures/pack/config.json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ title: '全国测试', outlets: 'outlets.pack.json', catalog: '/data/yantai/catalog.json',
          holidays: ['/holidays/2026.json'], center: BEIJING, zoom: 9, tiles: { url: '/tiles/{z}/{x}/{y}.svg', datum: 'wgs84', attribution: 'test tiles' } }));
        return true;
      }
      const file = url.pathname.startsWith('/fixtures/pack/') && path.basename(url.pathname);
      if (file) requested.push(file);
      if (file && far.has(file) && release) {
        held.push(() => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(fs.readFileSync(path.join(PACK, file))); });
        return true;
      }
      return false;
    },
  }, (s) => ({ browser, origin } = s));

// Lets the held regions go, and any still to be asked for.
const letGo = () => { const h = held; held = []; release = false; h.forEach((f) => f()); };

test('a pack: the nearby regions show first, the rest of the country follows, a broken row costs only itself', async () => {
  assert.ok(far.size >= 4 && far.size < manifest.regions.length, `${far.size} of ${manifest.regions.length} regions are far`);
  release = true;
  const before = requested.length;
  const page = await openPage(browser, { viewport: DESKTOP });
  await page.goto(`${origin}/?config=/fixtures/pack/config.json&at=${BEIJING.join(',')}`);
  await page.waitForSelector('[data-outlet-id]');
  // Only the near regions are in: results are from around Beijing, and the page says more is coming.
  const app = page.locator('.app');
  assert.equal(await app.getAttribute('data-complete'), 'false');
  const status = page.locator('.regions-loading');
  assert.match(await status.innerText(), /先显示您附近的网点；正在载入其他地区（\d+\/8）/);
  const partial = Number((await page.locator('.result-count').innerText()).match(/(\d+) 个/)[1]);
  assert.ok(partial > 0 && partial < 1200, `partial count ${partial}`);
  const nearest = await page.locator('.result-name').first().innerText();
  assert.match(nearest, /^北京/);
  await shot(page, 'desktop-pack-partial');
  // The far regions are asked for at once, not one after another (as many as the
  // browser's 6 connections to one host allow).
  const atOnce = Math.min(far.size, 6);
  for (let i = 0; i < 50 && held.length < atOnce; i++) await page.waitForTimeout(100);
  assert.equal(held.length, atOnce, 'far regions requested together while the near ones show');

  letGo();
  await page.waitForSelector('.app[data-complete="true"]');
  assert.equal(await status.count(), 0, 'the status line goes');
  // 1,200 outlets in the pack, one row broken: 1,199 shown.
  assert.match(await page.locator('.result-count').innerText(), /全部 1199 个服务网点/);
  assert.equal(await page.locator('.result-name').first().innerText(), nearest, 'the nearest stays first');
  const problems = page.locator('.problems');
  assert.equal(await problems.getAttribute('data-errors'), '1');
  await problems.locator('summary').click();
  const said = await problems.locator('.problem-list').innerText();
  assert.match(said, /outlets-002\.json outlets\[\d+\]/);
  assert.match(said, /cn93/);
  assert.match(said, /"east"/);
  // Each file asked for once: the manifest read by boot.js while the wasm loaded and
  // handed to the app, the region Beijing is in preloaded then, and used.
  const counts = {};
  for (const f of requested.slice(before)) counts[f] = (counts[f] ?? 0) + 1;
  assert.equal(counts['outlets.pack.json'], 1);
  assert.deepEqual(Object.entries(counts).filter(([, n]) => n !== 1), [], 'each file once');
  assert.equal(Object.keys(counts).length, manifest.regions.length + 1);
  const inBeijing = manifest.regions.filter((r) => km(BEIJING, r.bbox) === 0).map((r) => r.file);
  const preloaded = await page.$$eval('link[rel=preload][as=fetch]', (ls) => ls.map((l) => l.href.split('/').pop()));
  assert.ok(inBeijing.length > 0 && inBeijing.every((f) => preloaded.includes(f)), `${inBeijing} in ${preloaded}`);
  const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name));
  for (const m of ['emap:data-ready', 'emap:first-results', 'emap:all-loaded']) assert.ok(marks.includes(m), m);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a link to an outlet in a far region opens it once its region has arrived', async () => {
  // An Ürümqi outlet from a far region (not the broken row).
  const region = fs.readFileSync(path.join(PACK, 'outlets-002.json'), 'utf8');
  const id = JSON.parse(region.split('\n').find((l) => l.startsWith('["cn') && !l.includes('"east"')).replace(/,$/, ''))[0];
  release = true;
  const page = await openPage(browser, { viewport: DESKTOP });
  await page.goto(`${origin}/?config=/fixtures/pack/config.json&at=${BEIJING.join(',')}&outlet=${id}`);
  await page.waitForSelector('[data-outlet-id]');
  assert.equal(await page.locator('[data-detail-outlet]').count(), 0);
  assert.match(page.url(), new RegExp(`outlet=${id}`), 'the link keeps the outlet while it loads');
  for (let i = 0; i < 50 && held.length < Math.min(far.size, 6); i++) await page.waitForTimeout(100);
  letGo();
  await page.waitForSelector(`[data-detail-outlet="${id}"]`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a link to an outlet no region has is let go once everything has loaded', async () => {
  const page = await openPage(browser, { viewport: DESKTOP });
  await page.goto(`${origin}/?config=/fixtures/pack/config.json&at=${BEIJING.join(',')}&outlet=no-such-outlet`);
  await page.waitForSelector('.app[data-complete="true"]');
  await page.waitForFunction(() => !location.search.includes('outlet='));
  assert.equal(await page.locator('[data-detail-outlet]').count(), 0);
  assert.match(await page.locator('.stale-outlet').innerText(), /“no-such-outlet”在网点数据中找不到/);
  await page.context().close();
});
