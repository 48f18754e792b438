// Time from a stopped extension service worker being woken by a message to its reply,
// which it sends only after the core has loaded.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { CHROMIUM, CHROMIUM_FLAGS } from './browser.mjs';
import { median } from './report.mjs';

const RUNS = 5;

/**
 * Loads the built extension in its own browser, then RUNS times stops every service
 * worker and times a `getStatus` message from the extension's popup page.
 * @param {unknown} _browser unused: an extension needs a persistent context of its own
 * @param {string} dist the unpacked extension
 * @returns {Promise<{first: number, median: number}>} milliseconds: the first wake, which
 *   compiles the wasm without a code cache, and the median of all
 */
export async function measureServiceWorkerWake(_browser, dist) {
  const profile = mkdtempSync(join(tmpdir(), 'sha1-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [...CHROMIUM_FLAGS, `--disable-extensions-except=${dist}`, `--load-extension=${dist}`],
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/popup/popup.html`);
    const cdp = await context.newCDPSession(page);

    // Set when the ServiceWorker domain reports a version stopped after a stop request.
    let stopped = false;
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (versions.some((version) => version.runningStatus === 'stopped')) {
        stopped = true;
      }
    });
    await cdp.send('ServiceWorker.enable');

    const times = [];
    for (let run = 0; run < RUNS; run++) {
      stopped = false;
      await cdp.send('ServiceWorker.stopAllWorkers');
      await waitFor(() => stopped);
      times.push(
        await page.evaluate(async () => {
          const started = performance.now();
          await chrome.runtime.sendMessage({ type: 'getStatus' });
          return performance.now() - started;
        }),
      );
    }
    return { first: times[0], median: median(times) };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Polls `condition` every 20 ms for up to 10 s. */
async function waitFor(condition) {
  for (let waited = 0; waited < 10_000; waited += 20) {
    if (condition()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('The extension service worker did not stop within 10 s.');
}
