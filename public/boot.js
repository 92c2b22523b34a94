// Starts the app. Trunk would put this in an inline <script>, which a strict
// Content-Security-Policy (script-src 'self') refuses; so Trunk.toml's
// pattern_script writes a tag naming the hashed files, and this reads them.
const tag = document.querySelector('script[data-wasm]');
// Leaflet is for the map, which is made after the list has shown: it loads beside the
// wasm and runs when it arrives, instead of holding up the page. `data-leaflet` tells
// src/map.rs (load_leaflet) how it went.
const leaflet = Object.assign(document.createElement('script'), { src: 'leaflet.js', async: true });
leaflet.dataset.leaflet = 'loading';
leaflet.addEventListener('load', () => { leaflet.dataset.leaflet = 'loaded'; });
leaflet.addEventListener('error', () => { leaflet.dataset.leaflet = 'failed'; });
document.head.append(leaflet);
// The config is the first file the app asks for, and it only asks once the wasm has
// started. Asked for now, beside the wasm, it is there by then, and so are the files
// it names (catalog, outlets or a pack's manifest, holidays): on a phone's network that
// is a round trip fewer before the first results, taken while the wasm downloads.
// Same rule as the app's (src/api.rs, config_path_allowed): a path on this site only.
// The app takes the config's text from `emapBoot` (api.rs, boot_config) and its own
// fetches of the other files find them preloaded (`crossorigin` makes them match).
const config = new URLSearchParams(location.search).get('config') ?? 'config.json';
if (config.trim() && !/\/\/|:|\\/.test(config)) {
  const href = new URL(config, document.baseURI).href;
  const text = fetch(href).then((r) => (r.ok ? r.text() : null)).catch(() => null);
  globalThis.emapBoot = { config: href, text };
  text.then((t) => {
    const c = JSON.parse(t);
    for (const named of [c.catalog, c.outlets, ...(Array.isArray(c.holidays) ? c.holidays : [])]) {
      if (typeof named !== 'string') continue;
      const u = new URL(named, href);
      if (u.origin !== location.origin) continue;
      document.head.append(Object.assign(document.createElement('link'), { rel: 'preload', as: 'fetch', href: u.href, crossOrigin: 'anonymous' }));
    }
  }).catch(() => {});
}
const { default: init } = await import(tag.dataset.js);
const wasm = await init({ module_or_path: tag.dataset.wasm });
// For measuring only (bench/national.mjs reads the wasm heap's size): no API.
globalThis.emapDiagnostics = { wasmMemory: wasm.memory };

// Offline support: a service worker keeps the app shell and recent map tiles. Where
// service workers are unavailable (plain http off localhost, some in-app browsers)
// the app works as before, online only.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register(new URL('sw.js', document.baseURI)).catch(() => {});
}
