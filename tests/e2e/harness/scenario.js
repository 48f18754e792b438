// One scenario's world: its own emulator (own state), its own Chromium profile with the
// extension, and the error collector. After the body, any page error, console error or
// unhandled rejection fails the test; on a failure the emulator's log is printed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startEmulator } from './emulator.js';
import { launchBrowser } from './browser.js';
import { configure, signIn, ANALYST } from './extension.js';

const SCENARIO_TIMEOUT_MS = 180_000;
// The body gets less time than the test, so a hung body still leaves time to close
// Chromium and the emulator. node:test reports a timeout but never stops the body.
const BODY_TIMEOUT_MS = SCENARIO_TIMEOUT_MS - 20_000;

/**
 * @typedef {{
 *   emulator: import('./emulator.js').Emulator,
 *   admin: import('./admin.js').EmulatorAdmin,
 *   context: import('playwright-core').BrowserContext,
 *   errors: import('./errors.js').ErrorCollector,
 * }} Scenario
 */

/**
 * @typedef {{lang?: string, clockSpeed?: number, user?: string | null, configure?: boolean}} ScenarioOptions
 *   `user` is the account signed in before the body (the analyst by default, none for
 *   null); `configure: false` leaves the options page untouched and signs nobody in.
 */

/**
 * Declares a test that runs `body` in a fresh scenario.
 * @param {string} name
 * @param {ScenarioOptions} options
 * @param {(scenario: Scenario, t: import('node:test').TestContext) => Promise<void>} body
 */
export function scenario(name, options, body) {
  test(name, { timeout: SCENARIO_TIMEOUT_MS }, async (t) => {
    const emulator = await startEmulator({ clockSpeed: options.clockSpeed });
    /** @type {Awaited<ReturnType<typeof launchBrowser>> | undefined} */
    let browser;
    try {
      browser = await launchBrowser({ emulator, lang: options.lang });
      const world = { emulator, admin: emulator.admin, context: browser.context, errors: browser.errors };

      if (options.configure !== false) {
        await configure(browser.context);
        const user = options.user === undefined ? ANALYST : options.user;
        if (user) {
          const popup = await signIn(browser.context, user);
          await popup.close();
        }
      }

      await finishWithin(body(world, t), BODY_TIMEOUT_MS);
      assert.equal(browser.errors.errors.length, 0, `Errors in the extension or the portal page:\n${browser.errors.describe()}`);
    } catch (error) {
      if (browser && browser.errors.errors.length > 0) {
        t.diagnostic('errors seen:');
        browser.errors.describe().split('\n').forEach((line) => t.diagnostic(line));
      }
      t.diagnostic('emulator log (last lines):');
      emulator.log.slice(-40).forEach((line) => t.diagnostic(line));
      throw error;
    } finally {
      await browser?.close().catch((error) => t.diagnostic(`closing Chromium failed: ${error}`));
      await emulator.stop();
    }
  });
}

/**
 * Waits for `work`, or fails once `ms` have passed.
 * @param {Promise<void>} work
 * @param {number} ms
 */
async function finishWithin(work, ms) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const expired = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`The scenario did not finish within ${ms} ms`)), ms);
  });
  // A body that fails after the deadline fails against a closed browser: not news.
  work.catch(() => {});
  try {
    await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
