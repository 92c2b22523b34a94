// Measures what issue 2 asks for, on the release build in dist/:
//  - the gzip size of everything the browser downloads for the sample city page
//    (wasm, js, css, html; data files listed apart), gzip -9 as a server would send it;
//  - the time from navigation start to the first results list, median of RUNS runs,
//    headless Debian Chromium, fresh context each run (cold cache), position given by
//    ?at= so geolocation does not enter the figure.
// Run: bash scripts/setup.sh && trunk build --release && node bench/first-results.mjs
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(path.join(root, 'tests/e2e/package.json'));
const { chromium } = require('playwright-core');
const { start } = await import(path.join(root, 'tests/e2e/server.mjs'));
const RUNS = Number(process.env.RUNS ?? 5);
const THROTTLE = Number(process.env.THROTTLE ?? 1);

const { server, origin } = await start();
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const times = [];
const downloaded = new Map();
for (let i = 0; i < RUNS; i++) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.route('https://tile.openstreetmap.org/**', (r) => r.abort());
  if (THROTTLE > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  }
  page.on('response', (r) => { if (r.url().startsWith(origin)) downloaded.set(new URL(r.url()).pathname, true); });
  await page.goto(origin + '/?at=121.4479,37.4638');
  await page.waitForSelector('[data-outlet-id]');
  const ms = await page.evaluate(() => performance.now());
  times.push(ms);
  await context.close();
}
await browser.close();
server.close();

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
let appTotal = 0, dataTotal = 0;
const rows = [];
for (const p of [...downloaded.keys()].sort()) {
  const file = path.join(root, 'dist', p === '/' ? 'index.html' : p);
  if (!fs.existsSync(file)) continue;
  const raw = fs.readFileSync(file);
  const gz = zlib.gzipSync(raw, { level: 9 }).length;
  const isData = /\.(geojson|json)$/.test(p);
  if (isData) dataTotal += gz; else appTotal += gz;
  rows.push(`${isData ? 'data' : 'app '}  ${String(raw.length).padStart(9)} B raw  ${String(gz).padStart(8)} B gzip  ${p}`);
}
console.log(`machine: ${os.cpus()[0].model}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB; Chromium headless; CPU throttling ${THROTTLE}x`);
console.log(rows.join('\n'));
console.log(`app download (wasm+js+css+html), gzip -9: ${(appTotal / 1024).toFixed(1)} KiB; sample data: ${(dataTotal / 1024).toFixed(1)} KiB`);
console.log(`navigation → first results list: median ${median(times).toFixed(0)} ms over ${RUNS} runs (${times.map((t) => t.toFixed(0)).join(', ')})`);
