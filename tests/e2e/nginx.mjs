// Debian's nginx serving a build with the deploy config the README gives
// (deploy/nginx/emap.conf), on a free loopback port, in the foreground, with its pid,
// logs and temporary files in a folder of its own; stopped by `stop()`. Used by
// deploy.test.mjs and bench/slow-network.mjs. scripts/setup.sh installs nginx and
// libnginx-mod-http-brotli-static.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST } from './server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BROTLI = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Starts nginx on `dist` (default: the build the suite tests); with `prefix`
 * ('/map'), the build is served under that sub-path of the site, as a portal might. */
export async function startNginx(dist = DIST, { prefix = '' } = {}) {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emap-nginx-'));
  let root = path.resolve(dist);
  if (prefix) {
    // The site's root holds the build as a folder named after the sub-path.
    root = path.join(dir, 'site');
    fs.mkdirSync(root);
    // nginx's workers run as another user: the temporary folder must let them in.
    fs.chmodSync(dir, 0o755);
    fs.symlinkSync(path.resolve(dist), path.join(root, prefix.replace(/^\//, '')));
  }
  const site = fs.readFileSync(path.join(ROOT, 'deploy/nginx/emap.conf'), 'utf8')
    .replace(/^\s*listen .*# test$/m, `    listen 127.0.0.1:${port};`)
    .replace(/^\s*root .*# test$/m, `    root ${root};`);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${dir}/${t};`).join('\n  ');
  fs.writeFileSync(path.join(dir, 'nginx.conf'), `load_module ${BROTLI};
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  ${temp}
${site}
}
`);
  const child = spawn('/usr/sbin/nginx', ['-c', path.join(dir, 'nginx.conf'), '-p', dir, '-e', path.join(dir, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`nginx did not start: ${stderr}${fs.existsSync(path.join(dir, 'error.log')) ? fs.readFileSync(path.join(dir, 'error.log'), 'utf8') : ''}`);
    const up = await new Promise((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => { c.end(); resolve(true); });
      c.on('error', () => resolve(false));
    });
    if (up) break;
    if (i > 100) { child.kill(); throw new Error('nginx did not listen within 5 s'); }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    origin,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGQUIT');
        await new Promise((r) => child.once('exit', r));
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
