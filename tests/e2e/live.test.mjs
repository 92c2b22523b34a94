// End to end, issue 19: the live status feed (queues and waits) as a hall's queue
// system writes it, served by the test with the browser clock set: fresh figures on
// rows and the detail, nothing when stale, bad entries and a broken feed reported
// while the rest still shows, and a poll that asks with If-None-Match.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp } from './server.mjs';
import { openPage, shot, queryOnce, PHONE, KIOSK } from './browser.mjs';

let browser, origin;
useApp({}, (s) => ({ browser, origin } = s));
const AT = '121.3943,37.535';
const NOW = '2026-12-04T14:05:00+08:00';

/** A page at NOW whose status feed is `feed` (an object, or text as it is). */
async function pageWithFeed(feed, { etag } = {}) {
  const page = await openPage(browser, { viewport: PHONE });
  await page.clock.setFixedTime(new Date(NOW));
  page.feedAsks = [];
  await page.route(/\/status\.json$/, (route) => {
    page.feedAsks.push(route.request().headers()['if-none-match'] ?? null);
    if (etag && route.request().headers()['if-none-match'] === etag) return route.fulfill({ status: 304 });
    return route.fulfill({ status: 200, contentType: 'application/json', headers: etag ? { etag } : {}, body: typeof feed === 'string' ? feed : JSON.stringify(feed) });
  });
  return page;
}

const fresh = {
  as_of: '2026-12-04T14:04',
  outlets: {
    'd01-hall': { waiting: 12, windows_open: 3, wait_minutes: 25, next_slot: { 'id-renew': '2026-12-07T09:30' } },
    'd01-exit': { waiting: 40, windows_open: 2, wait_minutes: 95, as_of: '2026-12-04T14:03' },
  },
};

test('fresh figures show on the row and the detail, with their time', async () => {
  const page = await pageWithFeed(fresh);
  await page.goto(`${origin}/?item=id-renew&at=${AT}`);
  const row = page.locator('[data-outlet-id="d01-hall"]');
  await row.locator('.live-status').waitFor({ timeout: 15000 });
  assert.match(await row.locator('.live-status').innerText(), /排队 12 人 · 约 25 分钟\s*数据更新于 14:04/);
  await row.locator('.result-button').click();
  const detail = page.locator('.detail .live-status');
  await detail.waitFor();
  assert.match(await detail.innerText(), /排队 12 人 · 约 25 分钟/);
  assert.match(await detail.innerText(), /最早可约 12月7日（周一） 09:30/);
  await shot(page, 'live-detail');
  await page.context().close();
});

test('figures older than the freshness limit are not shown as live', async () => {
  const stale = { as_of: '2026-12-04T13:05', outlets: { 'd01-hall': { waiting: 12, windows_open: 3, wait_minutes: 25 } } };
  const page = await pageWithFeed(stale);
  await page.goto(`${origin}/?item=id-renew&at=${AT}`);
  await page.waitForSelector('[data-outlet-id="d01-hall"]');
  await page.waitForFunction(() => true);
  await page.waitForTimeout(4500); // the first poll waits for an idle page (3 s at most)
  assert.ok(page.feedAsks.length >= 1, 'the feed was asked for');
  assert.equal(await page.locator('.live-status').count(), 0);
  await page.context().close();
});

test('a hostile feed: bad entries are dropped and said, the good ones show', async () => {
  const hostile = {
    as_of: '2026-12-04T14:04',
    outlets: {
      'd01-hall': { waiting: 12, windows_open: 3, wait_minutes: 25 },
      'd01-exit': { waiting: -5, wait_minutes: 10 },
      'd01-gc': { waiting: 3, as_of: '2026-12-04T18:00' },
      'no-such-outlet': { waiting: 1 },
      '<img src=x onerror=alert(1)>': { waiting: 2 },
    },
  };
  const page = await pageWithFeed(hostile);
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.goto(`${origin}/?at=${AT}&debug=1`);
  await page.locator('[data-outlet-id="d01-hall"] .live-status').waitFor({ timeout: 15000 });
  assert.equal(await page.locator('[data-outlet-id="d01-exit"] .live-status').count(), 0);
  const panel = page.locator('.problems');
  await panel.locator('summary').click();
  const text = await panel.innerText();
  assert.match(text, /d01-exit/);
  assert.match(text, /negative/);
  assert.match(text, /no-such-outlet/);
  assert.deepEqual(dialogs, []);
  await page.context().close();
});

test('a broken feed never breaks the page: the panel says so', async () => {
  const page = await pageWithFeed('{"as_of": "2026-12-04T14:04", "outlets": {');
  await page.goto(`${origin}/?at=${AT}&debug=1`);
  await page.waitForSelector('[data-outlet-id]');
  const panel = page.locator('.problems');
  await panel.waitFor({ timeout: 15000 });
  await panel.locator('summary').click();
  assert.match(await panel.innerText(), /实时排队信息文件无法读取/);
  assert.equal(await page.locator('.live-status').count(), 0);
  await page.context().close();
});

const busyHere = {
  as_of: '2026-12-04T14:04',
  outlets: {
    'd01-hall': { waiting: 36, windows_open: 2, wait_minutes: 115 },
    'd02-hall': { waiting: 1, windows_open: 3, wait_minutes: 5 },
  },
};

test('ordered by total time, a long queue next door goes below a quiet hall farther away; the link keeps the order', async () => {
  const page = await pageWithFeed(busyHere);
  await page.goto(`${origin}/?item=id-renew&at=${AT}`);
  const first = () => page.locator('[data-outlet-id]').first().getAttribute('data-outlet-id');
  await page.locator('[data-outlet-id="d01-hall"] .live-status').waitFor({ timeout: 15000 });
  assert.equal(await first(), 'd01-hall', 'nearest first by default');
  await page.locator('[data-sort="time"]').click();
  assert.equal((await queryOnce(page, { sort: 'time' })).sort, 'time');
  await page.waitForFunction(() => document.querySelector('[data-outlet-id]')?.dataset.outletId !== 'd01-hall');
  // Each drawn row says its total, and they rise down the list.
  const totals = await page.locator('[data-outlet-id] .row-total').allInnerTexts();
  assert.ok(totals.length >= 5, totals.join('|'));
  const minutes = totals.map((t) => Number((t.match(/共约 (\d+) 分钟/) ?? t.match(/约 (\d+) 分钟/))[1]));
  assert.deepEqual(minutes, [...minutes].sort((a, b) => a - b), totals.join('|'));
  const hall = page.locator('[data-outlet-id="d01-hall"] .row-total');
  if (await hall.count()) assert.match(await hall.innerText(), /共约 1\d\d 分钟（步行\d+ \+ 排队 115）/);
  await shot(page, 'live-ordered-by-time');
  await page.locator('[data-sort="distance"]').click();
  await page.waitForFunction(() => document.querySelector('[data-outlet-id]')?.dataset.outletId === 'd01-hall');
  assert.equal(await page.locator('.row-total').count(), 0);
  await page.context().close();
});

test('a kiosk says how busy its own hall is and which hall nearby is quicker, travel included', async () => {
  const page = await openPage(browser, { viewport: KIOSK });
  await page.clock.setFixedTime(new Date(NOW));
  await page.route(/\/status\.json$/, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(busyHere) }));
  await page.goto(`${origin}/?mode=kiosk&item=id-renew`);
  const here = page.locator('.kiosk-queue .kiosk-here');
  await here.waitFor({ timeout: 15000 });
  assert.match(await here.innerText(), /本大厅现在：人多 · 排队 36 人 · 约 115 分钟/);
  const quicker = page.locator('.kiosk-quicker');
  assert.equal(await quicker.getAttribute('data-quicker'), 'd02-hall');
  assert.match(await quicker.innerText(), /莱山分局公安政务服务大厅现在排队约 5 分钟，乘公交约 \d+ 分钟（7\.\d 公里），算上路上也可少等约 \d+ 分钟/);
  await shot(page, 'kiosk-queue');
  await quicker.locator('button').click();
  await page.locator('[data-detail-outlet="d02-hall"]').waitFor();
  await page.context().close();
});

test('a missing, a huge or a silent feed never holds the list back, and the panel says what was wrong', async () => {
  // Missing.
  let page = await pageWithFeed('');
  await page.unroute(/\/status\.json$/);
  await page.route(/\/status\.json$/, (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(`${origin}/?at=${AT}&debug=1`);
  await page.waitForSelector('[data-outlet-id]');
  const panel = page.locator('.problems');
  await panel.waitFor({ timeout: 15000 });
  await panel.locator('summary').click();
  assert.match(await panel.innerText(), /实时排队信息未能更新[\s\S]*HTTP 404/);
  await page.context().close();
  // Huge: refused before it is read, the page as it was.
  const huge = JSON.stringify({ as_of: '2026-12-04T14:04', outlets: { 'd01-hall': { waiting: 1 } }, pad: 'x'.repeat(17 * 1024 * 1024) });
  page = await pageWithFeed(huge);
  await page.goto(`${origin}/?at=${AT}&debug=1`);
  await page.waitForSelector('[data-outlet-id]');
  await page.locator('.problems').waitFor({ timeout: 20000 });
  await page.locator('.problems summary').click();
  assert.match(await page.locator('.problems').innerText(), /实时排队信息文件无法读取[\s\S]*(16 MB|上限)/);
  assert.equal(await page.locator('.live-status').count(), 0);
  await page.context().close();
  // Silent: a feed that never answers; the rows come as usual.
  page = await openPage(browser, { viewport: PHONE });
  await page.clock.setFixedTime(new Date(NOW));
  await page.route(/\/status\.json$/, () => {});
  await page.goto(`${origin}/?item=id-renew&at=${AT}`);
  await page.waitForSelector('[data-outlet-id] .result-button', { timeout: 10000 });
  await page.context().close();
});

test('a poll that fails keeps the last good figures with their time', async () => {
  const page = await pageWithFeed(fresh);
  await page.goto(`${origin}/?item=id-renew&at=${AT}&debug=1`);
  const live = page.locator('[data-outlet-id="d01-hall"] .live-status');
  await live.waitFor({ timeout: 15000 });
  const asked = page.feedAsks.length;
  // A minute on: the next poll finds the server failing.
  await page.unroute(/\/status\.json$/);
  let failed = 0;
  await page.route(/\/status\.json$/, (route) => { failed++; route.fulfill({ status: 503, body: 'busy' }); });
  await page.clock.setFixedTime(new Date(new Date(NOW).getTime() + 61_000));
  for (let i = 0; i < 100 && !failed; i++) await page.waitForTimeout(200);
  assert.ok(failed >= 1 && asked >= 1, `polls: ${asked}, then failed ${failed}`);
  await page.waitForFunction(() => /HTTP 503/.test(document.querySelector('.problems')?.textContent ?? ''), null, { timeout: 5000 });
  assert.match(await live.innerText(), /排队 12 人 · 约 25 分钟\s*数据更新于 14:04/);
  await page.locator('.problems summary').click();
  assert.match(await page.locator('.problems').innerText(), /显示的是上次的数据[\s\S]*HTTP 503/);
  await page.context().close();
});
