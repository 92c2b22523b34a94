// End to end: a flaky server, the network gone, storage disabled or full. The app
// goes on, and says what it is showing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useApp } from './server.mjs';
import { openPage, PHONE, everyRow } from './browser.mjs';

/** The ids of the whole result list, in order (scrolled through). */
const listIds = async (page) => (await everyRow(page)).map((r) => r.id);

let browser, origin;
const fail = new Map(); // path → how many more requests answer 503

useApp({
    route(url, req, res) {
      const n = fail.get(url.pathname);
      if (!n) return false;
      fail.set(url.pathname, n - 1);
      res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '1' });
      res.end('busy');
      return true;
    },
  }, (s) => ({ browser, origin } = s));

const OUTLETS = '/data/yantai/outlets.geojson';

test('a server answering 503 twice: the app says it is retrying, then loads', async () => {
  fail.set(OUTLETS, 2);
  const page = await openPage(browser, { viewport: PHONE });
  const asked = [];
  page.on('request', (r) => { if (r.url().endsWith(OUTLETS)) asked.push(Date.now()); });
  await page.goto(origin + '/?at=121.4479,37.4638');
  const retry = page.locator('.progress li[data-file=outlets]', { hasText: /第\d次重试/ });
  await retry.waitFor();
  assert.match(await retry.innerText(), /服务网点：网络不稳定，正在下载… 第[12]次重试/);
  await page.waitForSelector('[data-outlet-id]', { timeout: 15000 });
  assert.equal(asked.length, 3);
  // Backoff: about 0.5 s, then about 1 s.
  assert.ok(asked[1] - asked[0] >= 400 && asked[2] - asked[1] >= 900, `${asked[1] - asked[0]} ms, ${asked[2] - asked[1]} ms`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('with the network down, the last good copy is shown with its date', async () => {
  const page = await openPage(browser, { viewport: PHONE });
  await page.goto(origin + '/?item=passport&at=121.4479,37.4638');
  await page.waitForSelector('[data-outlet-id]');
  const online = await listIds(page);
  assert.equal(await page.locator('.offline-banner').count(), 0);
  // The copy is written after the page shows; wait for all three files.
  await page.waitForFunction(async () => (await (await caches.open('emap-last-good')).keys()).length === 3);
  await page.route(/\/(config\.json|data\/)/, (route) => route.abort('internetdisconnected'));
  await page.reload();
  const banner = page.locator('.offline-banner');
  await banner.waitFor({ timeout: 15000 });
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  assert.match(await banner.innerText(), new RegExp(`^离线：显示 ${today} \\d\\d:\\d\\d 保存的数据$`));
  assert.deepEqual(await listIds(page), online);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a Wi-Fi login page or a 404 in place of the data: the last good copy is shown, not a dead page', async () => {
  const page = await openPage(browser, { viewport: PHONE });
  await page.goto(origin + '/?item=passport&at=121.4479,37.4638');
  await page.waitForSelector('[data-outlet-id]');
  const online = await listIds(page);
  await page.waitForFunction(async () => (await (await caches.open('emap-last-good')).keys()).length === 3);
  // A captive portal answers every address with its login page, 200 text/html.
  await page.route(/\/(config\.json|data\/)/, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!DOCTYPE html><html><body>请登录 Wi-Fi</body></html>' }));
  await page.reload();
  await page.locator('.offline-banner').waitFor({ timeout: 15000 });
  assert.deepEqual(await listIds(page), online);
  // A bad deploy: the outlets file is gone.
  await page.unroute(/\/(config\.json|data\/)/);
  await page.route(new RegExp(OUTLETS), (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.reload();
  await page.locator('.offline-banner').waitFor({ timeout: 15000 });
  assert.deepEqual(await listIds(page), online);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

/** Regression (issue 21): a data file cut off mid-way (a deploy interrupted) showed
 * residents a parser's error, though the device had a good copy. */
test('a data file cut off mid-way: the last good copy is shown, and staff are told the server\'s file is broken', async () => {
  const page = await openPage(browser, { viewport: PHONE });
  await page.goto(origin + '/?item=passport&at=121.4479,37.4638&debug=1');
  await page.waitForSelector('[data-outlet-id]');
  const online = await listIds(page);
  await page.waitForFunction(async () => (await (await caches.open('emap-last-good')).keys()).length === 3);
  for (const file of [OUTLETS, '/data/yantai/catalog.json']) {
    await page.route(new RegExp(file), async (route) => {
      const whole = await (await route.fetch()).text();
      await route.fulfill({ status: 200, contentType: 'application/json', body: whole.slice(0, whole.length / 2) });
    });
    await page.reload();
    await page.locator('.offline-banner').waitFor({ timeout: 15000 });
    assert.deepEqual(await listIds(page), online, `${file}: the saved copy's outlets`);
    assert.equal(await page.locator('.fatal').count(), 0);
    const panel = page.locator('.problems');
    await panel.locator('summary').click();
    assert.match(await panel.innerText(), /服务器上的文件无法读取，显示本机 .* 保存的数据/);
    await page.unroute(new RegExp(file));
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a Wi-Fi login page and no copy: said in words, with a button to try again', async () => {
  const page = await openPage(browser, { viewport: PHONE });
  await page.route(/\/data\//, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<html><body>login</body></html>' }));
  await page.goto(origin + '/');
  await page.locator('.fatal').waitFor({ timeout: 15000 });
  assert.match(await page.locator('.fatal-message').innerText(), /返回的是网页而不是数据/);
  await page.unroute(/\/data\//);
  await page.locator('.fatal .retry').click();
  await page.waitForSelector('[data-outlet-id]');
  await page.context().close();
});

test('before the app starts the page says it is loading; where the app cannot run, it says so', async () => {
  const page = await openPage(browser, { viewport: PHONE });
  // The wasm held back: what a slow network shows for seconds.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(/_bg\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto(origin + '/?at=121.4479,37.4638');
  assert.match(await page.locator('.boot-screen').innerText(), /正在加载…/);
  release();
  await page.waitForSelector('[data-outlet-id]');
  assert.equal(await page.locator('.boot-screen').count(), 0, 'the app takes its place');
  await page.context().close();
  // No WebAssembly (an old in-app browser): told so, with where else to ask.
  const old = await openPage(browser, { viewport: PHONE });
  await old.addInitScript(() => { delete globalThis.WebAssembly; });
  await old.goto(origin + '/');
  await old.waitForFunction(() => /无法打开电子地图/.test(document.querySelector('.boot-message')?.textContent));
  assert.match(await old.locator('.boot-screen').innerText(), /12345/);
  await old.context().close();
});

test('with the network down and no copy, the page says it cannot load', async () => {
  const page = await openPage(browser, { viewport: PHONE });
  await page.route(/\/data\//, (route) => route.abort('internetdisconnected'));
  await page.goto(origin + '/');
  await page.locator('.fatal').waitFor({ timeout: 15000 });
  assert.match(await page.locator('.fatal').innerText(), /无法下载 .*outlets\.geojson|无法下载 .*catalog\.json/);
  await page.context().close();
});

for (const [name, script] of [
  ['disabled', () => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
    Object.defineProperty(window, 'caches', { get() { throw new DOMException('denied', 'SecurityError'); } });
  }],
  ['full', () => {
    Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); };
    Cache.prototype.put = () => Promise.reject(new DOMException('full', 'QuotaExceededError'));
  }],
]) {
  test(`with storage ${name}, everything still works`, async () => {
    const page = await openPage(browser, { viewport: PHONE });
    await page.addInitScript(script);
    await page.goto(origin + '/?at=121.4479,37.4638');
    await page.waitForSelector('[data-outlet-id]');
    await page.fill('#need', '护照');
    await page.locator('.suggestion').first().click();
    await page.waitForSelector('[data-chosen-item=passport]');
    await page.locator('.guide-details summary').click();
    await page.locator('.material input').first().check();
    await page.locator('.result-button').first().click();
    await page.locator('.detail .route-links').waitFor();
    await page.locator('.detail .mode').last().click();
    await page.getByRole('button', { name: '长辈版' }).click();
    await page.waitForSelector('.app.elder');
    await page.waitForTimeout(300);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}
