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
