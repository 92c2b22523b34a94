// End to end: the release build served by Debian's nginx with the deploy config the
// README gives (deploy/nginx/emap.conf): what a deployer gets is what is tested.
// Headless Chromium against the real server, started and stopped here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { DIST } from './server.mjs';
import { startNginx } from './nginx.mjs';
import { launch, openPage, shot, PHONE } from './browser.mjs';

let nginx, browser;
before(async () => {
  assert.ok(fs.existsSync(path.join(DIST, 'index.html')), 'dist/ is missing: run `trunk build --release` first');
  nginx = await startNginx();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await nginx?.stop();
});

/** The raw answer to GET `p` with `Accept-Encoding: encoding`: status, headers, body bytes. */
function get(p, encoding = 'identity') {
  return new Promise((resolve, reject) => {
    http.get(nginx.origin + p, { headers: { 'accept-encoding': encoding } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

const wasmName = () => fs.readdirSync(DIST).find((f) => f.endsWith('_bg.wasm'));

test('the build carries brotli and gzip copies of every file worth compressing', () => {
  const wasm = path.join(DIST, wasmName());
  for (const ext of ['.br', '.gz']) assert.ok(fs.existsSync(wasm + ext), `${wasm}${ext}`);
  const raw = fs.readFileSync(wasm);
  assert.deepEqual(zlib.brotliDecompressSync(fs.readFileSync(wasm + '.br')), raw, 'the .br is the same wasm');
  assert.ok(fs.statSync(wasm + '.br').size < fs.statSync(wasm + '.gz').size, 'brotli is smaller than gzip');
  for (const f of ['index.html', 'boot.js', 'config.json', 'data/yantai/outlets.geojson', 'data/yantai/catalog.json']) {
    assert.ok(fs.existsSync(path.join(DIST, f + '.br')), `${f}.br`);
  }
});

test('nginx sends the brotli copy to a browser that takes it, gzip to one that does not, caches hashed files for a year and asks again for the rest', async () => {
  const wasm = '/' + wasmName();
  const br = await get(wasm, 'gzip, deflate, br');
  assert.equal(br.status, 200);
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(br.headers['content-type'], 'application/wasm');
  assert.match(br.headers['cache-control'], /max-age=31536000, immutable/);
  assert.equal(br.body.length, fs.statSync(path.join(DIST, wasmName() + '.br')).size, 'the precompressed file as it is');
  const gz = await get(wasm, 'gzip');
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.deepEqual(zlib.gunzipSync(gz.body), fs.readFileSync(path.join(DIST, wasmName())));
  const plain = await get(wasm);
  assert.equal(plain.headers['content-encoding'], undefined);
  for (const p of ['/', '/config.json', '/sw.js', '/data/yantai/outlets.geojson', '/holidays/2026.json']) {
    const r = await get(p, 'br');
    assert.equal(r.status, 200, p);
    assert.equal(r.headers['cache-control'], 'no-cache', `${p}: republished without a rebuild, so asked again`);
    assert.match(r.headers['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/, p);
  }
  assert.equal((await get('/data/yantai/outlets.geojson')).headers['content-type'], 'application/geo+json');
  assert.equal((await get('/no-such-file.json')).status, 404);
});

test('under nginx the page shows the first results with the CSP it sends and nothing blocked', async () => {
  const page = await openPage(browser, { viewport: PHONE, tiles: 'serve' });
  const violations = [];
  page.on('console', (m) => { if (/Content Security Policy|Refused/.test(m.text())) violations.push(m.text()); });
  const encodings = new Map();
  page.on('response', (r) => encodings.set(new URL(r.url()).pathname, r.headers()['content-encoding']));
  const response = await page.goto(nginx.origin + '/?item=passport&at=121.4479,37.4638');
  assert.match(response.headers()['content-security-policy'], /default-src 'self'/);
  await page.waitForSelector('[data-outlet-id]');
  assert.ok((await page.locator('[data-outlet-id]').count()) > 3);
  assert.equal(encodings.get('/' + wasmName()), 'br', 'the wasm came brotli-compressed');
  assert.deepEqual(violations, []);
  assert.deepEqual(page.errors, []);
  await shot(page, 'nginx-phone');
  await page.context().close();
});

test('under nginx a ?config= with a tab is refused as on any server', async () => {
  const page = await openPage(browser, { viewport: PHONE });
  await page.goto(nginx.origin + '/?config=' + encodeURIComponent('/\t/127.0.0.2/c.json'));
  await page.locator('.fatal').waitFor();
  assert.match(await page.locator('.fatal').innerText(), /不是本站路径/);
  await page.context().close();
});

test('under nginx in a sub-path (/map/) the page starts and asks for nothing outside it', async () => {
  const sub = await startNginx(DIST, { prefix: '/map' });
  try {
    const page = await openPage(browser, { viewport: PHONE });
    const asked = [];
    page.on('request', (r) => asked.push(new URL(r.url())));
    await page.goto(sub.origin + '/map/?item=passport&at=121.4479,37.4638');
    await page.waitForSelector('[data-outlet-id]');
    const outside = asked.filter((u) => u.origin === sub.origin && !u.pathname.startsWith('/map/'));
    assert.deepEqual(outside.map((u) => u.pathname), []);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    await sub.stop();
  }
});
