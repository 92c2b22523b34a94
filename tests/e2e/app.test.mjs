// End to end: the release build in headless Chromium, the real loaders and the
// Yantai sample city. What a resident does, and what they see.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DIST, useApp } from './server.mjs';
import { openPage, shot, queryOnce, PHONE, KIOSK, DESKTOP } from './browser.mjs';

let browser, origin;
const HOME = { longitude: 121.4479, latitude: 37.4638 }; // Yantai city government, Laishan

useApp({}, (s) => ({ browser, origin } = s));

/** Outlets handling `item`, nearest to `from` first, computed here independently of the app. */
function expectedOrder(item, from) {
  const geo = JSON.parse(fs.readFileSync(path.join(DIST, 'data/yantai/outlets.geojson'), 'utf8'));
  const rad = (d) => (d * Math.PI) / 180;
  const dist = ([lon, lat]) => {
    const h = Math.sin(rad(lat - from.latitude) / 2) ** 2 +
      Math.cos(rad(from.latitude)) * Math.cos(rad(lat)) * Math.sin(rad(lon - from.longitude) / 2) ** 2;
    return 2 * 6371008.8 * Math.asin(Math.sqrt(h));
  };
  return geo.features
    .filter((f) => !item || f.properties.items.includes(item))
    .map((f) => ({ id: String(f.id), d: dist(f.geometry.coordinates), name: f.properties.name }))
    .sort((a, b) => a.d - b.d || (a.name < b.name ? -1 : 1))
    .map((f) => f.id);
}

const rowIds = (page) => page.$$eval('[data-outlet-id]', (rows) => rows.map((r) => r.dataset.outletId));
// The list draws only the rows on screen and a few more: they must be the nearest, in order.
async function assertLeads(page, expected) {
  const shown = await rowIds(page);
  assert.ok(shown.length >= Math.min(8, expected.length), `${shown.length} rows drawn`);
  assert.deepEqual(shown, expected.slice(0, shown.length));
}

test('a resident types sfz, picks the ID card item and gets the outlets nearest first', async () => {
  const page = await openPage(browser, { viewport: PHONE, geolocation: HOME });
  await page.goto(origin + '/');
  await page.waitForSelector('[data-outlet-id]');
  await page.waitForSelector('[data-origin=located]');
  await page.fill('#need', 'sfz');
  const first = page.locator('.suggestion').first();
  await first.waitFor();
  assert.match(await first.innerText(), /居民身份证换领/);
  const names = await page.locator('.suggestion .item-name').allInnerTexts();
  assert.ok(names.slice(0, 3).every((n) => n.includes('身份证')), `top suggestions: ${names}`);
  await first.click();
  await page.waitForSelector('[data-chosen-item=id-renew]');
  const expected = expectedOrder('id-renew', HOME);
  await assertLeads(page, expected);
  assert.match(await page.locator('.result-count').innerText(), new RegExp(`^${expected.length} 个网点可办理`));
  assert.equal((await queryOnce(page, { item: 'id-renew' })).item, 'id-renew');
  await shot(page, 'phone-results');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a new need is shown from the top: a list scrolled far down does not carry over to the next need', async () => {
  const page = await openPage(browser, { viewport: PHONE });
  await page.goto(origin + '/?at=121.4479,37.4638');
  await page.waitForSelector('[data-outlet-id]');
  // Far down the list of every outlet, as a resident browsing it would be.
  const box = await page.locator('.result-list').boundingBox();
  await page.mouse.move(box.x + 100, 600);
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, 800);
  await page.waitForFunction(() => !document.querySelector('.result[aria-posinset="1"]'));
  // Only the pane scrolls: the page itself stays one screen tall, so a thumb on the
  // title bar cannot scroll the app off into a blank page (review 4).
  assert.equal(await page.evaluate(() => document.documentElement.scrollHeight), PHONE.height);
  await page.mouse.move(100, 20);
  await page.mouse.wheel(0, 2000);
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => scrollY), 0);
  await page.fill('#need', 'sfz');
  await page.locator('.suggestion[data-item-id=id-renew]').click();
  await page.waitForSelector('[data-chosen-item=id-renew]');
  // The nearest outlet for the new need is on screen, under the need's guide.
  const first = page.locator('.result[aria-posinset="1"]');
  await first.waitFor();
  assert.equal(await first.getAttribute('data-outlet-id'), expectedOrder('id-renew', HOME)[0]);
  const [row, guide] = [await first.boundingBox(), await page.locator('.guide').boundingBox()];
  assert.ok(row.y >= 0 && row.y + row.height <= PHONE.height, `first row at y=${row.y}`);
  assert.ok(guide.y >= 0 && guide.y < row.y, `guide at y=${guide.y}, first row at ${row.y}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the detail of an outlet shows how to reach it, its hours and its items', async () => {
  const page = await openPage(browser, { viewport: PHONE, geolocation: HOME });
  await page.goto(origin + '/?item=passport');
  await page.waitForSelector('[data-outlet-id]');
  const id = (await rowIds(page))[0];
  await page.click(`[data-outlet-id="${id}"] button`);
  const detail = page.locator(`[data-detail-outlet="${id}"]`);
  await detail.waitFor();
  const geo = JSON.parse(fs.readFileSync(path.join(DIST, 'data/yantai/outlets.geojson'), 'utf8'));
  const f = geo.features.find((x) => x.id === id);
  const text = await detail.innerText();
  assert.ok(text.includes(f.properties.name));
  assert.ok(text.includes(f.properties['addr:full']));
  // The hours as the week's table says them, not in OSM syntax ("Mo-Fr 08:30-12:00; …").
  assert.match(await detail.locator('table.week-hours').first().innerText(), /\d\d:\d\d–\d\d:\d\d/);
  assert.ok(!text.includes(f.properties.opening_hours), 'no raw opening_hours value');
  assert.equal(await detail.locator('a.call').getAttribute('href'), 'tel:' + f.properties.phone.replace(/-/g, ''));
  assert.match(text, /出入境/, 'items grouped by category');
  assert.equal(await detail.locator('.chosen-item').innerText(), '普通护照签发');
  assert.equal(await page.locator('.result.selected').getAttribute('data-outlet-id'), id);
  assert.equal((await queryOnce(page, { outlet: id })).outlet, id);
  await shot(page, 'phone-detail');
  await page.context().close();
});

test('a shared link restores item, outlet and position, and Back undoes a selection', async () => {
  const page = await openPage(browser, { viewport: DESKTOP });
  const at = { longitude: 120.7110, latitude: 36.9780 }; // Laiyang
  const expected = expectedOrder('no-crime', at);
  await page.goto(`${origin}/?item=no-crime&outlet=${expected[2]}&at=${at.longitude},${at.latitude}`);
  await page.waitForSelector(`[data-detail-outlet="${expected[2]}"]`);
  assert.equal(await page.locator('[data-origin]').getAttribute('data-origin'), 'chosen');
  await assertLeads(page, expected);
  await page.click(`[data-outlet-id="${expected[0]}"] button`);
  await page.waitForSelector(`[data-detail-outlet="${expected[0]}"]`);
  assert.equal((await queryOnce(page, { outlet: expected[0] })).outlet, expected[0]);
  await page.goBack();
  await page.waitForSelector(`[data-detail-outlet="${expected[2]}"]`);
  const back = await queryOnce(page, { outlet: expected[2], item: 'no-crime' });
  assert.equal(back.outlet, expected[2]);
  assert.equal(back.item, 'no-crime');
  // Changing the need is a step Back undoes too.
  await page.click('.chosen .link-button');
  await page.fill('#need', '护照');
  await page.locator('.suggestion').first().click();
  await page.waitForSelector('[data-chosen-item=passport]');
  await page.goBack(); // to the moment the need was cleared
  await page.waitForSelector('[data-chosen-item]', { state: 'detached' });
  assert.equal((await queryOnce(page, { item: null })).item, undefined);
  await page.goBack();
  await page.waitForSelector('[data-chosen-item=no-crime]');
  await page.context().close();
});

test('on a phone the map is a step of its own: Back returns to the list, and a link can open the map', async () => {
  const page = await openPage(browser, { viewport: PHONE });
  await page.goto(`${origin}/?item=no-crime&at=121.4479,37.4638`);
  await page.waitForSelector('[data-outlet-id]');
  await page.getByRole('button', { name: '地图', exact: true }).click();
  await page.waitForSelector('.app.show-map');
  assert.equal((await queryOnce(page, { view: 'map' })).view, 'map');
  await page.goBack();
  await page.waitForSelector('.app:not(.show-map) [data-outlet-id]');
  assert.equal(new URL(page.url()).origin, origin, 'still in the app');
  assert.equal((await queryOnce(page, { view: null, item: 'no-crime' })).view, undefined);
  await page.goto(`${origin}/?item=no-crime&view=map&at=121.4479,37.4638`);
  await page.waitForSelector('.app.show-map .map[data-marks]');
  // With nothing chosen, the chips wait on the list tab: the map has the screen's lower part.
  await page.goto(`${origin}/?view=map&at=121.4479,37.4638`);
  await page.waitForSelector('.app.show-map .map[data-marks]');
  assert.equal(await page.locator('.browse').isVisible(), false);
  const map = await page.locator('.map').boundingBox();
  assert.ok(map.height >= PHONE.height / 2, `map ${map.height} px high`);
  await page.context().close();
});

test('on a phone, closing an outlet goes back to its row in the list, with the focus on it', async () => {
  const page = await openPage(browser, { viewport: PHONE });
  await page.goto(`${origin}/?item=id-renew&at=121.4479,37.4638`);
  await page.waitForSelector('[data-outlet-id]');
  await page.evaluate(() => { document.querySelector('.side').scrollTop = 2500; });
  await page.waitForTimeout(300);
  const ids = await page.$$eval('.result', (rows) => rows.filter((r) => {
    const b = r.getBoundingClientRect();
    return b.top > 150 && b.bottom < innerHeight - 100;
  }).map((r) => r.dataset.outletId));
  const id = ids[1];
  await page.click(`[data-outlet-id="${id}"] .result-button`);
  await page.waitForSelector(`[data-detail-outlet="${id}"]`);
  await page.click('.detail .close');
  await page.waitForSelector('.detail', { state: 'detached' });
  await page.waitForFunction((id) => document.activeElement?.closest('.result')?.dataset.outletId === id, id, { timeout: 3000 });
  const box = await page.locator(`[data-outlet-id="${id}"]`).boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= PHONE.height, `the row is in view: ${JSON.stringify(box)}`);
  await page.context().close();
});

test('a data file with broken features shows the problems panel and every valid outlet', async () => {
  const page = await openPage(browser, { viewport: PHONE });
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.goto(origin + '/?config=/fixtures/broken/config.json&at=121.40,37.50');
  const panel = page.locator('.problems');
  await panel.waitFor();
  assert.equal(await panel.getAttribute('data-errors'), '3');
  assert.match(await panel.innerText(), /3 项已跳过/);
  await panel.locator('summary').click();
  const details = await panel.locator('.problem-list').innerText();
  for (const why of ['no-geom', 'out-of-range', 'strings', 'spaceport', 'no-such-item', 'duplicate id', 'centroid', 'javascript', 'opening_hours']) {
    assert.ok(details.includes(why), `problems list mentions ${why}:\n${details}`);
  }
  const ids = await rowIds(page);
  assert.deepEqual([...ids].sort(), ['n6', 'ok-1', 'ok-1~2', 'ok-2']);
  // Markup in a name is shown as text and runs nothing.
  assert.ok((await page.locator('.result-list').innerText()).includes('<img src=x onerror=alert(1)>正常派出所二'));
  assert.equal(await page.locator('.result-list img').count(), 0);
  await shot(page, 'phone-problems');
  await page.locator('.problems .close').click();
  await panel.waitFor({ state: 'detached' });
  assert.deepEqual(dialogs, []);
  assert.deepEqual(page.errors, []);
  await page.context().close();
  // A hall's kiosk shows the valid outlets without the staff's report, unless asked.
  for (const [query, shown] of [['mode=kiosk', 0], ['mode=kiosk&debug=1', 1]]) {
    const kiosk = await openPage(browser, { viewport: KIOSK });
    await kiosk.goto(origin + `/?config=/fixtures/broken/config.json&${query}`);
    await kiosk.waitForSelector('[data-outlet-id]');
    assert.equal(await kiosk.locator('.problems').count(), shown, query);
    if (shown) assert.equal(await kiosk.locator('.problems').getAttribute('role'), 'status');
    await kiosk.context().close();
  }
});

test('a file that is not JSON gives a plain message and the hotline; the parser\'s words only for staff', async () => {
  const page = await openPage(browser);
  await page.goto(origin + '/?config=/fixtures/notjson/config.json');
  const msg = page.locator('.fatal');
  await msg.waitFor();
  const seen = await msg.innerText();
  assert.match(seen, /无法打开电子地图/);
  assert.match(seen, /服务网点数据暂时无法读取/);
  assert.match(seen, /12345/);
  // Issue 21: residents never see a parser's words; staff open the details.
  assert.doesNotMatch(seen, /FeatureCollection|line 1|column/);
  await page.locator('.fatal-detail summary').click();
  assert.match(await page.locator('.fatal-detail').innerText(), /outlets.*FeatureCollection.*line 1/s);
  await page.context().close();
});

test('a link naming a config on another site loads nothing from it', async () => {
  const page = await openPage(browser);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(origin + '/?config=https://evil.example/config.json');
  await page.locator('.fatal').waitFor();
  assert.match(await page.locator('.fatal').innerText(), /只加载本站的配置文件/);
  assert.ok(requests.every((u) => u.startsWith(origin)), requests.join('\n'));
  await page.context().close();
});

test('without geolocation the list is sorted from the city centre and says so', async () => {
  const page = await openPage(browser); // no permission granted
  await page.goto(origin + '/?item=id-renew');
  await page.waitForSelector('[data-origin=city-centre]', { timeout: 8000 });
  assert.match(await page.locator('.location-note').innerText(), /按市中心排序/);
  const centre = JSON.parse(fs.readFileSync(path.join(DIST, 'config.json'), 'utf8')).center;
  const expected = expectedOrder('id-renew', { longitude: centre[0], latitude: centre[1] });
  await assertLeads(page, expected);
  await page.context().close();
});

test('when tiles cannot load the map says so, and its markers still select outlets', async () => {
  const page = await openPage(browser, { viewport: PHONE, tiles: 'fail' });
  await page.goto(origin + '/?item=passport&at=121.4479,37.4638');
  await page.waitForSelector('[data-outlet-id]');
  const id = (await rowIds(page))[0];
  await page.click(`[data-outlet-id="${id}"] button`);
  await page.click('.show-on-map');
  await page.locator('.tiles-failed').waitFor();
  await shot(page, 'phone-map-no-tiles');
  // The selected outlet is centred. Deselect it, then tap near the middle of the
  // map: that taps its marker and selects it again.
  await page.getByRole('button', { name: '列表', exact: true }).click();
  await page.locator('.detail .close').click();
  await page.waitForSelector('[data-detail-outlet]', { state: 'detached' });
  assert.equal((await queryOnce(page, { outlet: null })).outlet, undefined);
  await page.getByRole('button', { name: '地图', exact: true }).click();
  const box = await page.locator('.map').boundingBox();
  // A finger lands a little off a 12 px dot: 16 px below its centre still takes it.
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2 + 16);
  await page.waitForFunction((want) => new URL(location.href).searchParams.get('outlet') === want, id);
  // On a phone the tap keeps the map and opens the outlet's card on it (issue 20: it
  // used to leave the map for the list); 详情 brings the list with the detail on top.
  const card = page.locator(`.map-card[data-card-outlet="${id}"]`);
  await card.waitFor();
  assert.ok(await page.locator('.map').isVisible(), 'still on the map');
  assert.match(await card.innerText(), /派出所|大厅|出入境|公里|米/);
  assert.equal(await card.locator('.map-card-route').count(), 1, '导航 on the card');
  await shot(page, 'phone-map-card');
  await card.locator('.map-card-detail').click();
  await page.locator(`[data-detail-outlet="${id}"]`).waitFor();
  assert.ok(await page.locator('.detail').isVisible());
  await page.context().close();
});

test('screenshots at phone, kiosk and desktop size with tiles', async () => {
  for (const [name, viewport] of [['phone', PHONE], ['kiosk', KIOSK], ['desktop', DESKTOP]]) {
    const page = await openPage(browser, { viewport, tiles: 'serve', geolocation: HOME });
    await page.goto(origin + '/?item=id-renew');
    await page.waitForSelector('[data-origin=located]');
    const id = (await rowIds(page))[1];
    await page.click(`[data-outlet-id="${id}"] button`);
    await page.waitForSelector(`[data-detail-outlet="${id}"]`);
    assert.equal(await page.locator('.tiles-failed').count(), 0);
    await shot(page, `${name}-with-tiles`);
    await page.context().close();
  }
});

test('typed text in the link comes back, and a resident can pick their position on the map', async () => {
  const page = await openPage(browser, { viewport: PHONE });
  await page.goto(origin + '/?q=huzhao');
  await page.locator('.suggestion').first().waitFor();
  assert.equal(await page.inputValue('#need'), 'huzhao');
  assert.match(await page.locator('.suggestion').first().innerText(), /普通护照签发/);
  await page.locator('.suggestion').first().click();
  await page.waitForSelector('[data-chosen-item=passport]');
  await page.getByRole('button', { name: '在地图上选位置' }).click();
  await page.locator('.map-note.picking').waitFor();
  const box = await page.locator('.map').boundingBox();
  await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.6);
  await page.waitForSelector('[data-origin=chosen]');
  const [lon, lat] = (await queryOnce(page, { at: true })).at.split(',').map(Number);
  assert.ok(lon > 120 && lon < 123 && lat > 36 && lat < 38.5, `picked ${lon},${lat} near Yantai`);
  await page.getByRole('button', { name: '列表', exact: true }).click();
  await assertLeads(page, expectedOrder('passport', { longitude: lon, latitude: lat }));
  await page.context().close();
});

test('a fully-online item says so before any outlet; the materials checklist stays on the device', async () => {
  const page = await openPage(browser, { viewport: PHONE });
  await page.goto(origin + '/?item=no-crime&at=121.4479,37.4638');
  const online = page.locator('.online-first');
  await online.waitFor();
  assert.match(await online.innerText(), /全程网办/);
  assert.equal(await online.locator('a').getAttribute('href'), 'https://zwfw.mps.gov.cn');
  // The online channel comes before the first outlet on the page.
  const before = await page.evaluate(() => {
    const a = document.querySelector('.online-first'), b = document.querySelector('[data-outlet-id]');
    return Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  assert.ok(before);

  await page.goto(origin + '/?item=passport&at=121.4479,37.4638');
  await page.locator('[data-guide-item=passport]').waitFor();
  assert.equal(await page.locator('.online-first').count(), 0, 'a passport needs a visit');
  await page.locator('.guide-details summary').click();
  assert.equal(await page.locator('.policy').getAttribute('data-appointment'), 'recommended');
  const boxes = page.locator('.material input');
  assert.equal(await boxes.count(), 4);
  await boxes.nth(0).check();
  await boxes.nth(2).check();
  assert.match(await page.locator('.guide-details summary').innerText(), /材料 2\/4/);
  await shot(page, 'phone-guide');
  await page.reload();
  await page.locator('.guide-details summary').click();
  assert.equal(await page.locator('.material input').nth(0).isChecked(), true);
  assert.equal(await page.locator('.material input').nth(1).isChecked(), false);
  assert.equal(await page.locator('.material input').nth(2).isChecked(), true);
  await page.context().close();
});

test('each data file is downloaded once: the config while the wasm loads, the files it names preloaded and used', async () => {
  const page = await openPage(browser, { viewport: PHONE, geolocation: HOME });
  const asked = [];
  page.on('request', (r) => { if (/\/(config\.json|data\/|holidays\/)/.test(r.url())) asked.push(new URL(r.url()).pathname); });
  await page.goto(origin + '/?item=passport');
  await page.waitForSelector('[data-outlet-id]');
  const config = JSON.parse(fs.readFileSync(path.join(DIST, 'config.json'), 'utf8'));
  const files = ['config.json', config.catalog, config.outlets, config.notices, ...config.holidays].map((f) => '/' + f);
  assert.deepEqual([...asked].sort(), [...files].sort(), 'each file asked for once');
  // The catalog, outlets, notices and holidays were asked for by boot.js's preload, which the
  // app's own fetch used (a second fetch would be a second request above).
  const preloaded = (await page.$$eval('link[rel=preload][as=fetch]', (ls) => ls.map((l) => new URL(l.href).pathname)))
    .filter((p) => !p.endsWith('.wasm'));
  assert.deepEqual(preloaded.sort(), files.slice(1).sort());
  await page.context().close();
});

test('a stale link says so: an unknown item or outlet is named, and an outlet that does not handle the need says it', async () => {
  const page = await openPage(browser, { viewport: PHONE });
  await page.goto(origin + '/?item=no-such-item&at=121.4479,37.4638');
  await page.waitForSelector('[data-outlet-id]');
  assert.match(await page.locator('.stale-link').innerText(), /“no-such-item”在事项清单中找不到/);
  assert.match(await page.locator('.result-count').innerText(), /^全部 \d+ 个服务网点/);
  // Choosing a need puts the note away.
  await page.fill('#need', 'sfz');
  await page.click('.suggestion[data-item-id=id-renew]');
  await page.waitForSelector('[data-chosen-item=id-renew]');
  assert.equal(await page.locator('.stale-link').count(), 0);
  // A vehicle office linked with the passport item: no passport booking rules, a way back.
  await page.goto(origin + '/?item=passport&outlet=d01-vehicle&at=121.4479,37.4638');
  await page.waitForSelector('.detail[data-detail-outlet=d01-vehicle]');
  assert.match(await page.locator('.not-here').innerText(), /本网点不办理“普通护照签发”/);
  assert.equal(await page.locator('.detail .detail-policy').count(), 0);
  await page.locator('.not-here button').click();
  await page.waitForSelector('.detail', { state: 'detached' });
  const ids = await page.$$eval('[data-outlet-id]', (rows) => rows.map((r) => r.dataset.outletId));
  assert.ok(ids.length > 0 && !ids.includes('d01-vehicle'), 'the list of passport outlets');
  // An outlet the data no longer has (closed or merged): named, with its item's list.
  await page.goto(origin + '/?item=passport&outlet=gone-station&at=121.4479,37.4638');
  await page.waitForSelector('[data-outlet-id]');
  assert.match(await page.locator('.stale-outlet').innerText(), /网点“gone-station”在网点数据中找不到/);
  assert.match(await page.locator('.result-count').innerText(), /可办理“普通护照签发”/);
  assert.equal(await page.locator('.detail').count(), 0);
  // Opening an outlet puts the note away.
  await page.locator('[data-outlet-id] .result-button').first().click();
  await page.waitForSelector('.detail');
  assert.equal(await page.locator('.stale-outlet').count(), 0);
  await page.context().close();
});

test('长辈版 on a phone: the list is further down, not squeezed, and the list/map switch stays on screen', async () => {
  for (const viewport of [PHONE, { width: 320, height: 640 }]) {
    const page = await openPage(browser, { viewport });
    await page.addInitScript(() => localStorage.setItem('emap.elder', '1'));
    await page.goto(origin + '/?at=121.4479,37.4638');
    await page.waitForSelector('.app.elder [data-outlet-id]');
    // What is on top at a point: the element a finger there would touch.
    const touches = (sel) => page.$eval(sel, (e) => {
      const r = e.getBoundingClientRect();
      const x = r.left + r.width / 2, y = r.top + Math.min(r.height / 2, 20);
      return y >= 0 && y <= innerHeight && e.contains(document.elementFromPoint(x, y));
    });
    assert.ok(await touches('.tabs .tab:last-child'), `${viewport.width}: the map tab is on screen`);
    const row = page.locator('.result').first();
    await row.scrollIntoViewIfNeeded();
    const box = await row.boundingBox();
    assert.ok(box.height >= 60 && box.y >= 0 && box.y + box.height <= viewport.height, `${viewport.width}: the first row in view: ${JSON.stringify(box)}`);
    assert.ok(await touches('.result .result-button'), `${viewport.width}: the first row can be touched`);
    // Far down the list the switch is still on screen (it had scrolled off the top).
    await page.evaluate(() => { document.querySelector('.side').scrollTop = 3000; });
    await page.waitForTimeout(200);
    assert.ok(await touches('.tabs .tab:last-child'), `${viewport.width}: the map tab is on screen far down the list`);
    await page.locator('.tabs .tab:last-child').click();
    await page.waitForSelector('.app.show-map');
    const map = await page.locator('.map-pane').boundingBox();
    assert.ok(map.height >= viewport.height / 3, `${viewport.width}: the map ${map.height} px high`);
    await page.context().close();
  }
});

test('长辈版: large text and targets, remembered on the device', async () => {
  const page = await openPage(browser, { viewport: PHONE });
  await page.goto(origin + '/?item=passport&at=121.4479,37.4638');
  await page.waitForSelector('[data-outlet-id]');
  await page.getByRole('button', { name: '长辈版' }).click();
  await page.waitForSelector('.app.elder');
  await page.reload();
  await page.waitForSelector('.app.elder [data-outlet-id]');
  await page.locator('.result-button').first().click();
  await page.locator('.detail .route-links').waitFor();
  const px = (sel) => page.$$eval(sel, (els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize)));
  const sizes = (sel) => page.$$eval(sel, (els) => els.filter((e) => e.offsetParent).map((e) => e.getBoundingClientRect()).map((r) => [r.width, r.height]));
  // Every piece of visible text in the app (the map's own attribution aside).
  const small = await page.evaluate(() => {
    const out = [];
    const walker = document.createTreeWalker(document.querySelector('.app'), NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!n.textContent.trim() || !el.offsetParent || el.closest('.leaflet-container')) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < 18) out.push(`${size}px: ${n.textContent.trim().slice(0, 20)}`);
    }
    return out;
  });
  assert.deepEqual(small, [], 'all text at least 18 px');
  for (const sel of ['.route-link', '.tab', '.row-route', '.search-label']) {
    assert.ok((await px(sel)).every((v) => v >= 30), `${sel} at least 30 px`);
  }
  for (const sel of ['.route-link', '.tab', '.row-route', '.result-button', '.mode', '.detail .close', '.elder-switch', '.handoff-button']) {
    const boxes = await sizes(sel);
    assert.ok(boxes.length > 0 && boxes.every(([w, h]) => w >= 60 && h >= 60), `${sel} targets at least 60x60: ${JSON.stringify(boxes.slice(0, 3))}`);
  }
  const lineHeight = await page.$eval('.app', (e) => parseFloat(getComputedStyle(e).lineHeight) / parseFloat(getComputedStyle(e).fontSize));
  assert.ok(lineHeight >= 1.3, `line spacing ${lineHeight}`);
  // The title reads across the phone, not down it (it was a column one character wide).
  const titleLines = await page.$eval('.topbar h1', (h) => h.getBoundingClientRect().height / parseFloat(getComputedStyle(h).lineHeight));
  assert.ok(titleLines <= 2.1, `title on ${titleLines.toFixed(1)} lines`);
  const bar = await page.locator('.topbar').boundingBox();
  assert.ok(bar.height <= PHONE.height / 4, `top bar ${bar.height} px high`);
  await page.locator('.detail').scrollIntoViewIfNeeded();
  await shot(page, 'phone-elder');
  // The map's zoom buttons too (Leaflet's are 30 px).
  await page.getByRole('button', { name: '地图', exact: true }).click();
  await page.locator('.leaflet-control-zoom-in').waitFor();
  const zoom = await page.locator('.leaflet-control-zoom-in').boundingBox();
  assert.ok(zoom.width >= 60 && zoom.height >= 60, `zoom button ${zoom.width}x${zoom.height}`);
  // The outlets' dots are larger, and a tap 30 px off one still takes it.
  const id = await page.locator('.detail').getAttribute('data-detail-outlet');
  await page.getByRole('button', { name: '列表', exact: true }).click();
  await page.locator('.detail .close').click();
  await page.waitForSelector('[data-detail-outlet]', { state: 'detached' });
  await page.getByRole('button', { name: '地图', exact: true }).click();
  await page.waitForSelector('.app.show-map .map[data-marks]');
  const map = await page.locator('.map').boundingBox();
  await page.mouse.click(map.x + map.width / 2, map.y + map.height / 2 + 30);
  await page.waitForFunction((want) => new URL(location.href).searchParams.get('outlet') === want, id);
  // The tap opens the outlet's card on the map; its 详情 opens the detail.
  await page.locator(`.map-card[data-card-outlet="${id}"] .map-card-detail`).click();
  await page.locator(`[data-detail-outlet="${id}"]`).waitFor();
  await page.getByRole('button', { name: '标准版' }).click();
  await page.waitForSelector('.app:not(.elder)');
  await page.context().close();
});
