// Checks the built JavaScript API in Node: the module loads with initSync, the exports
// keep their names, values are plain JSON-compatible objects, and failures throw
// objects with stable codes. CORE_JS_DIR is the wasm-bindgen --target web output.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

const dir = process.env.CORE_JS_DIR;
assert.ok(dir, 'set CORE_JS_DIR to the wasm-bindgen output directory');
const core = await import(pathToFileURL(join(dir, 'quarantine_core.js')).href);
core.initSync({ module: readFileSync(join(dir, 'quarantine_core_bg.wasm')) });

const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
const MACHINE = '1e5bc9d7e413ddd7902c2932e418702b84d0cc07';

/** Runs `call`, expects it to throw, and returns what it threw. */
function thrown(call) {
  try {
    call();
  } catch (error) {
    return error;
  }
  assert.fail('expected a throw');
}

/** Asserts that a value is made of plain objects, arrays and primitives only. */
function assertPlain(value) {
  assert.deepEqual(JSON.parse(JSON.stringify(value)), value);
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
  }
}

test('exports keep their names', () => {
  const names = [
    'Sha1Hasher', 'hashBlob', 'normalizeSha1', 'classifyHash', 'normalizeMachineId',
    'normalizeComment', 'commentMaxLength', 'listClouds', 'cloudProfile', 'apiBaseFor',
    'isAllowedApiUrl', 'buildStopAndQuarantineRequest', 'parseMachineAction', 'parseApiError',
    'parsePortalUrl', 'RateLimiter', 'stopAndQuarantineFile', 'getMachineAction',
    'cancelMachineAction', 'listMachineActions', 'getMachine', 'findMachinesByName', 'getFile',
    'getFileMachines',
  ];
  for (const name of names) {
    assert.equal(typeof core[name], 'function', name);
  }
});

test('normalizeSha1', () => {
  assert.equal(core.normalizeSha1(` SHA1: ${SHA1.toUpperCase()}\u200b `), SHA1);
  assert.equal(core.normalizeSha1('da39a3ee 5e6b4b0d 3255bfef 95601890 afd80709'), SHA1);

  const error = thrown(() => core.normalizeSha1(`\uff10${SHA1.slice(1)}`));
  assertPlain(error);
  assert.equal(error.code, 'hashInvalidCharacter');
  assert.equal(error.character, '\uff10');
  assert.equal(error.codePoint, 'U+FF10');
  assert.equal(error.position, 1);
  assert.equal(typeof error.message, 'string');

  assert.equal(thrown(() => core.normalizeSha1('')).code, 'hashEmpty');
  assert.deepEqual(
    { ...thrown(() => core.normalizeSha1('abc')), message: undefined },
    { code: 'hashWrongLength', length: 3, message: undefined },
  );
  const multiple = thrown(() => core.normalizeSha1(`${SHA1}\n${SHA1}`));
  assert.equal(multiple.code, 'hashMultiple');
  assert.equal(multiple.count, 2);
});

test('classifyHash', () => {
  const sha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  assert.deepEqual(core.classifyHash(sha256.toUpperCase()), { kind: 'sha256', value: sha256 });
  assert.deepEqual(core.classifyHash(SHA1), { kind: 'sha1', value: SHA1 });
  assert.equal(core.classifyHash('d41d8cd98f00b204e9800998ecf8427e').kind, 'md5');
  assert.equal(thrown(() => core.classifyHash('abcd')).code, 'hashWrongLength');
});

test('normalizeMachineId', () => {
  assert.equal(core.normalizeMachineId(` ${MACHINE.toUpperCase()} `), MACHINE);
  const guid = thrown(() => core.normalizeMachineId('80fe8ff8-2624-418e-9591-41f0491218f9'));
  assert.equal(guid.code, 'machineIdIsGuid');
  assert.equal(guid.value, '80fe8ff8-2624-418e-9591-41f0491218f9');
  assert.equal(thrown(() => core.normalizeMachineId('ws-finance-01.contoso.local')).code, 'machineIdIsHostName');
  assert.equal(thrown(() => core.normalizeMachineId('')).code, 'machineIdEmpty');
  assert.equal(thrown(() => core.normalizeMachineId(MACHINE.slice(1))).length, 39);
});

test('normalizeComment', () => {
  assert.equal(core.commentMaxLength(), 1000);
  assert.equal(core.normalizeComment('  Ransomware\r\nINC-1 '), 'Ransomware\nINC-1');
  const long = thrown(() => core.normalizeComment('x'.repeat(1001)));
  assert.equal(long.code, 'commentTooLong');
  assert.equal(long.max, 1000);
  assert.equal(thrown(() => core.normalizeComment(' ')).code, 'commentEmpty');
  assert.equal(thrown(() => core.normalizeComment('a\u0000b')).position, 2);
});

test('clouds', () => {
  assert.deepEqual(core.listClouds(), ['commercial', 'gcc', 'gccHigh', 'dod']);
  const profile = core.cloudProfile('commercial');
  assertPlain(profile);
  assert.equal(profile.cloud, 'commercial');
  assert.equal(profile.authorityHost, 'login.microsoftonline.com');
  assert.equal(profile.defaultApiHost, 'api.security.microsoft.com');
  assert.ok(profile.apiHosts.includes('api-eu.securitycenter.microsoft.com'));
  assert.deepEqual(profile.regions[1], { id: 'eu', host: 'eu.api.security.microsoft.com' });
  assert.equal(profile.resource, 'https://api.securitycenter.microsoft.com');
  assert.equal(profile.scopes.length, 3);
  assert.ok(profile.portalHosts.includes('security.microsoft.com'));
  assert.equal(core.cloudProfile('dod').portalHosts[0], 'security.apps.mil');

  const unknown = thrown(() => core.cloudProfile('Commercial'));
  assert.equal(unknown.code, 'cloudUnknown');
  assert.equal(unknown.value, 'Commercial');

  assert.equal(core.apiBaseFor('commercial', null), 'https://api.security.microsoft.com');
  assert.equal(core.apiBaseFor('commercial', 'eu'), 'https://eu.api.security.microsoft.com');
  assert.equal(core.apiBaseFor('gccHigh', undefined), 'https://api-gov.securitycenter.microsoft.us');
  assert.equal(thrown(() => core.apiBaseFor('gcc', 'eu')).code, 'regionUnknown');
});

test('isAllowedApiUrl', () => {
  assert.equal(core.isAllowedApiUrl('https://api.security.microsoft.com/api/machines', 'commercial'), true);
  assert.equal(core.isAllowedApiUrl('https://api.security.microsoft.com/api/machines', 'gcc'), false);
  assert.equal(core.isAllowedApiUrl('https://api.security.microsoft.com@evil.test/', 'commercial'), false);
  assert.equal(core.isAllowedApiUrl('https://api.security.microsoft.com:444/', 'commercial'), false);
  assert.equal(core.isAllowedApiUrl('https://api.security.microsoft.com/', 'nowhere'), false);
});

test('buildStopAndQuarantineRequest', () => {
  const request = core.buildStopAndQuarantineRequest({
    apiBase: 'https://api.security.microsoft.com/',
    machineId: MACHINE.toUpperCase(),
    sha1: `sha1:${SHA1}`,
    comment: ' Lockbit "sample" ',
  });
  assertPlain(request);
  assert.deepEqual(request, {
    method: 'POST',
    url: `https://api.security.microsoft.com/api/machines/${MACHINE}/StopAndQuarantineFile`,
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify({ Comment: 'Lockbit "sample"', Sha1: SHA1 }),
  });
  assert.equal(thrown(() => core.buildStopAndQuarantineRequest({ apiBase: 'x' })).code, 'argumentInvalid');
  const badBase = thrown(() => core.buildStopAndQuarantineRequest({
    apiBase: 'http://api.security.microsoft.com', machineId: MACHINE, sha1: SHA1, comment: 'c',
  }));
  assert.equal(badBase.code, 'apiBaseInvalid');
});

test('parseMachineAction', () => {
  const action = core.parseMachineAction(JSON.stringify({
    id: '141408d1-384c-4c19-8b57-ba39e378011a',
    type: 'StopAndQuarantineFile',
    status: 'TimeOut',
    computerDnsName: null,
    lastUpdateTimeUtc: '2018-12-04T12:15:04Z',
    relatedFileInfo: { fileIdentifier: SHA1, fileIdentifierType: 'sha1' },
    unknownKey: [1, 2],
  }));
  assertPlain(action);
  assert.equal(action.isFinal, true);
  assert.equal(action.lastUpdateDateTimeUtc, '2018-12-04T12:15:04Z');
  assert.equal(action.relatedFileInfo.fileIdentifierType, 'Sha1');
  assert.equal('unknownKey' in action, false);
  assert.equal(thrown(() => core.parseMachineAction('<html>')).code, 'responseInvalid');
});

test('parseApiError', () => {
  const throttled = core.parseApiError(429, '', null);
  assert.deepEqual(throttled, {
    kind: 'rateLimited', status: 429, code: null, message: null, target: null, retryAfterSeconds: 60,
  });
  const inTwoMinutes = new Date(Date.now() + 120_000).toUTCString();
  const dated = core.parseApiError(503, '<html>busy</html>', inTwoMinutes);
  assert.equal(dated.kind, 'server');
  assert.ok(dated.retryAfterSeconds > 110, String(dated.retryAfterSeconds));
  assert.ok(dated.retryAfterSeconds <= 120, String(dated.retryAfterSeconds));
  const pending = core.parseApiError(400, JSON.stringify({
    error: { code: 'ActiveRequestAlreadyExists', message: 'Action is already in progress', target: 't-1' },
  }), null);
  assert.equal(pending.kind, 'alreadyPending');
  assert.equal(pending.target, 't-1');
});

test('parsePortalUrl', () => {
  const device = core.parsePortalUrl(
    `https://security.microsoft.com/machines/v2/${MACHINE}/overview?tid=4F1C2A3B-5D6E-4F70-8A9B-0C1D2E3F4A5B`,
  );
  assert.deepEqual(device, {
    page: 'device', machineId: MACHINE, fileHash: null, alertId: null, incidentId: null,
    tenantId: '4f1c2a3b-5d6e-4f70-8a9b-0c1d2e3f4a5b',
  });
  assert.equal(core.parsePortalUrl(`https://security.microsoft.com@other.test/machines/v2/${MACHINE}`), null);
  assert.equal(core.parsePortalUrl('https://example.test/'), null);
});

test('RateLimiter', () => {
  const start = 1_700_000_000_000;
  const limiter = new core.RateLimiter();
  for (let call = 0; call < 100; call += 1) {
    assert.equal(limiter.reserve(start + call), 0);
  }
  assert.equal(limiter.reserve(start + 1_000), 59_000);
  limiter.blockUntil(start + 120_000);

  const saved = limiter.toJSON();
  assert.equal(typeof saved, 'string');
  assert.equal(JSON.stringify({ limiter }), JSON.stringify({ limiter: saved }));
  const restored = core.RateLimiter.fromJSON(saved);
  assert.equal(restored.reserve(start + 60_000), 60_000);
  assert.equal(restored.reserve(start + 120_000), 0);

  assert.equal(thrown(() => core.RateLimiter.fromJSON('{')).code, 'rateLimiterStateInvalid');
  assert.equal(thrown(() => limiter.reserve(Number.NaN)).code, 'argumentInvalid');
});

test('arguments of the wrong type throw argumentInvalid', () => {
  for (const value of [undefined, null, 42, {}]) {
    assert.equal(thrown(() => core.normalizeSha1(value)).code, 'argumentInvalid', String(value));
    assert.equal(thrown(() => core.normalizeMachineId(value)).code, 'argumentInvalid', String(value));
    assert.equal(thrown(() => core.cloudProfile(value)).code, 'argumentInvalid', String(value));
    assert.equal(core.isAllowedApiUrl(value, 'commercial'), false, String(value));
  }
  assert.equal(thrown(() => core.apiBaseFor('commercial', 42)).code, 'argumentInvalid');
  assert.equal(thrown(() => core.parseApiError(70000, '', null)).code, 'argumentInvalid');
  assert.equal(thrown(() => core.parseApiError(404.5, '', null)).code, 'argumentInvalid');
  assert.equal(thrown(() => core.parsePortalUrl(7)).code, 'argumentInvalid');
  assert.equal(core.parseApiError(404, undefined, undefined).kind, 'notFound');
  // The module still works after the rejected calls.
  assert.equal(core.normalizeSha1(SHA1), SHA1);
});

test('client refuses foreign hosts without sending', async () => {
  const error = await core.stopAndQuarantineFile({
    apiBase: 'https://evil.test', cloud: 'commercial', token: 'secret-token',
    machineId: MACHINE, sha1: SHA1, comment: 'c',
  }).then(() => assert.fail('resolved'), (rejection) => rejection);
  assertPlain(error);
  assert.equal(error.kind, 'urlNotAllowed');
  assert.equal(error.status, null);
  assert.ok(!JSON.stringify(error).includes('secret-token'));
});
