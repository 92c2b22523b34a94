// End to end, issue 6: with thousands of outlets the map clusters what is in view
// instead of drawing every outlet, zooming in splits the clusters, and the list draws
// only the rows on screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp } from './server.mjs';
import { openPage, shot, DESKTOP } from './browser.mjs';

const COUNT = 5000;
function outlets() {
  let s = 20261122;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const features = [];
  for (let i = 0; i < COUNT; i++) {
    features.push({ type: 'Feature', id: `m${i}`, geometry: { type: 'Point', coordinates: [121.0 + rnd() * 1.0, 37.0 + rnd() * 0.8] },
      properties: { name: `测试派出所${i}`, kind: 'police_station', items: ['id-renew'], opening_hours: '24/7' } });
  }
  return JSON.stringify({ type: 'FeatureCollection', features });
}

let browser, origin;
useApp(() => {
  const many = outlets();
  return {
    route(url, req, res) {
      if (url.pathname === '/fixtures/many/config.json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ title: '压力测试', outlets: '/fixtures/many/outlets.geojson', catalog: '/data/yantai/catalog.json',
          center: [121.5, 37.4], zoom: 9, tiles: { url: '/tiles/{z}/{x}/{y}.svg', datum: 'wgs84', attribution: 'test tiles' } }));
        return true;
      }
      if (url.pathname === '/fixtures/many/outlets.geojson') {
        res.writeHead(200, { 'content-type': 'application/geo+json' });
        res.end(many);
        return true;
      }
      return false;
    },
  };
}, (s) => ({ browser, origin } = s));

test(`${COUNT} outlets: the map draws clusters of what is in view, and zooming in splits them`, async () => {
  const page = await openPage(browser, { viewport: DESKTOP });
  await page.goto(`${origin}/?config=/fixtures/many/config.json&item=id-renew&at=121.5,37.4`);
  await page.waitForSelector('[data-outlet-id]');
  const map = page.locator('.map');
  await page.waitForFunction(() => Number(document.querySelector('.map').dataset.clusters) > 0);
  const marks = async () => ({ marks: Number(await map.getAttribute('data-marks')), clusters: Number(await map.getAttribute('data-clusters')) });
  const wide = await marks();
  assert.ok(wide.marks < 600, `zoomed out: ${wide.marks} marks for ${COUNT} outlets`);
  // Each cluster shows how many outlets it holds; together no more than there are.
  // (Drawn on the canvas; the map element lists them for tests.)
  const counts = (await map.getAttribute('data-cluster-counts')).split(',').map(Number);
  assert.equal(counts.length, wide.clusters);
  assert.ok(counts.every((n) => n >= 2), counts.join());
  assert.ok(counts.reduce((a, b) => a + b, 0) + (wide.marks - wide.clusters) <= COUNT);
  await shot(page, 'desktop-clusters');
  // The list is the full, nearest-first answer, but only the rows on screen (and a
  // few either side) are in the page; the scroll bar still spans all of them.
  assert.match(await page.locator('.result-count').innerText(), new RegExp(`^${COUNT} 个网点`));
  const drawn = await page.locator('[data-outlet-id]').count();
  assert.ok(drawn > 3 && drawn <= 40, `${drawn} rows drawn of ${COUNT}`);
  assert.equal(await page.locator('.result').first().getAttribute('aria-setsize'), String(COUNT));
  const pane = page.locator('.list-pane');
  assert.ok(await pane.evaluate((e) => e.scrollHeight > 100 * e.clientHeight), 'the pane scrolls the length of the list');
  const metres = (t) => parseFloat(t) * (t.includes('公里') ? 1000 : 1);
  const distances = async () => (await page.locator('.result-distance').allInnerTexts()).map(metres);
  const nearFirst = await distances();
  // Scrolled to the end: the farthest outlets, the last one numbered 5000.
  await pane.evaluate((e) => { e.scrollTop = e.scrollHeight; });
  await page.waitForSelector(`.result[aria-posinset="${COUNT}"]`);
  assert.ok(await page.locator('[data-outlet-id]').count() <= 40);
  const farLast = await distances();
  assert.ok(Math.min(...farLast) >= Math.max(...nearFirst), `${farLast} after ${nearFirst}`);
  const last = await page.locator(`.result[aria-posinset="${COUNT}"]`).boundingBox();
  const box = await pane.boundingBox();
  assert.ok(last.y + last.height <= box.y + box.height + 2 && last.y >= box.y, 'the last row is in view at the end');
  // Halfway down, the rows around the middle are drawn.
  await pane.evaluate((e) => { e.scrollTop = e.scrollHeight / 2; });
  await page.waitForFunction((n) => [...document.querySelectorAll('.result')].some((r) => Math.abs(r.getAttribute('aria-posinset') - n / 2) < 100), COUNT);
  await shot(page, 'desktop-list-middle');
  await pane.evaluate((e) => { e.scrollTop = 0; });
  await page.waitForSelector('.result[aria-posinset="1"]');
  for (let i = 0; i < 5; i++) {
    await page.locator('.leaflet-control-zoom-in').click();
    await page.waitForTimeout(400);
  }
  await page.waitForFunction((before) => Number(document.querySelector('.map').dataset.clusters) < before, wide.clusters);
  const close = await marks();
  assert.ok(close.marks - close.clusters > 0, `single outlets appear when zoomed in: ${JSON.stringify(close)}`);
  // Selecting an outlet from the list draws it on its own, whatever the clusters.
  await page.locator('.result-button').first().click();
  await page.waitForSelector('[data-detail-outlet]');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
