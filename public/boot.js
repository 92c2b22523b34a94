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
// started: asked for now, beside the wasm, it is there by then (one round trip fewer
// on a phone's network). Same rule as the app's (src/api.rs, config_path_allowed): a
// path on this site only. `crossorigin` makes it match the app's own fetch.
const config = new URLSearchParams(location.search).get('config') ?? 'config.json';
if (config.trim() && !/\/\/|:|\\/.test(config)) {
  document.head.append(Object.assign(document.createElement('link'), { rel: 'preload', as: 'fetch', href: config, crossOrigin: 'anonymous' }));
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
