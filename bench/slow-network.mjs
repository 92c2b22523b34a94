// The first screen on a phone's slow network (issue 18): headless Debian Chromium at
// 390x844 (mobile, touch), CPU throttled 4x, the network emulated over CDP as
// Lighthouse's "Slow 4G" (1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip), cold
// cache, each build served by Debian's nginx with the README's deploy config
// (deploy/nginx/emap.conf: precompressed .br where the build has them, else gzip).
// For each load: navigation to the first result row, and the bytes the page had
// received by then (as sent, headers included). Builds are loaded in turn, so both
// see the same machine; medians of RUNS loads. Then every file the page fetched,
// raw / gzip -9 / brotli -11.
//
//   BUILDS="before=/path/to/old/dist,after=dist" RUNS=5 node bench/slow-network.mjs
//
// Defaults: BUILDS="current=dist", RUNS=5, AT=121.4479,37.4638 (the sample city).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(path.join(root, 'tests/e2e/package.json'));
const { chromium } = require('playwright-core');
const { startNginx } = await import(path.join(root, 'tests/e2e/nginx.mjs'));

const RUNS = Number(process.env.RUNS ?? 5);
const AT = process.env.AT ?? '121.4479,37.4638';
const QUERY = process.env.QUERY ?? `/?at=${AT}`;
const BUILDS = (process.env.BUILDS ?? 'current=dist').split(',').map((b) => {
  const [name, dir] = b.split('=');
  return { name, dir: path.resolve(root, dir) };
});
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 };

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/** One cold load: ms to the first row, bytes received by then, and what was fetched. */
async function load(origin) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.route('https://tile.openstreetmap.org/**', (r) => r.abort());
  // The moment the first row is in the page, in the page's own clock.
  await page.addInitScript(() => {
    new MutationObserver((_, o) => {
      if (document.querySelector('[data-outlet-id]')) {
        window.__firstRow = performance.timeOrigin + performance.now();
        o.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const got = new Map(); // requestId -> [{ at, bytes }]
  const urls = new Map();
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.dataReceived', (e) => {
    if (!got.has(e.requestId)) got.set(e.requestId, []);
    got.get(e.requestId).push({ at: Date.now(), bytes: e.encodedDataLength });
  });
  cdp.on('Network.loadingFinished', (e) => {
    // The total as sent (headers too) replaces the chunks counted so far.
    const seen = (got.get(e.requestId) ?? []).reduce((n, c) => n + c.bytes, 0);
    if (!got.has(e.requestId)) got.set(e.requestId, []);
    got.get(e.requestId).push({ at: Date.now(), bytes: Math.max(0, e.encodedDataLength - seen) });
  });
  await page.goto(origin + QUERY);
  await page.waitForFunction(() => window.__firstRow, null, { timeout: 60000, polling: 50 });
  const { firstRow, start } = await page.evaluate(() => ({ firstRow: window.__firstRow, start: performance.timeOrigin }));
  let bytes = 0;
  const fetched = new Set();
  for (const [id, chunks] of got) {
    for (const c of chunks) if (c.at <= firstRow) bytes += c.bytes;
    const u = new URL(urls.get(id) ?? 'about:blank');
    if (u.origin === origin && chunks.some((c) => c.at <= firstRow)) fetched.add(u.pathname);
  }
  await context.close();
  return { ms: firstRow - start, bytes, fetched };
}

const servers = [];
for (const b of BUILDS) servers.push({ ...b, nginx: await startNginx(b.dir), loads: [] });
for (let i = 0; i < RUNS; i++) {
  for (const s of servers) s.loads.push(await load(s.nginx.origin));
}
for (const s of servers) await s.nginx.stop();
await browser.close();

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`Machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}; ${new Date().toISOString()}`);
console.log(`Slow 4G (CDP: 150 ms, 1.6 Mbit/s down, 750 kbit/s up) + CPU 4x, 390x844 mobile, cold cache, ${QUERY}, ${RUNS} loads per build, interleaved\n`);
console.log('| build | first results, median (min–max) | received before them, median |');
console.log('|---|---|---|');
for (const s of servers) {
  const ms = s.loads.map((l) => l.ms), kb = s.loads.map((l) => l.bytes / 1000);
  console.log(`| ${s.name} | ${median(ms).toFixed(0)} ms (${Math.min(...ms).toFixed(0)}–${Math.max(...ms).toFixed(0)}) | ${median(kb).toFixed(1)} kB |`);
}
for (const s of servers) {
  const files = [...new Set(s.loads.flatMap((l) => [...l.fetched]))].sort();
  console.log(`\n${s.name}: files fetched before the first results (bytes)\n`);
  console.log('| file | raw | gzip -9 | brotli -11 |');
  console.log('|---|---|---|---|');
  let total = [0, 0, 0];
  for (const f of files) {
    const p = path.join(s.dir, decodeURIComponent(f === '/' ? '/index.html' : f));
    if (!fs.existsSync(p) || fs.statSync(p).isDirectory()) continue;
    const raw = fs.readFileSync(p);
    const sizes = [raw.length, zlib.gzipSync(raw, { level: 9 }).length, zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length];
    total = total.map((t, i) => t + sizes[i]);
    console.log(`| ${f} | ${sizes.join(' | ')} |`);
  }
  console.log(`| **total** | ${total.join(' | ')} |`);
}
