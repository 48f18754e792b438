// Waiting on conditions. Every wait polls a condition until it holds or a deadline
// passes; none sleeps for a fixed time and then hopes.

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
      const value = await condition();
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
