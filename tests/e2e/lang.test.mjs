// End to end, issue 5: the UI in English. Every piece of Chinese left on screen
// must be data the file has only in Chinese, marked lang="zh-CN" for screen readers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DIST, useApp } from './server.mjs';
import { openPage, shot, queryOnce, PHONE } from './browser.mjs';

let browser, origin;
useApp({}, (s) => ({ browser, origin } = s));

/** Visible text with Chinese characters that is not inside an element marked as Chinese. */
const names = JSON.parse(fs.readFileSync(path.join(DIST, 'data/yantai/outlets.geojson'), 'utf8')).features.map((f) => f.properties.name);
const unmarkedChinese = (page) => page.evaluate((names) => {
  const out = [];
  const walker = document.createTreeWalker(document.querySelector('.app'), NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!/[\u4e00-\u9fff]/.test(n.textContent) || !el.offsetParent) continue;
    if (el.closest('[lang^="zh"]') === document.documentElement || !el.closest('[lang^="zh"]')) out.push(n.textContent.trim().slice(0, 40));
  }
  for (const el of document.querySelectorAll('.app [aria-label], .app [placeholder]')) {
    for (const a of ['aria-label', 'placeholder']) {
      // An outlet's name is data; a label may carry it as the data has it.
      const v = names.reduce((t, n) => t.replaceAll(n, ''), el.getAttribute(a) ?? '');
      if (v && /[\u4e00-\u9fff]/.test(v) && !el.closest('[lang^="zh"]')) out.push(`${a}: ${v}`);
    }
  }
  return out;
}, names);

test('in English every UI string is English; names come from name:en; the choice is kept', async () => {
  const page = await openPage(browser, { viewport: PHONE });
  await page.clock.setFixedTime(new Date('2026-11-23T10:00:00+08:00'));
  await page.goto(`${origin}/?at=121.4479,37.4638`);
  await page.waitForSelector('[data-outlet-id]');
  await page.click('.lang-switch');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal((await queryOnce(page, { lang: 'en' })).lang, 'en');
  assert.equal(await page.locator('.search-label').innerText(), 'What do you need to get done?');
  await page.fill('#need', 'passport');
  await page.locator('.suggestion').first().click();
  await page.waitForSelector('[data-chosen-item=passport]');
  assert.equal(await page.locator('.chosen-name').innerText(), 'Passport application');
  assert.match(await page.locator('.result-count').innerText(), /^\d+ outlets handle “Passport application”$/);
  assert.match(await page.locator('.open-state').first().innerText(), /^(Open|Closed|Lunch|Hours unknown)/);
  await page.locator('.result-button').first().click();
  await page.locator('.detail .route-links').waitFor();
  await page.locator('.guide-details summary').click();
  assert.deepEqual(await unmarkedChinese(page), []);
  // The English title is read across the bar, not squeezed beside the buttons (it was a
  // column of word pieces with "Sample data" over them).
  const [title, tag] = await Promise.all(['.topbar h1', '.sample-tag'].map((s) => page.locator(s).boundingBox()));
  const lines = await page.$eval('.topbar h1', (h) => h.getBoundingClientRect().height / parseFloat(getComputedStyle(h).lineHeight));
  assert.ok(lines <= 2.1, `title on ${lines.toFixed(1)} lines`);
  assert.ok(title.x + title.width <= tag.x || tag.y >= title.y + title.height, 'the sample tag is beside or under the title, not over it');
  await shot(page, 'phone-english');
  await page.getByRole('button', { name: 'Map', exact: true }).click();
  await page.locator('.leaflet-container').waitFor();
  assert.equal(await page.locator('.map-note:not(.tiles-failed):not(.picking)').count(), 0, 'the map survived the switch');
  await page.getByRole('button', { name: 'List', exact: true }).click();
  assert.deepEqual(page.errors, []);
  // Kept on the device: a fresh visit without ?lang opens in English.
  await page.goto(`${origin}/?at=121.4479,37.4638`);
  await page.waitForSelector('[data-outlet-id]');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.click('.lang-switch');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.equal(await page.locator('.search-label').innerText(), '您要办什么事？');
  assert.equal((await queryOnce(page, { lang: null })).lang, undefined);
  await page.context().close();
});

test('English as far as the data goes: the guide, addresses and English words residents type', async () => {
  const page = await openPage(browser, { viewport: PHONE });
  await page.goto(`${origin}/?lang=en&at=121.4479,37.4638`);
  await page.waitForSelector('[data-outlet-id]');
  // Regression (issue 20): "driver license", "register stay" and "visa" found nothing useful.
  for (const [typed, want] of [['driver license', 'dl-renew'], ['register stay', 'residence-reg'], ['no criminal record', 'no-crime']]) {
    await page.locator('#need').fill(typed);
    const ids = await page.locator('.suggestion[data-item-id]').evaluateAll((b) => b.map((x) => x.dataset.itemId));
    assert.ok(ids.includes(want), `${typed}: ${ids}`);
  }
  await page.goto(`${origin}/?lang=en&item=passport&at=121.4479,37.4638`);
  await page.locator('.guide summary').click();
  const guide = await page.locator('.guide').innerText();
  assert.match(guide, /Fee\s+CNY 120/);
  assert.match(guide, /Resident ID card/);
  assert.doesNotMatch(guide, /[\u4e00-\u9fff]/, 'no Chinese left in the guide');
  const row = page.locator('[data-outlet-id]').first();
  assert.match(await row.locator('.result-address').innerText(), /Road|Street|Avenue|Yantai/);
  assert.equal(await row.locator('.result-address').getAttribute('lang'), null, 'English, not marked Chinese');
  await row.locator('.result-button').click();
  assert.match(await page.locator('.detail-address').innerText(), /Yantai/);
  assert.deepEqual(await unmarkedChinese(page), []);
  await shot(page, 'en-guide');
  await page.context().close();
});

test('no "How to book" under "No appointment needed": booking is said to be optional', async () => {
  const page = await openPage(browser, { viewport: PHONE });
  // Outlets with their own booking channels, for an item that needs no appointment.
  await page.goto(`${origin}/?lang=en&item=id-cert&at=121.4479,37.4638`);
  await page.waitForSelector('[data-outlet-id]');
  const ids = await page.locator('[data-outlet-id]').evaluateAll((r) => r.map((x) => x.dataset.outletId));
  let seen = false;
  for (const id of ids.slice(0, 12)) {
    await page.goto(`${origin}/?lang=en&item=id-cert&outlet=${id}&at=121.4479,37.4638`);
    await page.locator('.detail-policy').waitFor();
    assert.match(await page.locator('.detail-policy').innerText(), /No appointment needed/);
    if (await page.locator('.booking').count()) {
      assert.equal((await page.locator('.booking h3').innerText()).trim(), 'Booking is optional');
      seen = true;
      break;
    }
  }
  assert.ok(seen, 'an outlet with its own booking channels was checked');
  await page.context().close();
});
