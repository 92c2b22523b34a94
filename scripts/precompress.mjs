// Writes `NAME.br` (brotli, quality 11) and `NAME.gz` (gzip -9) beside every file of
// a build that a server sends compressed, so a web server sends them as they are
// (nginx: brotli_static, gzip_static; deploy/nginx/emap.conf) instead of compressing
// on every request at a lower level. Brotli -11 is about a fifth smaller than gzip -9
// on the wasm. Run by Trunk after each build (Trunk.toml, post_build), or by hand:
//   node scripts/precompress.mjs dist
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? 'dist';
const KINDS = /\.(wasm|js|mjs|css|html|json|geojson|svg|webmanifest|txt|ics)$/;
// Below this a compressed copy saves less than the headers it costs.
const MIN_BYTES = 512;

function* files(d) {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (KINDS.test(e.name)) yield p;
  }
}

let n = 0;
for (const file of files(dir)) {
  const raw = fs.readFileSync(file);
  if (raw.length < MIN_BYTES) continue;
  const br = zlib.brotliCompressSync(raw, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
  });
  fs.writeFileSync(file + '.br', br);
  fs.writeFileSync(file + '.gz', zlib.gzipSync(raw, { level: 9 }));
  n++;
}
console.log(`precompress: .br and .gz beside ${n} files in ${dir}`);
