// Every Defender API call goes through here: the core's client does the request and
// the URL gate, this module adds the access token, the rate limiter, one silent token
// refresh after a 401, and a time limit.
import { coreReady } from '../lib/core.js';
import { readSettings } from '../lib/settings.js';
import { getAccessToken, refreshTokens } from './auth.js';
import { reserveCall, blockCallsUntil } from './limiter.js';

/** @typedef {import('../types/shapes').CloudId} CloudId */

// A call with no response by then is reported as a network failure. A POST that
// timed out may still have created the action, so the caller checks the action list.
const CALL_TIMEOUT_MS = 30_000;

// Short local waits are slept through; longer ones are returned to the caller, which
// schedules the work with an alarm.
const MAX_INLINE_WAIT_MS = 3_000;

/**
 * Returns the cloud and API base URL of the current settings.
 * @returns {Promise<{cloud: CloudId, apiBase: string}>}
 */
export async function currentApi() {
  const { settings } = await readSettings();
  const core = await coreReady;
  return { cloud: settings.cloud, apiBase: core.apiBaseFor(settings.cloud, settings.region || null) };
}

/**
 * Calls one function of the core's API client.
 * Throws the client's error object, `{code: 'signInRequired'}`, or
 * `{kind: 'rateLimited', retryAfterSeconds, local: true}` when the local limiter asks
 * for a wait longer than a few seconds.
 * @param {'stopAndQuarantineFile' | 'getMachineAction' | 'cancelMachineAction' | 'listMachineActions' | 'getMachine' | 'findMachinesByName' | 'getFile' | 'getFileMachines'} operation
 * @param {Record<string, unknown>} params operation parameters, without `token`
 * @param {{cloud: CloudId, apiBase: string}} [api] the API the call goes to; an action is followed on the host that created it
 * @returns {Promise<any>}
 */
export async function callApi(operation, params, api) {
  const target = api ?? (await currentApi());
  const core = await coreReady;
  const client = /** @type {Record<string, (args: object) => Promise<any>>} */ (/** @type {unknown} */ (core));

  const attempt = async (/** @type {string} */ token) => {
    await waitForLimiter();
    // The client aborts the fetch itself after `timeoutMs`, so a hung call frees its connection.
    return client[operation]({ ...params, apiBase: target.apiBase, cloud: target.cloud, token, timeoutMs: CALL_TIMEOUT_MS });
  };

  try {
    try {
      return await attempt(await getAccessToken());
    } catch (error) {
      if (!isKind(error, 'unauthorized')) {
        throw error;
      }
      // One silent refresh: the token may have been revoked or expired early.
      const renewed = await refreshTokens();
      return await attempt(renewed.accessToken);
    }
  } catch (error) {
    if (isKind(error, 'rateLimited')) {
      const seconds = Number(/** @type {any} */ (error).retryAfterSeconds ?? 60);
      await blockCallsUntil(Date.now() + seconds * 1000);
    }
    throw error;
  }
}

async function waitForLimiter() {
  for (;;) {
    const wait = await reserveCall();
    if (wait === 0) {
      return;
    }
    if (wait > MAX_INLINE_WAIT_MS) {
      throw {
        kind: 'rateLimited', status: null, code: null, message: null, target: null,
        retryAfterSeconds: Math.ceil(wait / 1000), local: true,
      };
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/**
 * @param {unknown} error
 * @param {string} kind
 */
export function isKind(error, kind) {
  return typeof error === 'object' && error !== null && /** @type {any} */ (error).kind === kind;
}
