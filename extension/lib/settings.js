// Settings: the cloud, the API region, the tenant and the app registration. An
// administrator's policy in `chrome.storage.managed` wins over what the analyst saved
// in `chrome.storage.local`, and locks that field in the options page.

/** @typedef {import('../types/shapes').CloudId} CloudId */

/**
 * @typedef {object} Settings
 * @property {CloudId} cloud
 * @property {string} region regional API host id, or '' for the cloud's default host
 * @property {string} tenantId GUID or verified domain of the Entra ID tenant
 * @property {string} clientId application (client) id of the app registration
 * @property {string} resource token audience override, set only by policy; '' for none
 */

/** Keys an analyst may save; `resource` is policy-only. */
export const EDITABLE_KEYS = /** @type {const} */ (['cloud', 'region', 'tenantId', 'clientId']);

const POLICY_KEYS = [...EDITABLE_KEYS, 'resource'];

/** @type {Settings} */
const DEFAULTS = { cloud: 'commercial', region: '', tenantId: '', clientId: '', resource: '' };

const CLOUD_IDS = ['commercial', 'gcc', 'gccHigh', 'dod'];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// A verified domain such as contoso.onmicrosoft.com: labels of letters, digits and
// hyphens, at least two of them.
const DOMAIN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/**
 * Reads the effective settings and which of them policy has locked.
 * @returns {Promise<{settings: Settings, locked: Set<string>}>}
 */
export async function readSettings() {
  const stored = /** @type {Record<string, unknown>} */ ((await chrome.storage.local.get('settings')).settings ?? {});
  const policy = await readPolicy();
  /** @type {Record<string, string>} */
  const settings = { ...DEFAULTS };
  const locked = new Set();

  for (const key of EDITABLE_KEYS) {
    const value = stored[key];
    if (typeof value === 'string') {
      settings[key] = value;
    }
  }
  for (const key of POLICY_KEYS) {
    if (typeof policy[key] === 'string') {
      settings[key] = policy[key].trim();
      locked.add(key);
    }
  }
  if (!CLOUD_IDS.includes(settings.cloud)) {
    settings.cloud = DEFAULTS.cloud;
  }
  return { settings: /** @type {Settings} */ (/** @type {unknown} */ (settings)), locked };
}

/**
 * Reads the managed policy. Browsers without managed storage, or with none set,
 * return no keys.
 * @returns {Promise<Record<string, unknown>>}
 */
async function readPolicy() {
  try {
    return await chrome.storage.managed.get(null);
  } catch {
    return {};
  }
}

/**
 * Checks the fields the sign-in needs. Returns one error per invalid field, each
 * `{code, field, value}`, or an empty list.
 * @param {Settings} settings
 * @returns {{code: string, field: string, value: string}[]}
 */
export function validateSettings(settings) {
  const errors = [];
  const tenantId = settings.tenantId.trim();
  const clientId = settings.clientId.trim();

  if (tenantId === '') {
    errors.push({ code: 'tenantIdMissing', field: 'tenantId', value: tenantId });
  } else if (!GUID.test(tenantId) && !DOMAIN.test(tenantId)) {
    errors.push({ code: 'tenantIdInvalid', field: 'tenantId', value: tenantId });
  }
  if (clientId === '') {
    errors.push({ code: 'clientIdMissing', field: 'clientId', value: clientId });
  } else if (!GUID.test(clientId)) {
    errors.push({ code: 'clientIdInvalid', field: 'clientId', value: clientId });
  }
  return errors;
}

/**
 * Identifies the sign-in configuration. Tokens issued under another configuration
 * are never used.
 * @param {Settings} settings
 * @returns {string}
 */
export function configurationKey(settings) {
  return [settings.cloud, settings.tenantId.trim().toLowerCase(), settings.clientId.trim().toLowerCase(), settings.resource].join('|');
}
