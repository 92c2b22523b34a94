// End to end: data as bureaus really export it (issue 21), through the app's own
// loader in the browser: a POI export of single-position MultiPoints and a booth
// list with coordinates as text load, each cause said once; a file of which nothing
// can be shown says so instead of "the rest show as usual".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp } from './server.mjs';
import { openPage, PHONE } from './browser.mjs';

const files = new Map(); // path → body
let browser, origin;
useApp({
  route(url, req, res) {
    const body = files.get(url.pathname);
    if (!body) return false;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
    return true;
  },
}, (s) => ({ browser, origin } = s));

const config = (outlets) => JSON.stringify({
  title: '导出数据', outlets, catalog: '/data/yantai/catalog.json', center: [121.4479, 37.4638],
  holidays: ['/holidays/2026.json'], tiles: { url: '/tiles/{z}/{x}/{y}.png', attribution: 'test tiles' },
});
const feature = (i, geometry) => ({ type: 'Feature', id: `e${i}`, geometry, properties: { name: `导出网点${i}`, items: ['passport'] } });

test('single-position MultiPoints and coordinates as text load, each cause said once', async () => {
  const features = [
    ...Array.from({ length: 6 }, (_, i) => feature(i, { type: 'MultiPoint', coordinates: [[121.44 + i / 100, 37.46]] })),
    ...Array.from({ length: 4 }, (_, i) => feature(10 + i, { type: 'Point', coordinates: [String(121.45 + i / 100), '37.47'] })),
  ];
  files.set('/exports/poi/outlets.geojson', JSON.stringify({ type: 'FeatureCollection', features }));
  files.set('/exports/poi/config.json', config('outlets.geojson'));
  const page = await openPage(browser, { viewport: PHONE });
  await page.goto(origin + '/?config=/exports/poi/config.json&item=passport&at=121.4479,37.4638&debug=1');
  await page.waitForSelector('[data-outlet-id]');
  assert.equal(await page.locator('[data-outlet-id]').count(), 10, 'every outlet is listed');
  const panel = page.locator('.problems');
  assert.equal(await panel.getAttribute('data-warnings'), '2', 'one warning per cause');
  assert.equal(await panel.getAttribute('data-errors'), '0');
  await panel.locator('summary').click();
  const text = await panel.innerText();
  assert.match(text, /6 个网点的坐标是只含一个点的 MultiPoint/);
  assert.match(text, /4 个网点的坐标写成了文字/);
  assert.match(text, /其余网点信息正常显示/);
  await page.context().close();
});

test('a file of which no outlet can be shown does not say the rest show as usual', async () => {
  const features = Array.from({ length: 3 }, (_, i) => feature(i, { type: 'MultiPoint', coordinates: [[121.4, 37.4], [121.5, 37.5]] }));
  files.set('/exports/none/outlets.geojson', JSON.stringify({ type: 'FeatureCollection', features }));
  files.set('/exports/none/config.json', config('outlets.geojson'));
  const page = await openPage(browser, { viewport: PHONE });
  await page.goto(origin + '/?config=/exports/none/config.json&at=121.4479,37.4638&debug=1');
  const panel = page.locator('.problems');
  await panel.waitFor();
  assert.equal(await panel.getAttribute('data-errors'), '3');
  const text = await panel.innerText();
  assert.doesNotMatch(text, /其余网点信息正常显示/);
  assert.match(text, /没有一个网点能够显示/);
  await page.context().close();
});

test('whole-degree placeholders say 位置待核实, come last, and offer no route', async () => {
  const features = [
    ...Array.from({ length: 3 }, (_, i) => feature(i, { type: 'Point', coordinates: [121.44 + i / 100, 37.46] })),
    // A list where unknown addresses were given their district's whole-degree point.
    ...Array.from({ length: 2 }, (_, i) => feature(10 + i, { type: 'Point', coordinates: [121, 37] })),
  ];
  files.set('/exports/placeholder/outlets.geojson', JSON.stringify({ type: 'FeatureCollection', features }));
  files.set('/exports/placeholder/config.json', config('outlets.geojson'));
  const page = await openPage(browser, { viewport: PHONE });
  // Standing on the placeholder point itself: it must not be "0 米" and first.
  await page.goto(origin + '/?config=/exports/placeholder/config.json&item=passport&at=121,37&debug=1');
  await page.waitForSelector('[data-outlet-id]');
  const ids = await page.locator('[data-outlet-id]').evaluateAll((rows) => rows.map((r) => r.dataset.outletId));
  assert.deepEqual(ids.slice(3).sort(), ['e10', 'e11'], `placeholders last: ${ids}`);
  const row = page.locator('[data-outlet-id="e10"]');
  assert.equal((await row.locator('.result-distance').innerText()).trim(), '位置待核实');
  assert.equal(await row.locator('.row-route').count(), 0, 'no route to a placeholder');
  assert.match(await page.locator('[data-outlet-id="e0"] .result-distance').innerText(), /公里/);
  const panel = page.locator('.problems');
  await panel.locator('summary').click();
  assert.match(await panel.innerText(), /2 个网点的坐标是整数度/);
  // Not drawn on the map, where a mark would send the resident to the wrong place:
  // three marks, for the three with a real position (not a fourth for the two at [121, 37]).
  await page.getByRole('button', { name: '地图', exact: true }).click();
  await page.waitForFunction(() => document.querySelector('.app.show-map .map')?.dataset.marks === '3');
  assert.equal(await page.locator('.map').getAttribute('data-spot-counts'), '');
  await page.getByRole('button', { name: '列表', exact: true }).click();
  await row.locator('.result-button').click();
  assert.match(await page.locator('.detail .unsure-note').innerText(), /位置待核实，不提供路线/);
  assert.equal(await page.locator('.detail .route-link').count(), 0);
  await page.context().close();
});

test('a config without holidays still knows China\'s: National Day closes PH-off outlets', async () => {
  const page = await openPage(browser, { viewport: PHONE });
  await page.clock.setFixedTime(new Date('2026-10-02T10:00:00+08:00'));
  await page.route(/\/config\.json$/, async (route) => {
    const config = await (await route.fetch()).json();
    delete config.holidays;
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(config) });
  });
  await page.goto(origin + '/?item=id-renew&at=121.4479,37.4638');
  await page.waitForSelector('[data-outlet-id][data-open-state]');
  const labels = await page.locator('[data-outlet-id] .open-state').allInnerTexts();
  assert.ok(labels.some((l) => /^国庆节放假/.test(l.trim())), labels.slice(0, 5).join(' | '));
  await page.context().close();
});

test('a much smaller outlets file does not replace the saved copy without a warning', async () => {
  const page = await openPage(browser, { viewport: PHONE });
  await page.goto(origin + '/?at=121.4479,37.4638');
  await page.waitForSelector('[data-outlet-id]');
  // The last good copy is written when the page is idle.
  await page.waitForFunction(async () => {
    const cache = await caches.open('emap-last-good');
    const saved = await cache.match(new URL('data/yantai/outlets.geojson', location.href).href);
    return saved?.headers.get('x-emap-outlets') === '352';
  }, null, { timeout: 10000, polling: 200 });
  await page.route(/outlets\.geojson$/, async (route) => {
    const whole = await (await route.fetch()).json();
    whole.features = whole.features.slice(0, 20);
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(whole) });
  });
  await page.reload();
  await page.waitForSelector('[data-outlet-id]');
  const panel = page.locator('.problems');
  await panel.locator('summary').click();
  assert.match(await panel.innerText(), /网点文件只有 20 个网点，本机 .* 保存的副本有 352 个/);
  await page.waitForTimeout(2500);
  const kept = await page.evaluate(async () => {
    const cache = await caches.open('emap-last-good');
    const saved = await cache.match(new URL('data/yantai/outlets.geojson', location.href).href);
    return saved.headers.get('x-emap-outlets');
  });
  assert.equal(kept, '352', 'the good copy is kept');
  await page.context().close();
});

test('outlets without a catalog are a plain map of outlets, found by name and kind, not labelled sample', async () => {
  const features = [
    { type: 'Feature', id: 'a', geometry: { type: 'Point', coordinates: [121.41, 37.52] }, properties: { name: '向阳派出所', 'addr:district': '芝罘区' } },
    { type: 'Feature', id: 'b', geometry: { type: 'Point', coordinates: [121.46, 37.47] }, properties: { name: '莱山派出所', 'addr:district': '莱山区' } },
    { type: 'Feature', id: 'c', geometry: { type: 'Point', coordinates: [121.39, 37.51] }, properties: { name: '市车辆管理所' } },
  ];
  files.set('/exports/nocatalog/outlets.geojson', JSON.stringify({ type: 'FeatureCollection', features }));
  files.set('/exports/nocatalog/config.json', JSON.stringify({
    title: '某市公安网点', outlets: 'outlets.geojson', center: [121.4479, 37.4638],
    tiles: { url: '/tiles/{z}/{x}/{y}.png', attribution: 'test tiles' } }));
  const page = await openPage(browser, { viewport: PHONE });
  const asked = [];
  page.on('request', (r) => asked.push(r.url()));
  await page.goto(origin + '/?config=/exports/nocatalog/config.json&at=121.4479,37.4638');
  await page.waitForSelector('[data-outlet-id]');
  assert.equal(await page.locator('[data-outlet-id]').count(), 3);
  assert.equal(await page.locator('.sample-tag').count(), 0, 'real data is not labelled 示例数据');
  assert.match(await page.locator('.search-label').innerText(), /找哪个网点/);
  assert.ok(!asked.some((u) => /catalog\.json/.test(u)), asked.join('\n'));
  await page.locator('#need').fill('派出所');
  const ids = await page.locator('.outlet-suggestion').evaluateAll((b) => b.map((x) => x.dataset.foundOutlet));
  assert.deepEqual(ids, ['b', 'a']);
  await page.context().close();
});
