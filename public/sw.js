// The e-map's service worker: the app opens without a network.
// - The app shell (page, scripts, wasm, styles) is fetched from the network when it
//   can be, so a new release shows at once, and kept for when it cannot.
// - Map tiles seen recently are kept (at most TILE_LIMIT), served from the store
//   first: they rarely change and a phone on a weak network needs them fast.
// - Data files (config, outlets, catalog, holidays) are left to the app, which keeps
//   its own last good copy with the date it was saved, and says how old it is.
const SHELL = 'emap-shell-v1';
const TILES = 'emap-tiles-v1';
const TILE_LIMIT = 600;
const DATA = /\/(config\.json|data\/|holidays\/|fixtures\/)/;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL);
    // The page names its hashed files; keep them all now, not on first use.
    const page = await fetch('./', { cache: 'no-cache' });
    const html = await page.clone().text();
    await cache.put('./', page);
    const urls = [...html.matchAll(/(?:href|src|data-js|data-wasm)="([^"]+)"/g)]
      .map((m) => new URL(m[1], self.registration.scope))
      .filter((u) => u.origin === self.location.origin && !DATA.test(u.pathname));
    await Promise.all(urls.map((u) => fetch(u).then((r) => r.ok && cache.put(u, r)).catch(() => {})));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('emap-') && name !== SHELL && name !== TILES && name !== 'emap-last-good') await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

async function shell(request) {
  const cache = await caches.open(SHELL);
  try {
    const response = await fetch(request);
    if (response.ok) cache.put(request, response.clone()).catch(() => {});
    return response;
  } catch (e) {
    // Offline: the stored copy; any page of the app is the app's page.
    const stored = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
    if (stored) return stored;
    if (request.mode === 'navigate') return (await cache.match('./')) ?? Response.error();
    throw e;
  }
}

async function tile(request) {
  const cache = await caches.open(TILES);
  const stored = await cache.match(request);
  if (stored) return stored;
  const response = await fetch(request);
  if (response.ok || response.type === 'opaque') {
    await cache.put(request, response.clone()).catch(() => {});
    const keys = await cache.keys();
    // Oldest first: keys come back in insertion order.
    for (const old of keys.slice(0, Math.max(0, keys.length - TILE_LIMIT))) await cache.delete(old);
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (request.destination === 'image') {
    event.respondWith(tile(request));
  } else if (url.origin === self.location.origin && !DATA.test(url.pathname)) {
    event.respondWith(shell(request));
  }
});
