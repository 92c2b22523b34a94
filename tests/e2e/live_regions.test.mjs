// End to end, issue 19: a pack's live status split by region (`status/{region}.json`):
// a phone polls only the feeds of the regions near it, and their figures show.
// Fixture: the national pack of packs.test.mjs (tests/e2e/fixtures/pack).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { useApp } from './server.mjs';
import { openPage, shot, PHONE } from './browser.mjs';

const PACK = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/pack');
const manifest = JSON.parse(fs.readFileSync(path.join(PACK, 'outlets.pack.json'), 'utf8'));
const BEIJING = [116.40, 39.90];
const NOW = '2026-12-04T10:05:00+08:00';
/** Kilometres from a point to a region's box, as the app measures it (near enough). */
const km = ([lon, lat], [w, s, e, n]) => {
  const x = (Math.min(Math.max(lon, w), e) - lon) * 111.32 * Math.cos((lat * Math.PI) / 180);
  const y = (Math.min(Math.max(lat, s), n) - lat) * 110.57;
  return Math.hypot(x, y);
};
const near = manifest.regions.filter((r) => km(BEIJING, r.bbox) <= 30).map((r) => r.file.replace(/\.json$/, ''));
const firstOutlet = (file) => JSON.parse(fs.readFileSync(path.join(PACK, file), 'utf8')).outlets[0][0];

let browser, origin;
useApp({
  route(url, req, res) {
    if (url.pathname === '/fixtures/pack/config-live.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ title: '全国测试', outlets: 'outlets.pack.json', catalog: '/data/yantai/catalog.json',
        status: 'status/{region}.json', status_fresh_minutes: 15,
        holidays: ['/holidays/2026.json'], center: BEIJING, zoom: 9, tiles: { url: '/tiles/{z}/{x}/{y}.svg', datum: 'wgs84', attribution: 'test tiles' } }));
      return true;
    }
    return false;
  },
}, (s) => ({ browser, origin } = s));

test('a phone in Beijing polls only the feeds of the regions near it, and their figures show', async () => {
  assert.ok(near.length >= 1 && near.length < manifest.regions.length, `near: ${near}`);
  const page = await openPage(browser, { viewport: PHONE });
  await page.clock.setFixedTime(new Date(NOW));
  const asked = [];
  await page.route(/\/fixtures\/pack\/status\/[^/]+\.json$/, (route) => {
    const region = path.basename(new URL(route.request().url()).pathname, '.json');
    asked.push(region);
    const id = firstOutlet(`${region}.json`);
    route.fulfill({ status: 200, contentType: 'application/json',
      body: JSON.stringify({ as_of: '2026-12-04T10:04', outlets: { [id]: { waiting: 7, windows_open: 2, wait_minutes: 14 } } }) });
  });
  const beijing = near.map((r) => firstOutlet(`${r}.json`));
  await page.goto(`${origin}/?config=/fixtures/pack/config-live.json&outlet=${beijing[0]}&at=${BEIJING.join(',')}`);
  const live = page.locator('.detail .live-status');
  await live.waitFor({ timeout: 15000 });
  assert.match(await live.innerText(), /排队 7 人 · 约 14 分钟/);
  await page.waitForFunction(() => document.querySelector('.app')?.dataset.complete === 'true');
  assert.deepEqual([...new Set(asked)].sort(), [...near].sort(), 'only the near regions were polled');
  await shot(page, 'live-regions-detail');
  await page.context().close();
});
