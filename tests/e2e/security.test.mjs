// End to end: hostile data, hostile links, a strict Content-Security-Policy, and
// what leaves the device. The release build in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start, DIST, CSP } from './server.mjs';

const TILES = 'https://tile.openstreetmap.org';
import { launch, openPage, shot, pointOf, PHONE, DESKTOP } from './browser.mjs';

const HOSTILE = path.resolve(path.dirname(new URL(import.meta.url).pathname), 'fixtures/hostile');
const BIG_NOTE_CHARS = 10 * 1024 * 1024;

/** The hostile outlets plus one valid outlet whose note is 10 MB, made here rather than committed. */
function hostileOutlets() {
  const doc = JSON.parse(fs.readFileSync(path.join(HOSTILE, 'outlets.geojson'), 'utf8'));
  doc.features.push({
    type: 'Feature', id: 'h-big', geometry: { type: 'Point', coordinates: [121.46, 37.56] },
    properties: { name: '十兆通知派出所', items: ['h-item'], notice: '<script>window.__pwned=12</script>很长的通知'.repeat(BIG_NOTE_CHARS / 40) },
  });
  return JSON.stringify(doc);
}

let browser, server, origin, other, otherOrigin, plain, plainOrigin;
const dynamic = new Map(); // path → [content type, body, headers], for configs made by a test
let bigOutlets;
let connectSrc = null; // a connect-src for the page, when a test lists other data origins

before(async () => {
  assert.ok(fs.existsSync(path.join(DIST, 'index.html')), 'dist/ is missing: run `trunk build --release` first');
  bigOutlets = hostileOutlets();
  ({ server, origin } = await start({
    headers: { 'content-security-policy': CSP },
    route(url, req, res) {
      if (connectSrc && url.pathname === '/') {
        // README: data_origins must also be in the header's connect-src.
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': `${CSP}; connect-src ${connectSrc}` });
        res.end(fs.readFileSync(path.join(DIST, 'index.html')));
        return true;
      }
      if (url.pathname === '/fixtures/hostile/outlets.geojson') {
        res.writeHead(200, { 'content-type': 'application/geo+json', 'content-security-policy': CSP });
        res.end(bigOutlets);
        return true;
      }
      const d = dynamic.get(url.pathname);
      if (!d) return false;
      res.writeHead(200, { 'content-type': d[0], ...(d[2] ?? {}) });
      res.end(d[1]);
      return true;
    },
  }));
  // Another origin, listed in one test's data_origins.
  ({ server: other, origin: otherOrigin } = await start({ headers: { 'access-control-allow-origin': '*' } }));
  // No CSP at all: hostile data must run nothing because of the app, not the header.
  ({ server: plain, origin: plainOrigin } = await start({
    route(url, req, res) {
      if (url.pathname !== '/fixtures/hostile/outlets.geojson') return false;
      res.writeHead(200, { 'content-type': 'application/geo+json' });
      res.end(bigOutlets);
      return true;
    },
  }));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
  other?.close();
  plain?.close();
});

/** A page that records CSP violations, console errors, dialogs and navigations. */
async function watchedPage(options) {
  const page = await openPage(browser, options);
  page.violations = [];
  page.consoleErrors = [];
  page.dialogs = [];
  page.navigations = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window.__violations ??= []).push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.on('console', (m) => { if (m.type() === 'error') page.consoleErrors.push(m.text()); });
  page.on('dialog', (d) => { page.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) page.navigations.push(f.url()); });
  page.violations = () => page.evaluate(() => window.__violations ?? []);
  return page;
}

/** Moves the mouse onto the marker at lon/lat. Markers are drawn on a canvas, so
 * the point is found from a loaded tile's place on screen (Web Mercator). */
async function hoverMarker(page, lon, lat) {
  const { x, y } = await pointOf(page, [lon, lat]);
  await page.mouse.move(x - 20, y);
  await page.mouse.move(x, y, { steps: 3 });
}

const rowIds = (page) => page.$$eval('[data-outlet-id]', (rows) => rows.map((r) => r.dataset.outletId));

test('under a strict Content-Security-Policy the app loads, searches, shows detail, map and QR code', async () => {
  const page = await watchedPage({ viewport: PHONE, tiles: 'serve' });
  const response = await page.goto(origin + '/?at=121.4479,37.4638');
  assert.equal(response.headers()['content-security-policy'], CSP);
  assert.equal(await page.locator('script:not([src])').count(), 0, 'no inline script in the page');
  await page.waitForSelector('[data-outlet-id]');
  await page.fill('#need', 'sfz');
  await page.locator('.suggestion').first().click();
  await page.waitForSelector('[data-chosen-item]');
  await page.locator('.result-button').first().click();
  await page.locator('.detail .route-links').waitFor();
  await page.getByRole('button', { name: '手机扫码继续' }).click();
  await page.locator('.qr .qr-code svg').waitFor();
  await page.locator('.guide-details summary').click();
  await page.getByRole('button', { name: '地图', exact: true }).click();
  await page.locator('.leaflet-tile-loaded').first().waitFor();
  await page.getByRole('button', { name: '长辈版' }).click();
  await page.waitForSelector('.app.elder');
  await shot(page, 'csp-map');
  assert.deepEqual(await page.violations(), []);
  assert.deepEqual(page.consoleErrors.filter((e) => /Content Security Policy|Refused/.test(e)), []);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a hostile dataset: valid outlets show, no payload runs, the problems panel lists the rest', async () => {
  const page = await watchedPage({ viewport: DESKTOP, tiles: 'serve' });
  const started = Date.now();
  await page.goto(plainOrigin + '/?config=/fixtures/hostile/config.json&at=121.42,37.52');
  const panel = page.locator('.problems');
  await panel.waitFor({ timeout: 30000 });
  const loadedIn = Date.now() - started;
  assert.ok(loadedIn < 20000, `the 10 MB note took ${loadedIn} ms`);
  // Every feature with a usable position, whatever its strings; the rest skipped.
  assert.deepEqual([...await rowIds(page)].sort(), ['h-big', 'h-dup', 'h-dup~2', 'h-ok-1', 'h-ok-2', 'h-props']);
  assert.equal(await panel.getAttribute('data-errors'), '10'); // 7 features, 3 items
  await panel.locator('summary').click();
  const details = await panel.locator('.problem-list').innerText();
  for (const why of ['h-far', 'h-lat', 'h-str', 'h-nan', 'h-nogeom', 'duplicate id', 'javascript', 'data:text/html',
    'vbscript', 'h-bad', 'duplicate item id', 'empty id', 'characters long']) {
    assert.ok(details.includes(why), `problems list mentions ${why}:\n${details}`);
  }
  // Markup is text: the name reads as written, and no element came from it.
  const list = await page.locator('.result-list').innerText();
  assert.ok(list.includes('<img src=x onerror="window.__pwned=1">恶意名称派出所'), list);
  // Open every outlet's detail, the item's guide with its materials, each tooltip.
  for (const id of await rowIds(page)) {
    await page.click(`[data-outlet-id="${id}"] button`);
    await page.locator(`[data-detail-outlet="${id}"]`).waitFor();
  }
  await page.click('[data-outlet-id="h-ok-1"] button');
  const detail = await page.locator('.detail').innerText();
  for (const text of ['恶意地址', '通知', '预约说明']) assert.ok(detail.includes(text), `${text} in ${detail}`);
  await page.fill('#need', '恶意');
  await page.locator('.suggestion').first().click();
  await page.waitForSelector('[data-chosen-item=h-item]');
  await page.locator('.guide-details summary').click();
  assert.match(await page.locator('.guide').innerText(), /材料一/);
  await hoverMarker(page, 121.40, 37.50);
  await page.locator('.mark-tip:not([hidden])').waitFor();
  assert.match(await page.locator('.mark-tip').innerText(), /<img src=x onerror/);
  assert.equal(await page.locator('.mark-tip *').count(), 0, 'the tooltip holds text only');
  // The 10 MB note is cut to a page, not dropped and not shown whole.
  await page.click('[data-outlet-id="h-big"] button');
  const note = await page.locator('[data-detail-outlet="h-big"] .notice').innerText();
  assert.ok(note.length > 1000 && note.length < 3000, `note of ${note.length} characters`);
  await shot(page, 'desktop-hostile');

  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no payload ran');
  assert.deepEqual(page.dialogs, []);
  assert.ok(page.navigations.every((u) => u.startsWith(plainOrigin + '/')), page.navigations.join('\n'));
  const made = await page.$$eval('.app img:not(.leaflet-tile), .app script, .app iframe, .app [onerror], .app [onload]', (els) => els.map((e) => e.outerHTML));
  assert.deepEqual(made, []);
  const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')));
  assert.ok(hrefs.every((h) => !/^\s*(javascript|data|vbscript):/i.test(h) && !/java\s+script/i.test(h)), hrefs.join('\n'));
  assert.deepEqual(await page.violations(), []);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('every request of a session goes to the app or the tile host, and never carries the position or the search', async () => {
  const page = await watchedPage({ viewport: PHONE, tiles: 'serve' });
  const requests = [];
  page.on('request', (r) => requests.push({ url: r.url(), referer: r.headers().referer ?? '', nav: r.isNavigationRequest() }));
  await page.goto(origin + '/?at=121.4479,37.4638');
  await page.waitForSelector('[data-outlet-id]');
  await page.fill('#need', '护照');
  await page.locator('.suggestion').first().click();
  await page.waitForSelector('[data-chosen-item=passport]');
  await page.fill('#need', 'huzhao');
  await page.locator('.suggestion').first().waitFor();
  const id = await page.locator('[data-outlet-id]').first().getAttribute('data-outlet-id');
  await page.locator('.result-button').first().click();
  await page.locator('.detail .route-links').waitFor();
  for (const mode of await page.locator('.detail .mode').all()) await mode.click();
  await page.getByRole('button', { name: '手机扫码继续' }).click();
  await page.locator('.qr .qr-code svg').waitFor();
  await page.locator('.detail .show-on-map').click();
  await page.locator('.leaflet-tile-loaded').first().waitFor();
  const geo = JSON.parse(fs.readFileSync(path.join(DIST, 'data/yantai/outlets.geojson'), 'utf8'));
  await hoverMarker(page, ...geo.features.find((f) => f.id === id).geometry.coordinates);
  await page.locator('.mark-tip:not([hidden])').waitFor();
  await page.getByRole('button', { name: '列表', exact: true }).click();
  await page.waitForTimeout(500);

  const foreign = requests.filter((r) => !r.url.startsWith(origin + '/') && !r.url.startsWith(TILES + '/'));
  assert.deepEqual(foreign, [], 'only the app origin and the tile host');
  assert.ok(requests.some((r) => r.url.startsWith(TILES + '/')), 'tiles were requested');
  // The address of the page itself carries ?at= to the app's own server; nothing
  // else does, and no request names what was typed.
  const secrets = ['121.4479', '37.4638', '护照', encodeURIComponent('护照'), 'huzhao'];
  for (const r of requests.filter((r) => !r.nav)) {
    for (const s of secrets) {
      assert.ok(!r.url.includes(s), `${r.url} carries ${s}`);
      if (r.url.startsWith(TILES)) assert.ok(!r.referer.includes(s), `tile referer ${r.referer} carries ${s}`);
    }
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a config naming outlets on another site loads nothing from it and says why', async () => {
  for (const outlets of ['https://evil.example/o.geojson', '//evil.example/o.geojson', '/\\evil.example/o.geojson', 'data:application/json,{}']) {
    dynamic.set('/dyn/foreign.json', ['application/json', JSON.stringify({
      title: 't', outlets, catalog: '/data/yantai/catalog.json', center: [121.4, 37.5] })]);
    const page = await watchedPage();
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(origin + '/?config=/dyn/foreign.json');
    await page.locator('.fatal').waitFor();
    const text = await page.locator('.fatal').innerText();
    assert.match(text, /数据只从本站加载/, outlets);
    assert.ok(text.includes(outlets), text);
    assert.ok(requests.every((u) => u.startsWith(origin + '/')), requests.join('\n'));
    await page.context().close();
  }
});

test('outlets on an origin listed in data_origins load', async () => {
  dynamic.set('/dyn/listed.json', ['application/json', JSON.stringify({
    title: 't', outlets: `${otherOrigin}/data/yantai/outlets.geojson`, catalog: '/data/yantai/catalog.json',
    center: [121.4, 37.5], data_origins: [otherOrigin] })]);
  connectSrc = `'self' ${otherOrigin}`;
  try {
    const page = await watchedPage();
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(origin + '/?config=/dyn/listed.json&at=121.4,37.5');
    await page.waitForSelector('[data-outlet-id]');
    assert.ok(requests.includes(`${otherOrigin}/data/yantai/outlets.geojson`));
    assert.deepEqual(await page.violations(), []);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    connectSrc = null;
  }
});

test('a file over max_data_bytes is refused with its name and the limit', async () => {
  const outlets = fs.readFileSync(path.join(DIST, 'data/yantai/outlets.geojson'));
  dynamic.set('/dyn/limited.json', ['application/json', JSON.stringify({
    title: 't', outlets: '/data/yantai/outlets.geojson', catalog: '/data/yantai/catalog.json', center: [121.4, 37.5], max_data_bytes: 100000 })]);
  // The same file again, sent with its length, so the app can refuse it before reading.
  dynamic.set('/dyn/sized.geojson', ['application/geo+json', outlets, { 'content-length': String(outlets.length) }]);
  dynamic.set('/dyn/limited-sized.json', ['application/json', JSON.stringify({
    title: 't', outlets: 'sized.geojson', catalog: '/data/yantai/catalog.json', center: [121.4, 37.5], max_data_bytes: 100000 })]);
  for (const [config, file] of [['limited', '/data/yantai/outlets.geojson'], ['limited-sized', '/dyn/sized.geojson']]) {
    const page = await openPage(browser);
    await page.goto(`${origin}/?config=/dyn/${config}.json`);
    await page.locator('.fatal').waitFor();
    const text = await page.locator('.fatal').innerText();
    assert.ok(text.includes(file), text);
    assert.match(text, /超过上限 98 kB/);
    assert.match(text, /max_data_bytes/);
    await page.context().close();
  }
});
