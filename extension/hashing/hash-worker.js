// Module worker that computes the SHA-1 of one File at a time with the Rust core, so
// the page that owns it never blocks on hashing. hash-client.js starts and drives it.
// A second worker (read-worker.js) reads the file meanwhile, so reading and hashing
// overlap instead of alternating.
//
// Messages in:  {type: 'hash', id, file} and {type: 'abort', id}.
// Messages out: {type: 'progress', id, bytesDone, total},
//               {type: 'done', id, sha1, bytes, ms}, {type: 'error', id, code, message}.
import init, { Sha1Hasher } from '../core/quarantine_core.js';

/**
 * Bytes per chunk handed from the reader. On a 256 MiB file (Chromium 156, two cores),
 * 4 MiB chunks were measured faster than 1, 2 and 8 MiB ones.
 */
const CHUNK_SIZE = 4 * 1024 * 1024;

/** Chunks in flight: one being read, one being hashed, one waiting. */
const BUFFER_COUNT = 3;

/** Minimum time between two progress messages, in milliseconds. */
const PROGRESS_INTERVAL_MS = 100;

/** Bytes fed through the hasher at start-up, in calls of WARM_UP_CALL_SIZE bytes. */
const WARM_UP_BYTES = 4 * 1024 * 1024;
const WARM_UP_CALL_SIZE = 64 * 1024;

/**
 * V8 first runs wasm in its baseline compiler and cannot move a running call to the
 * optimized code. Many short calls at start-up let the optimized hasher be ready before
 * the first file arrives.
 */
function warmUp() {
  const hasher = new Sha1Hasher();
  const block = new Uint8Array(WARM_UP_CALL_SIZE);
  for (let offset = 0; offset < WARM_UP_BYTES; offset += WARM_UP_CALL_SIZE) {
    hasher.update(block);
  }
  hasher.finalize();
  hasher.free();
}

const ready = init().then(warmUp);
/** @type {((reason: string) => void) | null} fails the running job when the reader dies */
let failRunningJob = null;

/** @type {Worker | null} */
let reader = null;

/** Returns the reading worker, starting a new one after a failure. */
function readerWorker() {
  if (reader) {
    return reader;
  }
  const started = new Worker(new URL('./read-worker.js', import.meta.url), { type: 'module' });
  started.addEventListener('error', (event) => {
    // A reader that failed to load or threw sends nothing more, so the job fails now
    // instead of waiting forever, and the next job starts a new reader.
    event.preventDefault();
    reader = null;
    started.terminate();
    failRunningJob?.(`the reading worker failed: ${event.message || 'it could not be loaded'}`);
  });
  reader = started;
  return started;
}

// Started with this worker, so that it is ready when the first file arrives.
readerWorker();

/** @type {Map<number, () => void>} how to cancel the running job, by id (at most one) */
const running = new Map();

self.addEventListener('message', (event) => {
  const message = event.data;
  if (message?.type === 'hash' && Number.isInteger(message.id) && message.file instanceof Blob) {
    hash(message.id, message.file);
  } else if (message?.type === 'abort' && Number.isInteger(message.id)) {
    running.get(message.id)?.();
  }
  // Anything else comes from no part of the extension and is ignored.
});

/**
 * @param {number} id
 * @param {Blob} file
 */
async function hash(id, file) {
  try {
    await ready;
    const started = performance.now();
    const sha1 = await hashWithReader(id, file);
    const ms = performance.now() - started;
    self.postMessage({ type: 'done', id, sha1, bytes: file.size, ms });
  } catch (error) {
    self.postMessage({ type: 'error', id, ...describeError(error) });
  } finally {
    running.delete(id);
  }
}

/**
 * Hashes the chunks that the reader sends, handing each buffer back for reuse.
 * @param {number} id
 * @param {Blob} file
 * @returns {Promise<string>}
 */
function hashWithReader(id, file) {
  const { port1: port, port2: readerPort } = new MessageChannel();
  const hasher = new Sha1Hasher();
  let bytesDone = 0;
  let lastProgress = 0;

  return new Promise((resolve, reject) => {
    let finished = false;
    const finish = (/** @type {() => void} */ settle) => {
      if (finished) {
        return;
      }
      finished = true;
      failRunningJob = null;
      port.close();
      hasher.free();
      settle();
    };
    running.set(id, () => {
      port.postMessage({ type: 'cancel' });
      finish(() => reject({ code: 'hashAborted', message: 'Hashing was cancelled.' }));
    });
    failRunningJob = (reason) =>
      finish(() =>
        reject({
          code: 'hashReadFailed',
          message: `The file could not be hashed because ${reason}. Reload the page and try again.`,
        }),
      );

    port.addEventListener('message', (event) => {
      const message = event.data;
      if (message.type === 'chunk') {
        hasher.update(new Uint8Array(message.buffer, 0, message.length));
        port.postMessage(message.buffer, [message.buffer]);
        bytesDone += message.length;
        const now = performance.now();
        if (now - lastProgress >= PROGRESS_INTERVAL_MS) {
          lastProgress = now;
          self.postMessage({ type: 'progress', id, bytesDone, total: file.size });
        }
      } else if (message.type === 'end') {
        if (bytesDone !== file.size) {
          finish(() => reject(readFailed(`read ${bytesDone} of ${file.size} bytes`)));
          return;
        }
        if (file.size > 0) {
          self.postMessage({ type: 'progress', id, bytesDone, total: file.size });
        }
        const sha1 = hasher.finalize();
        finish(() => resolve(sha1));
      } else if (message.type === 'error') {
        finish(() => reject(readFailed(message.message)));
      }
    });
    port.start();
    readerWorker().postMessage(
      { type: 'read', file, port: readerPort, chunkSize: CHUNK_SIZE, bufferCount: BUFFER_COUNT },
      [readerPort],
    );
  });
}

/** @param {string} reason */
function readFailed(reason) {
  return {
    code: 'hashReadFailed',
    message: `The file could not be read (${reason}). Check that it still exists and has not changed, then choose it again.`,
  };
}

/**
 * Keeps `{code, message}` rejections; anything else (the core failing to load, for
 * instance) becomes a read failure that carries the original message.
 * @param {unknown} error
 * @returns {{code: string, message: string}}
 */
function describeError(error) {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') {
    return { code: error.code, message: String(/** @type {any} */ (error).message ?? '') };
  }
  return {
    code: 'hashReadFailed',
    message: `The file could not be hashed: ${error instanceof Error ? error.message : String(error)}`,
  };
}
