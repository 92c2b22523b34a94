// End to end: the app deployed under a sub-path (`https://portal.example/map/`), as a
// portal does: every file it asks for is under that path, and it opens, lists, shows
// an outlet and switches language there. The release build in headless Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp } from './server.mjs';
import { openPage, shot, PHONE, DESKTOP } from './browser.mjs';

let browser, origin;
useApp({ prefix: '/map' }, (s) => ({ browser, origin } = s));

test('under /map/ every file is asked for under /map/ and the first results show', async () => {
  for (const viewport of [PHONE, DESKTOP]) {
    const page = await openPage(browser, { viewport, tiles: 'serve' });
    const asked = [];
    page.on('request', (r) => { if (r.url().startsWith(origin)) asked.push(new URL(r.url()).pathname); });
    const failed = [];
    page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
    await page.goto(origin + '/map/?item=passport&at=121.4479,37.4638');
    await page.waitForSelector('[data-outlet-id]', { timeout: 15000 });
    assert.ok((await page.locator('[data-outlet-id]').count()) > 3);
    await page.locator('.result-button').first().click();
    await page.locator('.detail .route-links').waitFor();
    await page.getByRole('button', { name: 'EN' }).click();
    await page.waitForSelector('.app[lang=en], html[lang=en]');
    assert.deepEqual(asked.filter((p) => !p.startsWith('/map/')), [], 'nothing asked for outside /map/');
    for (const f of ['/map/boot.js', '/map/config.json', '/map/data/yantai/outlets.geojson']) assert.ok(asked.includes(f), f);
    assert.deepEqual(failed, []);
    assert.deepEqual(page.errors, []);
    // A shared link stays under the sub-path.
    assert.match(page.url(), new RegExp(`^${origin}/map/\\?`));
    if (viewport === DESKTOP) await shot(page, 'subpath-desktop');
    await page.context().close();
  }
});
