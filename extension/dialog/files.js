// The file part of the dialog. Files dropped or picked are hashed in a dedicated
// worker with progress, speed and cancel, or the analyst pastes a hash. Defender's
// action takes only a SHA-1, so a SHA-256 or MD5 gets an explanation instead.
import { describeError, errorCode } from '../lib/errors.js';
import { t, formatBytes } from '../lib/i18n.js';
import { request } from '../lib/messages.js';
import { hashFile } from '../hashing/hash-client.js';
import { byId, element, setMessage } from './dom.js';

/**
 * @typedef {object} FileHash
 * @property {string} sha1
 * @property {string | null} fileName
 * @property {number | null} size
 * @property {'file' | 'pasted' | 'page' | 'defender'} source
 */

const dropZone = byId('drop-zone', HTMLDivElement);
const fileInput = byId('file-input', HTMLInputElement);
const hashStatus = byId('hash-status', HTMLDivElement);
const hashFileName = byId('hash-file-name', HTMLDivElement);
const progress = byId('hash-progress', HTMLProgressElement);
const speed = byId('hash-speed', HTMLSpanElement);
const cancelButton = byId('hash-cancel', HTMLButtonElement);
const hashInput = byId('hash-input', HTMLInputElement);
const explanation = byId('hash-explanation', HTMLParagraphElement);
const lookupButton = byId('hash-lookup', HTMLButtonElement);
const result = byId('hash-result', HTMLDivElement);
const sha1Output = byId('sha1-value', HTMLOutputElement);
const fileList = byId('file-list', HTMLUListElement);
const clearButton = byId('hash-clear', HTMLButtonElement);
const fromPage = byId('file-from-page', HTMLParagraphElement);

/** @type {FileHash[]} */
let hashes = [];
/** @type {AbortController | null} */
let hashing = null;
/** @type {string | null} */
let lookupCandidate = null;
/** @type {any} */
let core = null;

/**
 * @typedef {object} FileCallbacks
 * @property {() => void} onChange the SHA-1 list changed
 * @property {(running: boolean) => void} onHashing hashing started or ended
 */
/** @type {FileCallbacks} */
let callbacks = { onChange: () => {}, onHashing: () => {} };

/**
 * Wires the file part.
 * @param {any} loadedCore the initialized core module
 * @param {FileCallbacks} options
 */
export function setUpFiles(loadedCore, options) {
  core = loadedCore;
  callbacks = options;

  dropZone.addEventListener('dragover', (event) => {
    event.preventDefault();
    dropZone.classList.add('dragging');
  });
  dropZone.addEventListener('dragleave', () => dropZone.classList.remove('dragging'));
  dropZone.addEventListener('drop', (event) => {
    event.preventDefault();
    dropZone.classList.remove('dragging');
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length > 0) {
      void hashFiles(files);
    }
  });
  dropZone.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      fileInput.click();
    }
  });
  fileInput.addEventListener('change', () => {
    const files = [...(fileInput.files ?? [])];
    fileInput.value = '';
    if (files.length > 0) {
      void hashFiles(files);
    }
  });
  cancelButton.addEventListener('click', () => hashing?.abort());
  hashInput.addEventListener('input', () => classifyPasted());
  lookupButton.addEventListener('click', () => void lookUpSha1());
  clearButton.addEventListener('click', () => {
    hashInput.value = '';
    setMessage(explanation, '');
    setHashes([]);
  });
}

/** @returns {FileHash[]} */
export function currentHashes() {
  return hashes;
}

export function isHashing() {
  return hashing !== null;
}

/**
 * Uses the file of a file page: a SHA-1 directly, a SHA-256 through Defender's file
 * profile.
 * @param {string} hash
 * @returns {Promise<string | null>} the SHA-1, or null when it could not be had
 */
export async function useHashFromPage(hash) {
  let classified;
  try {
    classified = core.classifyHash(hash);
  } catch (error) {
    setMessage(explanation, describeError(error), { invalid: true, code: errorCode(error) });
    return null;
  }
  fromPage.hidden = false;
  fromPage.textContent = t('fileFromPage', classified.value);
  if (classified.kind === 'sha1') {
    setHashes([{ sha1: classified.value, fileName: null, size: null, source: 'page' }]);
    return classified.value;
  }
  hashInput.value = classified.value;
  classifyPasted();
  return lookUpSha1();
}

/**
 * Hashes the files one after another. A cancel stops the file being hashed and keeps
 * those already done.
 * @param {File[]} files
 */
async function hashFiles(files) {
  if (hashing) {
    return;
  }
  hashing = new AbortController();
  const signal = hashing.signal;
  hashInput.value = '';
  setMessage(explanation, '');
  lookupButton.hidden = true;
  /** @type {FileHash[]} */
  const done = [];
  hashStatus.hidden = false;
  callbacks.onHashing(true);

  try {
    for (const [index, file] of files.entries()) {
      hashFileName.textContent = t('hashingFile', file.name, index + 1, files.length, formatBytes(file.size));
      progress.value = 0;
      speed.textContent = '';
      const started = performance.now();
      try {
        const hashed = await hashFile(file, {
          signal,
          onProgress: (bytesDone, total) => {
            progress.value = total > 0 ? bytesDone / total : 1;
            const seconds = (performance.now() - started) / 1000;
            const rate = seconds > 0 ? bytesDone / seconds : 0;
            speed.textContent = t('hashingSpeed', formatBytes(bytesDone), formatBytes(total), formatBytes(rate));
          },
        });
        done.push({ sha1: hashed.sha1, fileName: file.name, size: file.size, source: 'file' });
      } catch (error) {
        setMessage(explanation, describeError(error, { fileName: file.name }), {
          invalid: errorCode(error) !== 'hashAborted',
          code: errorCode(error),
        });
        break;
      }
    }
  } finally {
    hashing = null;
    hashStatus.hidden = true;
    setHashes(done);
    callbacks.onHashing(false);
  }
}

/** Classifies the pasted text as the analyst types, and explains what is not a SHA-1. */
function classifyPasted() {
  const text = hashInput.value;
  lookupButton.hidden = true;
  lookupCandidate = null;
  delete explanation.dataset.kind;
  if (text.trim() === '') {
    setMessage(explanation, '');
    setHashes([]);
    return;
  }
  try {
    const classified = core.classifyHash(text);
    explanation.dataset.kind = classified.kind;
    if (classified.kind === 'sha1') {
      setMessage(explanation, text.trim() === classified.value ? t('hashAccepted') : t('hashNormalized', classified.value));
      setHashes([{ sha1: classified.value, fileName: null, size: null, source: 'pasted' }]);
      return;
    }
    setHashes([]);
    if (classified.kind === 'sha256') {
      setMessage(explanation, t('hashIsSha256'), { invalid: true, code: 'sha256' });
      lookupCandidate = classified.value;
      lookupButton.hidden = false;
    } else {
      setMessage(explanation, t('hashIsMd5'), { invalid: true, code: 'md5' });
    }
  } catch (error) {
    setHashes([]);
    setMessage(explanation, describeError(error), { invalid: true, code: errorCode(error) });
  }
}

/**
 * Asks Defender for the SHA-1 of a file known by its SHA-256.
 * @returns {Promise<string | null>}
 */
async function lookUpSha1() {
  if (!lookupCandidate) {
    return null;
  }
  const sha256 = lookupCandidate;
  lookupButton.disabled = true;
  setMessage(explanation, t('hashLookingUp', sha256));
  try {
    /** @type {import('../types/shapes').DefenderFile} */
    const file = await request('getFile', { hash: sha256 });
    if (!file.sha1) {
      throw { code: 'fileNotKnown', value: sha256 };
    }
    const sha1 = core.normalizeSha1(file.sha1);
    setMessage(explanation, t('hashFromDefender', sha256, sha1));
    lookupButton.hidden = true;
    setHashes([{ sha1, fileName: null, size: file.size, source: 'defender' }]);
    return sha1;
  } catch (error) {
    setMessage(explanation, describeError(error, { operation: 'file', hash: sha256 }), {
      invalid: true,
      code: errorCode(error),
    });
    return null;
  } finally {
    lookupButton.disabled = false;
  }
}

/** @param {FileHash[]} next */
function setHashes(next) {
  // The same file dropped twice is one request.
  const seen = new Set();
  hashes = next.filter((entry) => !seen.has(entry.sha1) && seen.add(entry.sha1));

  result.hidden = hashes.length === 0;
  sha1Output.textContent = hashes.map((entry) => entry.sha1).join('\n');
  fileList.replaceChildren();
  for (const entry of hashes) {
    if (entry.fileName) {
      fileList.append(element('li', t('fileListEntry', entry.fileName, formatBytes(entry.size ?? 0), entry.sha1)));
    }
  }
  callbacks.onChange();
}
