// End to end, issue 4: opening hours against the real holiday calendar with the
// browser clock set, the guide at one outlet (booking, week, calendar file, paper),
// and life events (一件事). Release build, real loaders, the Yantai sample city.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import { DIST, useApp } from './server.mjs';
import { openPage, shot, everyRow, rowOf, queryOnce, PHONE, DESKTOP } from './browser.mjs';

let browser, origin;
const AT = '121.4479,37.4638';
const HALL = 'Mo-Fr 08:30-12:00,13:30-17:00; Sa 09:00-12:00; PH off';

useApp({}, (s) => ({ browser, origin } = s));

const outlets = () => JSON.parse(fs.readFileSync(path.join(DIST, 'data/yantai/outlets.geojson'), 'utf8')).features;
const byId = () => Object.fromEntries(outlets().map((f) => [String(f.id), f.properties]));

/** A page whose clock reads `instant` (an ISO time with its offset), in `timezoneId`. */
async function pageAt(instant, { viewport = PHONE, timezoneId = 'Asia/Shanghai' } = {}) {
  const page = await openPage(browser, { viewport, timezoneId });
  await page.clock.setFixedTime(new Date(instant));
  return page;
}

/** Every row of the list (scrolled through): id, data-open-state, the label the
 * resident reads, the outlet's hours. */
async function rows(page) {
  const props = byId();
  return (await everyRow(page)).map((r) => ({ ...r, hours: props[r.id].opening_hours }));
}

test('on National Day the rows say closed for the holiday, 24-hour points stay open', async () => {
  const page = await pageAt('2026-10-02T10:00:00+08:00');
  await page.goto(`${origin}/?item=id-renew&at=${AT}`);
  await page.waitForSelector('[data-outlet-id][data-open-state]');
  const list = await rows(page);
  const withPh = list.filter((r) => r.hours.includes('PH off'));
  assert.ok(withPh.length > 10, `rows with PH off: ${withPh.length}`);
  for (const r of withPh) {
    assert.equal(r.state, 'closed', `${r.id} ${r.hours}`);
    assert.match(r.label, /^国庆节放假 · 10月8日（周四） \d\d:\d\d 开门$/, `${r.id}: ${r.label}`);
  }
  for (const r of list.filter((r) => r.hours === '24/7')) {
    assert.equal(r.state, 'open');
    assert.equal(r.label, '24小时营业');
  }
  // The detail shows the week ahead with the holiday marked.
  await (await rowOf(page, withPh[0].id)).locator('.result-button').click();
  const week = page.locator('.detail > .week-hours');
  await week.waitFor();
  assert.match(await week.locator('tr[data-date="2026-10-03"]').innerText(), /休息\s*国庆节假期/);
  assert.match(await week.locator('tr[data-date="2026-10-08"]').innerText(), /\d\d:\d\d–\d\d:\d\d/);
  assert.match(await page.locator('.detail-open-state').innerText(), /国庆节放假/);
  await shot(page, 'phone-national-day');
  await page.context().close();
});

test('on a make-up working Saturday outlets keep their weekday hours', async () => {
  // 2026-10-10 is a Saturday worked in exchange for National Day.
  const page = await pageAt('2026-10-10T15:00:00+08:00');
  await page.goto(`${origin}/?item=id-renew&at=${AT}`);
  await page.waitForSelector('[data-outlet-id][data-open-state]');
  const halls = (await rows(page)).filter((r) => r.hours === HALL);
  assert.ok(halls.length > 3, `rows with the usual hall hours: ${halls.length}`);
  for (const r of halls) {
    assert.equal(r.state, 'open', `${r.id} at 15:00 on a make-up Saturday`);
    assert.equal(r.label, '营业中 · 17:00 关门');
  }
  await (await rowOf(page, halls[0].id)).locator('.result-button').click();
  assert.match(await page.locator('.detail > .week-hours tr[data-date="2026-10-10"]').innerText(), /08:30–12:00、13:30–17:00\s*国庆节调休上班/);
  await page.context().close();
});

test('in the lunch break rows say when the window reopens, even on a device in New York', async () => {
  for (const timezoneId of ['Asia/Shanghai', 'America/New_York']) {
    // Monday 12:30 in Yantai; Sunday 23:30 on the device's own clock in New York.
    const page = await pageAt('2026-11-23T12:30:00+08:00', { timezoneId });
    await page.goto(`${origin}/?item=id-renew&at=${AT}`);
    await page.waitForSelector('[data-outlet-id][data-open-state]');
    const halls = (await rows(page)).filter((r) => r.hours === HALL);
    assert.ok(halls.length > 3);
    for (const r of halls) {
      assert.equal(r.state, 'closed', `${timezoneId} ${r.id}`);
      assert.equal(r.label, '午休中 · 13:30 开门', timezoneId);
    }
    await page.context().close();
  }
});

test('the open-now filter keeps only open outlets, and a chosen day is in the link', async () => {
  const page = await pageAt('2026-11-23T12:30:00+08:00');
  await page.goto(`${origin}/?item=id-renew&at=${AT}`);
  await page.waitForSelector('[data-outlet-id][data-open-state]');
  const all = Number((await page.locator('.result-count').innerText()).match(/^(\d+)/)[1]);
  await page.click('[data-filter=now]');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('open') === 'now');
  const count = await page.locator('.result-count').innerText();
  const open = Number(count.match(/^(\d+)/)[1]);
  assert.match(count, /现在营业/);
  assert.ok(open > 0 && open < all, `${open} of ${all} open in the lunch break`);
  const states = await page.$$eval('[data-outlet-id]', (els) => els.map((e) => e.dataset.openState));
  assert.ok(states.every((s) => s === 'open'), states.join());
  // A day in the coming week: Saturday the 28th; halls with Saturday service qualify.
  await page.selectOption('.open-filter select', '2026-11-28');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('open') === '2026-11-28');
  const props = byId();
  const ids = await page.$$eval('[data-outlet-id]', (els) => els.map((e) => e.dataset.outletId));
  assert.ok(ids.length > 0);
  for (const id of ids) {
    assert.match(props[id].opening_hours, /Sa|Su|24\/7|Mo-Su/, `${id} opens on a Saturday`);
  }
  // Each row tells that Saturday's hours, not whether it is open this minute.
  assert.match(await page.locator('.result-count').innerText(), /11月28日（周六）开放的网点可办理/);
  const labels = await page.$$eval('.result .open-state', (els) => els.map((e) => [e.dataset.state, e.innerText]));
  assert.ok(labels.every(([state, text]) => state === 'day' && /^11月28日（周六） (\d\d:\d\d–\d\d:\d\d|全天)/.test(text)), JSON.stringify(labels.slice(0, 3)));
  // The link restores the filter.
  await page.goto(page.url());
  await page.waitForSelector('[data-outlet-id]');
  assert.equal(await page.locator('.open-filter select').inputValue(), '2026-11-28');
  await page.context().close();
});

test('the guide at one outlet: booking channels, a visit added to the calendar, a page to print', async () => {
  const page = await pageAt('2026-11-23T09:10:00+08:00', { viewport: DESKTOP });
  await page.goto(`${origin}/?item=passport&at=${AT}`);
  await page.waitForSelector('[data-outlet-id]');
  const id = await page.locator('[data-outlet-id]').first().getAttribute('data-outlet-id');
  const outlet = byId()[id];
  await page.click(`[data-outlet-id="${id}"] button`);
  const detail = page.locator(`[data-detail-outlet="${id}"]`);
  await detail.waitFor();
  assert.equal(await detail.locator('.detail-policy .policy').getAttribute('data-appointment'), 'recommended');
  const booking = await detail.locator('.booking').innerText();
  // The outlet's own booking note and phone override the item's; the item's
  // mini-program fills in what the outlet does not say.
  if (outlet.appointment?.phone) assert.ok(booking.includes(outlet.appointment.phone), booking);
  assert.match(booking, /移民局12367/);

  // The first slot is the next half hour inside the open windows.
  const slot = detail.locator('.visit-time select');
  assert.equal(await slot.inputValue(), '2026-11-23T09:30');
  await slot.selectOption('2026-11-24T14:00');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    detail.locator('.add-calendar').click(),
  ]);
  assert.match(download.suggestedFilename(), /^passport-20261124-1400\.ics$/);
  // Said, not silent (issue 20).
  assert.match(await detail.locator('.calendar-added').innerText(), /已生成日历文件/);
  const text = fs.readFileSync(await download.path(), 'utf8');
  // Read back by an independent parser (ical.js).
  const cal = new ICAL.Component(ICAL.parse(text));
  const tz = cal.getFirstSubcomponent('vtimezone');
  ICAL.TimezoneService.register(tz);
  const event = new ICAL.Event(cal.getFirstSubcomponent('vevent'));
  assert.equal(event.startDate.toString(), '2026-11-24T14:00:00');
  assert.equal(event.startDate.zone.tzid, 'Asia/Shanghai');
  assert.equal(event.startDate.toJSDate().toISOString(), '2026-11-24T06:00:00.000Z');
  assert.equal(event.endDate.toJSDate().toISOString(), '2026-11-24T07:00:00.000Z');
  assert.equal(event.location, outlet['addr:full'] ?? outlet.address);
  assert.match(event.summary, /普通护照签发/);
  assert.match(event.description, /需带材料/);
  assert.match(event.description, /居民身份证/);
  assert.match(event.description, /导航：https:\/\//);
  // Whether to book is on the entry; the hours are that day's, in words.
  assert.match(event.description, /预约：建议预约：.*移民局12367/);
  assert.match(event.description, /当天办公时间：\d\d:\d\d–\d\d:\d\d/);
  // The route starts wherever the resident is then: the position now is not in the file.
  assert.ok(!/from=|121\.4479|37\.4638/.test(text), 'no position in the calendar file');
  const [lat, lon] = cal.getFirstSubcomponent('vevent').getFirstPropertyValue('geo');
  assert.ok(Math.abs(lat - 37.5) < 1 && Math.abs(lon - 121.4) < 1.5, `${lat},${lon}`);

  // Paper: only the guide, on one A4 page.
  await page.emulateMedia({ media: 'print' });
  const sheet = page.locator('.print-sheet');
  assert.ok(await sheet.isVisible());
  assert.equal(await page.locator('.map-pane').isVisible(), false);
  assert.equal(await page.locator('.result-list').isVisible(), false);
  assert.match(await sheet.innerText(), /☐/);
  assert.match(await sheet.locator('.print-booking').innerText(), /^建议预约：/);
  // Paper is read on other days: dates, not 今天 or 明天.
  assert.doesNotMatch(await sheet.locator('.week-hours').innerText(), /今天|明天/);
  assert.equal(await sheet.locator('.qr-code svg').count(), 1);
  await shot(page, 'desktop-print');
  const pdf = await page.pdf({ format: 'A4' });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.equal(pages, 1, 'the printed guide fits one A4 page');
  await page.emulateMedia({ media: 'screen' });
  await shot(page, 'desktop-guide-at-outlet');
  await page.context().close();
});

test('open now at 3 a.m. for a passport: nothing is open, and one tap shows every outlet with its hours', async () => {
  const page = await pageAt('2026-11-23T03:00:00+08:00');
  await page.goto(`${origin}/?item=passport&open=now&at=${AT}`);
  await page.waitForSelector('.result-count');
  assert.match(await page.locator('.result-count').innerText(), /^暂无现在营业的网点可办理“普通护照签发”/);
  await page.click('.any-time');
  await page.waitForSelector('[data-outlet-id]');
  assert.equal((await queryOnce(page, { open: null })).open, undefined, 'the filter leaves the link');
  assert.match(await page.locator('.result-count').innerText(), /^\d+ 个网点可办理“普通护照签发”/);
  // The button went with the empty list: the focus is on the filter's 不限时间, now on.
  await page.waitForFunction(() => document.activeElement?.matches('.results .open-filter button[aria-pressed=true]'));
  await page.context().close();
});

test('a life event shows the outlets that do it all in one trip, or the fewest trips', async () => {
  const page = await pageAt('2026-11-23T10:00:00+08:00');
  await page.goto(`${origin}/?at=${AT}`);
  await page.waitForSelector('[data-outlet-id]');
  await page.click('.bundle-chip[data-bundle-id=newborn]');
  await page.waitForSelector('[data-bundle-id=newborn].bundle-plan');
  assert.equal((await queryOnce(page, { bundle: 'newborn' })).bundle, 'newborn');
  const catalog = JSON.parse(fs.readFileSync(path.join(DIST, 'data/yantai/catalog.json'), 'utf8'));
  const items = catalog.bundles.find((b) => b.id === 'newborn').items;
  const props = byId();
  const ids = await page.$$eval('.result[data-outlet-id]', (els) => els.map((e) => e.dataset.outletId));
  assert.ok(ids.length > 0);
  for (const id of ids) assert.ok(items.every((i) => props[id].items.includes(i)), `${id} does every item`);
  assert.match(await page.locator('.bundle-one-trip').innerText(), /可一次办完/);
  await shot(page, 'phone-bundle-one-trip');

  // 二手车买卖: the mortgage is done fully online, so it takes no trip; no outlet does
  // the other two here, so the plan needs the fewest trips for them.
  await page.fill('#need', '二手车');
  await page.click('.bundle-suggestion[data-bundle-id=used-car]');
  const trips = page.locator('.trip');
  await trips.first().waitFor();
  const used = catalog.bundles.find((b) => b.id === 'used-car').items;
  const online = used.filter((id) => catalog.items.find((i) => i.id === id).online?.fully_online);
  assert.ok(online.length > 0 && online.length < used.length, 'fixture: some, not all, done online');
  assert.deepEqual(await page.$$eval('.bundle-online [data-item-id]', (els) => els.map((e) => e.dataset.itemId)), online);
  const visit = used.filter((id) => !online.includes(id));
  const masks = new Set(outlets().map((f) => visit.reduce((m, id, bit) => m | (f.properties.items.includes(id) ? 1 << bit : 0), 0)));
  const full = (1 << visit.length) - 1;
  assert.ok(!masks.has(full), 'fixture: no one-trip outlet');
  const two = [...masks].some((a) => [...masks].some((b) => (a | b) === full));
  assert.equal(await trips.count(), two ? 2 : 3);
  const planned = (await page.$$eval('.trip', (els) => els.map((e) => e.dataset.outletId)));
  const covered = planned.reduce((m, id) => m | visit.reduce((k, it, bit) => k | (props[id].items.includes(it) ? 1 << bit : 0), 0), 0);
  assert.equal(covered, full, 'the trips cover every item that needs a visit');
  const tripText = await page.locator('.trip-list').innerText();
  for (const id of online) assert.ok(!tripText.includes(catalog.items.find((i) => i.id === id).name), `${id} is in no trip`);
  assert.equal(await page.locator('.result[data-outlet-id]').count(), 0);
  // Each trip says whether its outlet is open, and the map marks the trips' outlets.
  for (const t of await trips.all()) assert.match(await t.locator('.open-state').innerText(), /营业中|关门|开门|午休/);
  await shot(page, 'phone-bundle-trips');
  await page.getByRole('button', { name: '地图', exact: true }).click();
  await page.waitForFunction((n) => Number(document.querySelector('.map')?.dataset.marks) === n, planned.length);
  await page.goBack();
  await trips.first().waitFor();

  // Going on Saturday: every trip is to an outlet open that day, and says its hours.
  await page.locator('.bundle-plan .day-chip select').selectOption('2026-11-28');
  await page.waitForSelector('.trip .open-state[data-state=day]');
  const saturday = await page.$$eval('.trip', (els) => els.map((e) => [e.dataset.outletId, e.querySelector('.open-state').innerText]));
  assert.ok(saturday.length > 0);
  for (const [id, label] of saturday) {
    assert.match(label, /^11月28日（周六） \d\d:\d\d–\d\d:\d\d/, `${id}: ${label}`);
    assert.match(props[id].opening_hours, /Sa|24\/7|Mo-Su/, `${id} opens on Saturdays: ${props[id].opening_hours}`);
  }
  const satCovered = saturday.reduce((m, [id]) => m | visit.reduce((k, it, bit) => k | (props[id].items.includes(it) ? 1 << bit : 0), 0), 0);
  assert.equal(satCovered, full, 'the Saturday trips cover every item that needs a visit');
  assert.equal((await queryOnce(page, { open: '2026-11-28' })).open, '2026-11-28');
  await page.context().close();

  // At 3 a.m. nothing is open: said so, with one tap back to every outlet.
  const night = await pageAt('2026-11-24T03:00:00+08:00');
  await night.goto(`${origin}/?bundle=used-car&open=now&at=${AT}`);
  assert.match(await night.locator('.bundle-none').innerText(), /^现在没有开放的网点可办理这些事项/);
  assert.equal(await night.locator('.trip').count(), 0);
  await night.locator('.bundle-plan .any-time').click();
  await night.locator('.trip').first().waitFor();
  await night.waitForFunction(() => document.activeElement?.matches('.bundle-plan .open-filter button[aria-pressed=true]'));
  assert.equal(await night.locator('.trip').count(), planned.length);
  await night.context().close();
});

test('no dead end on a holiday: the empty list names National Day and the first opening after it', async () => {
  const page = await pageAt('2026-09-28T10:00:00+08:00');
  await page.goto(`${origin}/?item=passport&open=2026-10-01&at=${AT}`);
  const note = page.locator('.none-open');
  await note.waitFor();
  assert.equal(await page.locator('[data-outlet-id]').count(), 0);
  assert.match(await note.locator('.none-open-why').innerText(), /10月1日（周四）是国庆节假期/);
  assert.match(await note.locator('.none-open-first').innerText(), /^最早 10月8日（周四） \d\d:\d\d 开门：/);
  await shot(page, 'phone-none-open-holiday');
  // One tap to that day's list.
  await note.locator('[data-open-day="2026-10-08"]').click();
  await page.waitForSelector('[data-outlet-id]');
  await page.waitForFunction(() => location.search.includes('open=2026-10-08'));
  await page.context().close();
});

test('no dead end at night: 现在营业 at 3 a.m. says the hour and who opens first', async () => {
  const page = await pageAt('2026-12-04T03:00:00+08:00');
  await page.goto(`${origin}/?item=passport&open=now&at=${AT}`);
  const note = page.locator('.none-open');
  await note.waitFor();
  assert.match(await note.locator('.none-open-why').innerText(), /现在是 03:00，网点都未开门/);
  assert.match(await note.locator('.none-open-first').innerText(), /^最早 0\d:\d\d 开门：/);
  const id = await note.locator('[data-first-open]').getAttribute('data-first-open');
  await note.locator('[data-first-open]').click();
  await page.locator('#detail-name').waitFor();
  assert.match(page.url(), new RegExp(`outlet=${id}`));
  await page.context().close();
});

test('a past day in a shared link is said, not silently dropped', async () => {
  const page = await pageAt('2026-12-04T10:00:00+08:00');
  await page.goto(`${origin}/?item=passport&open=2026-10-01&at=${AT}`);
  await page.waitForSelector('[data-outlet-id]');
  assert.match(await page.locator('.past-day').innerText(), /链接中的日期 10月1日（周四） 已经过去/);
  await page.context().close();
});

test('the map tells open from closed: marks by state, with a legend in words', async () => {
  const page = await pageAt('2026-12-04T03:00:00+08:00'); // a Friday night
  await page.goto(`${origin}/?view=map&at=${AT}`);
  const map = page.locator('.map[data-open-marks]');
  await page.waitForFunction(() => /open:\d+/.test(document.querySelector('.map')?.dataset.openMarks ?? ''));
  const roundTheClock = outlets().filter((f) => f.properties.opening_hours === '24/7').length;
  const counts = Object.fromEntries((await map.getAttribute('data-open-marks')).split(' ').map((p) => p.split(':')).map(([k, v]) => [k, Number(v)]));
  assert.equal(counts.open, roundTheClock, JSON.stringify(counts));
  assert.ok(counts.closed > 100, JSON.stringify(counts));
  assert.match(await page.locator('.map-legend').innerText(), /营业中[\s\S]*已关门[\s\S]*时间未知/);
  await shot(page, 'phone-map-night');
  await page.context().close();
});

test('guidance: 补领 names 挂失 first; the used-car plan inspects before it transfers, with 导航 on each trip', async () => {
  const page = await pageAt('2026-12-04T10:00:00+08:00');
  await page.goto(`${origin}/?item=id-lost&at=${AT}`);
  const first = page.locator('.guide .first-step');
  await first.waitFor();
  assert.match(await first.innerText(), /通常要先办：居民身份证挂失申报/);
  await first.locator('[data-first-step="id-cert"]').click();
  await page.waitForFunction(() => location.search.includes('item=id-cert'));
  // 二手车买卖: 查验 (veh-inspect) comes before 过户 (veh-transfer), whatever is nearer.
  await page.goto(`${origin}/?bundle=used-car&at=${AT}`);
  const trips = page.locator('.trip-list .trip');
  await trips.first().waitFor();
  const texts = await trips.allInnerTexts();
  const inspect = texts.findIndex((t) => t.includes('机动车安全技术检验'));
  const transfer = texts.findIndex((t) => t.includes('二手车过户'));
  assert.ok(inspect >= 0 && transfer >= 0 && inspect < transfer, texts.join('\n'));
  assert.match(await page.locator('.trip-order').innerText(), /请按下面的顺序办理/);
  assert.equal(await trips.locator('a.trip-route').count(), await trips.count(), 'each trip has 导航');
  await shot(page, 'phone-used-car-plan');
  await page.context().close();
});

test('inside WeChat, where downloads are blocked, 加入日历 says how else and offers the details to copy', async () => {
  const context = await browser.newContext({
    viewport: PHONE,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    serviceWorkers: 'block',
    userAgent: 'Mozilla/5.0 (Linux; Android 13; V2218A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN',
  });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date('2026-11-23T09:10:00+08:00'));
  await page.route('https://**', (r) => r.abort());
  const downloads = [];
  page.on('download', (d) => downloads.push(d));
  await page.goto(`${origin}/?item=passport&at=${AT}`);
  await page.locator('.result-button').first().click();
  const detail = page.locator('.detail');
  await detail.locator('.add-calendar').click();
  const said = detail.locator('.calendar-added');
  await said.waitFor();
  assert.match(await said.innerText(), /在浏览器打开/);
  assert.match(await said.locator('.visit-details').inputValue(), /办理普通护照签发/);
  assert.equal(downloads.length, 0, 'no download that WeChat would swallow');
  await context.close();
});
