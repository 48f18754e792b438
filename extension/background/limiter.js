// The core's rate limiter, with its state saved in `chrome.storage.local` after every
// change, so a stopped and woken service worker keeps counting where it left off.
// Defender allows 100 calls a minute and 1500 an hour per app and tenant.
import { coreReady } from '../lib/core.js';

const LIMITER_KEY = 'rateLimiter';

/** @type {Promise<any> | null} */
let limiterLoaded = null;

function loadLimiter() {
  if (!limiterLoaded) {
    limiterLoaded = (async () => {
      const core = await coreReady;
      const saved = (await chrome.storage.local.get(LIMITER_KEY))[LIMITER_KEY];
      if (typeof saved === 'string') {
        try {
          return core.RateLimiter.fromJSON(saved);
        } catch {
          // A state saved by an older core version: start counting afresh.
        }
      }
      return new core.RateLimiter();
    })();
  }
  return limiterLoaded;
}

/** @param {any} limiter */
async function save(limiter) {
  await chrome.storage.local.set({ [LIMITER_KEY]: limiter.toJSON() });
}

/**
 * Reserves one call now. Returns 0 when the call may go, else the milliseconds to wait
 * (nothing is reserved then).
 * @returns {Promise<number>}
 */
export async function reserveCall() {
  const limiter = await loadLimiter();
  const wait = Number(limiter.reserve(Date.now()));
  await save(limiter);
  return wait;
}

/**
 * Blocks every call until `untilMs`, as a 429's `Retry-After` asks.
 * @param {number} untilMs ms since the epoch
 */
export async function blockCallsUntil(untilMs) {
  const limiter = await loadLimiter();
  limiter.blockUntil(untilMs);
  await save(limiter);
}
