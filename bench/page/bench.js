// Measurements that run inside the benchmark page. run.mjs drives them through
// Playwright and reads the results; every function returns plain numbers and digests.
import init, { Sha1Hasher } from '/extension/core/quarantine_core.js';
import { hashFile } from '/extension/hashing/hash-client.js';
import { createSHA1 } from '/hash-wasm/index.esm.js';

const MEMORY_CALL_SIZE = 4 * 1024 * 1024;

/** @type {ArrayBuffer | null} the file read into memory, for the in-memory methods */
let loaded = null;
const coreReady = init();

/** Longest main-thread task seen by the Long Tasks API (tasks over 50 ms only). */
let longestTask = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    longestTask = Math.max(longestTask, entry.duration);
  }
}).observe({ type: 'longtask' });

/** Longest gap between two runs of a 10 ms timer: what a click would have waited. */
let longestTimerGap = 0;
let lastTick = performance.now();
setInterval(() => {
  const now = performance.now();
  longestTimerGap = Math.max(longestTimerGap, now - lastTick - 10);
  lastTick = now;
}, 10);

function inputFile(id) {
  const file = document.getElementById(id).files[0];
  if (!file) {
    throw new Error(`no file chosen in #${id}`);
  }
  return file;
}

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Times `run` and returns `{ms, sha1}`. */
async function timed(run) {
  const started = performance.now();
  const sha1 = await run();
  return { ms: performance.now() - started, sha1 };
}

globalThis.bench = {
  /** The extension's path: hash-client.js, one worker, reading the File from disk. */
  e2eOurs: (id = 'file-a') =>
    timed(async () => {
      const progress = document.getElementById('progress');
      const result = await hashFile(inputFile(id), {
        onProgress: (done, total) => {
          progress.value = total > 0 ? done / total : 1;
        },
      });
      return result.sha1;
    }),

  /** WebCrypto as a page would use it: the whole File in memory, then one digest. */
  e2eWebCrypto: (id = 'file-a') =>
    timed(async () => hex(await crypto.subtle.digest('SHA-1', await inputFile(id).arrayBuffer()))),

  /** Reads the File into memory for the in-memory methods; returns its size. */
  async load(id = 'file-a') {
    loaded = null;
    loaded = await inputFile(id).arrayBuffer();
    return loaded.byteLength;
  },

  unload() {
    loaded = null;
  },

  memoryWebCrypto: () => timed(async () => hex(await crypto.subtle.digest('SHA-1', loaded))),

  memoryOurs: () =>
    timed(async () => {
      await coreReady;
      const hasher = new Sha1Hasher();
      for (let offset = 0; offset < loaded.byteLength; offset += MEMORY_CALL_SIZE) {
        hasher.update(new Uint8Array(loaded, offset, Math.min(MEMORY_CALL_SIZE, loaded.byteLength - offset)));
      }
      const digest = hasher.finalize();
      hasher.free();
      return digest;
    }),

  memoryHashWasm: () =>
    timed(async () => {
      const hasher = await createSHA1();
      for (let offset = 0; offset < loaded.byteLength; offset += MEMORY_CALL_SIZE) {
        hasher.update(new Uint8Array(loaded, offset, Math.min(MEMORY_CALL_SIZE, loaded.byteLength - offset)));
      }
      return hasher.digest('hex');
    }),

  /** Reading only: `Blob.slice` + `arrayBuffer()` at one slice size, no hashing. */
  readSlices: (sliceSize, id = 'file-a') =>
    timed(async () => {
      const file = inputFile(id);
      let bytes = 0;
      for (let offset = 0; offset < file.size; offset += sliceSize) {
        bytes += (await file.slice(offset, offset + sliceSize).arrayBuffer()).byteLength;
      }
      return String(bytes);
    }),

  /** Reading only, with `file.stream()`. */
  readStream: (id = 'file-a') =>
    timed(async () => {
      const reader = inputFile(id).stream().getReader();
      let bytes = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          return String(bytes);
        }
        bytes += value.byteLength;
      }
    }),

  /** Both chosen files at once through hash-client.js, which gives each its worker. */
  twoFiles: () =>
    timed(async () => {
      const results = await Promise.all([hashFile(inputFile('file-a')), hashFile(inputFile('file-b'))]);
      return results.map((result) => result.sha1).join(' ');
    }),

  /** Starts `count` memory workers, each with its own copy of the loaded file. */
  async startMemoryWorkers(count) {
    this.memoryWorkers = [];
    for (let index = 0; index < count; index++) {
      const worker = new Worker('/bench/memory-worker.js', { type: 'module' });
      const copy = loaded.slice(0);
      await new Promise((resolve) => {
        worker.onmessage = resolve;
        worker.postMessage({ type: 'load', buffer: copy }, [copy]);
      });
      this.memoryWorkers.push(worker);
    }
    return count;
  },

  /** Hashes in the first `count` memory workers at once; `ms` is the wall time of all. */
  memoryWorkersHash: (count) =>
    timed(async () => {
      const digests = await Promise.all(
        globalThis.bench.memoryWorkers.slice(0, count).map(
          (worker) =>
            new Promise((resolve) => {
              worker.onmessage = ({ data }) => resolve(data.sha1);
              worker.postMessage({ type: 'hash' });
            }),
        ),
      );
      return digests.join(' ');
    }),

  stopMemoryWorkers() {
    for (const worker of this.memoryWorkers ?? []) {
      worker.terminate();
    }
    this.memoryWorkers = [];
  },

  /** Starts hashing and resolves at once; `hashDone()` waits for the digest. */
  startHash(id = 'file-a') {
    longestTask = 0;
    longestTimerGap = 0;
    this.pending = timed(async () => (await hashFile(inputFile(id))).sha1);
    return true;
  },

  hashDone() {
    return this.pending;
  },

  responsiveness: () => ({ longestTask, longestTimerGap }),

  /** Cancels a running hash through its AbortSignal; resolves to the rejection's code. */
  async abortMidway(id = 'file-a') {
    const controller = new AbortController();
    const hashing = hashFile(inputFile(id), {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    try {
      await hashing;
      return 'finished';
    } catch (error) {
      return error.code;
    }
  },
};
document.getElementById('status').value = 'ready';
