// National-scale benchmark (issue 6): the app in dist/ against a reference page built
// the usual way (Leaflet + Leaflet.markercluster, bench/reference/), on synthetic
// national datasets and on 12,440 real police boxes of Japan, in headless Debian
// Chromium driven by playwright-core.
//
// Usage (from the repository root, after `trunk build --release`):
//
//   (cd bench && npm install --no-audit --no-fund)    # once: leaflet, leaflet.markercluster, playwright-core
//   node bench/national.mjs                           # the whole matrix: RUNS=5 SIZES=1000,10000,100000 THROTTLE=1,4 JAPAN=1
//   RUNS=1 SIZES=1000 THROTTLE=1 JAPAN=0 node bench/national.mjs   # a quick check
//
// Environment:
//   RUNS=5                   fresh browser contexts (cold cache) per dataset × throttle × page; medians are printed
//   SIZES=1000,10000,100000  synthetic national datasets (`emap national --count N`), made when missing
//   THROTTLE=1,4             CPU throttling rates (CDP Emulation.setCPUThrottlingRate)
//   JAPAN=1                  adds ../shared/realdata/japan_police_koban_osm_2014.geojson (no items: no filter figure)
//   TIMEOUT=180              seconds a page may take from navigation to all-loaded; more is reported as "> 180 s"
//   FORMAT=auto              what the app loads: pack (bench/data/…/pack/outlets.pack.json), geojson, or auto
//                            (the pack when it exists and the wasm in dist/ knows "emap-pack/1", else the GeoJSON)
//   ITEM=                    the item chosen in the filter measurement (default: the dataset's most common item)
//   PAGES=app,reference      which pages to measure
//   SHOTS=1                  screenshots of each page after loading (first run, 1x) into bench/out/
//   TILES=png                the test tiles' format for both pages: png (as real tile servers send) or svg
//   CHROMIUM=/usr/bin/chromium
//
// Output: tables (metric | app | reference | ratio reference/app) per dataset and
// throttle, the headline checks of the issue, and how each figure was obtained, on
// stdout and in bench/out/latest.md; every run's figures in bench/out/latest.json.
// Data lives in bench/data/ (gitignored).
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import zlib from 'node:zlib';

const BENCH = path.dirname(new URL(import.meta.url).pathname);
const ROOT = path.resolve(BENCH, '..');
const DATA_DIR = path.join(BENCH, 'data');
const OUT_DIR = path.join(BENCH, 'out');
const JAPAN_SRC = path.resolve(ROOT, '../shared/realdata/japan_police_koban_osm_2014.geojson');
const require = createRequire(path.join(BENCH, 'package.json'));
let chromium;
try {
  ({ chromium } = require('playwright-core'));
} catch {
  console.error('bench/node_modules is missing: run `(cd bench && npm install --no-audit --no-fund)` first');
  process.exit(2);
}
const { start, DIST } = await import(path.join(ROOT, 'tests/e2e/server.mjs'));

const list = (s) => s.split(',').map((x) => x.trim()).filter(Boolean);
const RUNS = Number(process.env.RUNS ?? 5);
const SIZES = list(process.env.SIZES ?? '1000,10000,100000').map(Number);
const THROTTLES = list(process.env.THROTTLE ?? '1,4').map(Number);
const JAPAN = (process.env.JAPAN ?? '1') !== '0';
const TIMEOUT_S = Number(process.env.TIMEOUT ?? 180);
const TIMEOUT = TIMEOUT_S * 1000;
const FORMAT = process.env.FORMAT ?? 'auto';
const PAGES = list(process.env.PAGES ?? 'app,reference');
const SHOTS = (process.env.SHOTS ?? '1') !== '0';
const TILES = process.env.TILES ?? 'png';
const VIEWPORT = { width: 1280, height: 800 };
const BEIJING = [116.40, 39.90];
const TOKYO = [139.76, 35.68];
fs.mkdirSync(OUT_DIR, { recursive: true });

if (!fs.existsSync(path.join(DIST, 'index.html'))) {
  console.error('dist/ is missing: run `trunk build --release` first');
  process.exit(2);
}

// ---------------------------------------------------------------- data
/** Runs the emap tool; its stderr (per-feature warnings) is cut to the last lines. */
function cargoTool(args, quiet = false) {
  const r = spawnSync('cargo', ['run', '--release', '-q', '-p', 'emap-tools', '--', ...args], {
    cwd: ROOT, stdio: ['ignore', quiet ? 'ignore' : 'inherit', quiet ? 'ignore' : 'pipe'], maxBuffer: 1 << 26,
  });
  if (!quiet && r.stderr) {
    const lines = r.stderr.toString().trim().split('\n');
    if (lines.length > 3) console.error(`  (${lines.length - 3} lines of the tool's output left out)`);
    console.error(lines.slice(-3).join('\n'));
  }
  return r;
}
const rel = (p) => path.relative(ROOT, p);

function ensureData() {
  const datasets = [];
  for (const n of SIZES) {
    const dir = path.join(DATA_DIR, `national-${n}`);
    const geojson = path.join(dir, 'outlets.geojson');
    if (!fs.existsSync(geojson)) {
      console.error(`making ${rel(geojson)} …`);
      const r = cargoTool(['national', '--count', String(n)]);
      if (r.status !== 0 || !fs.existsSync(geojson)) throw new Error(`emap national --count ${n} failed`);
    }
    datasets.push({ key: `national-${n}`, label: `national ${n.toLocaleString('en')}`, dir, geojson, center: BEIJING, at: BEIJING, zoom: 5, items: true, title: `全国 ${n} 网点（基准测试）` });
  }
  if (JAPAN) {
    const dir = path.join(DATA_DIR, 'japan-koban');
    const geojson = path.join(dir, 'outlets.geojson');
    if (!fs.existsSync(geojson)) {
      fs.mkdirSync(dir, { recursive: true });
      fs.copyFileSync(JAPAN_SRC, geojson);
    }
    datasets.push({ key: 'japan-koban', label: 'Japan kōban (OSM 2014, real)', dir, geojson, center: TOKYO, at: TOKYO, zoom: 6, items: false, title: '日本の交番（基准测试）' });
  }
  // The pack (emap pack IN -o DIR) when the tool has it.
  const canPack = cargoTool(['pack', '--help'], true).status === 0;
  for (const ds of datasets) {
    const pack = path.join(ds.dir, 'pack', 'outlets.pack.json');
    if (canPack && !fs.existsSync(pack)) {
      console.error(`packing ${rel(ds.geojson)} …`);
      cargoTool(['pack', rel(ds.geojson), '-o', rel(path.join(ds.dir, 'pack'))]);
    }
    ds.pack = fs.existsSync(pack) ? pack : null;
  }
  return datasets;
}

/** Does the wasm in dist/ know the pack format? (auto mode: never hand the app a file it cannot read) */
function appKnowsPack() {
  const wasm = fs.readdirSync(DIST).find((f) => f.endsWith('.wasm'));
  return !!wasm && fs.readFileSync(path.join(DIST, wasm)).includes('emap-pack/1');
}

const urlOf = (file) => '/' + path.relative(ROOT, file).split(path.sep).join('/');

function prepare(ds) {
  const usePack = FORMAT === 'pack' || (FORMAT === 'auto' && ds.pack && appKnowsPack());
  if (usePack && !ds.pack) throw new Error(`FORMAT=pack but ${rel(ds.dir)}/pack is missing`);
  ds.format = usePack ? 'pack' : 'geojson';
  const config = {
    title: ds.title,
    sample: true,
    outlets: usePack ? urlOf(ds.pack) : urlOf(ds.geojson),
    catalog: '/data/yantai/catalog.json',
    holidays: ['/holidays/2025.json', '/holidays/2026.json'],
    center: ds.center,
    zoom: ds.zoom,
    max_data_bytes: 200000000,
    tiles: { url: `/tiles/{z}/{x}/{y}.${TILES}`, datum: 'wgs84', attribution: 'bench tiles' },
    locale: 'zh-CN',
  };
  const file = path.join(ds.dir, 'config.json');
  fs.writeFileSync(file, JSON.stringify(config, null, 2) + '\n');
  ds.config = urlOf(file);
  // Count the outlets and pick the item of the filter measurement: the most common one.
  const geo = JSON.parse(fs.readFileSync(ds.geojson, 'utf8'));
  ds.count = geo.features.length;
  if (ds.items) {
    const freq = new Map();
    for (const f of geo.features) for (const i of f.properties?.items ?? []) freq.set(i, (freq.get(i) ?? 0) + 1);
    const ranked = [...freq].sort((a, b) => b[1] - a[1]);
    ds.item = process.env.ITEM || ranked[0]?.[0];
    ds.itemCount = freq.get(ds.item) ?? 0;
    const catalog = JSON.parse(fs.readFileSync(path.join(DIST, 'data/yantai/catalog.json'), 'utf8'));
    ds.itemName = catalog.items.find((i) => i.id === ds.item)?.name;
    if (!ds.itemName) ds.items = false;
  }
  const at = ds.at.join(',');
  ds.urls = {
    app: `/?config=${ds.config}&at=${at}`,
    reference: `/bench/reference/index.html?data=${urlOf(ds.geojson)}&catalog=/data/yantai/catalog.json&at=${at}&center=${ds.center.join(',')}&zoom=${ds.zoom}&tiles=${TILES}`,
  };
}

// ---------------------------------------------------------------- server
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.geojson': 'application/geo+json', '.png': 'image/png', '.svg': 'image/svg+xml', '.map': 'application/json',
};
/** /bench/… → bench/ (reference page, data), /bench-node/… → bench/node_modules/ (Leaflet, markercluster). */
function fileFor(pathname) {
  let base, p;
  if (pathname.startsWith('/bench-node/')) [base, p] = [path.join(BENCH, 'node_modules'), pathname.slice('/bench-node'.length)];
  else if (pathname.startsWith('/bench/')) [base, p] = [BENCH, pathname.slice('/bench'.length)];
  else if (pathname.startsWith('/tiles/')) return null;
  else [base, p] = [DIST, pathname];
  p = decodeURIComponent(p);
  if (p.endsWith('/')) p += 'index.html';
  const file = path.join(base, path.normalize(p));
  return file.startsWith(base + path.sep) ? file : null;
}
function route(url, req, res) {
  if (!url.pathname.startsWith('/bench/') && !url.pathname.startsWith('/bench-node/')) return false;
  const file = fileFor(url.pathname);
  if (!file || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
    return true;
  }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-length': fs.statSync(file).size, 'cache-control': 'no-store' });
  fs.createReadStream(file).pipe(res);
  return true;
}

// ---------------------------------------------------------------- in the page
/** Installed before any script of the page: records when the first result row is in
 * the DOM and when the map first shows outlets, and every long task. */
function probe(kind) {
  const B = (window.__bench = { kind, firstResults: null, usableMap: null, longtasks: [] });
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) B.longtasks.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
  } catch { B.longtasks = null; }
  const usable = kind === 'app'
    ? () => Number(document.querySelector('.map')?.dataset.marks) > 0
    : () => !!document.querySelector('.marker-cluster, .leaflet-marker-icon');
  const mo = new MutationObserver(() => {
    const t = performance.now();
    if (B.firstResults == null && document.querySelector('[data-outlet-id]')) B.firstResults = t;
    if (B.usableMap == null && usable()) B.usableMap = t;
    if (B.firstResults != null && B.usableMap != null) mo.disconnect();
  });
  mo.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-marks', 'data-outlet-id', 'class'] });
}

function readTimings() {
  const sum = (n) => {
    const e = performance.getEntriesByName(n, 'measure');
    return e.length ? e.reduce((a, x) => a + x.duration, 0) : null;
  };
  const mark = (n) => performance.getEntriesByName(n, 'mark')[0]?.startTime ?? null;
  return {
    fetch: sum('emap:fetch'), parse: sum('emap:parse'), index: sum('emap:index'),
    dataReady: mark('emap:data-ready'), allLoaded: mark('emap:all-loaded'),
    firstResults: __bench.firstResults, usableMap: __bench.usableMap,
    wasm: globalThis.emapDiagnostics?.wasmMemory?.buffer?.byteLength ?? null,
    perfHeap: performance.memory?.usedJSHeapSize ?? null,
  };
}

/** Where the map is: the map pane's offset and the zoom level of the tiles on show. */
function mapView() {
  const pane = document.querySelector('.leaflet-map-pane');
  const zs = [...document.querySelectorAll('img.leaflet-tile-loaded')].map((i) => Number(new URL(i.src).pathname.split('/')[2])).filter(Number.isFinite);
  return { pane: pane?.style.transform ?? '', z: zs.length ? Math.max(...zs) : null };
}

/** Starts recording animation frames (rAF timestamps). */
function startFrames() {
  const B = __bench;
  B.frames = [];
  B.stopFrames = false;
  const loop = (t) => { B.frames.push(t); if (!B.stopFrames) requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
}

/** The longest frame interval ending in [from, to], frames over 1.5 × 16.7 ms, and the longest long task. */
function frameStats([from, to]) {
  const B = __bench;
  let longest = 0, dropped = 0, n = 0;
  for (let i = 1; i < B.frames.length; i++) {
    const end = B.frames[i];
    if (end < from || end > to) continue;
    const d = end - B.frames[i - 1];
    n++;
    longest = Math.max(longest, d);
    if (d > 25) dropped++;
  }
  const tasks = B.longtasks ? B.longtasks.filter(([s, d]) => s + d >= from && s <= to).map(([, d]) => d) : null;
  // The app's own share of a view change: clustering what is in view and drawing it.
  const own = performance.getEntriesByName('emap:marks', 'measure').filter((e) => e.startTime >= from && e.startTime <= to).map((e) => e.duration);
  return { longest, dropped, frames: n, longtask: tasks ? Math.max(0, ...tasks) : null, marks: own.length ? Math.max(...own) : null };
}

/** Arms the filter measurement: the time of the user's choice (capturing listeners for
 * `events`), and of every change of the list (row ids and the count heading), each
 * followed by the end of the next frame (rAF, then a message: after its style, layout
 * and paint work on the main thread). */
function armFilter(events) {
  const B = __bench;
  const sig = () => [...document.querySelectorAll('[data-outlet-id]')].map((e) => e.dataset.outletId).join(',') +
    '|' + (document.querySelector('.result-count')?.textContent ?? '');
  let last = sig();
  const F = (B.filter = { start: null, dom: null, frame: null, changes: 0 });
  const onStart = () => { if (F.start == null) F.start = performance.now(); };
  for (const e of events) window.addEventListener(e, onStart, { capture: true, once: true });
  const mo = new MutationObserver(() => {
    if (F.start == null) return;
    const s = sig();
    if (s === last) return;
    last = s;
    F.dom = performance.now();
    F.changes++;
    const gen = F.changes;
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { if (gen === F.changes) F.frame = performance.now(); };
      ch.port2.postMessage(0);
    });
  });
  mo.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['data-outlet-id'] });
  B.stopFilter = () => mo.disconnect();
}

// ---------------------------------------------------------------- one run
const withTimeout = (p, ms, what) => Promise.race([p, new Promise((_, rej) => setTimeout(() => rej(new Error(`timeout: ${what}`)), ms))]);
const isTimeout = (e) => /timeout/i.test(String(e?.name) + String(e?.message));

async function runOnce(browser, origin, ds, kind, throttle, run, downloads) {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' });
  await context.addInitScript(probe, kind);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  const r = { notes: [] };
  page.on('pageerror', (e) => r.notes.push(`page error: ${String(e).slice(0, 200)}`));
  page.on('response', (res) => {
    const u = new URL(res.url());
    if (u.origin === origin && res.status() === 200 && !u.pathname.startsWith('/tiles/')) downloads.add(u.pathname);
  });
  const t0 = Date.now();
  const left = () => Math.max(1000, TIMEOUT - (Date.now() - t0));
  try {
    // 1. Navigation → first results, usable map.
    try {
      await page.goto(origin + ds.urls[kind], { waitUntil: 'commit', timeout: TIMEOUT });
      await page.waitForFunction(() => window.__bench && __bench.firstResults != null && __bench.usableMap != null, null, { timeout: left(), polling: 200 });
    } catch (e) {
      if (!isTimeout(e)) throw e;
      r.timeout = true;
      const partial = await withTimeout(page.evaluate(() => window.__bench && { f: __bench.firstResults, m: __bench.usableMap }), 5000, 'read').catch(() => null);
      r.firstResults = partial?.f ?? Infinity;
      r.usableMap = partial?.m ?? Infinity;
      r.allLoaded = Infinity;
      return r;
    }
    // 2. Until every outlet is loaded: the app's mark, or .app[data-complete=true], or 3 s of settling.
    const how = await page.evaluate(() => ({
      marks: performance.getEntriesByName('emap:all-loaded').length + performance.getEntriesByName('emap:data-ready').length + performance.getEntriesByName('emap:parse').length > 0,
      complete: document.querySelector('.app[data-complete], body[data-complete]') != null,
    }));
    if (how.marks || how.complete || kind === 'reference') {
      try {
        await page.waitForFunction(() => performance.getEntriesByName('emap:all-loaded').length > 0 ||
          document.querySelector('.app[data-complete="true"], body[data-complete="true"]') != null, null, { timeout: left(), polling: 200 });
        r.settled = 'mark';
      } catch (e) {
        if (!isTimeout(e)) throw e;
        r.timeout = true;
        r.allLoaded = Infinity;
        Object.assign(r, await withTimeout(page.evaluate(readTimings), 5000, 'read').catch(() => ({})), { allLoaded: Infinity });
        return r;
      }
    } else {
      await page.waitForTimeout(3000);
      r.settled = '3 s';
    }
    Object.assign(r, await page.evaluate(readTimings));
    if (r.allLoaded == null && r.settled === 'mark' && kind === 'app') r.notes.push('data-complete without emap:all-loaded');
    // 3. Memory after a garbage collection.
    await cdp.send('HeapProfiler.collectGarbage').catch(() => {});
    const heap = await cdp.send('Runtime.getHeapUsage').catch(() => null);
    r.jsHeap = heap?.usedSize ?? null;
    r.perfHeap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? null);
    if (SHOTS && run === 0 && throttle === THROTTLES[0]) {
      await page.waitForTimeout(500);
      await page.screenshot({ path: path.join(OUT_DIR, `${ds.key}-${kind}.png`) });
    }
    // 4. One pan (200 px drag) and one zoom (a wheel step) over the map.
    const box = await page.locator(kind === 'app' ? '.map' : '#map').boundingBox();
    const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
    await page.mouse.move(cx, cy);
    await page.evaluate(startFrames);
    await page.waitForTimeout(300);
    const view0 = await page.evaluate(mapView);
    let from = await page.evaluate(() => performance.now());
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) {
      await page.mouse.move(cx - 20 * i, cy);
      await page.waitForTimeout(16);
    }
    await page.mouse.up();
    let to = (await page.evaluate(() => performance.now())) + 1000;
    await page.waitForTimeout(1100);
    r.pan = await page.evaluate(frameStats, [from, to]);
    const view1 = await page.evaluate(mapView);
    if (view1.pane === view0.pane) r.notes.push('pan: the map did not move');
    await page.mouse.move(cx, cy);
    await page.waitForTimeout(300);
    from = await page.evaluate(() => performance.now());
    await page.mouse.wheel(0, -60); // Leaflet (wheelPxPerZoomLevel 60) makes this one zoom level
    to = (await page.evaluate(() => performance.now())) + 1000;
    await page.waitForTimeout(1100);
    r.zoom = await page.evaluate(frameStats, [from, to]);
    const view2 = await page.evaluate(mapView);
    r.zoomLevels = [view1.z, view2.z];
    if (!(view2.z > view1.z)) r.notes.push(`zoom: tiles at z${view1.z} before, z${view2.z} after`);
    await page.evaluate(() => { __bench.stopFrames = true; });
    // 5. Item filter → list updated.
    if (ds.items) {
      try {
        if (kind === 'app') {
          await page.fill('#need', ds.itemName);
          const suggestion = page.locator(`.suggestion[data-item-id="${ds.item}"]`).first();
          await suggestion.waitFor({ timeout: 30000 });
          await page.waitForTimeout(300);
          await page.evaluate(armFilter, ['click']);
          await suggestion.click();
        } else {
          await page.evaluate(armFilter, ['input', 'change']);
          await page.selectOption('#item', ds.item);
        }
        await page.waitForFunction(() => __bench.filter.frame != null, null, { timeout: left(), polling: 100 });
        await page.waitForTimeout(700); // later changes of the list, if any, move the end
        const f = await page.evaluate(() => { __bench.stopFilter(); return __bench.filter; });
        r.filterDom = f.dom - f.start;
        r.filterFrame = f.frame - f.start;
        r.filterChanges = f.changes;
        r.filterLongtask = await page.evaluate(frameStats, [f.start, f.frame]).then((s) => s.longtask);
        if (kind === 'app' && !(await page.locator(`[data-chosen-item="${ds.item}"]`).count())) r.notes.push('filter: the app did not show the chosen item');
      } catch (e) {
        if (!isTimeout(e)) throw e;
        r.filterDom = r.filterFrame = Infinity;
      }
    }
  } catch (e) {
    r.error = String(e).split('\n')[0];
  } finally {
    await withTimeout(context.close(), 30000, 'close').catch(() => {});
  }
  return r;
}

// ---------------------------------------------------------------- figures
const median = (xs) => {
  const v = xs.filter((x) => x != null && !Number.isNaN(x));
  if (!v.length) return null;
  const s = [...v].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => (x == null ? 'n/a' : x === Infinity ? `> ${TIMEOUT_S} s` : x >= 100 ? `${x.toFixed(0)} ms` : `${x.toFixed(1)} ms`);
const mb = (x) => (x == null ? 'n/a' : `${(x / 2 ** 20).toFixed(1)} MB`);
const kb = (x) => `${(x / 1024).toFixed(1)} kB`;
const ratio = (ref, app) => (ref == null || app == null || app === Infinity || app <= 0 ? '' : ref === Infinity ? `> ${(TIMEOUT / app).toFixed(1)}×` : `${(ref / app).toFixed(2)}×`);

const METRICS = [
  ['nav → first results (row in DOM)', (r) => r.firstResults, ms],
  ['nav → usable map (outlets drawn)', (r) => r.usableMap, ms],
  ['emap:fetch (download + text)', (r) => r.fetch, ms],
  ['emap:parse', (r) => r.parse, ms],
  ['emap:index', (r) => r.index, ms],
  ['parse + index', (r) => (r.parse == null && r.index == null ? null : (r.parse ?? 0) + (r.index ?? 0)), ms],
  ['nav → emap:data-ready', (r) => r.dataReady, ms],
  ['nav → emap:all-loaded', (r) => r.allLoaded, ms],
  ['JS heap after load (GC’d, CDP)', (r) => r.jsHeap, mb],
  ['wasm memory', (r) => r.wasm, mb],
  ['JS heap + wasm', (r) => (r.jsHeap == null ? null : r.jsHeap + (r.wasm ?? 0)), mb],
  ['item filter → list in DOM', (r) => r.filterDom, ms],
  ['item filter → frame showing it', (r) => r.filterFrame, ms],
  ['pan 200 px: longest frame', (r) => r.pan?.longest, ms],
  ['pan: frames > 25 ms', (r) => r.pan?.dropped, (x) => (x == null ? 'n/a' : String(x))],
  ['zoom in one level (wheel): longest frame', (r) => r.zoom?.longest, ms],
  ['zoom: frames > 25 ms', (r) => r.zoom?.dropped, (x) => (x == null ? 'n/a' : String(x))],
  ['longest long task, pan + zoom', (r) => (r.pan && r.zoom && r.pan.longtask != null ? Math.max(r.pan.longtask, r.zoom.longtask) : null), ms],
  ['app: cluster + draw after the pan (emap:marks)', (r) => r.pan?.marks, ms],
  ['app: cluster + draw after the zoom (emap:marks)', (r) => r.zoom?.marks, ms],
];
const ratioWorthy = new Set([0, 1, 2, 3, 4, 5, 7, 8, 10, 11, 12, 13, 15]);

function gzipSizes(paths) {
  let code = 0, data = 0;
  const rows = [];
  for (const p of [...paths].sort()) {
    const file = fileFor(p);
    if (!file || !fs.existsSync(file) || fs.statSync(file).isDirectory()) continue;
    const raw = fs.readFileSync(file);
    const gz = zlib.gzipSync(raw, { level: 9 }).length;
    const isData = /^\/(bench\/data|data|holidays)\//.test(p) || p.endsWith('config.json');
    if (isData) data += gz; else code += gz;
    rows.push({ p, raw: raw.length, gz, isData });
  }
  return { code, data, rows };
}

// ---------------------------------------------------------------- main
const datasets = ensureData();
for (const ds of datasets) prepare(ds);
const { server, origin } = await start({ route });
const launch = () => chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--enable-precise-memory-info'],
});
const startedAt = new Date();
const load0 = os.loadavg();
let chromiumVersion = '';
const results = {};
const downloads = {};
for (const ds of datasets) {
  results[ds.key] = {};
  downloads[ds.key] = Object.fromEntries(PAGES.map((k) => [k, new Set()]));
  for (const throttle of THROTTLES) {
    const browser = await launch();
    chromiumVersion ||= browser.version();
    const runs = Object.fromEntries(PAGES.map((k) => [k, []]));
    // App and reference alternate run by run, so a change in background load hits both.
    for (let i = 0; i < RUNS; i++) {
      for (const kind of PAGES) {
        const r = await runOnce(browser, origin, ds, kind, throttle, i, downloads[ds.key][kind]);
        runs[kind].push(r);
        const brief = `${ds.key} ${throttle}x ${kind} run ${i + 1}/${RUNS}: first results ${ms(r.firstResults)}, map ${ms(r.usableMap)}, parse ${ms(r.parse)}, index ${ms(r.index)}, all-loaded ${ms(r.allLoaded)}` +
          (ds.items ? `, filter → frame ${ms(r.filterFrame)}` : '') + `, pan ${ms(r.pan?.longest)}, zoom ${ms(r.zoom?.longest)}${r.zoomLevels ? ` (z${r.zoomLevels.join("→z")})` : ""}` +
          (r.timeout ? ' [TIMEOUT]' : '') + (r.error ? ` [ERROR ${r.error}]` : '') + (r.notes.length ? ` [${[...new Set(r.notes)].join('; ')}]` : '');
        console.error(brief);
      }
    }
    results[ds.key][throttle] = runs;
    await browser.close();
  }
}
server.close();
const load1 = os.loadavg();

// ---------------------------------------------------------------- report
const md = [];
const cpus = os.cpus();
md.push(`# National-scale benchmark (issue 6)`, '');
md.push(`- date: ${startedAt.toISOString()}; commit ${spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).stdout?.toString().trim()}`);
md.push(`- machine: ${cpus[0].model}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}; load average ${load0.map((x) => x.toFixed(2)).join(' ')} at start, ${load1.map((x) => x.toFixed(2)).join(' ')} at end`);
md.push(`- browser: Debian Chromium ${chromiumVersion}, headless (new), --disable-gpu, driven by playwright-core; viewport ${VIEWPORT.width}×${VIEWPORT.height}`);
md.push(`- runs: ${RUNS} per dataset × throttle × page, each in a fresh browser context (cold cache, service workers blocked); medians; page timeout ${TIMEOUT_S} s`);
md.push('');

md.push('## Datasets', '');
md.push('| dataset | outlets | app loads | filter item | app data (gzip -9) | reference data (gzip -9) |', '|---|---|---|---|---|---|');
const sizes = {};
for (const ds of datasets) {
  sizes[ds.key] = Object.fromEntries(PAGES.map((k) => [k, gzipSizes(downloads[ds.key][k])]));
  md.push(`| ${ds.label} | ${ds.count.toLocaleString('en')} | ${ds.format} (\`${ds.format === 'pack' ? urlOf(ds.pack) : urlOf(ds.geojson)}\`) | ${ds.items ? `${ds.item} (${ds.itemName}, ${ds.itemCount.toLocaleString('en')} outlets)` : '— (no items)'} | ${sizes[ds.key].app ? kb(sizes[ds.key].app.data) : ''} | ${sizes[ds.key].reference ? kb(sizes[ds.key].reference.data) : ''} |`);
}
md.push('');

for (const ds of datasets) {
  md.push(`## ${ds.label}`, '');
  for (const throttle of THROTTLES) {
    const runs = results[ds.key][throttle];
    md.push(`### CPU ${throttle}x`, '');
    md.push('| metric | app | reference | ratio (reference/app) |', '|---|---|---|---|');
    METRICS.forEach(([name, get, fmt], idx) => {
      if (!ds.items && name.startsWith('item filter')) return;
      const a = runs.app ? median(runs.app.map(get)) : null;
      const b = runs.reference ? median(runs.reference.map(get)) : null;
      md.push(`| ${name} | ${fmt(a)} | ${fmt(b)} | ${ratioWorthy.has(idx) ? ratio(b, a) : ''} |`);
    });
    const problems = PAGES.flatMap((k) => (runs[k] ?? []).flatMap((r, i) => [
      ...(r.timeout ? [`${k} run ${i + 1}: timeout`] : []), ...(r.error ? [`${k} run ${i + 1}: ${r.error}`] : []),
      ...[...new Set(r.notes)].map((n) => `${k} run ${i + 1}: ${n}`)]));
    const settled = (runs.app ?? []).map((r) => r.settled).filter(Boolean);
    if (settled.includes('3 s')) problems.push('app: no emap:all-loaded mark nor data-complete; waited 3 s after the map showed outlets before the interactive measurements');
    if (problems.length) md.push('', ...problems.map((p) => `- ${p}`));
    md.push('');
  }
}

// Download sizes: code only (data apart), the union over all datasets of each page's files.
md.push('## Download size (gzip -9, data excluded)', '');
const code = {};
for (const kind of PAGES) {
  const all = new Set();
  for (const ds of datasets) for (const p of downloads[ds.key][kind]) all.add(p);
  code[kind] = gzipSizes(all);
  md.push(`- **${kind}**: ${kb(code[kind].code)} — ` + code[kind].rows.filter((r) => !r.isData).map((r) => `${r.p} ${kb(r.gz)}`).join(', '));
}
md.push('');

// Headline checks from the issue.
const check = (ok) => (ok == null ? '—' : ok ? 'pass' : 'FAIL');
const med = (key, throttle, kind, get) => { const rs = results[key]?.[throttle]?.[kind]; return rs ? median(rs.map(get)) : null; };
const t1 = THROTTLES.includes(1) ? 1 : THROTTLES[0];
const checks = [];
{
  const key = 'national-100000';
  const v = results[key] ? med(key, t1, 'app', METRICS[5][1]) : null;
  checks.push(['100k outlets: parse + index ≤ 400 ms (app, CPU ' + t1 + 'x)', results[key] ? ms(v) : 'not run (SIZES)', v == null ? null : v <= 400]);
}
{
  const vals = datasets.filter((d) => d.items).map((d) => [d.key, med(d.key, t1, 'app', (r) => r.filterFrame)]);
  const worst = vals.reduce((m, [, v]) => (v == null ? m : Math.max(m ?? 0, v)), null);
  checks.push([`item filter → list ≤ 16 ms (app, worst dataset, click → end of the frame showing it, CPU ${t1}x)`, vals.map(([k, v]) => `${k} ${ms(v)}`).join(', ') || 'n/a', worst == null ? null : worst <= 16]);
}
{
  const vals = datasets.map((d) => [d.key, med(d.key, t1, 'app', (r) => r.pan?.longest), med(d.key, t1, 'app', (r) => r.zoom?.longest)]);
  const worst = vals.reduce((m, [, p, z]) => Math.max(m, p ?? 0, z ?? 0), 0);
  checks.push([`pan and zoom frames ≤ 16 ms (app, longest rAF interval; one 60 Hz frame is 16.7 ms, so ≤ 18 ms counts as no dropped frame; CPU ${t1}x)`,
    vals.map(([k, p, z]) => `${k} pan ${ms(p)} zoom ${ms(z)}`).join(', '), vals.length ? worst <= 18 : null]);
}
checks.push(['sample city, first results with CPU 4x ≤ 1.5 s', 'measured by `THROTTLE=4 node bench/first-results.mjs` (not here)', null]);
for (const n of [10000, 100000]) {
  const key = `national-${n}`;
  for (const throttle of THROTTLES) {
    if (!results[key]) { checks.push([`${n / 1000}k: ≥ 5× faster than the reference, nav → usable map`, 'not run (SIZES)', null]); break; }
    const a = med(key, throttle, 'app', (r) => r.usableMap), b = med(key, throttle, 'reference', (r) => r.usableMap);
    checks.push([`${n / 1000}k: ≥ 5× faster than the reference, nav → usable map (CPU ${throttle}x)`, `app ${ms(a)}, reference ${ms(b)}: ${ratio(b, a) || 'n/a'}`, a == null || b == null ? null : b / a >= 5]);
  }
}
if (code.app && code.reference) {
  const diff = code.app.code - code.reference.code;
  checks.push(['download: app ≤ reference + 150 kB (gzip -9, code only)', `app ${kb(code.app.code)}, reference ${kb(code.reference.code)}: ${diff >= 0 ? '+' : ''}${kb(diff)}`, diff <= 150 * 1024]);
}
md.push('## Headline checks', '', '| check | figure | |', '|---|---|---|', ...checks.map(([c, f, ok]) => `| ${c} | ${f} | ${check(ok)} |`), '');

md.push('## How each figure was obtained', '');
md.push(...[
  'Each run opens a fresh browser context (empty cache, service workers blocked) at 1280×800, where the app shows list and map side by side; CPU throttling is set by CDP `Emulation.setCPUThrottlingRate` before navigation. Pages come from a loopback server (`tests/e2e/server.mjs` plus /bench/ and /bench-node/ routes), uncompressed, no network throttling: download time is near zero, so the data sizes are reported apart.',
  `The app: \`dist/\` at \`/?config=/bench/data/DATASET/config.json&at=LON,LAT\` (position from the URL, no item chosen: every outlet). The reference: \`bench/reference/index.html\` (Leaflet 1.9.4 + Leaflet.markercluster 1.5.3 default settings, chunkedLoading off; GeoJSON fetched and JSON.parsed; one L.marker per point; list of the 50 nearest by haversine, rendered and painted before addLayers).`,
  '- **nav → first results**: `performance.now()` (from navigation start) in a MutationObserver installed before any page script, when the first `[data-outlet-id]` element is in the DOM.',
  '- **nav → usable map**: the same observer, when the app\'s `.map` has `data-marks` > 0, or the reference has its first `.marker-cluster` / `.leaflet-marker-icon`.',
  '- **emap:fetch / parse / index**: sums of the durations of `performance` measures of those names; **data-ready / all-loaded**: `startTime` of those marks. The app emits them itself (n/a when the build in dist/ does not); the reference: fetch = fetch + text(), parse = JSON.parse + building the markers, index = markerClusterGroup.addLayers, all-loaded after addLayers.',
  '- Interactive figures are taken once all is loaded: the `emap:all-loaded` mark, else `.app[data-complete="true"]`, else 3 s after the map showed outlets.',
  '- **memory**: after a forced garbage collection (CDP `HeapProfiler.collectGarbage`), CDP `Runtime.getHeapUsage().usedSize` (the JS heap; Chromium runs with --enable-precise-memory-info so `performance.memory` agrees); wasm memory is `emapDiagnostics.wasmMemory.buffer.byteLength` exposed by the app\'s boot.js (n/a when absent).',
  `- **pan / zoom**: a requestAnimationFrame loop records frame times; pan = mouse down at the map\'s centre, 10 moves of 20 px 16 ms apart, up; zoom = one wheel event of deltaY −60 over the map centre (one zoom level in Leaflet; the levels before and after are checked). Longest interval between consecutive frames from the gesture\'s start until 1 s after it ended; frames > 25 ms counted; long tasks (PerformanceObserver "longtask", ≥ 50 ms) in that window. Both pages show the same generated test tiles (\`TILES\`, ${TILES}: PNG, as real tile servers send, is decoded off the main thread; an SVG tile is drawn on it).`,
  `- **item filter → list**: the app: the item's name typed into \`#need\`, then a click on \`.suggestion[data-item-id=ID]\` (timed from a capturing click listener on window); the reference: \`<select id=item>\` changed (timed from a capturing input listener). A MutationObserver compares the list's signature (row ids + \`.result-count\` text); from the last change, the end of the next frame = requestAnimationFrame then a MessageChannel message (after that frame's style, layout and paint on the main thread). Both figures are from the user's action.`,
  '- **download size**: every file the page fetched from the server (tiles excluded), gzip -9 of the file on disk; data (config, catalog, holidays, outlets) apart.',
]);
md.push('');
const text = md.join('\n');
fs.writeFileSync(path.join(OUT_DIR, 'latest.md'), text);
// Every run's figures, for whoever wants more than medians.
fs.writeFileSync(path.join(OUT_DIR, 'latest.json'), JSON.stringify({
  date: startedAt.toISOString(), chromium: chromiumVersion, cpu: cpus[0].model, cores: cpus.length, runs: RUNS, timeout_s: TIMEOUT_S,
  datasets: datasets.map(({ key, label, count, format, item, itemCount }) => ({ key, label, count, format, item, itemCount })),
  results,
}, (k, v) => (v === Infinity ? `> ${TIMEOUT_S} s` : v), 2));
console.log(text);
console.log(`\n(written to ${rel(path.join(OUT_DIR, 'latest.md'))})`);
