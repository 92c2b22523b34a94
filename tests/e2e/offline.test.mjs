// End to end, issue 5: installable and usable offline. The service worker keeps the
// app shell and recent tiles; the app keeps its last good data and says how old it is;
// online again, it refreshes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp } from './server.mjs';
import { openPage, shot, PHONE, everyRow } from './browser.mjs';

/** The ids of the whole result list, in order (scrolled through). */
const listIds = async (page) => (await everyRow(page)).map((r) => r.id);

let browser, origin;
useApp({}, (s) => ({ browser, origin } = s));

test('the manifest is linked and describes an installable app', async () => {
  const page = await openPage(browser, { viewport: PHONE });
  await page.goto(`${origin}/`);
  const href = await page.getAttribute('link[rel=manifest]', 'href');
  const res = await page.request.get(new URL(href, origin).href);
  assert.equal(res.headers()['content-type'], 'application/manifest+json');
  const m = await res.json();
  assert.equal(m.start_url, './');
  assert.equal(m.display, 'standalone');
  assert.ok(m.name.includes('电子地图'));
  assert.ok(m.icons.length > 0);
  const icon = await page.request.get(new URL(m.icons[0].src, new URL(href, origin)).href);
  assert.equal(icon.status(), 200);
  await page.context().close();
});

test('offline the app opens from the service worker with the last data and its date; online again it refreshes', async () => {
  // Tiles from the test server (the worker's own requests bypass page routing).
  const page = await openPage(browser, { viewport: PHONE, serviceWorkers: 'allow' });
  await page.goto(`${origin}/?config=/fixtures/offline/config.json&item=passport&at=121.4479,37.4638`);
  await page.waitForSelector('[data-outlet-id]');
  await page.evaluate(() => navigator.serviceWorker.ready);
  // Seen once under the worker's control: the map's tiles are kept too.
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.waitForSelector('[data-outlet-id]');
  const online = await listIds(page);
  await page.getByRole('button', { name: '地图', exact: true }).click();
  await page.waitForFunction(() => document.querySelectorAll('.leaflet-tile-loaded').length > 0);

  await page.context().setOffline(true);
  await page.reload();
  const banner = page.locator('.offline-banner');
  await banner.waitFor({ timeout: 20000 });
  assert.match(await banner.innerText(), /^离线：显示 \d{4}-\d\d-\d\d \d\d:\d\d 保存的数据$/);
  // The reload kept the map view (?view=map); the list is a tap away.
  await page.getByRole('button', { name: '列表', exact: true }).click();
  assert.deepEqual(await listIds(page), online);
  const tiles = await page.evaluate(async () => (await (await caches.open('emap-tiles-v1')).keys()).length);
  assert.ok(tiles > 0, 'recent tiles are kept');
  await shot(page, 'phone-offline');

  await page.context().setOffline(false);
  await page.waitForSelector('.offline-banner', { state: 'detached', timeout: 20000 });
  await page.waitForSelector('[data-outlet-id]');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
