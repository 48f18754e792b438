// Browser test of the extension's hashing path (extension/hashing/hash-client.js and its
// workers) in headless Chromium, on files written to a temporary directory: digests
// against sha1sum at chunk edges, several files at once, cancelling, and files that
// change or disappear after they were chosen.
//
//   node --test bench/hashing-test.mjs        (DIST=dir to test another build)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { launchBrowser, openBenchPage } from './browser.mjs';
import { startServer } from './server.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(process.env.DIST ?? join(repoRoot, 'dist/extension'));
const CHUNK = 4 * 1024 * 1024;

let browser;
let server;
let workDir;

before(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'sha1-hashing-test-'));
  server = await startServer({
    '/extension/': dist,
    '/bench/': join(repoRoot, 'bench/page'),
    '/hash-wasm/': join(repoRoot, 'node_modules/hash-wasm/dist'),
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(workDir, { recursive: true, force: true });
});

function writeRandomFile(name, bytes) {
  const path = join(workDir, name);
  writeFileSync(path, randomBytes(bytes));
  return path;
}

function sha1sum(path) {
  return execFileSync('sha1sum', [path], { encoding: 'utf8' }).split(' ')[0];
}

/** Hashes one file through hash-client.js; resolves to `{sha1, progress}` or `{code}`. */
function hashInPage(page, id = 'file-a') {
  return page.evaluate(async (inputId) => {
    const { hashFile } = await import('/extension/hashing/hash-client.js');
    const file = /** @type {HTMLInputElement} */ (document.getElementById(inputId)).files[0];
    const progress = [];
    try {
      const result = await hashFile(file, { onProgress: (done, total) => progress.push([done, total]) });
      return { sha1: result.sha1, bytes: result.bytes, progress };
    } catch (error) {
      return { code: error.code, message: error.message };
    }
  }, id);
}

test('digests equal sha1sum at chunk edges', async () => {
  const sizes = [0, 1, 55, 56, 64, 65, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK + 7, 9 * CHUNK + 12_345];
  for (const size of sizes) {
    const path = writeRandomFile(`edge-${size}.bin`, size);
    const page = await openBenchPage(browser, server.origin, path);
    const result = await hashInPage(page);
    await page.close();

    assert.equal(result.sha1, sha1sum(path), `${size} bytes`);
    assert.equal(result.bytes, size, `${size} bytes`);
  }
});

test('progress rises to the file size', async () => {
  const size = 9 * CHUNK + 12_345;
  const path = writeRandomFile('progress.bin', size);
  const page = await openBenchPage(browser, server.origin, path);
  const { progress } = await hashInPage(page);
  await page.close();

  assert.ok(progress.length >= 1, 'at least one progress report');
  assert.deepEqual(progress.at(-1), [size, size]);
  for (let index = 1; index < progress.length; index++) {
    assert.ok(progress[index][0] >= progress[index - 1][0], `report ${index} does not go back`);
  }
});

test('two files at once', async () => {
  const first = writeRandomFile('first.bin', 5 * CHUNK + 3);
  const second = writeRandomFile('second.bin', 3 * CHUNK + 11);
  const page = await openBenchPage(browser, server.origin, first, second);
  const [a, b] = await Promise.all([hashInPage(page, 'file-a'), hashInPage(page, 'file-b')]);
  await page.close();

  assert.equal(a.sha1, sha1sum(first));
  assert.equal(b.sha1, sha1sum(second));
});

test('cancel midway, then hash again', async () => {
  const path = writeRandomFile('cancel.bin', 20 * CHUNK);
  const page = await openBenchPage(browser, server.origin, path);

  const cancelled = await page.evaluate(() => globalThis.bench.abortMidway());
  assert.equal(cancelled, 'hashAborted');

  const again = await hashInPage(page);
  assert.equal(again.sha1, sha1sum(path), 'the worker pool still works after a cancel');
  await page.close();
});

test('signal aborted before the call', async () => {
  const path = writeRandomFile('pre-aborted.bin', 1000);
  const page = await openBenchPage(browser, server.origin, path);
  const code = await page.evaluate(async () => {
    const { hashFile } = await import('/extension/hashing/hash-client.js');
    const file = /** @type {HTMLInputElement} */ (document.getElementById('file-a')).files[0];
    try {
      await hashFile(file, { signal: AbortSignal.abort() });
      return 'finished';
    } catch (error) {
      return error.code;
    }
  });
  await page.close();

  assert.equal(code, 'hashAborted');
});

test('file deleted after it was chosen', async () => {
  const path = writeRandomFile('deleted.bin', 2 * CHUNK);
  const page = await openBenchPage(browser, server.origin, path);
  unlinkSync(path);
  const result = await hashInPage(page);
  await page.close();

  assert.equal(result.code, 'hashReadFailed');
  assert.match(result.message, /could not be read/);
});

test('file changed after it was chosen', async () => {
  const path = writeRandomFile('changed.bin', 2 * CHUNK);
  const page = await openBenchPage(browser, server.origin, path);
  // Chromium takes a File's snapshot (size and modification time) when the page first
  // reads its size, as the dialog does when it shows the file; a change after that
  // snapshot makes reads fail.
  await page.evaluate(() => document.getElementById('file-a').files[0].size);
  appendFileSync(path, 'more bytes');
  // A write in the same clock tick as the snapshot may leave the modification time as
  // it was, so it is moved on explicitly.
  const later = new Date(Date.now() + 10_000);
  utimesSync(path, later, later);
  const result = await hashInPage(page);
  await page.close();

  assert.equal(result.code, 'hashReadFailed');
});
