// A static server for the e2e suite: the release build (dist/), the suite's own
// fixtures under /fixtures/, and generated map tiles under /tiles/ (the real tile
// servers are unreachable here). Loopback only.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
// EMAP_DIST: serve another build (a profiling build with names, a size experiment).
export const DIST = path.resolve(process.env.EMAP_DIST ?? path.resolve(here, '../../dist'));
const FIXTURES = path.join(here, 'fixtures');
// The header README tells deployers to send, with the sample config's tile host.
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: https://tile.openstreetmap.org";
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.geojson': 'application/geo+json', '.png': 'image/png', '.svg': 'image/svg+xml', '.webmanifest': 'application/manifest+json',
};

// PNG tiles, as real tile servers send (raster images are decoded off the main
// thread; an SVG tile is drawn on it, which made every zoom frame of both pages in
// bench/national.mjs long). A pale ground, the tile's edge, and a few roads placed by
// its coordinates, so neighbours differ.
const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
const pngs = new Map();
export function pngTile(z, x, y) {
  const key = `${z}/${x}/${y}`;
  if (pngs.has(key)) return pngs.get(key);
  const W = 256, ground = [0xee, 0xf2, 0xe6], edge = [0xc8, 0xcf, 0xbf], road = [0xff, 0xff, 0xff];
  const h = (Number(x) * 73856093) ^ (Number(y) * 19349663) ^ (Number(z) * 83492791);
  const rows = [32 + (h & 127), 64 + ((h >>> 7) & 127)], cols = [32 + ((h >>> 14) & 127), 64 + ((h >>> 21) & 127)];
  const raw = Buffer.alloc((W * 3 + 1) * W);
  for (let j = 0; j < W; j++) {
    const o = j * (W * 3 + 1);
    raw[o] = 0; // no filter
    for (let i = 0; i < W; i++) {
      const c = i === 0 || j === 0 ? edge : rows.some((r) => Math.abs(j - r) < 3) || cols.some((r) => Math.abs(i - r) < 3) ? road : ground;
      raw.set(c, o + 1 + i * 3);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(W, 0);
  ihdr.writeUInt32BE(W, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
  if (pngs.size > 2000) pngs.clear();
  pngs.set(key, png);
  return png;
}

function tile(z, x, y) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><rect width="256" height="256" fill="#eef2e6" stroke="#c8cfbf"/>` +
    `<text x="8" y="20" font-size="12" fill="#8a9480">${z}/${x}/${y}</text></svg>`;
}

/** Starts the server. `headers` go on every response (e.g. a Content-Security-Policy);
 * `route(url, req, res)` may answer a request itself (faults, generated files) and
 * returns true when it did. `embedHosts`: origins put in the generated
 * `/fixtures/embed/config.json` as the embed's allowed hosts (the host page is served
 * by a second server, another origin). */
export function start({ headers = {}, route, embedHosts = [], host = '127.0.0.1', port = 0, prefix = '' } = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    // `prefix`: the app deployed under a sub-path (`/map`); nothing is served outside it.
    if (prefix) {
      if (!url.pathname.startsWith(prefix + '/')) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        return res.end('not found');
      }
      url.pathname = url.pathname.slice(prefix.length);
    }
    if (route?.(url, req, res)) return;
    if (url.pathname === '/fixtures/embed/config.json') {
      const config = JSON.parse(fs.readFileSync(path.join(DIST, 'config.json'), 'utf8'));
      for (const k of ['outlets', 'catalog']) config[k] = '/' + config[k];
      config.holidays = config.holidays.map((h) => '/' + h);
      config.embed = { allowed_origins: embedHosts, title: '某市政务服务网 · 公安服务地图', color: '#8b1a1a' };
      res.writeHead(200, { 'content-type': TYPES['.json'] });
      return res.end(JSON.stringify(config));
    }
    // A host page on this server's origin embedding an app from elsewhere.
    if (url.pathname === '/host.html') {
      const app = url.searchParams.get('app') ?? '/';
      res.writeHead(200, { 'content-type': TYPES['.html'] });
      return res.end(`<!DOCTYPE html><title>host</title><body style="margin:0"><iframe id="emap" allow="geolocation" src="${app.replace(/"/g, '&quot;')}" style="width:360px;height:600px;border:0"></iframe></body>`);
    }
    const m = url.pathname.match(/^\/tiles\/(\d+)\/(\d+)\/(\d+)\.(svg|png)$/);
    if (m) {
      res.writeHead(200, { 'content-type': TYPES[`.${m[4]}`], ...headers });
      return res.end(m[4] === 'png' ? pngTile(m[1], m[2], m[3]) : tile(m[1], m[2], m[3]));
    }
    // A portal page embedding the app without allow="geolocation", as many do.
    if (url.pathname === '/portal.html') {
      const app = url.searchParams.get('app') ?? '/';
      // ?allow=geolocation: a portal that lets the page ask for the position.
      const allow = url.searchParams.get('allow') === 'geolocation' ? ' allow="geolocation"' : '';
      res.writeHead(200, { 'content-type': TYPES['.html'] });
      return res.end(`<!DOCTYPE html><title>portal</title><iframe src="${app.replace(/"/g, '&quot;')}"${allow} style="width:390px;height:700px"></iframe>`);
    }
    let base = DIST, rel = decodeURIComponent(url.pathname);
    if (rel.startsWith('/fixtures/')) { base = FIXTURES; rel = rel.slice('/fixtures'.length); }
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(base, path.normalize(rel));
    if (!file.startsWith(base) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, { 'content-type': 'text/plain', ...headers });
      return res.end('not found');
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', ...headers });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const p = server.address().port;
      resolve({ server, origin: p === 80 ? `http://${host}` : `http://${host}:${p}` });
    });
  });
}

/** The set-up every end-to-end file shares, registered as its `before`/`after`: checks
 * the release build is there, starts a server (`options` as for `start`, or a function
 * returning them) and, unless `browser: false`, launches Chromium; closes all after the
 * file's tests. `host: true` also starts a host page's server first, on another origin,
 * and lists it as the app's embed host. `take` receives `{ server, origin, browser,
 * host }` once they are ready. (One hook does it all: Node 20 runs a file's top-level
 * `before` hooks side by side, not one after the other.)
 *
 *     let browser, origin;
 *     useApp({}, (s) => ({ browser, origin } = s));
 */
export function useApp(options = {}, take = () => {}) {
  const ready = {};
  before(async () => {
    assert.ok(fs.existsSync(path.join(DIST, 'index.html')), 'dist/ is missing: run `trunk build --release` first');
    const { browser = true, host = false, ...rest } = typeof options === 'function' ? options() : options;
    if (host) {
      ready.host = await start();
      rest.embedHosts = [ready.host.origin];
    }
    Object.assign(ready, await start(rest));
    if (browser) ready.browser = await launch();
    take(ready);
  });
  after(async () => {
    await ready.browser?.close();
    ready.server?.close();
    ready.host?.server.close();
  });
  return ready;
}
