// End to end for one-tap routing: links carry the right coordinates for the
// provider's datum whatever the dataset's datum, WeChat gets only web links, and the
// QR code decodes (with jsQR, an independent decoder) to the link shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { start, useApp } from './server.mjs';
import { openPage, shot, PHONE, DESKTOP } from './browser.mjs';

const require = createRequire(import.meta.url);
let browser, origin;
useApp({}, (s) => ({ browser, origin } = s));

// WGS-84 → GCJ-02, written here from the published algorithm, independently of the app.
function toGcj([lon, lat]) {
  const a = 6378245.0, ee = 0.00669342162296594323, PI = Math.PI;
  const x = lon - 105, y = lat - 35;
  let dLat = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  dLat += ((20 * Math.sin(6 * x * PI) + 20 * Math.sin(2 * x * PI)) * 2) / 3;
  dLat += ((20 * Math.sin(y * PI) + 40 * Math.sin((y / 3) * PI)) * 2) / 3;
  dLat += ((160 * Math.sin((y / 12) * PI) + 320 * Math.sin((y * PI) / 30)) * 2) / 3;
  let dLon = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  dLon += ((20 * Math.sin(6 * x * PI) + 20 * Math.sin(2 * x * PI)) * 2) / 3;
  dLon += ((20 * Math.sin(x * PI) + 40 * Math.sin((x / 3) * PI)) * 2) / 3;
  dLon += ((150 * Math.sin((x / 12) * PI) + 300 * Math.sin((x / 30) * PI)) * 2) / 3;
  const radLat = (lat / 180) * PI;
  const magic = 1 - ee * Math.sin(radLat) ** 2;
  dLat = (dLat * 180) / (((a * (1 - ee)) / (magic * Math.sqrt(magic))) * PI);
  dLon = (dLon * 180) / ((a / Math.sqrt(magic)) * Math.cos(radLat) * PI);
  return [lon + dLon, lat + dLat];
}

async function amapTo(page) {
  const href = await page.locator('.detail [data-provider=amap]').getAttribute('href');
  const [lon, lat] = new URL(href).searchParams.get('to').split(',').map(Number);
  return { href, lon, lat };
}

test('a WGS-84 dataset: the Amap link carries GCJ-02, OpenStreetMap WGS-84', async () => {
  const page = await openPage(browser, { viewport: DESKTOP });
  await page.goto(origin + '/?item=passport&outlet=d01-exit&at=121.40,37.53');
  await page.locator('[data-detail-outlet=d01-exit] .route-links').waitFor();
  const geo = await (await fetch(origin + '/data/yantai/outlets.geojson')).json();
  const wgs = geo.features.find((f) => f.id === 'd01-exit').geometry.coordinates;
  const [glon, glat] = toGcj(wgs);
  const { href, lon, lat } = await amapTo(page);
  assert.ok(Math.abs(lon - glon) < 2e-6 && Math.abs(lat - glat) < 2e-6, `${href} vs ${glon},${glat}`);
  assert.match(href, /coordinate=gaode/);
  const osm = new URL(await page.locator('.detail [data-provider=osm]').getAttribute('href'));
  assert.ok(osm.href.includes(`${wgs[1].toFixed(6)},${wgs[0].toFixed(6)}`), osm.href);
  const baidu = await page.locator('.detail [data-provider=baidu]').getAttribute('href');
  assert.match(baidu, /coord_type=bd09ll/);
  await page.context().close();
});

test('a GCJ-02 dataset on GCJ-02 tiles: the link points where the outlet is', async () => {
  const page = await openPage(browser, { viewport: DESKTOP });
  await page.goto(origin + '/?config=/fixtures/gcj02/config.json&outlet=tam&at=116.39,39.90');
  await page.locator('[data-detail-outlet=tam] .route-links').waitFor();
  const { lon, lat } = await amapTo(page);
  // The file's own GCJ-02 coordinates come back out, to 1e-6°.
  assert.ok(Math.abs(lon - 116.38404722455657) < 1e-6 && Math.abs(lat - 39.91334545536069) < 1e-6, `${lon},${lat}`);
  const osm = await page.locator('.detail [data-provider=osm]').getAttribute('href');
  assert.ok(osm.includes('39.911954,116.377817') || osm.includes('mlat=39.911954&mlon=116.377817'), osm);
  await page.context().close();
});

test('inside WeChat only web links are offered, and the choice of app is remembered', async () => {
  const context = await browser.newContext({
    viewport: PHONE,
    userAgent: 'Mozilla/5.0 (Linux; Android 13; V2218A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN',
  });
  const page = await context.newPage();
  await page.route('https://**', (r) => r.abort());
  await page.goto(origin + '/?item=passport&at=121.40,37.53');
  await page.waitForSelector('[data-outlet-id]');
  const rowLinks = await page.$$eval('.row-route', (as) => as.map((a) => a.href));
  assert.ok(rowLinks.length > 0 && rowLinks.every((h) => h.startsWith('https://uri.amap.com/')), rowLinks[0]);
  await page.locator('.result-button').first().click();
  const hrefs = await page.$$eval('.detail .route-link', (as) => as.map((a) => a.href));
  assert.ok(hrefs.length >= 3 && hrefs.every((h) => h.startsWith('https://')), hrefs.join('\n'));
  // Tap Baidu (the navigation itself is blocked here), then the rows follow that choice.
  await page.locator('.detail [data-provider=baidu]').click({ modifiers: [] }).catch(() => {});
  await page.goto(origin + '/?item=passport&at=121.40,37.53');
  await page.waitForSelector('[data-outlet-id]');
  assert.equal(await page.locator('.row-route').first().getAttribute('data-provider'), 'baidu');
  // The clipboard refused, as in-app browsers often do: not "已复制" but the link, to
  // copy by hand, and the WeChat menu named.
  await page.evaluate(() => { navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError')); });
  await page.locator('.result-button').first().click();
  const copy = page.locator('.detail .handoff-button', { hasText: '复制链接' });
  await copy.click();
  const field = page.locator('.detail .copy-field');
  await field.waitFor();
  assert.match(await field.inputValue(), /[?&]outlet=/);
  assert.equal(await copy.innerText(), '复制链接');
  assert.match(await page.locator('.detail .route').innerText(), /右上角“···”发送给朋友/);
  await context.close();
});

test('复制链接 says 已复制 once the link is on the clipboard', async () => {
  const context = await browser.newContext({ viewport: DESKTOP, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await page.goto(origin + '/?item=passport&outlet=d01-exit&at=121.40,37.53');
  const copy = page.locator('.detail .handoff-button', { hasText: '复制链接' });
  await copy.click();
  await page.locator('.detail .handoff-button', { hasText: '已复制' }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /[?&]outlet=d01-exit/);
  assert.ok(!/at=|mode=/.test(copied), copied);
  await context.close();
});

test('on an Android phone the map apps are opened by their own schemes', async () => {
  const context = await browser.newContext({
    viewport: PHONE,
    userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  });
  const page = await context.newPage();
  await page.goto(origin + '/?item=passport&outlet=d01-exit&at=121.40,37.53');
  await page.locator('.detail .route-links').waitFor();
  const byProvider = Object.fromEntries(await page.$$eval('.detail .route-link', (as) => as.map((a) => [a.dataset.provider, a.getAttribute('href')])));
  assert.match(byProvider.amap, /^amapuri:\/\/route\/plan\//);
  assert.match(byProvider.baidu, /^baidumap:\/\/map\/direction\?/);
  assert.match(byProvider.geo, /^geo:/);
  // A phone without the app: the scheme does nothing, and the same route on Amap's web
  // page takes over (the page stays visible, so the app did not open).
  const web = await page.locator('.detail .route-link[data-provider=amap]').getAttribute('data-web');
  assert.match(web, /^https:\/\/uri\.amap\.com\/navigation\?/);
  await context.route('https://uri.amap.com/**', (r) => r.fulfill({ contentType: 'text/html', body: '<title>amap web</title>' }));
  await page.locator('.detail .route-link[data-provider=amap]').click();
  await page.waitForURL((u) => u.href === web, { timeout: 5000 });
  // Where the app opens, the page loses focus (or is hidden): no web page after it.
  await page.goBack();
  await page.locator('.detail .route-links').waitFor();
  const before = page.url();
  await page.locator('.detail .route-link[data-provider=baidu]').click();
  await page.evaluate(() => window.dispatchEvent(new Event('blur')));
  await page.waitForTimeout(2000);
  assert.equal(page.url(), before, 'the app opened: the e-map stays');
  await context.close();
});

test('the QR code decodes to the link shown under it', async () => {
  const page = await openPage(browser, { viewport: PHONE });
  await page.goto(origin + '/?item=passport&outlet=d01-exit&at=121.40,37.53');
  await page.getByRole('button', { name: '手机扫码继续' }).click();
  const qr = page.locator('.qr .qr-code svg');
  await qr.waitFor();
  const shown = await page.locator('.qr-url').innerText();
  assert.equal(shown, `${origin}/?item=passport&outlet=d01-exit`, 'the hand-off link carries no position');
  await page.addScriptTag({ path: require.resolve('jsqr/dist/jsQR.js') });
  const decoded = await page.evaluate(async () => {
    const svg = document.querySelector('.qr .qr-code svg');
    const img = new Image();
    img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(new XMLSerializer().serializeToString(svg));
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 440;
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, 440, 440);
    ctx.drawImage(img, 0, 0, 440, 440);
    const data = ctx.getImageData(0, 0, 440, 440);
    return window.jsQR(data.data, 440, 440)?.data ?? null;
  });
  assert.equal(decoded, shown);
  await page.locator('.qr').scrollIntoViewIfNeeded();
  await shot(page, 'phone-route-qr');
  await page.context().close();
});

test("the resident's position never leaves the device", async () => {
  const HOME = { longitude: 121.4479, latitude: 37.4638 };
  const page = await openPage(browser, { viewport: PHONE, geolocation: HOME, tiles: 'serve' });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(origin + '/');
  await page.waitForSelector('[data-origin=located]');
  await page.fill('#need', 'huzhao');
  await page.locator('.suggestion').first().click();
  await page.locator('.result-button').first().click();
  await page.locator('.detail .route-links').waitFor();
  await page.getByRole('button', { name: '地图', exact: true }).click();
  await page.waitForTimeout(500);
  assert.ok(requests.length > 5);
  const leaks = requests.filter((u) => /121\.447|37\.463/.test(u));
  assert.deepEqual(leaks, []);
  const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('https://tile.openstreetmap.org/'));
  assert.deepEqual(foreign, [], 'only the app origin and the configured tile host');
  assert.ok(!page.url().includes('121.447'), 'a geolocated position is not written into the URL');
  await page.context().close();
});

test('geolocation blocked in a portal iframe is explained, with the fallback', async () => {
  // The portal is another origin (a second server, another port) and its iframe
  // has no allow="geolocation", so the permissions policy blocks geolocation.
  const page = await openPage(browser, { viewport: DESKTOP, geolocation: { longitude: 121.4479, latitude: 37.4638 } });
  const other = await start();
  await page.goto(`${other.origin}/portal.html?app=${encodeURIComponent(origin + '/?item=id-renew')}`);
  const frame = page.frameLocator('iframe');
  await frame.locator('[data-origin=city-centre]').waitFor({ timeout: 8000 });
  assert.match(await frame.locator('.location-note').innerText(), /嵌入在其他网站中.*按市中心排序/);
  await page.context().close();
  // A portal that allows location, and a resident who refuses it: the portal is not
  // blamed (review 4).
  const refused = await openPage(browser, { viewport: DESKTOP });
  await refused.goto(`${other.origin}/portal.html?allow=geolocation&app=${encodeURIComponent(origin + '/?item=id-renew')}`);
  const inner = refused.frameLocator('iframe');
  await inner.locator('[data-origin=city-centre]').waitFor({ timeout: 8000 });
  const said = await inner.locator('.location-note').innerText();
  assert.match(said, /未获得定位权限/);
  assert.doesNotMatch(said, /该网站未允许定位/);
  await refused.context().close();
  other.server.close();
});
