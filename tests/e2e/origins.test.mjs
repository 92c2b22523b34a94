// End to end: a link cannot make the page load a stranger's config, however the
// path is written, and no text from a config runs as markup. A second server on
// another origin plays the stranger and records every request it gets; the site is
// served with and without the README's Content-Security-Policy, because the app, not
// the header, must be the first line. The release build in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start, DIST, CSP } from './server.mjs';
import { launch, openPage, shot, PHONE, KIOSK } from './browser.mjs';

let browser, site, plain, stranger;
const asked = []; // every request the stranger's server got
const dynamic = new Map(); // path → JSON body, for configs made by a test

/** The stranger's files: a config whose attribution carries a script, its catalog and
 * outlets, each with `Access-Control-Allow-Origin: *`, as the attack used. */
function strangerRoute(url, req, res) {
  asked.push(url.pathname);
  const sample = (f) => fs.readFileSync(path.join(DIST, f), 'utf8');
  const body = {
    '/c.json': () => JSON.stringify({
      title: '假冒的公安地图', outlets: 'o.geojson', catalog: 'k.json', center: [121.4479, 37.4638],
      data_origins: [stranger.origin],
      tiles: { url: '/tiles/{z}/{x}/{y}.png', attribution: '<img src=x onerror="window.__pwned=42">' },
    }),
    '/o.geojson': () => sample('data/yantai/outlets.geojson'),
    '/k.json': () => sample('data/yantai/catalog.json'),
  }[url.pathname.replace(/^\/+/, '/')];
  res.writeHead(body ? 200 : 404, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
  res.end(body ? body() : '{}');
  return true;
}

function siteRoute(url, req, res) {
  const body = dynamic.get(url.pathname);
  if (!body) return false;
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(body);
  return true;
}

before(async () => {
  assert.ok(fs.existsSync(path.join(DIST, 'index.html')), 'dist/ is missing: run `trunk build --release` first');
  // The stranger on port 80 of another loopback address, so its host has no `:` in
  // it, as in the attack (`/\t/localhost/c.json`); any free port if 80 is taken.
  stranger = await start({ route: strangerRoute, host: '127.0.0.2', port: 80 })
    .catch(() => start({ route: strangerRoute, host: '127.0.0.2' }));
  site = await start({ headers: { 'content-security-policy': CSP }, route: siteRoute });
  plain = await start({ route: siteRoute });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  for (const s of [site, plain, stranger]) s?.server.close();
});

/** `?config=` values, `HOST` standing for the stranger's host and port. Each either
 * resolves inside the site (and may load or fail there) or is refused. */
const VARIANTS = [
  '/\t/HOST/c.json', '/\n/HOST/c.json', '/\r/HOST/c.json', '\t//HOST/c.json', '/\t\n\r/HOST/c.json',
  '/\t\t/HOST/c.json', '/%09/HOST/c.json', '/%0A/HOST/c.json', '//HOST/c.json', '///HOST/c.json',
  '/\\HOST/c.json', '\\/HOST/c.json', '\\\\HOST/c.json', '\\\t\\HOST/c.json', '%2F%2FHOST/c.json',
  '%5C%5CHOST/c.json', '/%2F/HOST/c.json', '/.//HOST/c.json', '/./../HOST/c.json', '/../..//HOST/c.json',
  ' //HOST/c.json', '\u0001//HOST/c.json', '\u001f\t//HOST/c.json', '\u00a0//HOST/c.json',
  'http://HOST/c.json', 'HTTP://HOST/c.json', 'http:\\\\HOST/c.json', 'ht\ttp://HOST/c.json', 'http:/\t/HOST/c.json',
  'http:HOST/c.json', '//SITE@HOST/c.json', '//user:pass@HOST/c.json', 'http://SITE@HOST/c.json',
  '//[::1]:PORT/c.json', '//2130706434:PORT/c.json', '//0x7f000002:PORT/c.json', '//127.2:PORT/c.json',
  '//localhost:PORT/c.json', '//localhost。:PORT/c.json', '//localhost%2e:PORT/c.json',
  'blob:http://HOST/0b1c', 'data:application/json,{"title":"x"}', 'javascript:window.__pwned=1',
  'java\tscript:window.__pwned=1', `/${'a'.repeat(6000)}/config.json`, `/\t/HOST/${'a'.repeat(6000)}`,
  '/config.json', 'config.json', '/.//config.json', '/fixtures/../config.json',
];

/** Loads `?config=variant` and returns what a resident would see. */
async function open(page, base, variant) {
  const port = new URL(stranger.origin).port;
  const v = variant.replaceAll('HOST', new URL(stranger.origin).host).replaceAll('SITE', new URL(base).host).replaceAll('PORT', port);
  await page.goto(`${base}/?at=121.4479,37.4638&config=${encodeURIComponent(v)}`);
  await page.waitForSelector('.fatal, [data-outlet-id]', { timeout: 15000 });
  const seen = await page.evaluate((v) => {
    let resolved = null;
    try { resolved = new URL(v, document.baseURI); } catch {}
    return {
      // The browser's own reading of the link's path.
      inside: !!resolved && /^https?:$/.test(resolved.protocol) && resolved.origin === self.origin,
      refused: document.querySelector('.fatal-message')?.textContent.includes('不是本站路径') ?? false,
      title: document.title,
      pwned: window.__pwned,
    };
  }, v);
  return { v, ...seen };
}

for (const [name, server] of [['without the CSP header', () => plain], ['with the CSP header', () => site]]) {
  test(`a ?config= that leads off the site is refused and never requested, ${name}`, async () => {
    const page = await openPage(browser, { viewport: PHONE });
    const base = server().origin;
    // Without the header every variant; with it, the ones that reached the stranger before.
    const variants = name.startsWith('without') ? VARIANTS : VARIANTS.slice(0, 8);
    assert.ok(variants.length >= (name.startsWith('without') ? 40 : 8));
    let refused = 0;
    for (const variant of variants) {
      const got = await open(page, base, variant);
      assert.equal(got.pwned, undefined, `${JSON.stringify(got.v)}: no script of a config runs`);
      assert.notEqual(got.title, '假冒的公安地图', `${JSON.stringify(got.v)}: the stranger's config is not shown`);
      // Refused exactly when the browser's parser puts it off the site.
      assert.equal(got.refused, !got.inside, `${JSON.stringify({ ...got, v: got.v.slice(0, 80) })}: refused iff off the site`);
      if (got.refused) refused++;
    }
    assert.deepEqual(asked, [], 'the stranger\'s server was never asked for anything');
    assert.ok(refused >= variants.length / 2, `most variants lead off the site (${refused} of ${variants.length})`);
    await page.context().close();
  });
}

test('the attack of the issue: the page names the link\'s path and loads nothing from it', async () => {
  const page = await openPage(browser, { viewport: PHONE });
  const got = await open(page, plain.origin, '/\t/HOST/c.json');
  assert.ok(got.refused);
  const text = await page.locator('.fatal').innerText();
  assert.match(text, /出于安全考虑，本页只加载本站的配置文件；链接中的配置地址指向 “http:\/\/127\.0\.0\.2(:\d+)?\/c\.json”/);
  assert.match(text, /12345/);
  await shot(page, 'origins-refused');
  assert.deepEqual(asked, []);
  await page.context().close();
});

/** Markup in every string field of a config on the site itself. */
const MARK = (n) => `<img src=x onerror="window.__pwned=${n}"><b>粗</b>`;
function markedConfig() {
  const c = JSON.parse(fs.readFileSync(path.join(DIST, 'config.json'), 'utf8'));
  for (const k of ['outlets', 'catalog']) c[k] = '/' + c[k];
  c.holidays = c.holidays.map((h) => '/' + h);
  Object.assign(c, { title: MARK(1), 'title:en': MARK(2), locale: MARK(3) });
  c.tiles = { url: '/tiles/{z}/{x}/{y}.png', datum: 'wgs84', attribution: MARK(4), attribution_url: 'javascript:window.__pwned=5' };
  c.kiosk = { ...c.kiosk, place: MARK(6) };
  c.embed = { allowed_origins: [], title: MARK(7), color: `red;background:url(x)` };
  return JSON.stringify(c);
}

test('markup in every config field is shown as text and runs nothing, in every mode', async () => {
  dynamic.set('/fixtures/marked/config.json', markedConfig());
  for (const [mode, viewport] of [['', PHONE], ['&mode=kiosk', KIOSK], ['&mode=embed', PHONE], ['&lang=en', PHONE]]) {
    const page = await openPage(browser, { viewport });
    await page.goto(`${plain.origin}/?config=/fixtures/marked/config.json&at=121.4479,37.4638&view=map${mode}`);
    await page.waitForSelector('[data-outlet-id]', { state: 'attached' });
    await page.locator('.map-attribution').waitFor();
    await page.waitForTimeout(300);
    const got = await page.evaluate(() => ({
      pwned: window.__pwned,
      imgs: document.querySelectorAll('img[src="x"]').length + [...document.querySelectorAll('b')].filter((b) => b.textContent === '粗').length,
      attribution: document.querySelector('.map-attribution').textContent,
      attributionLinks: document.querySelectorAll('.map-attribution a').length,
      title: document.title,
      leafletAttribution: document.querySelectorAll('.leaflet-control-attribution').length,
    }));
    assert.equal(got.pwned, undefined, `${mode}: nothing ran`);
    assert.equal(got.imgs, 0, `${mode}: no element made from a config's text`);
    assert.ok(got.attribution.includes('<img src=x onerror='), `${mode}: the attribution shows as typed: ${got.attribution}`);
    assert.equal(got.attributionLinks, 0, `${mode}: a javascript: attribution link is not a link`);
    assert.equal(got.leafletAttribution, 0, `${mode}: Leaflet's HTML attribution is off`);
    if (mode === '' || mode === '&mode=kiosk') assert.ok(got.title.includes('<img src=x'), `${mode}: the title is text: ${got.title}`);
    if (mode === '') await shot(page, 'origins-marked-config');
    await page.context().close();
  }
});

test('the sample city\'s attribution links to the tile provider\'s page, as text', async () => {
  const page = await openPage(browser, { viewport: PHONE, tiles: 'serve' });
  await page.goto(`${plain.origin}/?at=121.4479,37.4638&view=map`);
  const link = page.locator('.map-attribution a');
  await link.waitFor();
  assert.equal(await link.getAttribute('href'), 'https://www.openstreetmap.org/copyright');
  assert.equal(await link.textContent(), '© OpenStreetMap contributors');
  assert.match(await page.locator('.map-attribution').textContent(), /^Leaflet \| /);
  await page.context().close();
});
