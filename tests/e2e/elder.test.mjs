// End to end, issue 20: 长辈版 at 320, 360 and 390 px. Every target in the list and
// an outlet's detail (phone and booking links, checkboxes, summaries included) is at
// least 60 px; nothing is wider than the screen or clipped; labels are not broken
// inside a word (高德地/图, 约 10 分/钟). Release build, the Yantai sample city.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp } from './server.mjs';
import { openPage, shot } from './browser.mjs';

let browser, origin;
useApp({}, (s) => ({ browser, origin } = s));

for (const width of [320, 360, 390]) {
  test(`长辈版 at ${width} px: 60 px targets, nothing clipped, no word broken`, async () => {
    const page = await openPage(browser, { viewport: { width, height: 800 } });
    await page.addInitScript(() => localStorage.setItem('emap.elder', '1'));
    await page.goto(origin + '/?item=passport&at=121.4479,37.4638');
    await page.waitForSelector('[data-outlet-id]');
    await page.locator('.guide summary').first().click();
    await page.locator('[data-outlet-id] .result-button').first().click();
    await page.locator('#detail-name').waitFor();
    const found = await page.evaluate(() => {
      const out = [];
      const shown = (el) => el.getClientRects().length > 0 && !el.closest('.sr-only, .skip-list');
      for (const el of document.querySelectorAll('.side a[href], .side button, .side summary, .side select, .side input')) {
        if (!shown(el)) continue;
        const box = (el.type === 'checkbox' ? el.closest('label') ?? el : el).getBoundingClientRect();
        if (box.height < 59.5 || box.width < 59.5) out.push(`${Math.round(box.width)}×${Math.round(box.height)} ${el.tagName} ${el.textContent.trim().slice(0, 16)}`);
      }
      const edge = document.documentElement.clientWidth + 0.5;
      for (const el of document.querySelectorAll('.detail *')) {
        if (shown(el) && el.getBoundingClientRect().right > edge) out.push(`past the edge: ${el.tagName}.${el.className} ${el.textContent.trim().slice(0, 16)}`);
      }
      for (const el of document.querySelectorAll('.route-link, .mode > *, .chip:not(:has(select)), .tab, .row-route')) {
        if (!shown(el)) continue;
        if (el.scrollWidth > el.clientWidth + 1) out.push(`clipped: ${el.className} ${el.textContent.trim()}`);
        // One label, one line: the lines its text takes.
        const range = document.createRange();
        range.selectNodeContents(el);
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (tops.size > 1) out.push(`broken over ${tops.size} lines: ${el.className} ${el.textContent.trim()}`);
      }
      return out;
    });
    assert.deepEqual(found, []);
    if (width === 320) await shot(page, 'elder-320-detail');
    await page.context().close();
  });
}
