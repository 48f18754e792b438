// Sign-in with Entra ID (v2 authorization code flow with PKCE) through
// `chrome.identity.launchWebAuthFlow`, silent refresh, and sign-out. Tokens live only
// in `chrome.storage.session`, which is kept in memory, cleared when the browser
// closes, and not readable by content scripts. No token is ever logged or sent in a
// message.
import { coreReady } from '../lib/core.js';
import { readSettings, validateSettings, configurationKey } from '../lib/settings.js';
import { createPkcePair, randomToken } from './pkce.js';

/** @typedef {import('../lib/settings.js').Settings} Settings */
/** @typedef {import('../types/shapes').Account} Account */

/**
 * @typedef {object} StoredAuth
 * @property {string} accessToken
 * @property {string | null} refreshToken
 * @property {number} expiresAt ms since the epoch
 * @property {Account} account
 * @property {string} configuration the `configurationKey` the tokens were issued under
 */

const AUTH_KEY = 'auth';
const PENDING_KEY = 'pendingSignIn';

// Refresh this long before expiry, so a request never leaves with a token that
// expires on the way.
const EXPIRY_MARGIN_MS = 2 * 60 * 1000;

/** @type {Promise<StoredAuth> | null} */
let refreshInFlight = null;

/**
 * Returns the sign-in endpoints and scopes of the configured cloud.
 * @param {Settings} settings
 */
async function signInConfiguration(settings) {
  const errors = validateSettings(settings);
  if (errors.length > 0) {
    throw { code: 'notConfigured', fields: errors.map((error) => error.field) };
  }
  const core = await coreReady;
  /** @type {import('../types/shapes').CloudProfile} */
  const profile = core.cloudProfile(settings.cloud);
  const tenant = encodeURIComponent(settings.tenantId.trim());
  const base = `https://${profile.authorityHost}/${tenant}/oauth2/v2.0`;

  // A policy may override the token audience, which is unconfirmed for the US
  // Government clouds; the scope names stay the same.
  const resource = settings.resource || profile.resource;
  const scopes = profile.scopes.map((scope) =>
    settings.resource && scope.startsWith(profile.resource) ? resource + scope.slice(profile.resource.length) : scope,
  );
  return {
    authorizeUrl: `${base}/authorize`,
    tokenUrl: `${base}/token`,
    scope: [...scopes, 'offline_access'].join(' '),
    clientId: settings.clientId.trim(),
  };
}

/**
 * Signs the analyst in. With `interactive` false it succeeds only when the identity
 * provider returns a code without showing a page, because a session exists.
 * @param {{interactive: boolean}} options
 * @returns {Promise<Account>}
 */
export async function signIn({ interactive }) {
  const { settings } = await readSettings();
  const config = await signInConfiguration(settings);
  const { verifier, challenge } = await createPkcePair();
  const state = randomToken(16);
  const redirectUri = chrome.identity.getRedirectURL();
  await chrome.storage.session.set({ [PENDING_KEY]: { state, verifier, startedAt: Date.now() } });

  const authorize = new URL(config.authorizeUrl);
  authorize.search = new URLSearchParams({
    client_id: config.clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    response_mode: 'query',
    scope: config.scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    prompt: interactive ? 'select_account' : 'none',
  }).toString();

  let redirect;
  try {
    redirect = await chrome.identity.launchWebAuthFlow({ url: authorize.toString(), interactive });
  } catch (error) {
    await chrome.storage.session.remove(PENDING_KEY);
    throw interactive
      ? { code: 'signInCancelled', detail: error instanceof Error ? error.message : String(error) }
      : { code: 'signInRequired' };
  }
  if (!redirect) {
    await chrome.storage.session.remove(PENDING_KEY);
    throw { code: 'signInCancelled', detail: 'no redirect' };
  }

  const pending = /** @type {{state: string, verifier: string} | undefined} */ (
    (await chrome.storage.session.get(PENDING_KEY))[PENDING_KEY]
  );
  await chrome.storage.session.remove(PENDING_KEY);
  const answer = new URL(redirect).searchParams;
  if (answer.get('error')) {
    if (!interactive) {
      throw { code: 'signInRequired' };
    }
    throw { code: 'signInFailed', detail: `${answer.get('error')}: ${answer.get('error_description') ?? ''}`.trim() };
  }
  if (!pending || answer.get('state') !== pending.state) {
    throw { code: 'signInStateMismatch' };
  }
  const code = answer.get('code');
  if (!code) {
    throw { code: 'signInFailed', detail: 'the redirect carries no authorization code' };
  }

  const tokens = await redeem(config.tokenUrl, {
    client_id: config.clientId,
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    code_verifier: pending.verifier,
    scope: config.scope,
  });
  const stored = toStoredAuth(tokens, null, configurationKey(settings));
  await chrome.storage.session.set({ [AUTH_KEY]: stored });
  return stored.account;
}

/** Forgets every token. */
export async function signOut() {
  refreshInFlight = null;
  await chrome.storage.session.remove([AUTH_KEY, PENDING_KEY]);
}

/**
 * Returns the signed-in account under the current settings, or null.
 * @returns {Promise<Account | null>}
 */
export async function currentAccount() {
  const auth = await loadAuth();
  return auth ? auth.account : null;
}

/**
 * Returns an access token valid for at least two more minutes, refreshing it silently
 * when needed. Throws `{code: 'signInRequired'}` when only an interactive sign-in helps.
 * @returns {Promise<string>}
 */
export async function getAccessToken() {
  const auth = await loadAuth();
  if (!auth) {
    throw { code: 'signInRequired' };
  }
  if (auth.expiresAt - EXPIRY_MARGIN_MS > Date.now()) {
    return auth.accessToken;
  }
  return (await refreshTokens()).accessToken;
}

/**
 * Gets new tokens without showing anything: first with the refresh token, then through
 * the identity provider's session. Concurrent callers share one refresh.
 * @returns {Promise<StoredAuth>}
 */
export function refreshTokens() {
  if (!refreshInFlight) {
    refreshInFlight = refreshOnce().finally(() => {
      refreshInFlight = null;
    });
  }
  return refreshInFlight;
}

/** @returns {Promise<StoredAuth>} */
async function refreshOnce() {
  const auth = await loadAuth();
  const { settings } = await readSettings();
  const config = await signInConfiguration(settings);

  if (auth?.refreshToken) {
    try {
      const tokens = await redeem(config.tokenUrl, {
        client_id: config.clientId,
        grant_type: 'refresh_token',
        refresh_token: auth.refreshToken,
        scope: config.scope,
      });
      const stored = toStoredAuth(tokens, auth.refreshToken, configurationKey(settings));
      await chrome.storage.session.set({ [AUTH_KEY]: stored });
      return stored;
    } catch {
      // An expired or revoked refresh token (SPA refresh tokens live 24 hours): fall
      // through to the session-based sign-in below.
    }
  }

  try {
    await signIn({ interactive: false });
  } catch {
    await signOut();
    throw { code: 'signInRequired' };
  }
  const renewed = await loadAuth();
  if (!renewed) {
    throw { code: 'signInRequired' };
  }
  return renewed;
}

/**
 * Posts a form to the token endpoint. The request is cross-origin from the extension,
 * which is what Entra ID requires of a single-page-application redirect URI.
 * @param {string} tokenUrl
 * @param {Record<string, string>} form
 * @returns {Promise<Record<string, any>>}
 */
async function redeem(tokenUrl, form) {
  let response;
  try {
    response = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (error) {
    throw { code: 'signInFailed', detail: `${new URL(tokenUrl).host}: ${error instanceof Error ? error.message : String(error)}` };
  }
  /** @type {Record<string, any>} */
  let body = {};
  try {
    body = await response.json();
  } catch {
    // A body that is not JSON is reported below by status.
  }
  if (!response.ok || typeof body.access_token !== 'string') {
    const detail = body.error_description || body.error || `HTTP ${response.status}`;
    throw { code: 'signInFailed', detail: String(detail).split('\r\n')[0] };
  }
  return body;
}

/**
 * @param {Record<string, any>} tokens the token endpoint's response
 * @param {string | null} previousRefreshToken kept when the response contains no new one
 * @param {string} configuration
 * @returns {StoredAuth}
 */
function toStoredAuth(tokens, previousRefreshToken, configuration) {
  const claims = decodeJwtPayload(tokens.access_token);
  const expiresIn = Number(tokens.expires_in);
  const expiresAt = Number.isFinite(expiresIn)
    ? Date.now() + expiresIn * 1000
    : typeof claims.exp === 'number'
      ? claims.exp * 1000
      : Date.now() + 5 * 60 * 1000;
  return {
    accessToken: tokens.access_token,
    refreshToken: typeof tokens.refresh_token === 'string' ? tokens.refresh_token : previousRefreshToken,
    expiresAt,
    account: {
      upn: String(claims.upn ?? claims.preferred_username ?? claims.unique_name ?? claims.oid ?? ''),
      name: typeof claims.name === 'string' ? claims.name : null,
      tenantId: typeof claims.tid === 'string' ? claims.tid : null,
    },
    configuration,
  };
}

/**
 * Reads the claims of a JWT for display only. The API validates the token; the
 * extension never trusts these claims for a decision beyond showing who is signed in.
 * @param {string} jwt
 * @returns {Record<string, unknown>}
 */
function decodeJwtPayload(jwt) {
  try {
    const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(payload), (character) => character.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return {};
  }
}

/**
 * Returns the stored tokens if they were issued under the current settings. Tokens
 * from other settings (another cloud, tenant or app) are dropped.
 * @returns {Promise<StoredAuth | null>}
 */
async function loadAuth() {
  const auth = /** @type {StoredAuth | undefined} */ ((await chrome.storage.session.get(AUTH_KEY))[AUTH_KEY]);
  if (!auth) {
    return null;
  }
  const { settings } = await readSettings();
  if (auth.configuration !== configurationKey(settings)) {
    await signOut();
    return null;
  }
  return auth;
}
