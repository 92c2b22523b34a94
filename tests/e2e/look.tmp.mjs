// Throwaway: screenshots for looking (not a test).
import { start } from './server.mjs';
import { launch, openPage } from './browser.mjs';
const { server, origin } = await start();
const browser = await launch();
const shots = JSON.parse(process.argv[2]);
for (const s of shots) {
  const page = await openPage(browser, { viewport: s.viewport ?? { width: 390, height: 844 } });
  if (s.elder) await page.addInitScript(() => localStorage.setItem('emap.elder', '1'));
  if (s.clock) await page.clock.setFixedTime(new Date(s.clock));
  await page.goto(origin + s.url);
  await page.waitForSelector(s.wait ?? '[data-outlet-id]', { timeout: 15000 }).catch(() => {});
  for (const a of s.actions ?? []) {
    if (a.click) await page.locator(a.click).first().click();
    if (a.fill) await page.locator(a.fill[0]).fill(a.fill[1]);
    if (a.wait) await page.waitForTimeout(a.wait);
  }
  await page.waitForTimeout(600);
  if (s.el) await page.locator(s.el).first().screenshot({ path: `/tmp/look/${s.name}.png` }); else await page.screenshot({ path: `/tmp/look/${s.name}.png`, fullPage: !!s.full });
  await page.context().close();
}
await browser.close(); server.close();
