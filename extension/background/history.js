// The history of stop-and-quarantine requests in `chrome.storage.local`, newest
// first. It holds device ids, SHA-1s, comments and action ids, never a token. The
// dialog and the popup read it and follow `chrome.storage.onChanged`; only the service
// worker writes it, one update at a time.

/** @typedef {import('../types/shapes').QuarantineRecord} QuarantineRecord */

export const HISTORY_KEY = 'history';

// Finished records beyond this count are dropped, oldest first. Unfinished records
// are always kept, since they still have work to do.
const MAX_FINISHED_RECORDS = 50;

/** @type {Promise<unknown>} */
let writeQueue = Promise.resolve();

/** @returns {Promise<QuarantineRecord[]>} */
export async function readHistory() {
  const records = (await chrome.storage.local.get(HISTORY_KEY))[HISTORY_KEY];
  return Array.isArray(records) ? records : [];
}

/**
 * Applies `change` to the stored list, after every earlier update finished.
 * @template T
 * @param {(records: QuarantineRecord[]) => T} change mutates the list in place
 * @returns {Promise<T>}
 */
function update(change) {
  const run = writeQueue.then(async () => {
    const records = await readHistory();
    const result = change(records);
    await chrome.storage.local.set({ [HISTORY_KEY]: prune(records) });
    return result;
  });
  writeQueue = run.catch(() => undefined);
  return run;
}

/** @param {QuarantineRecord} record */
export function addRecord(record) {
  return update((records) => {
    records.unshift(record);
  });
}

/**
 * Merges `changes` into the record and returns the updated copy, or null when the
 * record is gone.
 * @param {string} requestId
 * @param {Partial<QuarantineRecord>} changes
 * @returns {Promise<QuarantineRecord | null>}
 */
export function updateRecord(requestId, changes) {
  return update((records) => {
    const index = records.findIndex((record) => record.requestId === requestId);
    if (index < 0) {
      return null;
    }
    records[index] = { ...records[index], ...changes, updatedAt: Date.now() };
    return records[index];
  });
}

/**
 * @param {string} requestId
 * @returns {Promise<QuarantineRecord | null>}
 */
export async function findRecord(requestId) {
  await writeQueue;
  return (await readHistory()).find((record) => record.requestId === requestId) ?? null;
}

/**
 * @param {QuarantineRecord} record
 * @returns {boolean}
 */
export function isFinished(record) {
  return record.phase === 'done' || record.phase === 'failed';
}

/** @param {QuarantineRecord[]} records */
function prune(records) {
  let finished = 0;
  return records.filter((record) => {
    if (!isFinished(record)) {
      return true;
    }
    finished += 1;
    return finished <= MAX_FINISHED_RECORDS;
  });
}
