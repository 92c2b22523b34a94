// Starts the app. Trunk would put this in an inline <script>, which a strict
// Content-Security-Policy (script-src 'self') refuses; so Trunk.toml's
// pattern_script writes a tag naming the hashed files, and this reads them.
const tag = document.querySelector('script[data-wasm]');
// Leaflet is for the map, which is made after the list has shown. Where the map shows
// from the start (900 px and wider, side by side with the list; a kiosk; ?view=map) it
// loads beside the wasm and runs when it arrives; on a phone, whose list hides the map,
// not before the 地图 tab is opened (src/map.rs, load_leaflet, calls emapLeaflet): on a
// slow network its 40 kB would otherwise share the line with the wasm. `data-leaflet`
// on the script tells how it went (loading, loaded, failed).
const emapLeaflet = () => {
  const found = document.querySelector('script[data-leaflet]');
  if (found) return found;
  const leaflet = Object.assign(document.createElement('script'), { src: new URL('leaflet.js', document.baseURI).href, async: true });
  leaflet.dataset.leaflet = 'loading';
  leaflet.addEventListener('load', () => { leaflet.dataset.leaflet = 'loaded'; });
  leaflet.addEventListener('error', () => { leaflet.dataset.leaflet = 'failed'; });
  document.head.append(leaflet);
  return leaflet;
};
globalThis.emapLeaflet = emapLeaflet;
{
  const q = new URLSearchParams(location.search);
  if (matchMedia('(min-width: 900px)').matches || q.get('mode') === 'kiosk' || q.get('view') === 'map') emapLeaflet();
}
// The config is the first file the app asks for, and it only asks once the wasm has
// started. Asked for now, beside the wasm, it is there by then, and so are the files
// it names (catalog, outlets or a pack's manifest and the resident's region,
// holidays): on a phone's network that is a round trip or two fewer before the first
// results, taken while the wasm downloads. The rule is the app's
// (emap_core::origin::on_this_site, used by src/load.rs config_url) on the same parse:
// the browser's URL parser, which drops tabs and newlines and reads `\` as `/`, and
// the origin it gives, never the raw text. A web URL on this site only, for the config
// and for every file preloaded.
// The small files (config, manifest) are read here and their text handed to the app
// in `emapBoot.files` (src/net/mod.rs, fetch_file); the others are preloaded, and the app's
// own fetches find them (`crossorigin` makes them match).
const onThisSite = (named, base) => {
  if (typeof named !== 'string') return null;
  let u;
  try { u = new URL(named, base); } catch { return null; }
  return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin !== 'null' && u.origin === self.origin ? u.href : null;
};
const configHref = onThisSite(new URLSearchParams(location.search).get('config') || 'config.json', document.baseURI);
if (configHref) {
  const files = {};
  globalThis.emapBoot = { files };
  const read = (href) => (files[href] = fetch(href).then((r) => (r.ok ? r.text() : null)).catch(() => null));
  const preload = (href) => href && document.head.append(Object.assign(document.createElement('link'), { rel: 'preload', as: 'fetch', href, crossOrigin: 'anonymous' }));
  read(configHref).then(async (t) => {
    const c = JSON.parse(t);
    for (const h of Array.isArray(c.holidays) ? c.holidays : []) preload(onThisSite(h, configHref));
    if (c.catalog) preload(onThisSite(c.catalog, configHref));
    if (c.notices) preload(onThisSite(c.notices, configHref));
    const outlets = onThisSite(c.outlets, configHref);
    if (!outlets || !/\.pack\.json$/.test(outlets)) return preload(outlets);
    // A pack (a country in regions): the region the resident is in is the first the
    // app asks for (load.rs, load: ?at=, else the kiosk's hall, else the centre).
    const manifest = JSON.parse(await read(outlets));
    const q = new URLSearchParams(location.search);
    const at = (q.get('at') ?? '').split(',').map(Number);
    const hall = q.get('mode') === 'kiosk' ? c.kiosk?.position : null;
    const [x, y] = at.length === 2 && at.every(Number.isFinite) ? at : hall ?? c.center ?? [];
    for (const r of manifest.regions ?? []) {
      const [w, s, e, n] = r.bbox ?? [];
      if (x >= w && x <= e && y >= s && y <= n) preload(onThisSite(r.file, outlets));
    }
  }).catch(() => {});
}
// A browser that cannot run the app (no WebAssembly: old in-app browsers) is told so
// in index.html's place for the app, with where else to ask, instead of a blank page.
const cannot = () => {
  const msg = document.querySelector('.boot-message');
  if (msg) msg.textContent = '当前浏览器无法打开电子地图，请升级浏览器或微信后重试，或用手机自带浏览器打开本页。';
};
if (typeof WebAssembly !== 'object') {
  cannot();
  throw new Error('no WebAssembly');
}
const { default: init } = await import(tag.dataset.js);
const wasm = await init({ module_or_path: tag.dataset.wasm }).catch((e) => { cannot(); throw e; });
// For measuring only (bench/national.mjs reads the wasm heap's size): no API.
globalThis.emapDiagnostics = { wasmMemory: wasm.memory };

// Offline support: a service worker keeps the app shell and recent map tiles. Where
// service workers are unavailable (plain http off localhost, some in-app browsers)
// the app works as before, online only.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register(new URL('sw.js', document.baseURI)).catch(() => {});
}
