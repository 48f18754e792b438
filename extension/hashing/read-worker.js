// Reads a File for hash-worker.js, which starts this worker, so that reading and hashing
// run on two threads at once. Chunks go over a MessagePort as transferred ArrayBuffers
// (no copy) and come back once hashed, so a small set of buffers is reused for the
// whole file and memory stays flat whatever its size.
//
// Messages in (on the worker): {type: 'read', file, port, chunkSize, bufferCount}.
// On the port, in: an ArrayBuffer handed back for reuse, or {type: 'cancel'}.
// On the port, out: {type: 'chunk', buffer, length}, {type: 'end'}, {type: 'error', message}.

self.addEventListener('message', (event) => {
  const message = event.data;
  if (
    message?.type === 'read' &&
    message.file instanceof Blob &&
    message.port instanceof MessagePort &&
    Number.isInteger(message.chunkSize) &&
    Number.isInteger(message.bufferCount)
  ) {
    read(message.file, message.port, message.chunkSize, message.bufferCount);
  }
});

/**
 * @param {Blob} file
 * @param {MessagePort} port
 * @param {number} chunkSize
 * @param {number} bufferCount
 */
async function read(file, port, chunkSize, bufferCount) {
  const pool = new BufferPool(chunkSize, bufferCount);
  let cancelled = false;
  port.addEventListener('message', (event) => {
    if (event.data instanceof ArrayBuffer) {
      pool.put(event.data);
    } else if (event.data?.type === 'cancel') {
      cancelled = true;
      pool.close();
    }
  });
  port.start();

  try {
    for await (const chunk of readChunks(file, pool, () => cancelled)) {
      port.postMessage({ type: 'chunk', buffer: chunk.buffer, length: chunk.byteLength }, [chunk.buffer]);
    }
    port.postMessage({ type: cancelled ? 'cancelled' : 'end' });
  } catch (error) {
    port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
  port.close();
}

/**
 * Yields views of the file's bytes in order, each at the start of its own ArrayBuffer.
 * A BYOB reader fills buffers from the pool. Where the Blob stream is not a byte stream,
 * reads go through `Blob.slice` and allocate a buffer per chunk instead.
 * @param {Blob} file
 * @param {BufferPool} pool
 * @param {() => boolean} isCancelled
 * @returns {AsyncGenerator<Uint8Array>}
 */
async function* readChunks(file, pool, isCancelled) {
  let reader;
  try {
    reader = file.stream().getReader({ mode: 'byob' });
  } catch {
    for (let offset = 0; offset < file.size && !isCancelled(); offset += pool.chunkSize) {
      yield new Uint8Array(await file.slice(offset, offset + pool.chunkSize).arrayBuffer());
    }
    return;
  }

  for (;;) {
    const buffer = await pool.take();
    if (!buffer || isCancelled()) {
      await reader.cancel();
      return;
    }
    // `min` requests a full buffer, so the hashing side gets few, large chunks.
    const { done, value } = await reader.read(new Uint8Array(buffer), { min: pool.chunkSize });
    if (value && value.byteLength > 0) {
      yield value;
    } else if (value) {
      pool.put(value.buffer);
    }
    if (done) {
      return;
    }
  }
}

/**
 * A fixed set of equal ArrayBuffers. `take` waits while all of them are in use, and
 * returns null once the pool is closed.
 */
class BufferPool {
  /**
   * @param {number} chunkSize
   * @param {number} count
   */
  constructor(chunkSize, count) {
    this.chunkSize = chunkSize;
    /** @type {ArrayBuffer[]} */
    this.free = Array.from({ length: count }, () => new ArrayBuffer(chunkSize));
    /** @type {(() => void)[]} */
    this.waiters = [];
    this.closed = false;
  }

  /** @returns {Promise<ArrayBuffer | null>} */
  async take() {
    while (this.free.length === 0 && !this.closed) {
      await new Promise((resolve) => this.waiters.push(() => resolve(undefined)));
    }
    return this.closed ? null : /** @type {ArrayBuffer} */ (this.free.pop());
  }

  /** @param {ArrayBuffer} buffer */
  put(buffer) {
    this.free.push(buffer);
    this.wakeAll();
  }

  close() {
    this.closed = true;
    this.wakeAll();
  }

  wakeAll() {
    for (const wake of this.waiters.splice(0)) {
      wake();
    }
  }
}
