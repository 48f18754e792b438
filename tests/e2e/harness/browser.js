// Launches Chromium with the unpacked extension, a fresh profile, the emulator's host
// names mapped to loopback and its certificate pinned by SPKI.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ErrorCollector } from './errors.js';
import { chromiumBinary, extensionDir, extensionId } from './paths.js';
import { waitUntil } from './wait.js';

/** Flags for every run; `--headless=new` is added unless a window is wanted. */
const BASE_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-domain-reliability',
];

export const extensionOrigin = `chrome-extension://${extensionId}`;

/**
 * @param {{emulator: import('./emulator.js').Emulator, lang?: string, headless?: boolean}} options
 */
export async function launchBrowser({ emulator, lang, headless = true }) {
  const userDataDir = await mkdtemp(join(tmpdir(), 'stop-quarantine-e2e-'));
  const args = [
    ...(headless ? ['--headless=new'] : []),
    ...BASE_FLAGS,
    `--host-resolver-rules=${emulator.hostResolverRules()}`,
    `--ignore-certificate-errors-spki-list=${emulator.ready.spki}`,
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
  ];
  if (lang) {
    args.push(`--lang=${lang}`);
  }

  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumBinary,
    headless,
    ignoreDefaultArgs: ['--disable-extensions'],
    args,
    viewport: headless ? { width: 1280, height: 900 } : null,
    // Under --lang, headless Chromium 156 picks the extension's message catalog but
    // still reports en-US from chrome.i18n.getUILanguage() and navigator.language;
    // the locale emulation sets those as a browser running in that language would.
    locale: lang,
  });
  context.setDefaultTimeout(20_000);

  // The first page of a persistent context stays open, so the watch lasts.
  const errors = new ErrorCollector();
  await errors.watch(context, context.pages()[0] ?? (await context.newPage()));

  await serviceWorker(context);
  return {
    context,
    errors,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Returns the extension's service worker, waiting for it to start if it is not running.
 * @param {import('playwright-core').BrowserContext} context
 */
export async function serviceWorker(context) {
  const running = () => context.serviceWorkers().find((worker) => worker.url().startsWith(extensionOrigin));
  return running() ?? (await context.waitForEvent('serviceworker', { predicate: (worker) => worker.url().startsWith(extensionOrigin) }));
}

/**
 * Watches the extension's service worker through the DevTools protocol, which stops it
 * the way Chromium stops an idle extension worker and reports when it starts again.
 * @param {import('playwright-core').BrowserContext} context
 * @param {import('playwright-core').Page} page any page of the profile, to hold the session
 */
export async function watchServiceWorker(context, page) {
  const session = await context.newCDPSession(page);
  /** @type {Map<string, string>} */
  const states = new Map();
  /**
   * Running states in the order seen, to tell a restart from a worker never stopped.
   * @type {string[]}
   */
  const history = [];
  session.on('ServiceWorker.workerVersionUpdated', (event) => {
    for (const version of event.versions) {
      if (version.scriptURL.startsWith(extensionOrigin)) {
        states.set(version.versionId, version.runningStatus);
        history.push(version.runningStatus);
      }
    }
  });
  await session.send('ServiceWorker.enable');
  await waitUntil(() => states.size > 0, { message: 'the DevTools protocol listed the extension service worker' });

  return {
    /** Stops the worker and waits until it is stopped. */
    async stop() {
      await session.send('ServiceWorker.stopAllWorkers');
      await waitUntil(() => [...states.values()].every((state) => state === 'stopped'), {
        message: () => `the extension service worker stopped (states: ${JSON.stringify([...states.values()])})`,
      });
    },
    /** True once the worker ran again after it was stopped. */
    restartedAfterStop() {
      const stoppedAt = history.lastIndexOf('stopped');
      return stoppedAt >= 0 && history.slice(stoppedAt).includes('running');
    },
    detach: () => session.detach(),
  };
}
