// End to end, issue 5: accessibility. axe-core (from npm, run inside headless
// Chromium) on each main view in each mode, and a keyboard-only path from an empty
// page to a route link with the focus visible at every step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { useApp } from './server.mjs';
import { openPage, shot, PHONE, KIOSK, DESKTOP } from './browser.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
let browser, app, host;
// The host page is served from another origin, which the app's embed config lists.
useApp({ host: true }, (s) => { app = s; ({ browser, host } = s); });

/** axe's violations on the page (or frame), as readable lines. Leaflet's own map
 * container and controls are its markup, not ours; the list is their accessible twin. */
async function violations(target) {
  await target.addScriptTag({ path: AXE });
  const result = await target.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      exclude: [['.leaflet-container']],
    });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  return result;
}

const AT = 'at=121.4479,37.4638';
const views = [
  ['start', `/?${AT}`],
  ['results', `/?item=passport&${AT}`],
  ['detail', `/?item=passport&outlet=d02-ps05&${AT}`],
  ['bundle', `/?bundle=used-car&${AT}`],
];

for (const [mode, viewport, extra, setup] of [
  ['phone', PHONE, '', null],
  ['elder', PHONE, '', async (page) => {
    // Remembered on the device: switch on once, then it stays.
    if (!(await page.locator('.app.elder').count())) await page.click('.elder-switch');
    await page.waitForSelector('.app.elder');
  }],
  ['english', PHONE, '&lang=en', null],
  ['kiosk', KIOSK, '&mode=kiosk', null],
  ['desktop', DESKTOP, '', null],
]) {
  test(`axe-core finds no WCAG 2.1 AA violation: ${mode}`, async () => {
    const page = await openPage(browser, { viewport });
    const found = [];
    for (const [name, url] of views) {
      await page.goto(app.origin + url + extra);
      await page.waitForSelector('[data-origin]');
      if (setup) await setup(page);
      if (name === 'detail') await page.waitForSelector('.detail .route-links');
      for (const v of await violations(page)) found.push(`${name}: ${v}`);
      if (name === 'results' && viewport === PHONE) {
        await page.getByRole('button', { name: mode === 'english' ? 'Map' : '地图', exact: true }).click();
        for (const v of await violations(page)) found.push(`map: ${v}`);
      }
    }
    assert.deepEqual(found, []);
    await page.context().close();
  });
}

test('axe-core finds no WCAG 2.1 AA violation: embed at 360x600', async () => {
  const page = await openPage(browser, { viewport: DESKTOP });
  await page.goto(`${host.origin}/host.html?app=${encodeURIComponent(`${app.origin}/?mode=embed&config=/fixtures/embed/config.json&item=passport&${AT}`)}`);
  const frame = page.frames().find((f) => f.url().startsWith(app.origin)) ?? (await page.waitForEvent('frameattached'));
  await frame.waitForSelector('[data-outlet-id]');
  assert.deepEqual(await violations(frame), []);
  await page.context().close();
});

test('keyboard alone: from an empty page to a route link, the focus always visible', async () => {
  const page = await openPage(browser, { viewport: DESKTOP });
  await page.goto(`${app.origin}/?${AT}`);
  await page.waitForSelector('[data-outlet-id]');
  const focused = () => page.evaluate(() => {
    const e = document.activeElement;
    const s = getComputedStyle(e);
    const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
    return { tag: e.tagName, cls: e.className, text: (e.innerText || e.value || e.getAttribute('aria-label') || '').trim().slice(0, 30), ring };
  });
  const tabTo = async (want, limit = 80) => {
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press('Tab');
      const f = await focused();
      assert.ok(f.ring, `focus visible on ${f.tag}.${f.cls} “${f.text}”`);
      if (await page.evaluate((sel) => document.activeElement.matches(sel), want)) return f;
    }
    assert.fail(`never reached ${want} by Tab`);
  };
  await tabTo('#need');
  await page.keyboard.type('护照');
  await tabTo('.suggestion');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-chosen-item=passport]');
  await tabTo('.result-button');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.detail .route-links');
  const link = await tabTo('.route-link');
  assert.ok(link.text.length > 0);
  await shot(page, 'desktop-keyboard-focus');
  // Escape closes the detail.
  await page.keyboard.press('Escape');
  await page.waitForSelector('.detail', { state: 'detached' });
  await page.context().close();
});

test('the suggestions by arrow keys: down into them, up and Escape back to the field, Enter takes the first shown', async () => {
  const page = await openPage(browser, { viewport: DESKTOP });
  await page.goto(`${app.origin}/?${AT}`);
  await page.waitForSelector('[data-outlet-id]');
  const active = () => page.evaluate(() => document.activeElement.id || document.activeElement.dataset.itemId || document.activeElement.dataset.bundleId || document.activeElement.tagName);
  await page.focus('#need');
  await page.keyboard.type('二手车');
  await page.waitForSelector('.suggestions .suggestion');
  const shown = await page.$$eval('.suggestions .suggestion', (els) => els.map((e) => e.dataset.itemId || e.dataset.bundleId));
  assert.ok(shown.length >= 2, shown.join());
  await page.keyboard.press('ArrowDown');
  assert.equal(await active(), shown[0]);
  await page.keyboard.press('ArrowDown');
  assert.equal(await active(), shown[1]);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert.equal(await active(), 'need');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Escape');
  assert.equal(await active(), 'need');
  // Enter in the field: the first suggestion shown (here the life event), not another.
  await page.keyboard.press('Enter');
  await page.waitForSelector(`[data-bundle-id="${shown[0]}"].bundle-plan, [data-chosen-item="${shown[0]}"]`);
  await page.context().close();
});

test('at 200% zoom (a 1280x900 window is 640x450 CSS px) nothing is cut off or needs sideways scrolling', async () => {
  const page = await openPage(browser, { viewport: { width: 640, height: 450 } });
  await page.goto(`${app.origin}/?item=passport&outlet=d02-ps05&${AT}`);
  await page.waitForSelector('.detail .route-links');
  const overflow = await page.evaluate(() => {
    const wide = [...document.querySelectorAll('.app *')].filter((e) => e.offsetParent && e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.leaflet-container'));
    return { scroll: document.documentElement.scrollWidth - window.innerWidth, wide: wide.slice(0, 3).map((e) => e.className) };
  });
  assert.equal(overflow.scroll, 0);
  assert.deepEqual(overflow.wide, []);
  for (const sel of ['#need', '.result-count', '.detail h2', '.route-link']) {
    await page.locator(sel).first().scrollIntoViewIfNeeded();
    assert.ok(await page.locator(sel).first().isVisible(), `${sel} reachable`);
  }
  await shot(page, 'zoom-200');
  await page.context().close();
});

test('what a screen reader hears: landmarks, the suggestions counted, rows in parts, the 长辈版 switch, the map buttons in Chinese', async () => {
  const page = await openPage(browser, { viewport: DESKTOP });
  await page.goto(`${app.origin}/?${AT}`);
  await page.waitForSelector('[data-outlet-id]');
  assert.equal(await page.getByRole('main').count(), 1);
  assert.equal(await page.getByRole('search').count(), 1);
  // Typing is answered in words, in a region that stays on the page.
  await page.fill('#need', 'sfz');
  const status = page.locator('.search [role=status]');
  await page.waitForFunction(() => /^\d+ 个匹配事项$/.test(document.querySelector('.search [role=status]').textContent));
  assert.equal(Number((await status.textContent()).match(/\d+/)[0]), await page.locator('.suggestions button').count());
  await page.fill('#need', '');
  // A row's name comes in parts: name, kind, distance, address, hours.
  const name = await page.locator('.result-button').first().evaluate((b) => b.textContent);
  assert.match(name, /，派出所|，[^，]+，\d/);
  // The switch says what a tap does; it is not a toggle that reads "标准版, pressed".
  const sw = page.locator('.elder-switch');
  assert.equal(await sw.getAttribute('aria-pressed'), null);
  await sw.click();
  assert.equal(await sw.innerText(), '标准版');
  // Past the list in one step: the skip button, then the next Tab leaves the list.
  await page.locator('.skip-list').focus();
  assert.match(await page.locator('.skip-list').innerText(), /^跳过列表（共 \d+ 个网点）$/);
  assert.ok((await page.locator('.skip-list').boundingBox()).width > 50, 'shown when focused');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'list-end');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => !!document.activeElement.closest('.result-list')), false);
  // Leaflet's zoom buttons, named in the page's language.
  await page.waitForSelector('.leaflet-control-zoom-in[aria-label="放大地图"]');
  assert.equal(await page.locator('.leaflet-control-zoom-out').getAttribute('aria-label'), '缩小地图');
  await page.context().close();
});
