// Receives the closed set of messages from extension pages. Each message is validated
// against its spec, its sender is identified only from what the browser stamps on it
// (`sender.id`, `sender.url`), and each type runs only for the pages its spec allows.
// Content scripts may send nothing: they never talk to the service worker.
import { coreReady } from '../lib/core.js';
import { toPlainError } from '../lib/errors.js';
import { validateMessage } from '../lib/messages.js';
import { readSettings, validateSettings } from '../lib/settings.js';
import { cancelRequest, resumeAfterSignIn, submitQuarantine } from './actions.js';
import { callApi, currentApi, isKind } from './api.js';
import { currentAccount, signIn, signOut } from './auth.js';
import { logError } from './error-log.js';

/** @typedef {import('../lib/messages.js').SenderKind} SenderKind */

// Error codes that are normal results rather than failures, so they stay out of the
// troubleshooting log: the review step looks up every file, and most are unknown.
const EXPECTED_OUTCOMES = new Set(['fileNotKnown']);

/** @type {Record<string, SenderKind>} */
const PAGE_KINDS = {
  '/dialog/dialog.html': 'dialog',
  '/popup/popup.html': 'popup',
  '/options/options.html': 'options',
};

/**
 * Identifies which extension page sent a message, or null for anything else
 * (a content script, another extension).
 * @param {chrome.runtime.MessageSender} sender
 * @returns {SenderKind | null}
 */
export function senderKind(sender) {
  if (sender.id !== chrome.runtime.id || !sender.url) {
    return null;
  }
  let url;
  try {
    url = new URL(sender.url);
  } catch {
    return null;
  }
  // With `use_dynamic_url` the dialog's host may be a per-session id instead of the
  // extension id (Chromium 156 keeps the extension id when a content script creates the
  // frame), so only the scheme is compared; `sender.id` already proves the extension.
  // A content script's sender URL is the portal page's, which fails this test.
  if (url.protocol !== new URL(chrome.runtime.getURL('/')).protocol) {
    return null;
  }
  return PAGE_KINDS[url.pathname] ?? null;
}

/**
 * Validates and runs one message. Resolves to `{ok: true, result}` or
 * `{ok: false, error}` with a plain error object, never rejects.
 * @param {unknown} message
 * @param {chrome.runtime.MessageSender} sender
 */
export async function handleMessage(message, sender) {
  const validated = validateMessage(message);
  if (!validated.ok) {
    return { ok: false, error: validated.error };
  }
  const kind = senderKind(sender);
  if (!kind || !validated.spec.senders.includes(kind)) {
    return { ok: false, error: { code: 'senderNotAllowed', detail: `${validated.type} from ${kind ?? 'outside the extension'}` } };
  }
  try {
    return { ok: true, result: await run(validated.type, validated.payload) };
  } catch (error) {
    const plain = toPlainError(error);
    if (!EXPECTED_OUTCOMES.has(String(plain.code))) {
      await logError(validated.type, plain);
    }
    return { ok: false, error: plain };
  }
}

/**
 * @param {string} type
 * @param {Record<string, string | null>} payload
 */
async function run(type, payload) {
  const text = (/** @type {string} */ key) => String(payload[key] ?? '');

  switch (type) {
    case 'getStatus':
      return status();
    case 'signIn': {
      const account = await signIn({ interactive: true });
      void resumeAfterSignIn();
      return account;
    }
    case 'signOut':
      await signOut();
      return null;
    case 'lookupDevice':
      return lookupDevice(text('query'));
    case 'getFile':
      return lookupFile(text('hash'));
    case 'getFileMachines': {
      const core = await coreReady;
      return callApi('getFileMachines', { sha1: core.normalizeSha1(text('sha1')) });
    }
    case 'submitQuarantine':
      return submitQuarantine({
        machineId: text('machineId'),
        computerDnsName: payload.computerDnsName ?? null,
        sha1: text('sha1'),
        comment: text('comment'),
        fileName: payload.fileName ?? null,
      });
    case 'cancelAction':
      await cancelRequest(text('requestId'), text('comment'));
      return null;
    default:
      throw { code: 'messageInvalid', detail: `no handler for ${type}` };
  }
}

async function status() {
  const { settings } = await readSettings();
  const configured = validateSettings(settings).length === 0;
  const account = configured ? await currentAccount() : null;
  let apiBase = null;
  try {
    apiBase = (await currentApi()).apiBase;
  } catch {
    // An unknown region leaves the API unset; the options page reports it.
  }
  return { configured, signedIn: account !== null, account, cloud: settings.cloud, apiBase };
}

/**
 * Finds devices by id or by name. A name can match several devices (a re-imaged
 * machine keeps its name), and all of them are returned for the analyst to choose.
 * @param {string} query
 */
async function lookupDevice(query) {
  const core = await coreReady;
  let machineId;
  try {
    machineId = core.normalizeMachineId(query);
  } catch (error) {
    if (toPlainError(error).code !== 'machineIdIsHostName') {
      throw error;
    }
    return lookupDeviceByName(query.trim());
  }
  return [await callApi('getMachine', { machineIdOrName: machineId })];
}

/** @param {string} name */
async function lookupDeviceByName(name) {
  const found = await callApi('findMachinesByName', { name });
  if (Array.isArray(found) && found.length > 0) {
    return found;
  }
  try {
    // The single-device endpoint also accepts a computer name, such as a short name
    // that the exact-match filter above misses.
    return [await callApi('getMachine', { machineIdOrName: name })];
  } catch (error) {
    if (isKind(error, 'notFound')) {
      throw { code: 'deviceNameNotFound', value: name };
    }
    throw error;
  }
}

/**
 * Looks up a file by SHA-1 or SHA-256; Defender cannot look up an MD5.
 * @param {string} hash
 */
async function lookupFile(hash) {
  const core = await coreReady;
  const classified = core.classifyHash(hash);
  if (classified.kind === 'md5') {
    throw { code: 'md5NotResolvable', value: classified.value };
  }
  try {
    return await callApi('getFile', { hash: classified.value });
  } catch (error) {
    if (isKind(error, 'notFound')) {
      throw { code: 'fileNotKnown', value: classified.value };
    }
    throw error;
  }
}
