// Waiting on conditions. Every wait polls a condition until it is true or a deadline
// passes. No wait sleeps for a fixed time.

const POLL_MS = 50;

/**
 * Polls `condition` until it returns a truthy value, and returns that value.
 * @template T
 * @param {() => T | Promise<T>} condition
 * @param {{timeout?: number, message: string | (() => string | Promise<string>)}} options
 * @returns {Promise<NonNullable<T>>}
 */
export async function waitUntil(condition, { timeout = 20_000, message }) {
  const deadline = Date.now() + timeout;
  let lastError;
  for (;;) {
    try {
      // A check that never settles (a DevTools call to a frame being torn down) must
      // not outlast the deadline.
      const value = await withinMs(condition(), deadline - Date.now() + POLL_MS);
      if (value) {
        return /** @type {NonNullable<T>} */ (value);
      }
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const text = typeof message === 'function' ? await message() : message;
      const cause = lastError ? ` (last error: ${lastError instanceof Error ? lastError.message : String(lastError)})` : '';
      throw new Error(`Timed out after ${timeout} ms waiting until ${text}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Settles like `promise`, or with undefined after `ms` if it has not settled by then.
 * @template T
 * @param {T | Promise<T>} promise
 * @param {number} ms
 * @returns {Promise<T | undefined>}
 */
async function withinMs(promise, ms) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const expired = new Promise((resolve) => {
    timer = setTimeout(() => resolve(undefined), Math.max(0, ms));
  });
  try {
    return await Promise.race([promise, /** @type {Promise<undefined>} */ (expired)]);
  } finally {
    clearTimeout(timer);
  }
}
