// Benchmark worker: hashes a buffer already in its memory with the core's Sha1Hasher,
// so that several of them show how in-memory hashing scales across cores.
import init, { Sha1Hasher } from '/extension/core/quarantine_core.js';

const CALL_SIZE = 4 * 1024 * 1024;
const ready = init();
/** @type {Uint8Array | null} */
let data = null;

function hashData() {
  const hasher = new Sha1Hasher();
  for (let offset = 0; offset < data.length; offset += CALL_SIZE) {
    hasher.update(data.subarray(offset, offset + CALL_SIZE));
  }
  const sha1 = hasher.finalize();
  hasher.free();
  return sha1;
}

self.addEventListener('message', async ({ data: message }) => {
  await ready;
  if (message.type === 'load') {
    data = new Uint8Array(message.buffer);
    hashData();
    self.postMessage({ type: 'loaded' });
  } else if (message.type === 'hash') {
    const started = performance.now();
    const sha1 = hashData();
    self.postMessage({ type: 'hashed', ms: performance.now() - started, sha1 });
  }
});
