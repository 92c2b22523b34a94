// The reference page of bench/national.mjs: what a plain web page does with the same
// outlets, the common way: fetch the GeoJSON, JSON.parse it, one L.marker per point,
// Leaflet.markercluster with its default settings (chunkedLoading is off by default,
// so addLayers runs in one go), and a list of the 50 outlets nearest the resident by
// haversine distance. Written to be a fair opponent, not a straw man: the list is
// rendered and painted before the markers are clustered.
//
// Query: ?data=/path/outlets.geojson&at=LON,LAT[&center=LON,LAT&zoom=Z&catalog=/path/catalog.json&item=ID]
//
// Performance marks and measures have the app's names, so the harness reads both alike:
//   emap:fetch  fetch + response.text()
//   emap:parse  JSON.parse + building the markers
//   emap:index  markerClusterGroup.addLayers
//   emap:data-ready  (mark) outlets parsed, first results about to render
//   emap:all-loaded  (mark) every outlet on the map (after addLayers)
'use strict';

const params = new URLSearchParams(location.search);
const pair = (s, fallback) => {
  const v = (s ?? '').split(',').map(Number);
  return v.length === 2 && v.every(Number.isFinite) ? v : fallback;
};
const AT = pair(params.get('at'), [116.40, 39.90]);
const CENTER = pair(params.get('center'), AT);
const ZOOM = Number(params.get('zoom') ?? 5);
const DATA = params.get('data');
const CATALOG = params.get('catalog');
const TILES = params.get('tiles') === 'svg' ? 'svg' : 'png';
const LIST_SIZE = 50;

// The download starts first, before the map asks for its tiles (same origin here, so
// they would otherwise queue ahead of it for one of Chromium's 6 connections).
const download = (async () => {
  const t0 = performance.now();
  const response = await fetch(DATA);
  const text = await response.text();
  performance.measure('emap:fetch', { start: t0, end: performance.now() });
  return text;
})();

const status = document.getElementById('status');
const select = document.getElementById('item');
const listEl = document.querySelector('.result-list');
const countEl = document.querySelector('.result-count');

const map = L.map('map', { preferCanvas: false }).setView([CENTER[1], CENTER[0]], ZOOM);
L.tileLayer(`/tiles/{z}/{x}/{y}.${TILES}`, { attribution: 'bench tiles', maxZoom: 18 }).addTo(map);
L.circleMarker([AT[1], AT[0]], { radius: 7, color: '#0b3d91', fillOpacity: 0.9 }).addTo(map);
const cluster = L.markerClusterGroup().addTo(map); // defaults: chunkedLoading false

let features = [];
let markers = [];

function haversine(lon1, lat1, lon2, lat2) {
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r, dLon = (lon2 - lon1) * r;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(h));
}

const formatDistance = (m) => (m < 1000 ? `${Math.round(m)} 米` : `${(m / 1000).toFixed(m < 10000 ? 1 : 0)} 公里`);
const nameOf = (f) => (f.properties && f.properties.name) || '（无名称）';

/** The indices of the features shown: all, or those handling `item`. */
function selection(item) {
  const out = [];
  for (let i = 0; i < features.length; i++) {
    if (!item) out.push(i);
    else {
      const items = features[i].properties && features[i].properties.items;
      if (Array.isArray(items) && items.includes(item)) out.push(i);
    }
  }
  return out;
}

/** The list: the 50 nearest of `indices`, nearest first. */
function renderList(indices) {
  const near = indices.map((i) => {
    const c = features[i].geometry.coordinates;
    return { i, d: haversine(AT[0], AT[1], c[0], c[1]) };
  });
  near.sort((a, b) => a.d - b.d);
  const frag = document.createDocumentFragment();
  for (const { i, d } of near.slice(0, LIST_SIZE)) {
    const f = features[i];
    const li = document.createElement('li');
    li.dataset.outletId = f.id ?? `f${i}`;
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = nameOf(f);
    const dist = document.createElement('span');
    dist.className = 'distance';
    dist.textContent = formatDistance(d);
    li.append(name, dist);
    frag.append(li);
  }
  listEl.replaceChildren(frag);
  countEl.textContent = `${indices.length} 个网点`;
}

const nextPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

async function loadCatalog() {
  if (!CATALOG) return;
  try {
    const catalog = await (await fetch(CATALOG)).json();
    for (const item of catalog.items ?? []) {
      const o = document.createElement('option');
      o.value = item.id;
      o.textContent = item.name;
      select.append(o);
    }
  } catch (e) {
    console.warn('catalog', e);
  }
}

async function load() {
  const catalogDone = loadCatalog();
  const text = await download;
  const t1 = performance.now();
  const geo = JSON.parse(text);
  features = (geo.features ?? []).filter((f) => f && f.geometry && f.geometry.type === 'Point');
  markers = features.map((f) => {
    const [lon, lat] = f.geometry.coordinates;
    const m = L.marker([lat, lon], { title: nameOf(f) });
    m.bindPopup(() => document.createTextNode(nameOf(f)));
    return m;
  });
  performance.measure('emap:parse', { start: t1, end: performance.now() });
  performance.mark('emap:data-ready');

  await catalogDone;
  const initial = params.get('item') ?? '';
  if (initial) select.value = initial;
  const shown = selection(select.value);
  renderList(shown);
  status.textContent = `${features.length} 个网点，正在绘制地图…`;
  await nextPaint();

  const t2 = performance.now();
  cluster.addLayers(select.value ? shown.map((i) => markers[i]) : markers);
  performance.measure('emap:index', { start: t2, end: performance.now() });
  performance.mark('emap:all-loaded');
  status.textContent = `${features.length} 个网点`;
  document.body.dataset.complete = 'true';
}

select.addEventListener('change', () => {
  const shown = selection(select.value);
  cluster.clearLayers();
  cluster.addLayers(shown.map((i) => markers[i]));
  renderList(shown);
});

load().catch((e) => {
  status.textContent = `加载失败：${e}`;
  console.error(e);
});
