// End to end, issue 5: the kiosk at its own size, resetting itself with the browser
// clock moved forward; the portal embed at 360x600 inside a host page on another
// origin, with postMessage both ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp } from './server.mjs';
import { openPage, shot, queryOnce, KIOSK, DESKTOP } from './browser.mjs';

let browser, app, host;
// The host page is served from another origin, which the app's embed config lists.
useApp({ host: true }, (s) => { app = s; ({ browser, host } = s); });


test('kiosk: no typing, no location prompt, outside links become QR codes, and it resets itself', async () => {
  const page = await openPage(browser, { viewport: KIOSK });
  const asked = [];
  await page.exposeFunction('askedForPosition', () => asked.push(1));
  await page.addInitScript(() => {
    const real = navigator.geolocation.getCurrentPosition.bind(navigator.geolocation);
    navigator.geolocation.getCurrentPosition = (...a) => { window.askedForPosition(); return real(...a); };
  });
  await page.clock.install({ time: new Date('2026-11-23T10:00:00+08:00') });
  await page.goto(`${app.origin}/?mode=kiosk`);
  await page.waitForSelector('.app.kiosk [data-outlet-id]');
  assert.equal(await page.locator('[data-origin]').getAttribute('data-origin'), 'kiosk');
  assert.equal(await page.locator('#need').getAttribute('readonly'), '');
  // 身份证 by its pinyin initials on the screen keyboard, which a tap on the box opens.
  await page.click('#need');
  // Life events too: E S C is 二手车买卖.
  for (const k of ['E', 'S', 'C']) await page.click(`.key[data-key="${k}"]`);
  await page.locator('.bundle-suggestion[data-bundle-id=used-car]').waitFor();
  await page.getByRole('button', { name: '清空' }).click();
  for (const k of ['S', 'F', 'Z']) await page.click(`.key[data-key="${k}"]`);
  assert.equal(await page.inputValue('#need'), 'sfz');
  await page.locator('.suggestion').first().click();
  await page.waitForSelector('[data-chosen-item=id-renew]');
  assert.equal(await page.locator('.pinyin-keyboard').count(), 0, 'the keyboard makes way for the outlets');
  await page.locator('.guide-details summary').click();
  await page.locator('.material input').first().check();
  // The nearest is the hall the kiosk stands in: no route from here to here.
  const [first, second] = await page.$$eval('[data-outlet-id]', (rows) => rows.slice(0, 2).map((r) => r.dataset.outletId));
  assert.equal(first, 'd01-hall');
  await page.click(`[data-outlet-id="${first}"] button`);
  assert.match(await page.locator('.detail .here-note').innerText(), /您就在这里/);
  assert.equal(await page.locator('.detail .route-link').count(), 0);
  await page.locator('.detail .close').click();
  await page.click(`[data-outlet-id="${second}"] button`);
  await page.locator('.detail .route-link').first().waitFor();
  // A map link would leave the kiosk: it shows a QR code instead.
  const href = await page.locator('.detail .route-link').first().getAttribute('href');
  await page.locator('.detail .route-link').first().click();
  const qr = page.locator('.kiosk-qr');
  await qr.waitFor();
  assert.equal(await qr.locator('.qr-code').getAttribute('data-qr-text'), href);
  assert.equal(new URL(page.url()).origin, app.origin);
  assert.equal(page.context().pages().length, 1, 'no new window');
  const sizes = await page.$$eval('.key, .result-button, .kiosk-home, .kiosk-qr-close', (els) => els.filter((e) => e.offsetParent).map((e) => { const r = e.getBoundingClientRect(); return [r.width, r.height]; }));
  assert.ok(sizes.every(([w, h]) => w >= 72 && h >= 72), `targets at least 72 px: ${JSON.stringify(sizes.filter(([w, h]) => w < 72 || h < 72).slice(0, 3))}`);
  await shot(page, 'kiosk-qr');
  await page.locator('.kiosk-qr-close').click();
  // A phone number: no QR code, the number as the outlet writes it, dash and all.
  const phone = await page.locator('.detail a.call').innerText();
  await page.locator('.detail a.call').click();
  await qr.waitFor();
  assert.equal(await qr.locator('.qr-code').count(), 0);
  assert.equal(await qr.locator('.kiosk-qr-url').innerText(), phone);
  assert.match(phone, /^\d{3,4}-\d+$/);
  await page.locator('.kiosk-qr-close').click();
  // The map's zoom buttons are kiosk-sized too.
  const zoom = await page.locator('.leaflet-control-zoom-in').boundingBox();
  assert.ok(zoom.width >= 72 && zoom.height >= 72, `zoom button ${zoom.width}x${zoom.height}`);

  // Handed to a phone, the outlet opens as an ordinary page there, not as the kiosk.
  await page.locator('.detail .handoff-button').first().click();
  const handed = await page.locator('.detail .qr-code[data-qr-text]').getAttribute('data-qr-text');
  assert.ok(!/mode=|[?&]at=/.test(handed), handed);
  const phonePage = await openPage(browser, { viewport: { width: 390, height: 844 } });
  await phonePage.goto(handed);
  await phonePage.waitForSelector(`[data-detail-outlet="${second}"]`);
  assert.equal(await phonePage.locator('.app.kiosk').count(), 0);
  assert.equal(await phonePage.locator('#need').getAttribute('readonly'), null);
  await phonePage.context().close();
  const start = Number(await page.locator('.map').getAttribute('data-zoom'));

  // Left alone: the countdown shows after idle_seconds (90), the reset after 15 more.
  await page.clock.fastForward(91_000);
  const countdown = page.locator('.kiosk-countdown');
  await countdown.waitFor();
  assert.match(await countdown.innerText(), /\d+ 秒后回到首页/);
  await shot(page, 'kiosk-countdown');
  await page.clock.fastForward(16_000);
  await countdown.waitFor({ state: 'detached' });
  await page.waitForSelector('[data-chosen-item]', { state: 'detached' });
  assert.equal(await page.locator('.detail').count(), 0);
  assert.equal(await page.locator('.pinyin-keyboard').count(), 0, 'the keyboard is closed again');
  assert.equal(await page.inputValue('#need'), '');
  // The address is rewritten when the page is idle; the fake clock must run for that.
  await page.clock.runFor(1000);
  assert.deepEqual(await queryOnce(page, { mode: 'kiosk', item: null, outlet: null, bundle: null, q: null }), { mode: 'kiosk' });
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('emap.')).length), 0, 'ticks cleared');
  // The map is back where it opened, not zoomed in on the last visitor's outlet.
  assert.ok(start >= 14, `zoomed in on the outlet: ${start}`);
  await page.waitForFunction(() => Number(document.querySelector('.map').dataset.zoom) === 10);
  // Nobody has touched the start screen since: nothing to clear, no countdown over it.
  await page.clock.fastForward(120_000);
  await page.clock.runFor(1000);
  assert.equal(await page.locator('.kiosk-countdown').count(), 0, 'no countdown over the start screen');
  // Browsing a category is something to clear: the countdown comes, then the reset.
  await page.locator('.categories .chip').first().click();
  await page.clock.fastForward(91_000);
  await countdown.waitFor();
  await page.clock.fastForward(16_000);
  await countdown.waitFor({ state: 'detached' });
  assert.equal(await page.locator('.categories .chip[aria-pressed="true"]').count(), 0, 'the category is closed again');
  await page.fill('#need', 'sfz', { force: true }).catch(() => {});
  assert.deepEqual(asked, [], 'never asked for the position');
  assert.equal(await page.locator('.map-note:not(.tiles-failed):not(.picking)').count(), 0, 'the map survived the reset');
  assert.deepEqual(page.errors, []);
  await shot(page, 'kiosk-start');
  await page.context().close();
});

test('kiosk: a long category list never covers 回到首页, which a tap on it always reaches', async () => {
  for (const elder of [false, true]) {
    const page = await openPage(browser, { viewport: KIOSK });
    if (elder) await page.addInitScript(() => localStorage.setItem('emap.elder', '1'));
    await page.goto(app.origin + '/?mode=kiosk');
    await page.locator('.categories .chip').first().click();
    await page.locator('.browse .suggestions').waitFor();
    // Regression (issue 20): the 户政 list ran under the bar, and a tap there chose
    // 亲属关系证明开具.
    const hit = await page.evaluate(() => {
      const bar = document.querySelector('.kiosk-home').getBoundingClientRect();
      for (const x of [bar.left + 40, bar.left + bar.width / 2, bar.right - 40]) {
        const el = document.elementFromPoint(x, bar.top + bar.height / 2);
        if (!el?.closest('.kiosk-home')) return el?.outerHTML.slice(0, 120) ?? 'nothing';
      }
      return 'home';
    });
    assert.equal(hit, 'home', elder ? '长辈版' : 'standard');
    await page.locator('.kiosk-home').click();
    await page.waitForFunction(() => !document.querySelector('.browse .suggestions'));
    await page.context().close();
  }
});

test('embed on a phone: the example host caps the iframe to the screen, and the map tab shows the map inside it', async () => {
  const page = await openPage(browser, { viewport: { width: 390, height: 844 } });
  // The example host is on the app's own origin here: list it, as a deployment would.
  await page.route(/\/config\.json$/, async (route) => {
    const config = await (await route.fetch()).json();
    config.embed.allowed_origins = [app.origin];
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(config) });
  });
  await page.goto(app.origin + '/embed-example.html');
  const frame = page.frameLocator('#emap');
  await frame.locator('[data-outlet-id]').first().waitFor();
  // The app asks for far more than a screen; the host gives at most 85% of it.
  await page.waitForFunction(() => document.getElementById('emap').style.height !== '');
  const height = await page.locator('#emap').evaluate((e) => e.getBoundingClientRect().height);
  assert.ok(height <= 844 * 0.85 + 2 && height >= 480, `iframe ${height}px`);
  await frame.locator('.tab').nth(1).click();
  const map = frame.locator('.map');
  await frame.locator('.map[data-marks]').waitFor();
  await page.waitForFunction(() => Number(document.getElementById('emap').contentDocument.querySelector('.map')?.dataset.marks) > 0);
  const box = await map.evaluate((m) => { const r = m.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, inner: innerHeight }; });
  assert.ok(box.bottom <= box.inner + 1 && box.bottom - box.top >= 200, JSON.stringify(box));
  await page.locator('#emap').scrollIntoViewIfNeeded();
  await shot(page, 'embed-phone-map');
  await page.context().close();
});

test('embed: fits a 360x600 iframe, tells the host what happens, takes its commands', async () => {
  const page = await openPage(browser, { viewport: DESKTOP });
  await page.goto(`${host.origin}/host.html?app=${encodeURIComponent(`${app.origin}/?mode=embed&config=/fixtures/embed/config.json&item=passport&at=121.4479,37.4638`)}`);
  await page.evaluate(() => {
    window.received = [];
    window.addEventListener('message', (e) => window.received.push({ origin: e.origin, ...e.data }));
  });
  const frame = page.frameLocator('#emap');
  await frame.locator('[data-outlet-id]').first().waitFor();
  assert.equal(await frame.locator('.topbar').isVisible(), false, 'no header of its own');
  const width = await frame.locator('.app').evaluate((e) => e.scrollWidth);
  assert.ok(width <= 360, `fits the iframe: ${width}px`);
  // The portal's colour from the config.
  assert.equal(await frame.locator('.tab.active').evaluate((e) => getComputedStyle(e).backgroundColor), 'rgb(139, 26, 26)');
  const id = await frame.locator('[data-outlet-id]').first().getAttribute('data-outlet-id');
  await frame.locator(`[data-outlet-id="${id}"] button`).click();
  await page.waitForFunction((id) => window.received.some((m) => m.type === 'emap:outlet' && m.id === id), id);
  // The height is sent every 400 ms when it changes (opening the detail changes it).
  await page.waitForFunction(() => window.received.some((m) => m.type === 'emap:height' && m.height > 600), null, { timeout: 5000 })
    .catch(async () => assert.fail(`no emap:height > 600: ${JSON.stringify(await page.evaluate(() => window.received))}`));
  await page.waitForTimeout(900); // the height settles once the detail is laid out
  const got = await page.evaluate(() => window.received);
  assert.ok(got.every((m) => m.origin === app.origin), 'every message comes from the app');
  // Room for the detail and the first ten outlets; not for the whole list, which made a
  // host's iframe (and the map in it) thousands of px high.
  const height = got.filter((m) => m.type === 'emap:height').at(-1).height;
  const [tenth, whole] = await frame.locator('.list-pane').evaluate((p) => {
    const top = p.getBoundingClientRect().top + document.querySelector('.side').scrollTop - p.scrollTop;
    const row = document.querySelectorAll('.result')[9];
    return [row.getBoundingClientRect().bottom - p.getBoundingClientRect().top + top + p.scrollTop, top + p.scrollTop + p.scrollHeight];
  });
  assert.ok(height >= tenth && height < whole - 1000, `height ${height}: the tenth row ends at ${tenth}, the whole list at ${whole}`);
  assert.ok(!JSON.stringify(got).includes('121.44'), 'the position is never sent');
  // A command from the host.
  await page.evaluate((origin) => document.querySelector('#emap').contentWindow.postMessage({ type: 'emap:select-item', id: 'no-crime' }, origin), app.origin);
  await frame.locator('[data-chosen-item=no-crime]').waitFor();
  await page.waitForFunction(() => window.received.some((m) => m.type === 'emap:item' && m.id === 'no-crime'));
  await shot(page, 'embed-host');
  await page.context().close();
});

test('embed: a host that is not listed gets no messages and cannot command the app', async () => {
  const page = await openPage(browser, { viewport: DESKTOP });
  // The sample config lists only 127.0.0.1:8080 and localhost:8080.
  await page.goto(`${host.origin}/host.html?app=${encodeURIComponent(`${app.origin}/?mode=embed&item=passport`)}`);
  await page.evaluate(() => { window.received = []; window.addEventListener('message', (e) => window.received.push(e.data)); });
  const frame = page.frameLocator('#emap');
  await frame.locator('[data-outlet-id]').first().waitFor();
  await page.evaluate((origin) => document.querySelector('#emap').contentWindow.postMessage({ type: 'emap:select-item', id: 'no-crime' }, origin), app.origin);
  await page.waitForTimeout(800);
  assert.equal(await frame.locator('[data-chosen-item=passport]').count(), 1);
  assert.deepEqual(await page.evaluate(() => window.received), []);
  await page.context().close();
});
