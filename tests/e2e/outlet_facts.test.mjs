// End to end, issue 19: what the data says about an outlet beyond its hours: access
// facts and the 无障碍 filter, 长辈版 listing outlets with a priority window (绿色通道)
// first, busy and quiet times (detail and visit planner), when the facts were checked,
// the supervision phone, and 报告信息有误. Release build, real loaders, the sample city.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DIST, useApp } from './server.mjs';
import { openPage, shot, everyRow, queryOnce, PHONE, KIOSK, DESKTOP } from './browser.mjs';

let browser, origin;
const AT = '121.4479,37.4638';
useApp({}, (s) => ({ browser, origin } = s));

const byId = () => Object.fromEntries(
  JSON.parse(fs.readFileSync(path.join(DIST, 'data/yantai/outlets.geojson'), 'utf8'))
    .features.map((f) => [String(f.id), f.properties]),
);
const config = () => JSON.parse(fs.readFileSync(path.join(DIST, 'config.json'), 'utf8'));

/** A page whose clock reads `instant`, in 长辈版 when `elder`. */
async function pageAt(instant, { viewport = PHONE, elder = false } = {}) {
  const page = await openPage(browser, { viewport });
  await page.clock.setFixedTime(new Date(instant));
  if (elder) await page.addInitScript(() => localStorage.setItem('emap.elder', '1'));
  return page;
}

/** The half-hours of a busy day at or above 70, as "HH:MM–HH:MM" spans (the day's
 * 20 values start at 08:00). */
function busySpans(day) {
  const at = (i) => { const m = 8 * 60 + 30 * i; return `${String(m / 60 | 0).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`; };
  const spans = [];
  day.forEach((v, i) => {
    if (v < 70) return;
    const last = spans.at(-1);
    if (last && last[1] === i) last[1] = i + 1; else spans.push([i, i + 1]);
  });
  return spans.map(([a, b]) => `${at(a)}–${at(b)}`);
}

test('a hall\'s detail: access facts, quiet and busy times today, checked, supervision phone, report links', async () => {
  const hall = byId()['d01-hall'];
  // A Monday.
  const page = await pageAt('2026-11-30T08:10:00+08:00');
  await page.goto(`${origin}/?outlet=d01-hall&at=${AT}`);
  await page.locator('#detail-name').waitFor();
  const facts = await page.locator('.access-facts li').allInnerTexts();
  assert.ok(facts.includes('无障碍通道'), facts.join('|'));
  assert.ok(facts.includes('爱心窗口（绿色通道）'), facts.join('|'));
  assert.ok(facts.some((f) => /^残疾人车位/.test(f)), facts.join('|'));
  assert.match(await page.locator('.quiet-times').innerText(), /^周.+人少$/);
  const spans = busySpans(hall.busy.mo);
  assert.ok(spans.length > 0);
  assert.equal(await page.locator('.busy-today').innerText(), `今天通常人多：${spans.join('、')}`);
  assert.equal(await page.locator('.checked').innerText(), `信息核实于 ${hall.check_date}`);
  assert.equal(await page.locator('.checked').getAttribute('data-stale'), null);
  const tel = (p) => `tel:${p.replace(/[ -]/g, '')}`;
  assert.equal(await page.locator('.supervision a').getAttribute('href'), tel(hall.supervision_phone));
  // The report channel opens with the outlet and the field filled in; nothing is sent
  // until the resident follows a link.
  const sent = [];
  page.on('request', (r) => { if (r.url().includes('12345.example')) sent.push(r.url()); });
  await page.locator('.report-wrong summary').click();
  const link = page.locator('.report-link[data-field="hours"]');
  assert.equal(await link.getAttribute('href'), 'https://12345.example/report?outlet=d01-hall&field=hours');
  assert.equal(await link.getAttribute('target'), '_blank');
  assert.equal(await page.locator('.report-phone').getAttribute('href'), `tel:${config().report.phone}`);
  assert.deepEqual(sent, []);
  await shot(page, 'phone-outlet-facts');
  await page.context().close();
});

test('an outlet checked over a year ago says its information may be out of date; no step-free access is said', async () => {
  const station = byId()['d01-ps02'];
  const page = await pageAt('2026-12-04T10:00:00+08:00');
  await page.goto(`${origin}/?outlet=d01-ps02&at=${AT}`);
  await page.locator('#detail-name').waitFor();
  assert.equal(station.wheelchair, 'no');
  assert.equal(await page.locator('.checked').innerText(), `信息核实于 ${station.check_date} · 信息可能已过时`);
  assert.equal(await page.locator('.checked').getAttribute('data-stale'), 'true');
  assert.ok((await page.locator('.access-facts li').allInnerTexts()).includes('无无障碍通道'));
  // No own supervision phone: the config's.
  assert.equal(await page.locator('.supervision a').getAttribute('href'), `tel:${config().supervision_phone}`);
  await page.context().close();
});

test('无障碍 keeps only step-free outlets, goes into the link, and a link opens with it', async () => {
  const props = byId();
  const page = await pageAt('2026-12-04T10:00:00+08:00');
  await page.goto(`${origin}/?item=id-renew&at=${AT}`);
  const all = await everyRow(page);
  assert.ok(all.some((r) => r.id === 'd01-ps02'));
  await page.locator('[data-filter="step-free"]').click();
  assert.equal((await queryOnce(page, { access: 'step-free' })).access, 'step-free');
  assert.equal(await page.locator('[data-filter="step-free"]').getAttribute('aria-pressed'), 'true');
  await page.waitForFunction(() => !document.querySelector('[data-outlet-id="d01-ps02"]'));
  const kept = await everyRow(page);
  const stepFree = all.filter((r) => ['yes', 'limited'].includes(props[r.id].wheelchair));
  assert.deepEqual(kept.map((r) => r.id), stepFree.map((r) => r.id));
  assert.ok(kept.length < all.length);
  await shot(page, 'phone-step-free');
  // Shared: the link opens filtered.
  const again = await pageAt('2026-12-04T10:00:00+08:00');
  await again.goto(`${origin}/?item=id-renew&access=step-free&at=${AT}`);
  assert.equal((await everyRow(again)).length, kept.length);
  assert.equal(await again.locator('[data-filter="step-free"]').getAttribute('aria-pressed'), 'true');
  await page.context().close();
  await again.context().close();
});

test('长辈版 lists outlets with a priority window first, nearest first within each part, and says why', async () => {
  const props = byId();
  const page = await pageAt('2026-12-04T10:00:00+08:00', { elder: true });
  await page.goto(`${origin}/?item=id-renew&at=${AT}`);
  const rows = await everyRow(page);
  const priority = rows.map((r) => props[r.id].priority_window === 'yes');
  const first = priority.indexOf(false);
  assert.ok(first > 0, 'some outlets with a priority window come first');
  assert.ok(priority.slice(first).every((p) => !p), 'none after the first without one');
  assert.equal(await page.locator(`[data-outlet-id="${rows[0].id}"] .row-priority`).innerText(), '绿色通道');
  await shot(page, 'phone-elder-priority-first');
  await page.context().close();
  // Not in the standard view: nearest first.
  const plain = await pageAt('2026-12-04T10:00:00+08:00');
  await plain.goto(`${origin}/?item=id-renew&at=${AT}`);
  const order = (await everyRow(plain)).map((r) => props[r.id].priority_window === 'yes');
  assert.ok(order.indexOf(true) < order.lastIndexOf(false) && order.lastIndexOf(true) > order.indexOf(false));
  assert.equal(await plain.locator('.row-priority').count(), 0);
  await plain.context().close();
});

test('the visit planner marks the usually busy half-hours', async () => {
  const exit = byId()['d01-exit'];
  const page = await pageAt('2026-11-30T07:00:00+08:00');
  await page.goto(`${origin}/?item=passport&outlet=d01-exit&at=${AT}`);
  const options = page.locator('.visit-time option');
  await options.first().waitFor({ state: 'attached' });
  const busy = await page.locator('.visit-time option[data-busy]').allInnerTexts();
  assert.ok(busy.length > 0);
  for (const b of busy) assert.match(b, / · 通常人多$/);
  // Monday 09:00 at this hall is at its busiest in the data.
  assert.ok(exit.busy.mo[2] >= 70);
  assert.ok(busy.includes('今天 09:00 · 通常人多'), busy.join('|'));
  await page.context().close();
});

for (const [name, viewport] of [['kiosk', KIOSK], ['desktop', DESKTOP], ['320', { width: 320, height: 700 }]]) {
  test(`the facts in English and at ${name} size`, async () => {
    const hall = byId()['d01-hall'];
    const page = await pageAt('2026-11-30T08:10:00+08:00', { viewport });
    await page.goto(`${origin}/?outlet=d01-hall&lang=en&at=${AT}`);
    await page.locator('#detail-name').waitFor();
    assert.match(await page.locator('.quiet-times').innerText(), /^Usually quiet: /);
    assert.equal(await page.locator('.checked').innerText(), `Checked ${hall.check_date}`);
    assert.ok((await page.locator('.access-facts li').allInnerTexts()).includes('Step-free access'));
    await page.locator('.report-wrong summary').click();
    await page.locator('.outlet-trust').scrollIntoViewIfNeeded();
    await shot(page, `${name}-outlet-facts-en`);
    await page.context().close();
  });
}
