// Turns every failure the analyst can meet into one localized sentence or two: what
// failed, on which value, and what to do next. API failures carry a `kind` from the
// core's client; validation, hashing and extension failures carry a `code`.
import { t, formatClock } from './i18n.js';

/** @typedef {import('../types/shapes').PlainError} PlainError */

/**
 * Subject of the failed operation, so the message can name the value.
 * @typedef {object} ErrorSubject
 * @property {'device' | 'file' | 'action' | 'quarantine' | 'signIn'} [operation]
 * @property {string} [device] device name or id
 * @property {string} [hash] the hash the analyst gave
 * @property {string} [fileName]
 * @property {string} [deviceGroup] the device group, when known
 */

/**
 * Returns the stable code shown in `data-code`: the client's `kind` for API failures,
 * else the `code`.
 * @param {unknown} error
 * @returns {string}
 */
export function errorCode(error) {
  const plain = toPlainError(error);
  return 'kind' in plain && typeof plain.kind === 'string' ? plain.kind : String(plain.code);
}

/**
 * Converts anything thrown into a plain object that survives extension messaging.
 * @param {unknown} error
 * @returns {PlainError}
 */
export function toPlainError(error) {
  if (typeof error === 'object' && error !== null && !(error instanceof Error)) {
    const record = /** @type {Record<string, unknown>} */ (error);
    if (typeof record.kind === 'string' || typeof record.code === 'string') {
      return /** @type {PlainError} */ (JSON.parse(JSON.stringify(record)));
    }
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { code: 'internal', detail };
}

/**
 * Returns the localized explanation of a failure.
 * @param {unknown} error
 * @param {ErrorSubject} [subject]
 * @returns {string}
 */
export function describeError(error, subject = {}) {
  const plain = /** @type {Record<string, any>} */ (toPlainError(error));
  if (typeof plain.kind === 'string') {
    return describeApiError(plain, subject);
  }
  return describeCodedError(plain, subject);
}

/**
 * @param {Record<string, any>} error
 * @param {ErrorSubject} subject
 */
function describeApiError(error, subject) {
  const device = subject.device ?? '';
  const tracking = error.target ? t('errorTrackingId', error.target) : '';
  const apiCode = error.code || String(error.status ?? '');
  const apiMessage = error.message ?? '';
  let text;

  switch (error.kind) {
    case 'unauthorized':
      text = t('errorUnauthorized');
      break;
    case 'forbidden':
      text = describeForbidden(error, subject);
      break;
    case 'notFound':
      text = describeNotFound(subject);
      break;
    case 'alreadyPending':
      text = t('errorAlreadyPending', subject.hash ?? '', device);
      break;
    case 'rateLimited': {
      const seconds = Number(error.retryAfterSeconds ?? 0);
      text = t('errorRateLimited', seconds, formatClock(Date.now() + seconds * 1000));
      break;
    }
    case 'invalidRequest':
      text = describeInvalidRequest(error, subject);
      break;
    case 'server':
      text = t('errorServer', String(error.status ?? ''));
      break;
    case 'network':
      text = error.code === 'timedOut'
        ? t('errorTimedOut', device || t('unknownDevice'))
        : t('errorNetwork', apiMessage || t('noMessageFromApi'));
      break;
    case 'urlNotAllowed':
      text = t('errorUrlNotAllowed', apiMessage || String(error.target ?? ''));
      break;
    default:
      text = t('errorUnexpected', String(error.status ?? ''), apiCode || error.kind);
      break;
  }
  return tracking ? `${text} ${tracking}` : text;
}

/**
 * A lookup that Defender refuses means the analyst cannot see the device at all; only
 * a refused action is about the remediation role.
 * @param {Record<string, any>} error
 * @param {ErrorSubject} subject
 */
function describeForbidden(error, subject) {
  const device = subject.device || t('unknownDevice');
  if (subject.operation === 'device') {
    const group = subject.deviceGroup ?? deviceGroupIn(error.message);
    return group ? t('errorForbiddenDeviceGroup', device, group) : t('errorForbiddenDevice', device);
  }
  if (subject.operation === 'file') {
    return t('errorForbiddenFile', subject.hash ?? '');
  }
  return t('errorForbidden', device, error.code || String(error.status ?? ''));
}

/**
 * Finds the device group in Defender's 403 text when it names one, for example
 * "... no access to device group 'Servers' ...".
 * @param {unknown} message
 * @returns {string | null}
 */
function deviceGroupIn(message) {
  const match = /device group '([^']+)'/i.exec(String(message ?? ''));
  return match ? match[1] : null;
}

// 400 codes where the device id or the hash sent is the likely cause.
const CHECK_INPUT_CODES = ['InvalidHashValue', 'InvalidRequestBody', 'InvalidMachineId', 'InvalidInput'];

/**
 * @param {Record<string, any>} error
 * @param {ErrorSubject} subject
 */
function describeInvalidRequest(error, subject) {
  const apiCode = error.code || String(error.status ?? '');
  const apiMessage = error.message ?? '';

  // Defender sends this text in English only, so our own sentence comes first and
  // Defender's text follows as the detail.
  if (error.code === 'OsPlatformNotSupported') {
    const text = t('errorOsNotSupported', subject.device || t('unknownDevice'));
    return apiMessage ? `${text}\n${t('errorDefenderSaid', apiMessage)}` : text;
  }
  const text = t('errorInvalidRequest', apiCode, apiMessage || t('noMessageFromApi'));
  const sentInput = subject.operation === 'quarantine' || subject.operation === 'file';
  return sentInput && CHECK_INPUT_CODES.includes(error.code) ? `${text} ${t('errorInvalidRequestHint')}` : text;
}

/**
 * Whether sending the same request again can succeed: the failure was in the network,
 * the service, the rate limit or the sign-in, not in what was asked.
 * @param {unknown} error
 */
export function isRetryable(error) {
  return ['network', 'server', 'rateLimited', 'unauthorized'].includes(errorCode(error));
}

/** @param {ErrorSubject} subject */
function describeNotFound(subject) {
  switch (subject.operation) {
    case 'file':
      return t('errorNotFoundFile', subject.hash ?? '');
    case 'action':
      return t('errorNotFoundAction');
    default:
      return t('errorNotFoundDevice', subject.device ?? '');
  }
}

/**
 * @param {Record<string, any>} error
 * @param {ErrorSubject} subject
 */
function describeCodedError(error, subject) {
  switch (error.code) {
    case 'hashEmpty':
      return t('errorHashEmpty');
    case 'hashWrongLength':
      return t('errorHashWrongLength', error.length);
    case 'hashInvalidCharacter':
      return t('errorHashInvalidCharacter', visible(error.character), error.position);
    case 'hashMultiple':
      return t('errorHashMultiple', error.count);
    case 'machineIdEmpty':
      return t('errorMachineIdEmpty');
    case 'machineIdIsGuid':
      return t('errorMachineIdIsGuid', error.value);
    case 'machineIdIsHostName':
      return t('errorMachineIdIsHostName', error.value);
    case 'machineIdWrongLength':
      return t('errorMachineIdWrongLength', error.length);
    case 'machineIdInvalidCharacter':
      return t('errorMachineIdInvalidCharacter', visible(error.character), error.position);
    case 'commentEmpty':
      return t('errorCommentEmpty');
    case 'commentTooLong':
      return t('errorCommentTooLong', error.length, error.max);
    case 'commentControlCharacter':
      return t('errorCommentControlCharacter', error.position);
    case 'cloudUnknown':
      return t('errorCloudUnknown', error.value);
    case 'regionUnknown':
      return t('errorRegionUnknown', error.value);
    case 'machineNameInvalid':
      return t('errorMachineNameInvalid', error.value);
    case 'actionIdInvalid':
      return t('errorActionIdInvalid', error.value);
    case 'hashAborted':
      return t('errorHashAborted', subject.fileName ?? '');
    case 'hashReadFailed':
      return t('errorHashReadFailed', subject.fileName ?? '', error.message ?? '');
    case 'signInRequired':
      return t('errorSignInRequired');
    case 'signInCancelled':
      return t('errorSignInCancelled');
    case 'signInFailed':
      return t('errorSignInFailed', error.detail ?? '');
    case 'signInStateMismatch':
      return t('errorSignInStateMismatch');
    case 'notConfigured':
      return t('errorNotConfigured');
    case 'tenantIdMissing':
      return t('errorTenantIdMissing');
    case 'tenantIdInvalid':
      return t('errorTenantIdInvalid', error.value);
    case 'clientIdMissing':
      return t('errorClientIdMissing');
    case 'clientIdInvalid':
      return t('errorClientIdInvalid', error.value);
    case 'deviceNameNotFound':
      return t('errorDeviceNameNotFound', error.value);
    case 'fileNotKnown':
      return t('errorFileNotKnown', error.value);
    case 'md5NotResolvable':
      return t('errorMd5NotResolvable');
    case 'actionNotFoundAfterPending':
      return t('errorActionNotFoundAfterPending', subject.hash ?? '', subject.device ?? '');
    case 'actionNotCancellable':
      return t('errorActionNotCancellable');
    case 'serviceWorkerUnavailable':
      return t('errorServiceWorkerUnavailable');
    case 'messageInvalid':
    case 'senderNotAllowed':
      return t('errorMessageRejected', error.detail ?? error.code);
    default:
      return t('errorInternal', error.detail ?? String(error.code));
  }
}

/**
 * Names an invisible character by its code point, so "position 12" points at
 * something visible.
 * @param {unknown} character
 * @returns {string}
 */
function visible(character) {
  const text = String(character ?? '');
  if (text.trim() !== '') {
    return text;
  }
  const code = text.codePointAt(0) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

// HRESULTs that Defender reports for a failed Stop and Quarantine File action.
const E_ACCESSDENIED = 0x80070005;

/**
 * Explains why a final machine action did not succeed, from its troubleshoot text,
 * HRESULT and cancellation. Returns an empty string for actions that succeeded or are
 * still running.
 * @param {import('../types/shapes').MachineAction} action
 * @returns {string}
 */
export function describeActionOutcome(action) {
  const nothingChanged = t('actionNothingChanged');
  switch (action.status) {
    case 'Failed':
      return describeFailedAction(action, nothingChanged);
    case 'TimeOut':
      return `${t('actionTimedOut')} ${nothingChanged}`;
    case 'Cancelled': {
      const by = t('actionCancelledBy', action.cancellationRequestor || t('unknownUser'));
      const comment = action.cancellationComment ? ` ${t('actionCancelledComment', action.cancellationComment)}` : '';
      return `${by}${comment} ${nothingChanged}`;
    }
    default:
      return '';
  }
}

/**
 * @param {import('../types/shapes').MachineAction} action
 * @param {string} nothingChanged
 */
function describeFailedAction(action, nothingChanged) {
  const text = action.troubleshootInfo ?? '';
  const hresult = action.errorHResult ? hresultHex(action.errorHResult) : '';

  // The service words its troubleshoot text in English whatever the portal language,
  // so the known reasons are recognized by their wording.
  if (/signed by microsoft/i.test(text)) {
    return `${t('actionFailedMicrosoftSigned')} ${nothingChanged}`;
  }
  if (/trusted publisher/i.test(text)) {
    return `${t('actionFailedTrustedPublisher')} ${nothingChanged}`;
  }
  if (/antivirus/i.test(text) && /not (running|enabled|active)|disabled|passive/i.test(text)) {
    return `${t('actionFailedNoAntivirus')} ${nothingChanged}`;
  }
  if (!text && action.errorHResult !== null && (action.errorHResult >>> 0) === E_ACCESSDENIED) {
    return `${t('actionFailedSigned')} ${nothingChanged}`;
  }
  if (text) {
    return hresult ? t('actionFailedTextAndCode', text, hresult) : t('actionFailedText', text);
  }
  return hresult ? t('actionFailedCode', hresult) : t('actionFailedNoReason');
}

/**
 * Formats an HRESULT as Windows shows it, for example 0x80070005.
 * @param {number} value
 */
export function hresultHex(value) {
  return `0x${(value >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}
