// A loopback HTTPS stand-in for the Defender for Endpoint API, for the client tests that
// run in a browser service worker. The browser maps the API host names to this server
// and trusts its certificate by SPKI hash; both are set up by scripts/test-core.sh.
//
// Each device id selects a behaviour: success, an API error, a proxy page, a hang, a
// dropped connection or a redirect. Every request is checked for what the client must
// send: the bearer token, the JSON body with case-sensitive keys, no cookies and no
// referrer. A check that fails answers 400 with code TestServerMismatch, so the test
// fails with the reason.
//
// Usage: node api-server.mjs CERT_FILE KEY_FILE
// Prints {"port": N} on stdout once listening on 127.0.0.1; exits when stdin closes.

import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';

const TOKEN = 'core-test-token';
const API_HOSTS = ['api.security.microsoft.com', 'eu.api.security.microsoft.com'];
const MACHINE = '1e5bc9d7e413ddd7902c2932e418702b84d0cc07';
const ACTION_ID = '7f1a2b3c-4d5e-4f60-8a9b-0c1d2e3f4a5b';
const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
const TARGET = '43f4cb08-8fac-4b65-9db1-745c2ae65f3a';

const [certFile, keyFile] = process.argv.slice(2);

function action(overrides) {
  return {
    '@odata.context': 'https://api.security.microsoft.com/api/$metadata#MachineActions/$entity',
    id: ACTION_ID,
    type: 'StopAndQuarantineFile',
    scope: null,
    requestor: 'analyst@contoso.onmicrosoft.com',
    requestorComment: 'Ransomware, INC-4711',
    status: 'Pending',
    machineId: MACHINE,
    computerDnsName: null,
    creationDateTimeUtc: '2026-12-04T20:00:00.1234567Z',
    lastUpdateTimeUtc: '2026-12-04T20:00:00.1234567Z',
    cancellationRequestor: null,
    cancellationComment: null,
    cancellationDateTimeUtc: null,
    errorHResult: 0,
    commands: [],
    troubleshootInfo: null,
    relatedFileInfo: { fileIdentifier: SHA1.toUpperCase(), fileIdentifierType: 'SHA1' },
    ...overrides,
  };
}

function machine(overrides) {
  return {
    id: MACHINE,
    computerDnsName: 'ws-finance-01.contoso.local',
    osPlatform: 'Windows11',
    version: '22H2',
    osBuild: 22621,
    healthStatus: 'Active',
    onboardingStatus: 'Onboarded',
    lastSeen: '2026-12-04T19:55:00Z',
    rbacGroupName: 'Workstations',
    machineTags: null,
    aadDeviceId: '80fe8ff8-2624-418e-9591-41f0491218f9',
    ...overrides,
  };
}

function send(response, status, body, headers = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': typeof body === 'string' ? 'text/html' : 'application/json; charset=utf-8',
    ...headers,
  });
  response.end(text);
}

function apiError(response, status, code, message, headers) {
  send(response, status, { error: { code, message, target: TARGET } }, headers);
}

function mismatch(response, reason) {
  apiError(response, 400, 'TestServerMismatch', reason);
}

// The body keys in the order and case the API documents.
function checkJsonBody(request, body, keys) {
  if (request.headers['content-type'] !== 'application/json') {
    return `Content-Type is ${request.headers['content-type']}, expected application/json`;
  }
  let parsed;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `body is not JSON: ${body}`;
  }
  if (JSON.stringify(Object.keys(parsed)) !== JSON.stringify(keys)) {
    return `body keys are ${JSON.stringify(Object.keys(parsed))}, expected ${JSON.stringify(keys)}`;
  }
  return null;
}

// The decoded query parameters, exactly these and no others.
function checkQuery(url, expected) {
  const actual = Object.fromEntries(url.searchParams);
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    return `query is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`;
  }
  return null;
}

function stopAndQuarantine(request, response, machineId, body) {
  const problem = checkJsonBody(request, body, ['Comment', 'Sha1']);
  if (problem) {
    return mismatch(response, problem);
  }
  const { Comment, Sha1 } = JSON.parse(body);
  if (Sha1 !== SHA1) {
    return mismatch(response, `Sha1 is ${Sha1}, expected ${SHA1}`);
  }

  switch (machineId) {
    case MACHINE:
      return send(response, 201, action({ requestorComment: Comment }));
    case 'a'.repeat(40):
      return apiError(response, 400, 'ActiveRequestAlreadyExists', 'Action is already in progress');
    case 'b'.repeat(40):
      return apiError(response, 429, 'TooManyRequests', 'Rate limit exceeded', { 'Retry-After': '7' });
    case 'c'.repeat(40):
      return send(response, 502, '<html><body><h1>502 Bad Gateway</h1></body></html>');
    case 'd'.repeat(40):
      return; // Sends no response, so the client's timeout must end the call.
    case 'e'.repeat(40):
      return request.socket.destroy();
    case 'f'.repeat(40):
      response.writeHead(302, {
        Location: `https://eu.api.security.microsoft.com/api/machines/${MACHINE}/StopAndQuarantineFile`,
      });
      return response.end();
    case '0'.repeat(40):
      return send(response, 201, '<html>signed out</html>');
    default:
      return apiError(response, 404, 'ResourceNotFound', `Machine ${machineId} was not found`);
  }
}

function route(request, response, body) {
  const url = new URL(request.url, 'https://api.security.microsoft.com');
  const path = url.pathname;
  let match;

  if (request.method === 'POST' && (match = path.match(/^\/api\/machines\/([^/]+)\/StopAndQuarantineFile$/))) {
    return stopAndQuarantine(request, response, match[1], body);
  }
  if (request.method === 'POST' && path === `/api/machineactions/${ACTION_ID}/cancel`) {
    const problem = checkJsonBody(request, body, ['Comment']);
    if (problem) {
      return mismatch(response, problem);
    }
    const { Comment } = JSON.parse(body);
    return send(response, 200, action({
      status: 'Cancelled',
      cancellationRequestor: 'analyst@contoso.onmicrosoft.com',
      cancellationComment: Comment,
      cancellationDateTimeUtc: '2026-12-04T20:01:00Z',
    }));
  }
  if (request.method !== 'GET') {
    return mismatch(response, `unexpected ${request.method} ${request.url}`);
  }

  if (path === `/api/machineactions/${ACTION_ID}`) {
    return send(response, 200, action({ status: 'InProgress', lastUpdateDateTimeUtc: '2026-12-04T20:00:02Z' }));
  }
  if ((match = path.match(/^\/api\/machineactions\/([^/]+)$/))) {
    return apiError(response, 404, 'ResourceNotFound', `Action ${match[1]} was not found`);
  }
  if (path === '/api/machineactions') {
    const problem = checkQuery(url, {
      $filter: `machineId eq '${MACHINE}' and type eq 'StopAndQuarantineFile'`,
      $top: '5',
    });
    if (problem) {
      return mismatch(response, problem);
    }
    return send(response, 200, { '@odata.context': 'x', value: [action({}), action({ id: 'b', status: 'Succeeded' })] });
  }
  if (path === `/api/machines/${MACHINE}` || path === '/api/machines/ws-finance-01.contoso.local') {
    return send(response, 200, machine({}));
  }
  if (path === '/api/machines') {
    const problem = checkQuery(url, { $filter: "computerDnsName eq 'ws-finance-01'" });
    if (problem) {
      return mismatch(response, problem);
    }
    const reimaged = machine({ id: '2'.repeat(40), healthStatus: 'Inactive' });
    return send(response, 200, { value: [machine({ computerDnsName: 'ws-finance-01' }), reimaged] });
  }
  if (path === `/api/files/${SHA1}`) {
    return send(response, 200, {
      sha1: SHA1,
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      md5: null,
      size: 0,
      isPeFile: false,
      signer: null,
      issuer: null,
      isValidCertificate: null,
      filePublisher: null,
      globalPrevalence: 12,
    });
  }
  if (path === `/api/files/${SHA1}/machines`) {
    return send(response, 200, { value: [] });
  }
  return mismatch(response, `unexpected GET ${request.url}`);
}

function handle(request, response, body) {
  // The test page is served from another loopback origin, so the server sends the CORS
  // headers a browser requires. The extension itself is exempt through host permissions.
  response.setHeader('Access-Control-Allow-Origin', '*');
  response.setHeader('Access-Control-Expose-Headers', 'Retry-After');
  if (request.method === 'OPTIONS') {
    response.writeHead(204, {
      'Access-Control-Allow-Methods': 'GET, POST',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept',
      'Access-Control-Max-Age': '600',
    });
    return response.end();
  }

  const host = (request.headers.host || '').replace(/:443$/, '');
  if (!API_HOSTS.includes(host)) {
    return mismatch(response, `request for host ${host}, which is not an API host`);
  }
  if (request.headers.authorization !== `Bearer ${TOKEN}`) {
    return apiError(response, 401, 'Unauthorized', 'Authorization failed: the token is missing or invalid');
  }
  for (const header of ['cookie', 'referer']) {
    if (request.headers[header] !== undefined) {
      return mismatch(response, `the client sent a ${header} header`);
    }
  }
  return route(request, response, body);
}

const server = createServer(
  { cert: readFileSync(certFile), key: readFileSync(keyFile) },
  (request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => handle(request, response, Buffer.concat(chunks).toString('utf8')));
  },
);

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
