// The toolbar popup: who is signed in, sign-in and sign-out, and the recent requests
// with their status. A request whose action is not final yet can be cancelled.
import { describeError, errorCode } from '../lib/errors.js';
import { t, localize, formatTime, statusLabel } from '../lib/i18n.js';
import { request } from '../lib/messages.js';

/** @typedef {import('../types/shapes').QuarantineRecord} QuarantineRecord */
/** @typedef {{time: number, where: string, code: string, requestId: string | null}} ErrorLogEntry */

const userLine = /** @type {HTMLElement} */ (document.getElementById('signed-in-user'));
const signInButton = /** @type {HTMLButtonElement} */ (document.getElementById('sign-in'));
const signOutButton = /** @type {HTMLButtonElement} */ (document.getElementById('sign-out'));
const optionsButton = /** @type {HTMLButtonElement} */ (document.getElementById('open-options'));
const accountError = /** @type {HTMLElement} */ (document.getElementById('account-error'));
const list = /** @type {HTMLUListElement} */ (document.getElementById('actions'));
const emptyNote = /** @type {HTMLElement} */ (document.getElementById('no-actions'));

localize(document);

signInButton.addEventListener('click', () => void run(() => request('signIn')));
signOutButton.addEventListener('click', () => void run(() => request('signOut')));
optionsButton.addEventListener('click', () => void chrome.runtime.openOptionsPage());

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes.history) {
    renderHistory(/** @type {QuarantineRecord[]} */ (changes.history.newValue ?? []));
  }
  if (area === 'local' && changes.recentErrors) {
    renderErrorLog(/** @type {ErrorLogEntry[]} */ (changes.recentErrors.newValue ?? []));
  }
});

void refreshAccount();
void chrome.storage.local.get(['history', 'recentErrors']).then((stored) => {
  renderHistory(/** @type {QuarantineRecord[]} */ (stored.history ?? []));
  renderErrorLog(/** @type {ErrorLogEntry[]} */ (stored.recentErrors ?? []));
});

/**
 * Recent failures for troubleshooting: codes and ids only.
 * @param {ErrorLogEntry[]} entries
 */
function renderErrorLog(entries) {
  const details = /** @type {HTMLElement} */ (document.getElementById('recent-errors'));
  const log = /** @type {HTMLUListElement} */ (document.getElementById('error-log'));
  details.hidden = entries.length === 0;
  log.replaceChildren(
    ...entries.map((entry) => {
      const item = document.createElement('li');
      item.textContent = t('recentErrorEntry', formatTime(entry.time), entry.where, entry.code, entry.requestId ?? '-');
      return item;
    }),
  );
}

/** @param {() => Promise<unknown>} action */
async function run(action) {
  accountError.hidden = true;
  try {
    await action();
  } catch (error) {
    showAccountError(error);
  }
  await refreshAccount();
}

// Until the first status arrives the account line says "Loading…" (popup.html): the
// first read of managed storage after a browser start can take seconds.
async function refreshAccount() {
  try {
    /** @type {import('../types/shapes').Status} */
    const status = await request('getStatus');
    userLine.classList.remove('muted');
    userLine.removeAttribute('aria-busy');
    if (!status.configured) {
      userLine.textContent = t('notConfiguredShort');
      signInButton.hidden = true;
      signOutButton.hidden = true;
      return;
    }
    if (status.signedIn && status.account) {
      userLine.textContent = t('signedInAs', status.account.name ? `${status.account.name} (${status.account.upn})` : status.account.upn);
      userLine.dataset.upn = status.account.upn;
    } else {
      userLine.textContent = t('notSignedIn');
      delete userLine.dataset.upn;
    }
    signInButton.hidden = status.signedIn;
    signOutButton.hidden = !status.signedIn;
  } catch (error) {
    if (userLine.hasAttribute('aria-busy')) {
      userLine.textContent = t('notSignedIn');
      userLine.classList.remove('muted');
      userLine.removeAttribute('aria-busy');
      signInButton.hidden = false;
    }
    showAccountError(error);
  }
}

/** @param {unknown} error */
function showAccountError(error) {
  accountError.textContent = describeError(error, { operation: 'signIn' });
  accountError.dataset.code = errorCode(error);
  accountError.hidden = false;
}

/**
 * The action whose cancel the analyst is confirming, with the comment typed so far:
 * the list is redrawn on every history change, and the question must survive that.
 * @type {{actionId: string, comment: string, focus: boolean, error: unknown} | null}
 */
let confirming = null;

/** @type {QuarantineRecord[]} */
let shownRecords = [];

/** Actions whose cancel Defender rejected because they were cancelled already. */
const alreadyCancelled = new Set();

/** @param {QuarantineRecord[]} records */
function renderHistory(records) {
  shownRecords = records;
  records = oneRowPerAction(records);
  const active = document.activeElement;
  if (confirming && active instanceof HTMLTextAreaElement && active.classList.contains('cancel-comment')) {
    confirming.focus = true;
  }
  emptyNote.hidden = records.length > 0;
  list.replaceChildren(...records.map(renderRecord));
}

/**
 * Keeps one record per machine action: sending the same file twice finds the action
 * of the first request, and both requests then follow that one action. The record kept
 * is the one with the newest state of the action, so a cancel shows at once.
 * @param {QuarantineRecord[]} records newest first
 * @returns {QuarantineRecord[]}
 */
function oneRowPerAction(records) {
  /** @type {Map<string, QuarantineRecord>} */
  const freshest = new Map();
  for (const record of records) {
    const id = record.action?.id;
    const kept = id ? freshest.get(id) : undefined;
    if (id && (!kept || isNewer(record, kept))) {
      freshest.set(id, record);
    }
  }
  const shown = new Set();
  return records.flatMap((record) => {
    const id = record.action?.id;
    if (!id) {
      return [record];
    }
    if (shown.has(id)) {
      return [];
    }
    shown.add(id);
    return [/** @type {QuarantineRecord} */ (freshest.get(id))];
  });
}

/**
 * @param {QuarantineRecord} record
 * @param {QuarantineRecord} other
 */
function isNewer(record, other) {
  const a = /** @type {import('../types/shapes').MachineAction} */ (record.action);
  const b = /** @type {import('../types/shapes').MachineAction} */ (other.action);
  if (a.isFinal !== b.isFinal) {
    return a.isFinal;
  }
  return Date.parse(a.lastUpdateDateTimeUtc ?? '') > Date.parse(b.lastUpdateDateTimeUtc ?? '');
}

/** @param {QuarantineRecord} record */
function renderRecord(record) {
  const row = document.createElement('li');
  row.dataset.requestId = record.requestId;
  const status = record.action?.status ?? record.phase;
  if (record.action) {
    row.dataset.actionId = record.action.id;
  }
  row.dataset.status = status;

  const line = document.createElement('div');
  line.className = 'line';
  const device = document.createElement('span');
  device.className = 'device';
  device.textContent = record.computerDnsName ?? record.machineId;
  const badge = document.createElement('span');
  badge.className = 'status';
  badge.dataset.status = status;
  badge.textContent = record.action ? statusLabel(record.action.status) : t(`phase_${record.phase}`);
  line.append(device, badge);

  const detail = document.createElement('div');
  detail.className = 'detail';
  if (record.fileName) {
    const name = document.createElement('span');
    name.className = 'file-name';
    name.textContent = record.fileName;
    detail.append(name, ' ');
  }
  const when = document.createElement('span');
  when.className = 'when';
  when.textContent = formatTime(record.createdAt);
  detail.append(renderHash(record.sha1), ' · ', when);
  row.append(line, detail);

  if (record.phase === 'failed' && record.error) {
    const failure = document.createElement('p');
    failure.className = 'error-text';
    failure.dataset.code = errorCode(record.error);
    failure.textContent = describeError(record.error, {
      operation: 'quarantine', device: record.computerDnsName ?? record.machineId, hash: record.sha1,
    });
    row.append(failure);
  }

  if (record.action && alreadyCancelled.has(record.action.id)) {
    const note = document.createElement('p');
    note.className = 'note';
    note.textContent = t('actionAlreadyCancelled');
    row.append(note);
  }

  if (record.action && !record.action.isFinal) {
    const actionId = record.action.id;
    if (confirming?.actionId === actionId) {
      row.append(renderCancelConfirm(record));
    } else {
      const cancel = document.createElement('button');
      cancel.type = 'button';
      cancel.className = 'cancel-action';
      cancel.textContent = t('cancelAction');
      cancel.addEventListener('click', () => {
        confirming = { actionId, comment: '', focus: true, error: null };
        renderHistory(shownRecords);
      });
      row.append(cancel);
    }
  }
  return row;
}

/**
 * A SHA-1 shortened to fit the popup's width, such as `a94a8fe5…8fbd3`: enough to
 * tell requests apart. The full value is in the tooltip, and a click or a copy of the
 * selection puts the full value on the clipboard.
 * @param {string} sha1
 */
function renderHash(sha1) {
  const hash = document.createElement('code');
  hash.className = 'hash';
  hash.dataset.sha1 = sha1;
  hash.textContent = shortHash(sha1);
  hash.title = t('hashTitle', sha1);
  hash.tabIndex = 0;
  hash.addEventListener('click', () => void copyHash(hash));
  hash.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      void copyHash(hash);
    }
  });
  return hash;
}

/** @param {HTMLElement} hash */
async function copyHash(hash) {
  await navigator.clipboard.writeText(hash.dataset.sha1 ?? '');
  hash.dataset.copied = 'true';
  setTimeout(() => delete hash.dataset.copied, 1500);
}

/** @param {string} sha1 */
function shortHash(sha1) {
  return sha1.length > 16 ? `${sha1.slice(0, 8)}…${sha1.slice(-4)}` : sha1;
}

// A selection that covers a shortened SHA-1 copies the full value, never the `…` form.
document.addEventListener('copy', (event) => {
  const selection = document.getSelection();
  if (!selection || selection.rangeCount === 0 || !event.clipboardData) {
    return;
  }
  const hashes = [...list.querySelectorAll('code.hash')].filter((hash) => selection.containsNode(hash, true));
  if (hashes.length === 0) {
    return;
  }
  let text = selection.toString();
  for (const hash of hashes) {
    text = text.replace(hash.textContent ?? '', /** @type {HTMLElement} */ (hash).dataset.sha1 ?? '');
  }
  event.clipboardData.setData('text/plain', text);
  event.preventDefault();
});

/**
 * @param {QuarantineRecord[]} records
 * @param {string} actionId
 */
function wasCancelled(records, actionId) {
  return records.some((record) => record.action?.id === actionId && record.action.status === 'Cancelled');
}

/**
 * Asks before cancelling: a cancel cannot be undone, and Defender records the
 * analyst's comment with it.
 * @param {QuarantineRecord} record
 */
function renderCancelConfirm(record) {
  const state = /** @type {{actionId: string, comment: string, focus: boolean, error: unknown}} */ (confirming);
  const box = document.createElement('div');
  box.className = 'cancel-confirm';
  box.setAttribute('role', 'group');

  const question = document.createElement('p');
  question.id = `cancel-question-${record.requestId}`;
  question.textContent = t('cancelQuestion', record.fileName ?? shortHash(record.sha1), record.computerDnsName ?? record.machineId);
  box.setAttribute('aria-labelledby', question.id);

  const label = document.createElement('label');
  label.htmlFor = `cancel-comment-${record.requestId}`;
  label.textContent = t('cancelCommentLabel');
  const comment = document.createElement('textarea');
  comment.id = label.htmlFor;
  comment.className = 'cancel-comment';
  comment.rows = 2;
  comment.maxLength = 1000;
  comment.value = state.comment;
  comment.addEventListener('input', () => {
    state.comment = comment.value;
  });

  const buttons = document.createElement('div');
  buttons.className = 'row';
  const confirm = document.createElement('button');
  confirm.type = 'button';
  confirm.className = 'danger confirm-cancel';
  confirm.textContent = t('cancelConfirm');
  const keep = document.createElement('button');
  keep.type = 'button';
  keep.className = 'keep-action';
  keep.textContent = t('cancelKeep');
  buttons.append(confirm, keep);

  keep.addEventListener('click', () => {
    confirming = null;
    renderHistory(shownRecords);
  });
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    keep.disabled = true;
    try {
      await request('cancelAction', { requestId: record.requestId, comment: state.comment });
      confirming = null;
    } catch (error) {
      state.error = error;
    }
    const stored = /** @type {QuarantineRecord[]} */ ((await chrome.storage.local.get('history')).history ?? []);
    if (state.error && wasCancelled(stored, state.actionId)) {
      // The service worker fetched the action after the rejected cancel. It was cancelled
      // already, which is what the analyst wanted, so say that instead of an error.
      alreadyCancelled.add(state.actionId);
      confirming = null;
    }
    renderHistory(stored);
  });

  box.append(question, label, comment, buttons);
  if (state.error) {
    const failure = document.createElement('p');
    failure.className = 'error-text';
    failure.dataset.code = errorCode(state.error);
    failure.textContent = describeError(state.error, { operation: 'action' });
    box.append(failure);
  }
  if (state.focus) {
    state.focus = false;
    queueMicrotask(() => {
      comment.focus();
      comment.setSelectionRange(comment.value.length, comment.value.length);
    });
  }
  return box;
}
