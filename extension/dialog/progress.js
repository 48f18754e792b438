// Follows the dialog's requests in the history that the service worker keeps in
// `chrome.storage.local`, so the view stays right even when the worker stops and
// resumes in between.
import { describeActionOutcome, describeError, errorCode } from '../lib/errors.js';
import { t, formatTime, formatClock, statusLabel } from '../lib/i18n.js';
import { byId, element } from './dom.js';

/** @typedef {import('../types/shapes').QuarantineRecord} QuarantineRecord */

const list = byId('requests', HTMLUListElement);
const notice = byId('progress-notice', HTMLParagraphElement);

/** @type {string[]} */
let followed = [];
/** @type {QuarantineRecord[]} */
let latest = [];
/** @type {(step: string, firstFailure: QuarantineRecord | null) => void} */
let onStep = () => {};
/** @type {ReturnType<typeof setInterval> | undefined} */
let countdown;

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes.history && followed.length > 0) {
    render(/** @type {QuarantineRecord[]} */ (changes.history.newValue ?? []));
  }
});

/**
 * Starts following the given requests.
 * @param {string[]} requestIds
 * @param {(step: string, firstFailure: QuarantineRecord | null) => void} stepChanged
 */
export async function follow(requestIds, stepChanged) {
  followed = requestIds;
  onStep = stepChanged;
  const stored = await chrome.storage.local.get('history');
  render(/** @type {QuarantineRecord[]} */ (stored.history ?? []));
  clearInterval(countdown);
  // Updates the notice once a second so a wait shows its remaining seconds; the rows
  // change only with the history, so screen readers are not flooded.
  countdown = setInterval(renderNotice, 1000);
}

/** @param {QuarantineRecord[]} history */
function render(history) {
  latest = followed
    .map((id) => history.find((record) => record.requestId === id))
    .filter((record) => record !== undefined);
  const firstFailure = latest.find((record) => record.phase === 'failed') ?? null;
  list.replaceChildren(...latest.map((record, index) => renderRecord(record, index === 0, record === firstFailure)));
  renderNotice();

  const phases = latest.map((record) => record.phase);
  let step = 'sending';
  if (latest.length > 0 && phases.every((phase) => phase === 'done' || phase === 'failed')) {
    step = firstFailure ? 'error' : 'done';
    clearInterval(countdown);
  } else if (phases.some((phase) => phase === 'following' || phase === 'done')) {
    step = 'following';
  }
  onStep(step, firstFailure);
}

/**
 * @param {QuarantineRecord} record
 * @param {boolean} first the first row carries the ids the tests and screen readers use
 * @param {boolean} shownAbove the dialog's error box already explains this failure
 */
function renderRecord(record, first, shownAbove) {
  const row = element('li');
  row.dataset.requestId = record.requestId;
  const file = record.fileName ? t('requestFile', record.fileName, record.sha1) : t('requestSha1', record.sha1);
  row.append(element('div', file, 'mono'));

  const rejected = !record.action && record.phase === 'failed';
  const actionId = element('code', record.action?.id ?? (rejected ? t('actionIdNone') : t('actionIdNotYet')));
  const status = element('span', statusText(record), 'status');
  status.dataset.status = record.action?.status ?? record.phase;
  if (first) {
    actionId.id = 'action-id';
    status.id = 'action-status';
  }
  const line = element('div');
  if (rejected) {
    line.append(actionId, ' · ', status);
  } else {
    line.append(t('actionIdLabel'), ' ', actionId, ' · ', status);
  }
  row.append(line);

  if (record.existing && record.action) {
    row.append(element('p', t('existingAction', record.action.requestor ?? '?', formatTime(record.action.creationDateTimeUtc)), 'notice'));
  }
  const outcome = record.action?.isFinal ? describeActionOutcome(record.action) : '';
  if (outcome) {
    const reason = element('p', outcome, record.action?.status === 'Cancelled' ? 'notice' : 'error-text');
    reason.classList.add('action-outcome');
    if (first) {
      reason.id = 'action-outcome';
    }
    row.append(reason);
  }
  if (record.phase === 'failed' && record.error && !shownAbove) {
    const failure = element('p', describeError(record.error, subjectOf(record)), 'error-text');
    failure.dataset.code = errorCode(record.error);
    row.append(failure);
  }
  return row;
}

const REJECTIONS = ['forbidden', 'notFound', 'invalidRequest', 'alreadyPending', 'unauthorized', 'urlNotAllowed'];

/** @param {QuarantineRecord} record */
function statusText(record) {
  if (record.action) {
    return statusLabel(record.action.status);
  }
  // An error response from Defender is a rejection. After a network failure it is
  // unknown whether Defender saw the request, so the phase is shown instead.
  if (record.phase === 'failed' && record.error && REJECTIONS.includes(errorCode(record.error))) {
    return t('requestRejected');
  }
  return t(`phase_${record.phase}`);
}

function renderNotice() {
  const waiting = latest.find((record) => record.waitReason === 'rateLimited' && record.phase !== 'done' && record.phase !== 'failed');
  const checking = latest.find((record) => record.phase === 'checking');
  const retrying = latest.find((record) => record.waitReason === 'retrying');
  notice.hidden = false;
  delete notice.dataset.wait;

  if (waiting) {
    const seconds = Math.max(0, Math.ceil((waiting.notBefore - Date.now()) / 1000));
    notice.dataset.wait = 'rateLimited';
    notice.textContent = t('waitRateLimited', seconds, formatClock(waiting.notBefore));
  } else if (checking) {
    notice.textContent = t('checkingActionList');
  } else if (retrying) {
    notice.textContent = t('retryingAfterCheck', formatClock(retrying.notBefore));
  } else {
    notice.hidden = true;
  }
}

/** @param {QuarantineRecord} record */
export function subjectOf(record) {
  return {
    operation: /** @type {const} */ ('quarantine'),
    device: record.computerDnsName ?? record.machineId,
    hash: record.sha1,
  };
}
