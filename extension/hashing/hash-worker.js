// Module worker that computes the SHA-1 of one File at a time with the Rust core, so
// the page that owns it never blocks on hashing. hash-client.js starts and drives it.
//
// Messages in:  {type: 'hash', id, file} and {type: 'abort', id}.
// Messages out: {type: 'progress', id, bytesDone, total},
//               {type: 'done', id, sha1, bytes, ms}, {type: 'error', id, code, message}.
import init, { hashBlob, Sha1Hasher } from '../core/quarantine_core.js';

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

/** @type {Map<number, AbortController>} the running job, by id (at most one) */
const running = new Map();

self.addEventListener('message', (event) => {
  const message = event.data;
  if (message?.type === 'hash' && Number.isInteger(message.id) && message.file instanceof Blob) {
    hash(message.id, message.file);
  } else if (message?.type === 'abort' && Number.isInteger(message.id)) {
    running.get(message.id)?.abort();
  }
  // Anything else comes from no part of the extension and is ignored.
});

/**
 * @param {number} id
 * @param {Blob} file
 */
async function hash(id, file) {
  const controller = new AbortController();
  running.set(id, controller);
  try {
    await ready;
    const started = performance.now();
    const sha1 = await hashBlob(file, {
      signal: controller.signal,
      onProgress: (bytesDone, total) => {
        self.postMessage({ type: 'progress', id, bytesDone, total });
      },
    });
    const ms = performance.now() - started;
    self.postMessage({ type: 'done', id, sha1, bytes: file.size, ms });
  } catch (error) {
    self.postMessage({ type: 'error', id, ...describeError(error) });
  } finally {
    running.delete(id);
  }
}

/**
 * Keeps the core's `{code, message}` rejections; anything else (the core failing to load,
 * for instance) becomes a read failure that carries the original message.
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
