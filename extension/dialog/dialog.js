// The Stop & Quarantine dialog: an extension page in an iframe on the portal page.
// The analyst picks the device and the file, writes the comment, reviews exactly what
// will be sent and confirms with a real click. The service worker then sends and
// follows the action, so this page never has a token.
import { coreReady } from '../lib/core.js';
import { describeError, errorCode, isRetryable } from '../lib/errors.js';
import { t, localize } from '../lib/i18n.js';
import { request } from '../lib/messages.js';
import { byId, setMessage } from './dom.js';
import { setUpDevice, selectedDevice, showDeviceLookup, lookUp, offerDevicesForFile } from './device.js';
import { setUpFiles, currentHashes, isHashing, useHashFromPage } from './files.js';
import { follow, subjectOf } from './progress.js';

/** @typedef {import('../types/shapes').PortalContext} PortalContext */
/** @typedef {import('../types/shapes').Status} Status */

const CLOSE_MESSAGE = 'stop-quarantine:close';

const views = {
  input: byId('input-view', HTMLElement),
  review: byId('review-view', HTMLElement),
  progress: byId('progress-view', HTMLElement),
};
const errorBox = byId('error', HTMLDivElement);
const signInBanner = byId('signin-banner', HTMLDivElement);
const comment = byId('comment', HTMLTextAreaElement);
const commentMessage = byId('comment-message', HTMLParagraphElement);
const commentCount = byId('comment-count', HTMLSpanElement);
const buttons = {
  cancel: byId('cancel', HTMLButtonElement),
  back: byId('back', HTMLButtonElement),
  retry: byId('retry', HTMLButtonElement),
  review: byId('review', HTMLButtonElement),
  confirm: byId('confirm', HTMLButtonElement),
  signIn: byId('dialog-sign-in', HTMLButtonElement),
  errorSignIn: byId('error-sign-in', HTMLButtonElement),
  options: byId('open-options', HTMLButtonElement),
  discard: byId('discard', HTMLButtonElement),
  keepEditing: byId('keep-editing', HTMLButtonElement),
};
const discardConfirm = byId('discard-confirm', HTMLDivElement);
const hashInput = byId('hash-input', HTMLInputElement);

/** @type {any} */
let core = null;
/** @type {Status | null} */
let status = null;
/** @type {PortalContext | null} */
let context = null;
/** @type {string | null} */
let normalizedComment = null;
let sent = false;
let step = 'input';
// Whether the error shown can be fixed by sending again.
let retryable = false;

localize(document);
void start().catch((error) => showError(error));

async function start() {
  core = await coreReady;
  context = readContext();
  setUpDevice({ onChange: updateReviewButton });
  setUpFiles(core, {
    onChange: updateReviewButton,
    onHashing: (running) => setStep(running ? 'hashing' : 'input'),
  });
  setUpComment();
  setUpButtons();

  status = await request('getStatus');
  if (!status?.configured) {
    showError({ code: 'notConfigured' });
    return;
  }
  if (status.signedIn) {
    startLookups();
  } else {
    signInBanner.hidden = false;
    buttons.signIn.focus();
  }
  updateReviewButton();
}

/**
 * Reads the portal URL the content script passed in the fragment and parses it with
 * the core. Anything unparsable gives the generic dialog: device and file by hand.
 * @returns {PortalContext | null}
 */
function readContext() {
  const pageUrl = new URLSearchParams(location.hash.slice(1)).get('page');
  if (!pageUrl) {
    return null;
  }
  try {
    return core.parsePortalUrl(pageUrl) ?? null;
  } catch {
    return null;
  }
}

function startLookups() {
  if (context?.page === 'device' && context.machineId) {
    showDeviceLookup(context.machineId, false);
    void lookUp(context.machineId);
    byId('hash-input', HTMLInputElement).focus();
    return;
  }
  showDeviceLookup(null, true);
  byId('machine-id-input', HTMLInputElement).focus();
  if (context?.page === 'file' && context.fileHash) {
    void useHashFromPage(context.fileHash).then((sha1) => {
      if (sha1) {
        void offerDevicesForFile(sha1);
      }
    });
  }
}

function setUpComment() {
  if (context?.alertId) {
    comment.value = t('commentTemplateAlert', context.alertId);
  } else if (context?.incidentId) {
    comment.value = t('commentTemplateIncident', context.incidentId);
  } else {
    comment.value = t('commentTemplate');
  }
  comment.defaultValue = comment.value;
  comment.addEventListener('input', validateComment);
  validateComment();
}

function validateComment() {
  const max = Number(core.commentMaxLength());
  commentCount.textContent = t('commentCount', comment.value.length, max);
  try {
    normalizedComment = core.normalizeComment(comment.value);
    setMessage(commentMessage, '');
  } catch (error) {
    normalizedComment = null;
    setMessage(commentMessage, describeError(error), { invalid: true, code: errorCode(error) });
  }
  updateReviewButton();
}

function setUpButtons() {
  buttons.cancel.addEventListener('click', close);
  buttons.discard.addEventListener('click', close);
  buttons.keepEditing.addEventListener('click', keepEditing);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      // A stray Escape must not throw away a typed hash or comment: the first asks,
      // a second one (or the Discard button) closes.
      if (discardConfirm.hidden && hasUnsentInput()) {
        discardConfirm.hidden = false;
        buttons.discard.focus();
      } else {
        close();
      }
    } else if (event.key === 'Tab') {
      keepFocusInside(event);
    }
  });

  buttons.review.addEventListener('click', (event) => {
    // A click synthesized by a script does nothing; the analyst must click.
    if (event.isTrusted) {
      showReview();
    }
  });
  buttons.confirm.addEventListener('click', (event) => {
    if (event.isTrusted) {
      void confirmAndSend();
    }
  });
  buttons.back.addEventListener('click', () => setStep('input'));
  buttons.retry.addEventListener('click', () => {
    sent = false;
    showReview();
  });

  const signIn = async () => {
    try {
      await request('signIn');
      status = await request('getStatus');
      signInBanner.hidden = true;
      errorBox.hidden = true;
      buttons.errorSignIn.hidden = true;
      if (step === 'error' && !sent) {
        setStep('input');
      }
      startLookups();
      updateReviewButton();
    } catch (error) {
      showError(error);
    }
  };
  buttons.signIn.addEventListener('click', () => void signIn());
  buttons.errorSignIn.addEventListener('click', () => void signIn());
  buttons.options.addEventListener('click', () => void chrome.runtime.openOptionsPage());
}

/** Whether Escape would lose what the analyst entered on the input step. */
function hasUnsentInput() {
  if (!['input', 'hashing'].includes(step)) {
    return false;
  }
  return hashInput.value.trim() !== '' || currentHashes().length > 0 || comment.value !== comment.defaultValue;
}

function keepEditing() {
  discardConfirm.hidden = true;
  (hashInput.value.trim() === '' && currentHashes().length === 0 ? hashInput : comment).focus();
}

/**
 * Wraps Tab and Shift+Tab around the dialog's controls, so keyboard focus stays in the
 * modal dialog instead of moving to the portal behind it.
 * @param {KeyboardEvent} event
 */
function keepFocusInside(event) {
  const focusable = [...document.querySelectorAll('button, input, select, textarea, [tabindex="0"]')].filter(
    (element) => element instanceof HTMLElement && !element.hidden && !element.closest('[hidden]') &&
      !(/** @type {HTMLButtonElement} */ (element).disabled) && element.getClientRects().length > 0,
  );
  if (focusable.length === 0) {
    return;
  }
  const first = /** @type {HTMLElement} */ (focusable[0]);
  const last = /** @type {HTMLElement} */ (focusable[focusable.length - 1]);
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

function updateReviewButton() {
  buttons.review.disabled = !(
    status?.signedIn &&
    selectedDevice() &&
    currentHashes().length > 0 &&
    normalizedComment !== null &&
    !isHashing()
  );
}

/** Shows exactly the requests that a confirm will send, as the core builds them. */
function showReview() {
  const device = selectedDevice();
  const hashes = currentHashes();
  if (!device || hashes.length === 0 || normalizedComment === null || !status?.apiBase) {
    return;
  }
  byId('review-device-name', HTMLElement).textContent = device.computerDnsName ?? t('unknownDevice');
  byId('review-device-id', HTMLElement).textContent = device.id;
  byId('review-sha1', HTMLElement).textContent = hashes
    .map((entry) => (entry.fileName ? `${entry.sha1}  (${entry.fileName})` : entry.sha1))
    .join('\n');
  byId('review-comment', HTMLElement).textContent = normalizedComment;

  const requests = hashes.map((entry) => {
    const built = core.buildStopAndQuarantineRequest({
      apiBase: status?.apiBase,
      machineId: device.id,
      sha1: entry.sha1,
      comment: normalizedComment,
    });
    const headers = Object.entries(built.headers ?? {}).map(([name, value]) => `${name}: ${value}`);
    return [`${built.method} ${built.url}`, ...headers, t('reviewAuthorizationHeader'), '', built.body].join('\n');
  });
  byId('review-request', HTMLPreElement).textContent = requests.join('\n\n');
  errorBox.hidden = true;
  setStep('review');
  buttons.confirm.focus();
  void showFileProfiles(hashes.map((entry) => entry.sha1));
}

// Profiles are looked up for at most this many files, to spare the rate limit.
const MAX_PROFILE_LOOKUPS = 5;

// Counts review steps, so a lookup that returns after the analyst left the review
// does not write into a newer one.
let profileGeneration = 0;

/**
 * Shows what Defender knows of each file as soon as the review opens: a file signed by
 * Microsoft or a trusted publisher is rejected by the action, and prevalence helps
 * judge the impact. The lookups only read; nothing is sent before the confirm click.
 * @param {string[]} sha1s
 */
async function showFileProfiles(sha1s) {
  const generation = ++profileGeneration;
  const list = byId('review-files', HTMLUListElement);
  list.replaceChildren();
  for (const sha1 of sha1s.slice(0, MAX_PROFILE_LOOKUPS)) {
    const item = document.createElement('li');
    item.className = 'mono';
    item.dataset.state = 'loading';
    item.textContent = t('fileProfileLoading', sha1);
    list.append(item);
    try {
      /** @type {import('../types/shapes').DefenderFile} */
      const file = await request('getFile', { hash: sha1 });
      if (generation !== profileGeneration) {
        return;
      }
      describeFile(item, sha1, file);
    } catch (error) {
      if (generation !== profileGeneration) {
        return;
      }
      // An unknown file is normal: Defender knows only files seen in the organization.
      const unknown = errorCode(error) === 'fileNotKnown';
      item.dataset.state = unknown ? 'unknown' : 'failed';
      item.textContent = unknown ? t('fileProfileUnknown', sha1) : t('fileProfileFailed', sha1);
    }
  }
}

/**
 * @param {HTMLLIElement} item
 * @param {string} sha1
 * @param {import('../types/shapes').DefenderFile} file
 */
function describeFile(item, sha1, file) {
  const signer = file.signer ?? file.filePublisher;
  const validlySigned = Boolean(signer && file.isValidCertificate);
  const signed = validlySigned ? t('fileProfileSigned', signer ?? '') : t('fileProfileUnsigned');
  const prevalence = file.globalPrevalence === null ? '?' : file.globalPrevalence.toLocaleString(chrome.i18n.getUILanguage());
  const name = file.fileProductName ? `${file.fileProductName} · ` : '';
  item.dataset.state = 'known';
  item.replaceChildren(`${name}${t('fileProfile', sha1, signed, prevalence)}`);
  if (!validlySigned) {
    return;
  }

  // Defender's API does not say whether it trusts a publisher, so every valid
  // signature gets a warning. A Microsoft signature means a near-certain rejection.
  const microsoft = /microsoft/i.test(`${file.signer ?? ''} ${file.filePublisher ?? ''}`);
  const warning = document.createElement('p');
  warning.className = 'notice warning file-warning';
  warning.dataset.signer = microsoft ? 'microsoft' : 'publisher';
  warning.textContent = microsoft ? t('fileProfileMicrosoftSigned') : t('fileProfilePublisherSigned', signer ?? '');
  item.append(warning);
}

async function confirmAndSend() {
  const device = selectedDevice();
  const hashes = currentHashes();
  if (step !== 'review' || !device || normalizedComment === null) {
    return;
  }
  buttons.confirm.disabled = true;
  sent = true;
  setStep('sending');

  /** @type {string[]} */
  const requestIds = [];
  try {
    for (const entry of hashes) {
      const { requestId } = await request('submitQuarantine', {
        machineId: device.id,
        computerDnsName: device.computerDnsName ?? null,
        sha1: entry.sha1,
        comment: normalizedComment,
        fileName: entry.fileName,
      });
      requestIds.push(requestId);
    }
  } catch (error) {
    if (requestIds.length === 0) {
      showError(error, { operation: 'quarantine', device: device.computerDnsName ?? device.id });
      return;
    }
  } finally {
    buttons.confirm.disabled = false;
  }
  await follow(requestIds, (next, failure) => {
    if (next === 'error' && failure?.error) {
      showError(failure.error, subjectOf(failure));
    } else {
      setStep(next);
    }
  });
}

/** @param {string} next */
function setStep(next) {
  step = next;
  discardConfirm.hidden = true;
  document.body.dataset.step = next;
  const afterSend = sent && ['sending', 'following', 'done', 'error'].includes(next);
  views.input.hidden = !['input', 'hashing'].includes(next) && !(next === 'error' && !sent);
  views.review.hidden = next !== 'review';
  views.progress.hidden = !afterSend;
  errorBox.hidden = next !== 'error';

  buttons.review.hidden = !['input', 'hashing'].includes(next);
  buttons.confirm.hidden = next !== 'review';
  buttons.back.hidden = next !== 'review';
  buttons.retry.hidden = !(next === 'error' && sent && retryable);
  buttons.cancel.textContent = afterSend ? t('close') : t('cancel');
  if (next !== 'error') {
    buttons.errorSignIn.hidden = true;
    buttons.options.hidden = true;
  }
  updateReviewButton();
}

/**
 * Shows a failure in `#error` with its code in `data-code`.
 * @param {unknown} error
 * @param {import('../lib/errors.js').ErrorSubject} [subject]
 */
function showError(error, subject) {
  const code = errorCode(error);
  errorBox.textContent = describeError(error, subject);
  errorBox.dataset.code = code;
  retryable = isRetryable(error);
  setStep('error');
  buttons.errorSignIn.hidden = !['signInRequired', 'unauthorized', 'signInCancelled', 'signInFailed', 'signInStateMismatch'].includes(code);
  buttons.options.hidden = !['notConfigured', 'urlNotAllowed', 'signInFailed'].includes(code);
}

/** Closes the dialog without sending anything more; requests already sent go on. */
function close() {
  if (window.parent === window) {
    window.close();
    return;
  }
  // The parent's origin as the browser reports it; the page URL is the fallback for
  // browsers without `ancestorOrigins`.
  const pageUrl = new URLSearchParams(location.hash.slice(1)).get('page');
  const targetOrigin = location.ancestorOrigins?.[0] ?? (pageUrl ? new URL(pageUrl).origin : null);
  if (targetOrigin) {
    window.parent.postMessage({ type: CLOSE_MESSAGE }, targetOrigin);
  }
}
