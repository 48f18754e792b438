// Static file server for the benchmark page, bound to 127.0.0.1 on a free port.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

/**
 * Serves each URL prefix from its directory: `mounts` maps '/prefix/' to a directory.
 * Resolves to `{origin, close()}` once listening.
 * @param {Record<string, string>} mounts
 */
export function startServer(mounts) {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://127.0.0.1').pathname);
    const prefix = Object.keys(mounts).find((candidate) => path.startsWith(candidate));
    if (!prefix) {
      response.writeHead(404).end();
      return;
    }
    const root = mounts[prefix];
    const file = normalize(join(root, path.slice(prefix.length)));
    if (!file.startsWith(normalize(root) + sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) {
        throw new Error('not a file');
      }
      response.writeHead(200, {
        'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'content-length': info.size,
        'cache-control': 'no-store',
        // The same policy as the extension pages, so the benchmark runs what they allow.
        'content-security-policy': "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
      });
      createReadStream(file).pipe(response);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      resolve({
        origin: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}
