// Serves the demo page: examples/web/ at /, the built package at /aftercare/.
//
//   make wasm && node examples/web/serve.mjs      # then open http://127.0.0.1:8000/
//
// Only files of those two folders are served, to loopback only.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.ts': 'text/plain; charset=utf-8' };

/** Starts the server; resolves to it once listening (port 0: any free port). */
export function serve({ port = 8000, pkg = path.join(here, '../../build-wasm/bindings/js/package') } = {}) {
  const roots = [['/aftercare/', path.resolve(pkg)], ['/', here]];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const [prefix, root] = roots.find(([p]) => url.pathname.startsWith(p));
    const rel = decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html';
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const server = await serve({ port: Number(process.env.PORT ?? 8000) });
  console.log(`http://127.0.0.1:${server.address().port}/`);
}
