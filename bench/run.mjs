// SHA-1 benchmark: our streaming hasher against WebCrypto, hash-wasm, sha1sum and
// openssl on the same files, in headless Chromium. Every digest is compared with
// sha1sum and a mismatch fails the run.
//
//   node bench/run.mjs [--quick] [--dist DIR]
//
// DIR is the built extension (default dist/extension). Data files go in a temporary
// directory that is removed at the end.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { launchBrowser, openBenchPage, rendererRss } from './browser.mjs';
import { makeDataFile, MIB } from './data.mjs';
import { formatTable, median, mibPerSecond } from './report.mjs';
import { startServer } from './server.mjs';
import { measureServiceWorkerWake } from './service-worker-wake.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const distArgument = args.indexOf('--dist');
const dist = resolve(distArgument >= 0 ? args[distArgument + 1] : join(repoRoot, 'dist/extension'));

const settings = quick
  ? { sizesMiB: [256], warmRuns: 7, coldRuns: 3 }
  : { sizesMiB: [1, 64, 256, 1024], warmRuns: 5, coldRuns: 5 };

/**
 * A cold run's first call comes this long after the page loads: the least time an
 * analyst needs to choose a file after the dialog opens. The full run also measures a
 * first call with no delay.
 */
const COLD_DELAY_MS = 1000;

/** Pause before each timed call, so that work left by the previous call settles. */
const SETTLE_MS = 200;

/** 4 GiB plus an odd tail, so the length field of the padding needs more than 32 bits. */
const LARGE_FILE_BYTES = 4 * 1024 * MIB + 12_345;

const workDir = mkdtempSync(join(tmpdir(), 'sha1-bench-'));
const failures = [];
let browser;
let server;

try {
  server = await startServer({
    '/extension/': dist,
    '/bench/': join(repoRoot, 'bench/page'),
    '/hash-wasm/': join(repoRoot, 'node_modules/hash-wasm/dist'),
  });
  browser = await launchBrowser();
  printMachine();

  const rows = [];
  const ratioInputs = {};
  for (const sizeMiB of settings.sizesMiB) {
    const file = makeDataFile(workDir, `data-${sizeMiB}.bin`, sizeMiB * MIB);
    const results = await measureSize(file, sizeMiB * MIB);
    rmSync(file);
    console.error(`measured ${sizeMiB} MiB`);
    rows.push(...results.rows);
    if (sizeMiB === 256) {
      Object.assign(ratioInputs, results.warm);
    }
  }
  console.log('\n' + formatTable(['method', 'size', 'cold MiB/s', 'warm MiB/s (median)', 'runs'], rows));

  if (!quick) {
    await measureExtras();
  }

  const ratio = (ours, theirs) => (ratioInputs[ours] / ratioInputs[theirs]).toFixed(2);
  if (failures.length > 0) {
    console.error(`\n${failures.length} digest mismatch(es):\n${failures.join('\n')}`);
    process.exitCode = 1;
  }
  console.log(
    `\nratio e2e-vs-webcrypto=${ratio('e2eOurs', 'e2eWebCrypto')} ` +
      `memory-vs-hash-wasm=${ratio('memoryOurs', 'memoryHashWasm')} ` +
      `e2e-vs-sha1sum=${ratio('e2eOurs', 'sha1sum')} ` +
      `memory-vs-webcrypto=${ratio('memoryOurs', 'memoryWebCrypto')}`,
  );
} finally {
  await browser?.close();
  await server?.close();
  rmSync(workDir, { recursive: true, force: true });
}

/**
 * Runs every method on one file: the cold runs each as the first call in a fresh page,
 * COLD_DELAY_MS after it loaded, then the warm runs round-robin over the methods so
 * that load from other processes hits all of them alike.
 * @param {string} file
 * @param {number} bytes
 */
async function measureSize(file, bytes) {
  const expected = sha1sum(file).sha1;
  const label = `${bytes / MIB} MiB`;
  const cold = { e2eOurs: [], memoryOurs: [] };

  for (let run = 0; run < settings.coldRuns; run++) {
    for (const method of Object.keys(cold)) {
      const page = await openBenchPage(browser, server.origin, file);
      if (method === 'memoryOurs') {
        await page.evaluate(() => globalThis.bench.load());
      }
      await new Promise((done) => setTimeout(done, COLD_DELAY_MS));
      const result = await page.evaluate((name) => globalThis.bench[name](), method);
      check(`${method} cold ${label}`, result.sha1, expected);
      cold[method].push(result.ms);
      await page.close();
    }
  }

  const page = await openBenchPage(browser, server.origin, file);
  await page.evaluate(() => globalThis.bench.load());
  const inPage = ['e2eOurs', 'e2eWebCrypto', 'memoryOurs', 'memoryHashWasm', 'memoryWebCrypto'];
  const times = Object.fromEntries([...inPage, 'sha1sum', 'openssl'].map((name) => [name, []]));
  // One untimed call of each warms it up.
  for (const method of inPage) {
    await page.evaluate((name) => globalThis.bench[name](), method);
  }
  for (let run = 0; run < settings.warmRuns; run++) {
    // The order rotates, so that no method always runs right after the one whose
    // garbage (a whole file's ArrayBuffer for WebCrypto) is collected meanwhile.
    const order = [...inPage.slice(run % inPage.length), ...inPage.slice(0, run % inPage.length)];
    for (const method of order) {
      await new Promise((done) => setTimeout(done, SETTLE_MS));
      const result = await page.evaluate((name) => globalThis.bench[name](), method);
      check(`${method} ${label}`, result.sha1, expected);
      times[method].push(result.ms);
    }
    for (const tool of ['sha1sum', 'openssl']) {
      const result = tool === 'sha1sum' ? sha1sum(file) : openssl(file);
      check(`${tool} ${label}`, result.sha1, expected);
      times[tool].push(result.ms);
    }
  }
  await page.close();

  const names = {
    e2eOurs: 'ours: hashFile on the File (worker, end to end)',
    e2eWebCrypto: 'WebCrypto: file.arrayBuffer() + digest',
    memoryOurs: 'ours: Sha1Hasher on a buffer in memory',
    memoryHashWasm: 'hash-wasm 4.13 SHA-1 on a buffer in memory',
    memoryWebCrypto: 'WebCrypto digest on a buffer in memory',
    sha1sum: 'sha1sum (native)',
    openssl: 'openssl dgst -sha1 (native)',
  };
  const warm = {};
  const rows = Object.entries(names).map(([method, name]) => {
    warm[method] = mibPerSecond(bytes, median(times[method]));
    const coldRate = cold[method] ? mibPerSecond(bytes, median(cold[method])).toFixed(0) : '';
    return [name, label, coldRate, warm[method].toFixed(0), String(times[method].length)];
  });
  return { rows, warm };
}

/** Measures what only the full run covers: memory, read sizes, two files, responsiveness. */
async function measureExtras() {
  const wasm = readFileSync(join(dist, 'core/quarantine_core_bg.wasm'));
  console.log(`\nwasm size: ${wasm.length} bytes raw, ${gzipSync(wasm, { level: 9 }).length} bytes gzipped`);

  const fileA = makeDataFile(workDir, 'data-1024.bin', 1024 * MIB);
  const fileB = makeDataFile(workDir, 'data-1024-b.bin', 1024 * MIB, 1);
  const expectedA = sha1sum(fileA).sha1;
  const expectedB = sha1sum(fileB).sha1;
  const page = await openBenchPage(browser, server.origin, fileA, fileB);

  const sweep = [];
  for (const sliceMiB of [1, 4, 8, 16]) {
    const times = await repeat(3, () => page.evaluate((size) => globalThis.bench.readSlices(size), sliceMiB * MIB));
    sweep.push([`Blob.slice + arrayBuffer(), ${sliceMiB} MiB`, mibPerSecond(1024 * MIB, median(times)).toFixed(0)]);
  }
  const streamTimes = await repeat(3, () => page.evaluate(() => globalThis.bench.readStream()));
  sweep.push(['file.stream()', mibPerSecond(1024 * MIB, median(streamTimes)).toFixed(0)]);
  console.log('\nReading a 1 GiB File without hashing:\n' + formatTable(['read', 'MiB/s'], sweep));

  const immediate = await repeat(3, async () => {
    const fresh = await openBenchPage(browser, server.origin, fileA);
    const result = await fresh.evaluate(() => globalThis.bench.e2eOurs());
    check('e2eOurs right after load', result.sha1, expectedA);
    await fresh.close();
    return result;
  });
  console.log(
    `\nFirst hashFile call right after the page loads (starting the workers, compiling and ` +
      `warming the wasm included), 1 GiB: ${mibPerSecond(1024 * MIB, median(immediate)).toFixed(0)} MiB/s`,
  );

  const oneFile = await repeat(3, async () => {
    const result = await page.evaluate(() => globalThis.bench.e2eOurs());
    check('e2eOurs 1 GiB', result.sha1, expectedA);
    return result;
  });
  const twoFiles = await repeat(3, async () => {
    const result = await page.evaluate(() => globalThis.bench.twoFiles());
    check('twoFiles 1 GiB', result.sha1, `${expectedA} ${expectedB}`);
    return result;
  });
  const fileScaling = (2 * median(oneFile)) / median(twoFiles);

  await page.evaluate(() => globalThis.bench.load());
  await page.evaluate(() => globalThis.bench.startMemoryWorkers(2));
  const oneWorker = await repeat(3, () => page.evaluate(() => globalThis.bench.memoryWorkersHash(1)));
  const twoWorkers = await repeat(3, async () => {
    const result = await page.evaluate(() => globalThis.bench.memoryWorkersHash(2));
    check('two memory workers', result.sha1, `${expectedA} ${expectedA}`);
    return result;
  });
  await page.evaluate(() => globalThis.bench.stopMemoryWorkers());
  await page.evaluate(() => globalThis.bench.unload());
  const memoryScaling = (2 * median(oneWorker)) / median(twoWorkers);
  console.log(
    `\nTwo 1 GiB files at once: in memory, two workers ${memoryScaling.toFixed(2)}x one worker ` +
      `(${mibPerSecond(2048 * MIB, median(twoWorkers)).toFixed(0)} MiB/s together); ` +
      `from disk through hashFile ${fileScaling.toFixed(2)}x one file ` +
      `(${mibPerSecond(2048 * MIB, median(twoFiles)).toFixed(0)} MiB/s together)`,
  );

  await page.evaluate(() => globalThis.bench.startHash());
  const hashed = await page.evaluate(() => globalThis.bench.hashDone());
  check('responsiveness run', hashed.sha1, expectedA);
  const { longestTask, longestTimerGap } = await page.evaluate(() => globalThis.bench.responsiveness());
  console.log(
    `\nMain thread while hashing 1 GiB: longest task ${longestTask ? `${longestTask.toFixed(0)} ms` : 'none over 50 ms'}, ` +
      `longest delay of a 10 ms timer ${longestTimerGap.toFixed(0)} ms`,
  );
  await page.close();
  rmSync(fileA);
  rmSync(fileB);

  await measureLargeFile();
  try {
    const wake = await measureServiceWorkerWake(browser, dist);
    console.log(
      `\nService worker stopped, then woken by a message: reply after ${wake.first.toFixed(0)} ms ` +
        `the first time, ${wake.median.toFixed(0)} ms median of five`,
    );
  } catch (error) {
    // The extension's pages are built by another part of the project; without them this
    // one measurement is skipped, not the run.
    console.log(`\nService worker wake time not measured: ${error.message}`);
  }
}

/** Hashes a file over 4 GiB while sampling the renderer's resident memory. */
async function measureLargeFile() {
  const file = makeDataFile(workDir, 'data-4g.bin', LARGE_FILE_BYTES);
  const expected = sha1sum(file).sha1;
  const page = await openBenchPage(browser, server.origin, file);
  await new Promise((done) => setTimeout(done, 1000));
  const before = rendererRss(browser);

  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rendererRss(browser));
  }, 20);
  await page.evaluate(() => globalThis.bench.startHash());
  const result = await page.evaluate(() => globalThis.bench.hashDone());
  clearInterval(sampler);
  check('4 GiB file', result.sha1, expected);
  await page.close();
  rmSync(file);

  console.log(
    `\nHashing a ${(LARGE_FILE_BYTES / MIB).toFixed(0)} MiB file: ` +
      `${mibPerSecond(LARGE_FILE_BYTES, result.ms).toFixed(0)} MiB/s; renderer memory ` +
      `${(before / MIB).toFixed(0)} MiB before, peak ${(peak / MIB).toFixed(0)} MiB ` +
      `(+${((peak - before) / MIB).toFixed(0)} MiB)`,
  );
}

function sha1sum(file) {
  return native('sha1sum', [file]);
}

function openssl(file) {
  const { ms, sha1 } = native('openssl', ['dgst', '-sha1', '-r', file]);
  return { ms, sha1 };
}

/** Runs a native hashing tool; returns its wall time and the digest it printed first. */
function native(command, commandArgs) {
  const started = performance.now();
  const output = execFileSync(command, commandArgs, { encoding: 'utf8' });
  return { ms: performance.now() - started, sha1: output.trim().split(/\s+/)[0].toLowerCase() };
}

async function repeat(count, measure) {
  const times = [];
  for (let run = 0; run < count; run++) {
    times.push((await measure()).ms);
  }
  return times;
}

function check(what, actual, expected) {
  if (actual !== expected) {
    failures.push(`${what}: got ${actual}, sha1sum gives ${expected}`);
  }
}

function printMachine() {
  const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? 'unknown CPU';
  const cores = readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm)?.length ?? 0;
  console.log(`machine: ${cpu}, ${cores} cores; Chromium ${browser.version()}; Node ${process.version}`);
  console.log(`mode: ${quick ? 'quick' : 'full'}; sizes ${settings.sizesMiB.join(', ')} MiB; ` +
    `${settings.warmRuns} warm runs, ${settings.coldRuns} cold runs (each the first call in a fresh page)`);
}
