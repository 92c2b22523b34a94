// What scrolling the result list costs the page: the main thread's work per wheel step
// (script, style, layout, paint; from a Chromium trace) and the longest frame, on the
// release build in dist/ with a synthetic national dataset (made by bench/national.mjs).
//
// Usage (from the repository root, after `trunk build --release` and one run of
// bench/national.mjs, which writes bench/data/national-N/):
//
//   node bench/list-scroll.mjs                  # RUNS=5 N=10000 THROTTLE=1,4
//   EMAP_DIST=/tmp/other-dist node bench/list-scroll.mjs   # another build, for an A/B
//
// Each run: a fresh context at 1280×800 with ?item=hukou-cert, the mouse over the list,
// 30 wheel steps of 120 px, 60 ms apart. Per step: the summed durations of the trace's
// FunctionCall (script), UpdateLayoutTree (style), Layout, Paint and Commit events on
// the page's main thread, divided by the steps. Medians over RUNS.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';

const BENCH = path.dirname(new URL(import.meta.url).pathname);
const ROOT = path.resolve(BENCH, '..');
const require = createRequire(path.join(BENCH, 'package.json'));
const { chromium } = require('playwright-core');
const { start } = await import(path.join(ROOT, 'tests/e2e/server.mjs'));

const RUNS = Number(process.env.RUNS ?? 5);
const N = Number(process.env.N ?? 10000);
const THROTTLES = (process.env.THROTTLE ?? '1,4').split(',').map(Number);
const STEPS = 30;
const KINDS = ['FunctionCall', 'UpdateLayoutTree', 'Layout', 'Paint', 'Commit'];

const config = path.join(BENCH, 'data', `national-${N}`, 'config.json');
if (!fs.existsSync(config)) {
  console.error(`${path.relative(ROOT, config)} is missing: run \`RUNS=1 SIZES=${N} THROTTLE=1 JAPAN=0 node bench/national.mjs\` once`);
  process.exit(2);
}
function route(url, req, res) {
  if (!url.pathname.startsWith('/bench/')) return false;
  const file = path.join(BENCH, path.normalize(decodeURIComponent(url.pathname.slice('/bench/'.length))));
  if (!file.startsWith(BENCH + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(404);
    res.end();
    return true;
  }
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  fs.createReadStream(file).pipe(res);
  return true;
}

const { server, origin } = await start({ route });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function runOnce(throttle) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block', locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await ctx.newPage();
  await page.goto(`${origin}/?config=/bench/data/national-${N}/config.json&at=116.4,39.9&item=hukou-cert`);
  await page.waitForFunction(() => Number(document.querySelector('.map')?.dataset.marks) > 0, null, { timeout: 60000 });
  await page.waitForTimeout(1000);
  const box = await page.locator('.result-list').boundingBox();
  await page.mouse.move(box.x + 100, Math.min(box.y + 50, 750));
  const cdp = await ctx.newCDPSession(page);
  if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  await page.evaluate(() => {
    window.__frames = [];
    const loop = (t) => { __frames.push(t); if (!window.__stop) requestAnimationFrame(loop); };
    requestAnimationFrame(loop);
  });
  for (let i = 0; i < STEPS; i++) {
    await page.mouse.wheel(0, 120);
    await page.waitForTimeout(60);
  }
  await page.waitForTimeout(300);
  const frames = await page.evaluate(() => { window.__stop = true; return __frames; });
  const reached = Number(await page.locator('.result[data-outlet-id]').first().getAttribute('aria-posinset'));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await done;
  await ctx.close();
  // The renderer's main thread: where the layouts happen.
  const main = events.find((e) => e.name === 'Layout')?.tid;
  const per = Object.fromEntries(KINDS.map((k) => [k, 0]));
  for (const e of events) if (e.tid === main && e.ph === 'X' && e.name in per) per[e.name] += e.dur / 1000 / STEPS;
  const gaps = frames.slice(1).map((t, i) => t - frames[i]);
  return { ...per, longest: Math.max(...gaps), reached };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
console.log(`machine: ${os.cpus()[0].model}, ${os.cpus().length} cores; Chromium headless; ${N} outlets; ${STEPS} wheel steps of 120 px; medians of ${RUNS} runs`);
console.log(`| CPU | script | style | layout | paint | commit | longest frame | first row drawn after the scroll |`);
console.log(`|---|---|---|---|---|---|---|---|`);
for (const t of THROTTLES) {
  const runs = [];
  for (let r = 0; r < RUNS; r++) runs.push(await runOnce(t));
  const m = (k) => median(runs.map((x) => x[k])).toFixed(2);
  console.log(`| ${t}x | ${m('FunctionCall')} ms | ${m('UpdateLayoutTree')} ms | ${m('Layout')} ms | ${m('Paint')} ms | ${m('Commit')} ms | ${median(runs.map((x) => x.longest)).toFixed(1)} ms | row ${median(runs.map((x) => x.reached))} |`);
}
await browser.close();
server.close();
