// A bounded ring of recent failures for troubleshooting, kept in
// `chrome.storage.local` and shown in the popup. Entries carry the time, the place,
// the error code and the request id: never a token, a comment or file contents.
import { errorCode } from '../lib/errors.js';

export const ERROR_LOG_KEY = 'recentErrors';

const MAX_ENTRIES = 20;

/** @type {Promise<unknown>} */
let writeQueue = Promise.resolve();

/**
 * Appends one failure, dropping the oldest beyond the limit.
 * @param {string} where the message type or step that failed
 * @param {unknown} error
 * @param {string | null} [requestId]
 */
export function logError(where, error, requestId = null) {
  const entry = { time: Date.now(), where, code: errorCode(error), requestId };
  writeQueue = writeQueue
    .then(async () => {
      const stored = (await chrome.storage.local.get(ERROR_LOG_KEY))[ERROR_LOG_KEY];
      const entries = Array.isArray(stored) ? stored : [];
      entries.unshift(entry);
      await chrome.storage.local.set({ [ERROR_LOG_KEY]: entries.slice(0, MAX_ENTRIES) });
    })
    .catch(() => undefined);
  return writeQueue;
}
