// End to end, issue 19: dated notices change what "open" means. The Yantai sample
// city's notices (a moved station, a Saturday 专场 for ID cards, a New Year closure
// of a 24-hour point, the city-wide exit-entry system upgrade on 12 December), with
// the browser clock set inside and outside their dates. Release build, real loaders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp } from './server.mjs';
import { openPage, shot, everyRow, PHONE } from './browser.mjs';

let browser, origin;
useApp({}, (s) => ({ browser, origin } = s));
const AT = '121.4479,37.4638';

async function pageAt(instant, options = {}) {
  const page = await openPage(browser, { viewport: PHONE, ...options });
  await page.clock.setFixedTime(new Date(instant));
  return page;
}

test('a week ahead, every passport row announces the 12 December suspension', async () => {
  const page = await pageAt('2026-12-05T10:00:00+08:00');
  await page.goto(`${origin}/?item=passport&at=${AT}`);
  await page.waitForSelector('[data-outlet-id] .row-notice');
  const rows = page.locator('[data-outlet-id]');
  const n = await rows.count();
  assert.ok(n > 5);
  for (const text of await rows.locator('.row-notice').allInnerTexts()) assert.equal(text.trim(), '12月12日暂停受理');
  assert.equal(await rows.locator('.row-notice').count(), n, 'every row says it');
  // Not for an item the upgrade does not touch.
  await page.goto(`${origin}/?item=id-renew&at=${AT}`);
  await page.waitForSelector('[data-outlet-id]');
  assert.equal(await page.locator('[data-outlet-id] .row-notice[data-notice-kind="suspended"]').count(), 0);
  await shot(page, 'notices-ahead');
  await page.context().close();
});

test('on the day, no outlet takes passports, and the list says when they reopen', async () => {
  const page = await pageAt('2026-12-12T10:00:00+08:00');
  await page.goto(`${origin}/?item=passport&open=now&at=${AT}`);
  const note = page.locator('.none-open');
  await note.waitFor();
  assert.equal(await page.locator('[data-outlet-id]').count(), 0);
  assert.match(await note.locator('.none-open-first').innerText(), /^最早 明天 \d\d:\d\d 开门/);
  // Without the filter the rows are there, each saying why it is closed today.
  await page.goto(`${origin}/?item=passport&at=${AT}`);
  await page.waitForSelector('[data-outlet-id]');
  const first = page.locator('[data-outlet-id]').first();
  assert.equal(await first.getAttribute('data-open-state'), 'closed');
  assert.match(await first.locator('.open-state').innerText(), /^暂停受理 · /);
  // Other needs are served as usual that Saturday.
  await page.goto(`${origin}/?item=id-renew&open=now&at=${AT}`);
  await page.waitForSelector('[data-outlet-id]');
  await page.context().close();
});

test('a moved station says so and points to the one that took over', async () => {
  const page = await pageAt('2026-12-08T10:00:00+08:00');
  await page.goto(`${origin}/?outlet=d01-ps02&at=${AT}`);
  const notices = page.locator('.detail .outlet-notices');
  await notices.waitFor();
  assert.match(await notices.locator('[data-notice-kind="moved"]').innerText(), /迁址办公[\s\S]*迁至通伸派出所/);
  assert.match(await page.locator('.detail-open-state').innerText(), /^迁址办公/);
  await shot(page, 'notices-moved');
  await notices.locator('[data-instead="d01-ps04"]').click();
  await page.waitForFunction(() => document.querySelector('[data-detail-outlet]')?.dataset.detailOutlet === 'd01-ps04');
  assert.match(page.url(), /outlet=d01-ps04/);
  // The day before the move nothing is closed yet; it is announced.
  const before = await pageAt('2026-12-04T10:00:00+08:00');
  await before.goto(`${origin}/?outlet=d01-ps02&at=${AT}`);
  await before.locator('.detail .outlet-notices').waitFor();
  assert.match(await before.locator('[data-notice-kind="moved"] strong').innerText(), /^12月7日起迁址办公/);
  assert.doesNotMatch(await before.locator('.detail-open-state').innerText(), /迁址办公/);
  await before.context().close();
  await page.context().close();
});

test('the Saturday 专场 opens the hall for ID cards only, and the week table shows it', async () => {
  const page = await pageAt('2026-12-05T14:00:00+08:00'); // a Saturday afternoon
  await page.goto(`${origin}/?item=id-renew&open=now&at=${AT}`);
  await page.waitForSelector('[data-outlet-id]');
  const ids = (await everyRow(page)).map((r) => r.id);
  assert.ok(ids.includes('d01-hall'), 'open for ID cards');
  await page.goto(`${origin}/?open=now&at=${AT}`);
  await page.waitForSelector('[data-outlet-id]');
  assert.ok(!(await everyRow(page)).map((r) => r.id).includes('d01-hall'), 'not for everything else');
  await page.goto(`${origin}/?item=id-renew&outlet=d01-hall&at=${AT}`);
  const saturday = page.locator('.detail > .week-hours tr[data-date="2026-12-05"]');
  await saturday.waitFor();
  assert.match(await saturday.innerText(), /13:00–17:00/);
  await page.context().close();
});

test('a closure over New Year is in force only on its dates, then disappears', async () => {
  const during = await pageAt('2026-12-31T20:00:00+08:00');
  await during.goto(`${origin}/?outlet=d01-ss02&at=${AT}`);
  await during.locator('.detail .outlet-notices [data-notice-kind="closure"]').waitFor();
  assert.match(await during.locator('.detail-open-state').innerText(), /^临时闭馆/);
  assert.ok(await during.locator('.notice-instead [data-instead]').count() === 1, 'an alternative is offered');
  await during.context().close();
  const after = await pageAt('2027-01-02T10:00:00+08:00');
  await after.goto(`${origin}/?outlet=d01-ss02&at=${AT}`);
  await after.locator('#detail-name').waitFor();
  assert.equal(await after.locator('.outlet-notices').count(), 0, 'expired notices are gone');
  assert.match(await after.locator('.detail-open-state').innerText(), /24小时营业/);
  await after.context().close();
});

test('a broken notices file costs only the notices, and the panel says so', async () => {
  const page = await pageAt('2026-12-05T10:00:00+08:00');
  await page.route(/notices\.json$/, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"notices": [ {"kind": ' }));
  await page.goto(`${origin}/?item=passport&at=${AT}`);
  await page.waitForSelector('[data-outlet-id]');
  const panel = page.locator('.problems');
  await panel.locator('summary').click();
  assert.match(await panel.innerText(), /公告文件无法读取/);
  assert.equal(await page.locator('[data-outlet-id] .row-notice[data-notice-kind="suspended"]').count(), 0);
  await page.context().close();
});
