// Hashes files off the page's thread: one module worker per file (each with a reader
// worker of its own), at most one per core, and further files wait for a free worker.
// Workers are kept for a while after a job so the next file finds the wasm compiled and
// warm.

const WORKER_URL = new URL('./hash-worker.js', import.meta.url);

/** Idle workers are stopped after this long, which frees their wasm memory. */
const IDLE_WORKER_MS = 60_000;

const maxWorkers = Math.max(1, navigator.hardwareConcurrency || 1);

/**
 * @typedef {object} HashResult
 * @property {string} sha1 40 lower-case hex digits
 * @property {number} bytes size of the file
 * @property {number} ms time spent hashing in the worker, in milliseconds
 *
 * @typedef {object} HashOptions
 * @property {(bytesDone: number, total: number) => void} [onProgress]
 * @property {AbortSignal} [signal]
 *
 * @typedef {object} Job
 * @property {number} id
 * @property {Blob} file
 * @property {HashOptions} options
 * @property {(result: HashResult) => void} resolve
 * @property {(error: {code: string, message: string}) => void} reject
 *
 * @typedef {object} PooledWorker
 * @property {Worker} worker
 * @property {Job | null} job
 * @property {ReturnType<typeof setTimeout> | null} idleTimer
 */

/** @type {PooledWorker[]} */
const pool = [];
/** @type {Job[]} */
const waiting = [];
let nextJobId = 1;

// One worker starts as soon as a page imports this module, so the wasm is compiled and
// warm by the time the analyst has chosen a file.
startWorker();

/**
 * Computes the SHA-1 of a File (or any Blob) in a worker.
 * Rejects with `{code: 'hashAborted' | 'hashReadFailed', message}`.
 * @param {Blob} file
 * @param {HashOptions} [options]
 * @returns {Promise<HashResult>}
 */
export function hashFile(file, options = {}) {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(abortedError());
      return;
    }
    /** @type {Job} */
    const job = { id: nextJobId++, file, options, resolve, reject };
    options.signal?.addEventListener('abort', () => abort(job), { once: true });
    waiting.push(job);
    dispatch();
  });
}

/** Starts waiting jobs on idle workers, starting new workers up to `maxWorkers`. */
function dispatch() {
  while (waiting.length > 0) {
    let pooled = pool.find((candidate) => candidate.job === null);
    if (!pooled && pool.length < maxWorkers) {
      pooled = startWorker();
    }
    if (!pooled) {
      return;
    }
    const job = /** @type {Job} */ (waiting.shift());
    if (pooled.idleTimer !== null) {
      clearTimeout(pooled.idleTimer);
      pooled.idleTimer = null;
    }
    pooled.job = job;
    pooled.worker.postMessage({ type: 'hash', id: job.id, file: job.file });
  }
}

/** @returns {PooledWorker} */
function startWorker() {
  /** @type {PooledWorker} */
  const pooled = { worker: new Worker(WORKER_URL, { type: 'module' }), job: null, idleTimer: null };
  pooled.worker.addEventListener('message', (event) => onWorkerMessage(pooled, event.data));
  pooled.worker.addEventListener('error', (event) => {
    // A worker that fails to load (a missing file, a CSP refusal of the wasm) cannot
    // take more jobs, so it leaves the pool and its job fails with the reason.
    event.preventDefault();
    removeWorker(pooled);
    pooled.job?.reject({
      code: 'hashReadFailed',
      message: `The hashing worker failed: ${event.message || 'it could not be loaded'}`,
    });
    pooled.job = null;
    dispatch();
  });
  pool.push(pooled);
  return pooled;
}

/**
 * @param {PooledWorker} pooled
 * @param {any} message
 */
function onWorkerMessage(pooled, message) {
  const job = pooled.job;
  if (!job || message?.id !== job.id) {
    return;
  }
  if (message.type === 'progress') {
    job.options.onProgress?.(message.bytesDone, message.total);
    return;
  }
  if (message.type === 'done') {
    job.resolve({ sha1: message.sha1, bytes: message.bytes, ms: message.ms });
  } else if (message.type === 'error') {
    job.reject({ code: message.code, message: message.message });
  } else {
    return;
  }
  pooled.job = null;
  pooled.idleTimer = setTimeout(() => removeWorker(pooled), IDLE_WORKER_MS);
  dispatch();
}

/** @param {Job} job */
function abort(job) {
  const queued = waiting.indexOf(job);
  if (queued >= 0) {
    waiting.splice(queued, 1);
    job.reject(abortedError());
    return;
  }
  // The worker stops between two slices and replies with a hashAborted error.
  pool.find((pooled) => pooled.job === job)?.worker.postMessage({ type: 'abort', id: job.id });
}

/** @param {PooledWorker} pooled */
function removeWorker(pooled) {
  pooled.worker.terminate();
  const index = pool.indexOf(pooled);
  if (index >= 0) {
    pool.splice(index, 1);
  }
}

function abortedError() {
  return { code: 'hashAborted', message: 'Hashing was cancelled.' };
}
