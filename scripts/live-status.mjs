// Keeps a changing live status feed for the sample city while `scripts/serve.sh`
// runs, so a newcomer sees queue figures move: every 30 s it rewrites
// dist/data/yantai/status.json (the served copy; public/ is left alone, so Trunk
// neither rebuilds nor shows a dirty tree) with figures as of now, Beijing time.
// The same rules as `emap status-sample`, kept small. Stops when its parent does.
// Usage: node scripts/live-status.mjs [DIST_DIR] [SECONDS]
import { readFileSync, writeFileSync, renameSync, mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const dist = process.argv[2] ?? 'dist';
const every = Number(process.argv[3] ?? 30) * 1000;
const outlets = JSON.parse(readFileSync('public/data/yantai/outlets.geojson', 'utf8')).features
  .filter((f) => ['service_hall', 'exit_entry'].includes(f.properties.kind));
const parent = process.ppid;

// Beijing time as "YYYY-MM-DDTHH:MM".
const beijing = (ms) => new Date(ms + 8 * 3600e3).toISOString().slice(0, 16);

function rush(ms) {
  const d = new Date(ms + 8 * 3600e3);
  const h = d.getUTCHours() + d.getUTCMinutes() / 60;
  const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
  let base = 0;
  if (h >= 8.5 && h < 17.5) base = h >= 12 && h < 13.5 ? 0.3 : h < 12 ? 1 - Math.abs(h - 10) / 3 : 0.9 - Math.abs(h - 15) / 3;
  // Outside hours the sample would be all zeros; a demo shows a mid-morning queue.
  if (base <= 0) base = 0.6;
  return weekend ? base * 0.4 : base;
}

function nextSlot(ms) {
  const d = new Date(ms + 8 * 3600e3);
  let left = 1 + Math.floor(Math.random() * 3);
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) left--;
  }
  const minute = 9 * 60 + 30 * Math.floor(Math.random() * 16);
  d.setUTCHours(Math.floor(minute / 60), minute % 60, 0, 0);
  return d.toISOString().slice(0, 16);
}

function feed(ms) {
  const entries = {};
  for (const f of outlets) {
    const green = String(f.id).endsWith('-gc');
    const windows = green ? 1 : 2 + Math.floor(Math.random() * 4);
    const waiting = Math.round((green ? 6 : 30) * rush(ms) * (0.5 + Math.random()));
    const entry = {
      waiting,
      windows_open: windows,
      wait_minutes: Math.round((waiting * (3 + 3 * Math.random())) / windows),
      as_of: beijing(ms - 60e3 * Math.floor(Math.random() * 2)),
    };
    const items = f.properties.kind === 'exit_entry' ? ['passport', 'hk-macau-permit'] : green ? [] : ['id-renew'];
    if (items.length) entry.next_slot = Object.fromEntries(items.map((i) => [i, nextSlot(ms)]));
    entries[f.id] = entry;
  }
  return { note: '示例数据，非真实排队情况。Sample figures from scripts/live-status.mjs, not real queues.', as_of: beijing(ms), outlets: entries };
}

function write() {
  // The parent (serve.sh) is gone: stop.
  try { process.kill(parent, 0); } catch { process.exit(0); }
  const dir = join(dist, 'data', 'yantai');
  // Before Trunk's first build there is no dist to write into.
  if (!existsSync(dist)) return;
  // Trunk swaps dist/ whole after a build: a write caught in the swap waits for the next turn.
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = join(dir, '.status.json.tmp');
    writeFileSync(tmp, JSON.stringify(feed(Date.now()), null, 1) + '\n');
    renameSync(tmp, join(dir, 'status.json'));
  } catch (e) {
    console.warn(`live-status: ${e.message}`);
  }
}

write();
setInterval(write, every);
