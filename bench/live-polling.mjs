// What polling the live status feed costs a phone at national scale (issue 19): the
// 100,000-outlet synthetic pack (`emap national --count 100000`, `emap pack`), every
// outlet with queue figures (the worst case), served two ways:
//   one    - one feed for the whole country (`"status": "status/all.json"`)
//   region - one feed per region file of the pack (`"status": "status/{region}.json"`):
//            the phone polls only the regions near it
// Headless Debian Chromium at 390x844, CPU throttled 4x (a phone), the resident in
// Beijing. For each load: the feed bytes of one poll (raw, and gzip -9 as a CDN would
// send them; the page polls once a minute while visible, so that is the bytes per
// minute when every figure changes, and a 304 when none does), and the main thread's
// time per update: `emap:live` (parse, check, merge) and the long tasks overlapping the
// poll's start until a second after it (the rows redrawn). Medians of RUNS loads.
//
//   node bench/live-polling.mjs           # RUNS=5; makes bench/data/national-100000 when missing
//
// Run from the repository root after `trunk build --release` and
// `(cd bench && npm install --no-audit --no-fund)`.
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

const BENCH = path.dirname(new URL(import.meta.url).pathname);
const ROOT = path.resolve(BENCH, '..');
const require = createRequire(path.join(BENCH, 'package.json'));
const { chromium } = require('playwright-core');
const { start } = await import(path.join(ROOT, 'tests/e2e/server.mjs'));

const RUNS = Number(process.env.RUNS ?? 5);
const N = 100000;
const BEIJING = [116.40, 39.90];
const DIR = path.join(BENCH, 'data', `national-${N}`);
const PACK = path.join(DIR, 'pack');
const FEEDS = path.join(DIR, 'status');
const NEAR_KM = 30;

function tool(args) {
  const r = spawnSync('cargo', ['run', '--release', '-q', '-p', 'emap-tools', '--', ...args], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`emap ${args.join(' ')} failed`);
}
if (!fs.existsSync(path.join(DIR, 'outlets.geojson'))) tool(['national', '--count', String(N)]);
if (!fs.existsSync(path.join(PACK, 'outlets.pack.json'))) tool(['pack', path.relative(ROOT, path.join(DIR, 'outlets.geojson')), '-o', path.relative(ROOT, PACK)]);
const manifest = JSON.parse(fs.readFileSync(path.join(PACK, 'outlets.pack.json'), 'utf8'));

// The feeds, written fresh for this run (as_of is now, Beijing time).
const asOf = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 16);
fs.mkdirSync(FEEDS, { recursive: true });
const all = {};
let seed = 1;
const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
for (const r of manifest.regions) {
  const outlets = {};
  for (const row of JSON.parse(fs.readFileSync(path.join(PACK, r.file), 'utf8')).outlets) {
    const waiting = rand(40);
    outlets[row[0]] = { waiting, windows_open: 1 + rand(5), wait_minutes: waiting * 3 };
  }
  Object.assign(all, outlets);
  fs.writeFileSync(path.join(FEEDS, r.file), JSON.stringify({ as_of: asOf, outlets }));
}
fs.writeFileSync(path.join(FEEDS, 'all.json'), JSON.stringify({ as_of: asOf, outlets: all }));

const km = ([lon, lat], [w, s, e, n]) => {
  const x = (Math.min(Math.max(lon, w), e) - lon) * 111.32 * Math.cos((lat * Math.PI) / 180);
  const y = (Math.min(Math.max(lat, s), n) - lat) * 110.57;
  return Math.hypot(x, y);
};
const nearRegions = manifest.regions.filter((r) => km(BEIJING, r.bbox) <= NEAR_KM).map((r) => r.file);

const config = (status) => JSON.stringify({
  title: `全国 ${N} 网点（基准测试）`, outlets: 'pack/outlets.pack.json', catalog: '/data/yantai/catalog.json',
  status, status_fresh_minutes: 15, holidays: ['/holidays/2026.json'], center: BEIJING, zoom: 9,
  tiles: { url: '/tiles/{z}/{x}/{y}.svg', datum: 'wgs84', attribution: 'test tiles' },
});
const { server, origin } = await start({
  route(url, req, res) {
    const p = decodeURIComponent(url.pathname);
    if (p === '/live-bench/config-one.json' || p === '/live-bench/config-region.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(config(p.endsWith('one.json') ? 'status/all.json' : 'status/{region}.json'));
      return true;
    }
    if (p.startsWith('/live-bench/')) {
      const file = path.join(DIR, p.slice('/live-bench/'.length));
      if (!file.startsWith(DIR) || !fs.existsSync(file)) return false;
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(fs.readFileSync(file));
      return true;
    }
    return false;
  },
});

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

async function load(kind) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(() => {
    window.__long = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });
  });
  const feeds = [];
  page.on('response', async (r) => {
    if (!/\/live-bench\/status\//.test(r.url())) return;
    const body = await r.body().catch(() => Buffer.alloc(0));
    feeds.push({ url: r.url(), raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length });
  });
  const expected = kind === 'one' ? 1 : nearRegions.length;
  await page.goto(`${origin}/?config=/live-bench/config-${kind}.json&at=${BEIJING.join(',')}`);
  await page.waitForFunction((n) => performance.getEntriesByName('emap:live').length >= n, expected, { timeout: 180000, polling: 200 });
  await page.waitForTimeout(1500);
  const m = await page.evaluate(() => {
    const live = performance.getEntriesByName('emap:live');
    const from = live[0].startTime - 1;
    const to = live.at(-1).startTime + live.at(-1).duration + 1000;
    const long = window.__long.filter(([s, d]) => s + d >= from && s <= to).reduce((a, [, d]) => a + d, 0);
    return { live: live.reduce((a, e) => a + e.duration, 0), long };
  });
  await context.close();
  return { ...m, raw: feeds.reduce((a, f) => a + f.raw, 0), gzip: feeds.reduce((a, f) => a + f.gzip, 0), files: feeds.length };
}

const results = { one: [], region: [] };
for (let i = 0; i < RUNS; i++) for (const kind of ['one', 'region']) results[kind].push(await load(kind));
await browser.close();
server.close();

const cpu = os.cpus();
const kb = (b) => `${(b / 1000).toFixed(1)} kB`;
let out = `Machine: ${cpu.length} × ${cpu[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${os.release()}; ${new Date().toISOString()}\n`;
out += `${N.toLocaleString('en')} outlets in ${manifest.regions.length} regions, every outlet with figures; phone in Beijing (regions within ${NEAR_KM} km: ${nearRegions.join(', ')}); 390x844, CPU 4x; medians of ${RUNS} loads\n\n`;
out += '| feed | files per poll | bytes per poll (= per minute), raw | gzip -9 | emap:live (parse, check, merge) | long tasks overlapping the poll and 1 s after |\n|---|---|---|---|---|---|\n';
for (const [kind, label] of [['one', 'one file for the country'], ['region', 'split by region']]) {
  const r = results[kind];
  out += `| ${label} | ${median(r.map((x) => x.files))} | ${kb(median(r.map((x) => x.raw)))} | ${kb(median(r.map((x) => x.gzip)))} | ${median(r.map((x) => x.live)).toFixed(0)} ms | ${median(r.map((x) => x.long)).toFixed(0)} ms |\n`;
}
console.log(out);
