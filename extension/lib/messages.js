// The closed set of messages between extension pages and the service worker. The
// receiver validates every message against this table: an unknown type, a missing or
// unknown key, or a value of the wrong type is rejected before any handler runs.
// The senders allowed per type are checked by the service worker from what the browser
// stamps on the message, never from the message itself.

/** @typedef {'dialog' | 'popup' | 'options'} SenderKind */

/**
 * @typedef {object} FieldSpec
 * @property {'string' | 'nullableString'} type
 * @property {number} maxLength transport bound; the core validates the content
 */

/**
 * @typedef {object} MessageSpec
 * @property {SenderKind[]} senders pages allowed to send this type
 * @property {Record<string, FieldSpec>} fields every key the message must carry besides `type`
 */

/** @type {(maxLength: number) => FieldSpec} */
const text = (maxLength) => ({ type: 'string', maxLength });

/** @type {(maxLength: number) => FieldSpec} */
const optionalText = (maxLength) => ({ type: 'nullableString', maxLength });

/** @type {Record<string, MessageSpec>} */
export const MESSAGE_SPECS = {
  getStatus: { senders: ['dialog', 'popup', 'options'], fields: {} },
  signIn: { senders: ['dialog', 'popup', 'options'], fields: {} },
  signOut: { senders: ['popup', 'options'], fields: {} },
  lookupDevice: { senders: ['dialog'], fields: { query: text(300) } },
  getFile: { senders: ['dialog'], fields: { hash: text(200) } },
  getFileMachines: { senders: ['dialog'], fields: { sha1: text(100) } },
  submitQuarantine: {
    senders: ['dialog'],
    fields: {
      machineId: text(100),
      computerDnsName: optionalText(300),
      sha1: text(100),
      comment: text(10000),
      fileName: optionalText(1000),
    },
  },
  cancelAction: { senders: ['popup', 'dialog'], fields: { requestId: text(100), comment: text(1000) } },
};

/**
 * Validates a received message against its spec.
 * @param {unknown} message
 * @returns {{ok: true, type: string, spec: MessageSpec, payload: Record<string, string | null>} | {ok: false, error: {code: string, detail: string}}}
 */
export function validateMessage(message) {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return { ok: false, error: { code: 'messageInvalid', detail: 'not an object' } };
  }
  const record = /** @type {Record<string, unknown>} */ (message);
  const type = record.type;
  if (typeof type !== 'string' || !Object.hasOwn(MESSAGE_SPECS, type)) {
    return { ok: false, error: { code: 'messageInvalid', detail: `unknown type ${String(type)}` } };
  }
  const spec = MESSAGE_SPECS[type];

  /** @type {Record<string, string | null>} */
  const payload = {};
  for (const key of Object.keys(record)) {
    if (key !== 'type' && !Object.hasOwn(spec.fields, key)) {
      return { ok: false, error: { code: 'messageInvalid', detail: `unknown key ${key}` } };
    }
  }
  for (const [key, field] of Object.entries(spec.fields)) {
    const value = record[key];
    const nullable = field.type === 'nullableString';
    if (value === null && nullable) {
      payload[key] = null;
      continue;
    }
    if (typeof value !== 'string') {
      return { ok: false, error: { code: 'messageInvalid', detail: `${key} is not a string` } };
    }
    if (value.length > field.maxLength) {
      return { ok: false, error: { code: 'messageInvalid', detail: `${key} is too long` } };
    }
    payload[key] = value;
  }
  return { ok: true, type, spec, payload };
}

/**
 * Sends a message to the service worker and returns its result, or throws the plain
 * error object it answered with.
 * @param {string} type
 * @param {Record<string, string | null>} [payload]
 * @returns {Promise<any>}
 */
export async function request(type, payload = {}) {
  const response = await chrome.runtime.sendMessage({ type, ...payload });
  if (response === undefined || response === null) {
    throw { code: 'serviceWorkerUnavailable' };
  }
  if (!response.ok) {
    throw response.error;
  }
  return response.result;
}
