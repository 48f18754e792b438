// Sends stop-and-quarantine requests and follows the resulting machine actions to a
// final status. Each request is a record in the history with a phase and the earliest
// time of its next step; `pump` runs the steps that are due. Timers drive the steps
// while the service worker runs, and one alarm wakes a stopped worker for the next due
// step, so stopping the worker loses nothing.
import { coreReady } from '../lib/core.js';
import { toPlainError } from '../lib/errors.js';
import { t } from '../lib/i18n.js';
import { callApi, currentApi, isKind } from './api.js';
import { getAccessToken } from './auth.js';
import { addRecord, updateRecord, readHistory, findRecord, isFinished } from './history.js';
import { logError } from './error-log.js';
import { notifyOutcome } from './notify.js';

/** @typedef {import('../types/shapes').QuarantineRecord} QuarantineRecord */
/** @typedef {import('../types/shapes').MachineAction} MachineAction */

export const PUMP_ALARM = 'pump';

const FIRST_POLL_MS = 2_000;
const MAX_POLL_MS = 30_000;
// An action on an offline device stays pending until the device reports or Defender
// times it out, which can take days. After this long it is polled rarely, because the
// rate limit is shared by every analyst of the tenant.
const SLOW_POLL_AFTER_MS = 10 * 60 * 1000;
const SLOW_POLL_MS = 5 * 60 * 1000;
const MAX_SEND_ATTEMPTS = 3;
const MAX_CHECKS = 8;
// The action list can lag behind the response that reported the pending action.
const MAX_PENDING_CHECKS = 4;
// An action in the list counts as this request's when it was created at most this long
// before the first attempt. The margin covers clock skew between this machine and Defender.
const CREATION_SKEW_MS = 10 * 60 * 1000;
// While a step is running, the alarm still fires by then, in case the worker stops.
const BACKSTOP_MS = 60_000;

/** Requests whose step is running in this worker. */
const busy = new Set();

/** @type {ReturnType<typeof setTimeout> | undefined} */
let pumpTimer;

/**
 * Validates a request with the core, records it, and starts sending it.
 * @param {{machineId: string, computerDnsName: string | null, sha1: string, comment: string, fileName: string | null}} request
 * @returns {Promise<{requestId: string}>}
 */
export async function submitQuarantine(request) {
  const core = await coreReady;
  const machineId = core.normalizeMachineId(request.machineId);
  const sha1 = core.normalizeSha1(request.sha1);
  const comment = core.normalizeComment(request.comment);

  // Fail before recording anything when no token can be had.
  await getAccessToken();
  const { cloud, apiBase } = await currentApi();
  const now = Date.now();

  /** @type {QuarantineRecord} */
  const record = {
    requestId: crypto.randomUUID(),
    createdAt: now,
    updatedAt: now,
    cloud,
    apiBase,
    machineId,
    computerDnsName: request.computerDnsName,
    sha1,
    comment,
    fileName: request.fileName,
    phase: 'queued',
    checkReason: null,
    notBefore: now,
    waitReason: null,
    attempts: 0,
    checks: 0,
    polls: 0,
    action: null,
    existing: false,
    error: null,
    notified: false,
  };
  await addRecord(record);
  void pump();
  return { requestId: record.requestId };
}

/**
 * Asks Defender to cancel the action of a request that is not final yet.
 * @param {string} requestId
 * @param {string} comment the analyst's reason; Defender needs one, so an empty
 *   comment becomes the extension's standard text
 */
export async function cancelRequest(requestId, comment) {
  const record = await findRecord(requestId);
  if (!record || !record.action || record.action.isFinal) {
    throw { code: 'actionNotCancellable' };
  }
  const actionId = record.action.id;
  let action;
  try {
    action = await callApi(
      'cancelMachineAction',
      { actionId, comment: comment.trim() || t('cancelComment') },
      apiOf(record),
    );
  } catch (error) {
    // A rejected cancel usually means the action went final meanwhile (cancelled in the
    // portal, or finished): fetch it, so the popup can say which instead of a bare 400.
    const current = await callApi('getMachineAction', { actionId }, apiOf(record)).catch(() => null);
    if (current) {
      await followActionEverywhere(current);
    }
    throw error;
  }
  await followActionEverywhere(action);
  void pump();
}

/**
 * Records a new state of an action in every unfinished request that found it: the
 * analyst may have sent the same file twice, and both requests follow one action.
 * @param {MachineAction} action
 */
async function followActionEverywhere(action) {
  for (const record of await readHistory()) {
    if (!isFinished(record) && record.action?.id === action.id) {
      await followAction(record, action, record.existing);
    }
  }
}

/**
 * Puts requests that a worker stop interrupted mid-send back on track: the POST may
 * or may not have reached Defender, so the action list is checked before any resend.
 */
export async function recoverInterrupted() {
  for (const record of await readHistory()) {
    if (record.phase === 'sending' && !busy.has(record.requestId)) {
      await updateRecord(record.requestId, { phase: 'checking', checkReason: 'uncertain', notBefore: Date.now() });
    }
  }
}

/** Lets requests that paused for a sign-in continue now. */
export async function resumeAfterSignIn() {
  for (const record of await readHistory()) {
    if (!isFinished(record) && record.waitReason === 'signInRequired') {
      await updateRecord(record.requestId, { notBefore: Date.now(), waitReason: null });
    }
  }
  await pump();
}

/** Starts every step that is due, then schedules the next wake-up. */
export async function pump() {
  const now = Date.now();
  const records = await readHistory();

  for (const record of records) {
    if (isFinished(record) || busy.has(record.requestId) || record.notBefore > now + 50) {
      continue;
    }
    busy.add(record.requestId);
    runStep(record)
      .catch((error) => failRecord(record, toPlainError(error)))
      .finally(() => {
        busy.delete(record.requestId);
        void pump();
      });
  }
  await scheduleNextPump(records);
}

/** @param {QuarantineRecord[]} records */
async function scheduleNextPump(records) {
  const unfinished = records.filter((record) => !isFinished(record));
  if (unfinished.length === 0) {
    clearTimeout(pumpTimer);
    await chrome.alarms.clear(PUMP_ALARM);
    return;
  }
  const idle = unfinished.filter((record) => !busy.has(record.requestId));
  let next = Math.min(...idle.map((record) => record.notBefore), Date.now() + BACKSTOP_MS);
  next = Math.max(next, Date.now() + 50);

  clearTimeout(pumpTimer);
  if (idle.length > 0) {
    pumpTimer = setTimeout(() => void pump(), next - Date.now());
  }
  // Since Chrome 120 a packed extension's alarms fire at most every 30 s, so the timer
  // above keeps steps on time while this worker lives.
  await chrome.alarms.create(PUMP_ALARM, { when: next });
}

/** @param {QuarantineRecord} record */
async function runStep(record) {
  switch (record.phase) {
    case 'queued':
    case 'waiting':
      return send(record);
    case 'sending':
    case 'checking':
      return checkActionList(record);
    case 'following':
      return poll(record);
    default:
      return undefined;
  }
}

/** @param {QuarantineRecord} record */
async function send(record) {
  const attempts = record.attempts + 1;
  // Recorded before the request leaves, so a worker stopped mid-send is recovered by
  // checking the action list instead of sending blindly again.
  await updateRecord(record.requestId, { phase: 'sending', attempts, waitReason: null });

  try {
    const action = await callApi(
      'stopAndQuarantineFile',
      { machineId: record.machineId, sha1: record.sha1, comment: record.comment },
      apiOf(record),
    );
    await followAction(record, action, false);
  } catch (error) {
    const plain = toPlainError(error);
    if (isKind(plain, 'alreadyPending')) {
      await updateRecord(record.requestId, { phase: 'checking', checkReason: 'alreadyPending', checks: 0, notBefore: Date.now() });
    } else if (isKind(plain, 'rateLimited')) {
      await waitForRetryAfter(record, plain, 'waiting');
    } else if (isUncertain(plain)) {
      await updateRecord(record.requestId, { phase: 'checking', checkReason: 'uncertain', checks: 0, notBefore: Date.now(), error: plain });
    } else {
      await failRecord(record, plain);
    }
  }
}

/**
 * Looks for the action in the device's action list: the pending one after
 * `alreadyPending`, or one this request may have created after an uncertain send.
 * @param {QuarantineRecord} record
 */
async function checkActionList(record) {
  const reason = record.checkReason ?? 'uncertain';
  const checks = record.checks + 1;
  /** @type {MachineAction[]} */
  let actions;
  try {
    actions = await callApi(
      'listMachineActions',
      { machineId: record.machineId, type: 'StopAndQuarantineFile', top: 100 },
      apiOf(record),
    );
  } catch (error) {
    const plain = toPlainError(error);
    if (isKind(plain, 'rateLimited')) {
      await waitForRetryAfter(record, plain, 'checking');
    } else if (isUncertain(plain) && checks < MAX_CHECKS) {
      await updateRecord(record.requestId, { phase: 'checking', checks, notBefore: Date.now() + backoff(checks), error: plain });
    } else {
      await failRecord(record, plain);
    }
    return;
  }

  const match = findMatchingAction(actions, record, reason);
  if (match) {
    await followAction(record, match, reason === 'alreadyPending');
    return;
  }
  if (reason === 'alreadyPending') {
    if (checks < MAX_PENDING_CHECKS) {
      await updateRecord(record.requestId, { phase: 'checking', checks, notBefore: Date.now() + FIRST_POLL_MS });
    } else {
      await failRecord(record, { code: 'actionNotFoundAfterPending' });
    }
    return;
  }

  // The list shows nothing from this request, so the earlier attempt most likely
  // created nothing. Should the list lag behind, Defender answers the resend with
  // `alreadyPending`, and the existing action is followed instead of a duplicate.
  if (record.attempts < MAX_SEND_ATTEMPTS) {
    await updateRecord(record.requestId, {
      phase: 'queued', checks, waitReason: 'retrying', notBefore: Date.now() + backoff(record.attempts),
    });
  } else {
    await failRecord(record, record.error ?? { code: 'internal', detail: 'send failed' });
  }
}

/**
 * @param {MachineAction[]} actions
 * @param {QuarantineRecord} record
 * @param {'alreadyPending' | 'uncertain'} reason
 * @returns {MachineAction | null}
 */
function findMatchingAction(actions, record, reason) {
  const sameFile = actions.filter(
    (action) =>
      String(action.type).toLowerCase() === 'stopandquarantinefile' &&
      String(action.relatedFileInfo?.fileIdentifier ?? '').toLowerCase() === record.sha1 &&
      String(action.machineId ?? record.machineId).toLowerCase() === record.machineId.toLowerCase(),
  );
  const candidates =
    reason === 'alreadyPending'
      ? sameFile.filter((action) => !action.isFinal)
      : sameFile.filter(
          (action) =>
            action.requestorComment === record.comment &&
            Date.parse(action.creationDateTimeUtc ?? '') >= record.createdAt - CREATION_SKEW_MS,
        );
  candidates.sort((a, b) => Date.parse(b.creationDateTimeUtc ?? '') - Date.parse(a.creationDateTimeUtc ?? ''));
  return candidates[0] ?? null;
}

/** @param {QuarantineRecord} record */
async function poll(record) {
  if (!record.action) {
    await updateRecord(record.requestId, { phase: 'checking', checkReason: 'uncertain', notBefore: Date.now() });
    return;
  }
  try {
    const action = await callApi('getMachineAction', { actionId: record.action.id }, apiOf(record));
    await followAction({ ...record, polls: record.polls + 1 }, action, record.existing);
  } catch (error) {
    const plain = toPlainError(error);
    if (isKind(plain, 'rateLimited')) {
      await waitForRetryAfter(record, plain, 'following');
    } else if (isKind(plain, 'unauthorized') || ('code' in plain && plain.code === 'signInRequired')) {
      await updateRecord(record.requestId, {
        waitReason: 'signInRequired', notBefore: Date.now() + BACKSTOP_MS, error: plain,
      });
    } else if (isUncertain(plain)) {
      await updateRecord(record.requestId, {
        polls: record.polls + 1, notBefore: Date.now() + pollDelay(record.polls + 1), error: plain,
      });
    } else {
      await failRecord(record, plain);
    }
  }
}

/**
 * Records the action's latest state: finished with a notification when final, else
 * followed again after the next poll delay.
 * @param {QuarantineRecord} record
 * @param {MachineAction} action
 * @param {boolean} existing
 */
async function followAction(record, action, existing) {
  if (action.isFinal) {
    const done = await updateRecord(record.requestId, {
      phase: 'done', action, existing, error: null, waitReason: null,
    });
    if (done) {
      await notifyOnce(done);
    }
    return;
  }
  await updateRecord(record.requestId, {
    phase: 'following', action, existing, error: null, waitReason: null, polls: record.polls,
    notBefore: Date.now() + (Date.now() - record.createdAt > SLOW_POLL_AFTER_MS ? SLOW_POLL_MS : pollDelay(record.polls)),
  });
}

/**
 * @param {QuarantineRecord} record
 * @param {import('../types/shapes').PlainError} error
 */
async function failRecord(record, error) {
  await logError('stopAndQuarantineFile', error, record.requestId);
  const failed = await updateRecord(record.requestId, { phase: 'failed', error, waitReason: null });
  if (failed) {
    await notifyOnce(failed);
  }
}

/**
 * Waits for the time a 429's `Retry-After` (or the local limiter) requests, staying in
 * `phase`.
 * @param {QuarantineRecord} record
 * @param {import('../types/shapes').PlainError} error
 * @param {QuarantineRecord['phase']} phase
 */
async function waitForRetryAfter(record, error, phase) {
  const seconds = Number(/** @type {any} */ (error).retryAfterSeconds ?? 60);
  await updateRecord(record.requestId, {
    phase, waitReason: 'rateLimited', notBefore: Date.now() + Math.max(1, seconds) * 1000, error,
  });
}

/** @param {QuarantineRecord} record */
async function notifyOnce(record) {
  if (record.notified) {
    return;
  }
  await updateRecord(record.requestId, { notified: true });
  await notifyOutcome(record);
}

/**
 * Failures after which the request may or may not have reached Defender.
 * @param {unknown} error
 */
function isUncertain(error) {
  return isKind(error, 'network') || isKind(error, 'server') || isKind(error, 'unexpected');
}

/** @param {QuarantineRecord} record */
function apiOf(record) {
  return { cloud: record.cloud, apiBase: record.apiBase };
}

/** @param {number} polls */
function pollDelay(polls) {
  return Math.min(FIRST_POLL_MS * 1.5 ** polls, MAX_POLL_MS);
}

/** @param {number} attempt */
function backoff(attempt) {
  return Math.min(2_000 * 2 ** attempt, 60_000);
}
