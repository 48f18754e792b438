// PKCE (RFC 7636) with the S256 method, and random values for the OAuth `state`,
// computed with WebCrypto.

/**
 * Encodes bytes as base64url without padding.
 * @param {ArrayBuffer | Uint8Array} bytes
 * @returns {string}
 */
export function base64Url(bytes) {
  const array = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = '';
  for (const byte of array) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Returns `byteCount` random bytes from the system generator, base64url encoded.
 * @param {number} byteCount
 * @returns {string}
 */
export function randomToken(byteCount) {
  return base64Url(crypto.getRandomValues(new Uint8Array(byteCount)));
}

/**
 * Creates a code verifier (32 random bytes, 43 characters) and its S256 challenge.
 * @returns {Promise<{verifier: string, challenge: string}>}
 */
export async function createPkcePair() {
  const verifier = randomToken(32);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return { verifier, challenge: base64Url(digest) };
}
