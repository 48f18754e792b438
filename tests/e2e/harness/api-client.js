// Direct HTTPS calls to the emulator under a Microsoft host name, for facts a scenario
// needs from the API itself (a Retry-After value). The emulator's CA is trusted, so the
// certificate chain and host name are verified as usual.
import { request } from 'node:https';

/**
 * @param {import('./emulator.js').Emulator} emulator
 * @param {{method: string, host: string, path: string, token?: string, body?: string}} call
 * @returns {Promise<{status: number, headers: import('node:http').IncomingHttpHeaders, body: string}>}
 */
export async function callEmulator(emulator, { method, host, path, token, body }) {
  const ca = await (await fetch(`${emulator.admin.base}/ca.pem`)).text();
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: '127.0.0.1',
        port: emulator.port,
        servername: host,
        method,
        path,
        ca,
        headers: {
          host,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
