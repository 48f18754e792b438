// Collects page errors, console errors and unhandled rejections from the extension's
// pages, its service worker and the portal page. Any of them fails the scenario.

/** @typedef {{source: string, url: string, text: string}} CollectedError */

export class ErrorCollector {
  constructor() {
    /** @type {CollectedError[]} */
    this.errors = [];
  }

  /**
   * @param {import('playwright-core').BrowserContext} context
   * @param {string} extensionOrigin
   */
  watch(context, extensionOrigin) {
    context.on('weberror', (webError) => {
      const error = webError.error();
      this.add('page error', webError.page()?.url() ?? '', error.stack ?? error.message);
    });

    context.on('console', (message) => {
      if (message.type() !== 'error') {
        return;
      }
      const url = message.page()?.url() ?? message.worker()?.url() ?? message.location().url;
      // The browser's own favicon request is no script's doing; the emulated portal
      // serves no icon, so it fails with 404 on every portal page.
      if (isFaviconMiss(message)) {
        return;
      }
      this.add('console error', url, message.text());
    });

    const watchWorker = (/** @type {import('playwright-core').Worker} */ worker) => {
      if (worker.url().startsWith(extensionOrigin)) {
        void reportUnhandledInWorker(worker);
      }
    };
    context.on('serviceworker', watchWorker);
    context.serviceWorkers().forEach(watchWorker);
  }

  /**
   * @param {string} source
   * @param {string} url
   * @param {string} text
   */
  add(source, url, text) {
    this.errors.push({ source, url, text });
  }

  /** A readable list for an assertion message. */
  describe() {
    return this.errors.map((error) => `${error.source} in ${error.url || 'an unknown page'}: ${error.text}`).join('\n');
  }
}

/** @param {import('playwright-core').ConsoleMessage} message */
function isFaviconMiss(message) {
  return message.text().startsWith('Failed to load resource') && new URL(message.location().url || 'about:blank').pathname === '/favicon.ico';
}

/**
 * Makes a service worker report its uncaught errors and unhandled rejections as console
 * errors, because Playwright reports neither for workers.
 * NOTE: an error thrown before this runs, during the worker's first evaluation, is
 * only caught when the worker itself logs it.
 * @param {import('playwright-core').Worker} worker
 */
async function reportUnhandledInWorker(worker) {
  try {
    await worker.evaluate(() => {
      const scope = /** @type {any} */ (globalThis);
      if (scope.__e2eErrorReporting) {
        return;
      }
      scope.__e2eErrorReporting = true;
      const describe = (/** @type {unknown} */ value) =>
        value instanceof Error ? value.stack ?? value.message : JSON.stringify(value);
      scope.addEventListener('unhandledrejection', (/** @type {PromiseRejectionEvent} */ event) => {
        console.error(`Unhandled rejection in the service worker: ${describe(event.reason)}`);
      });
      scope.addEventListener('error', (/** @type {ErrorEvent} */ event) => {
        console.error(`Uncaught error in the service worker: ${describe(event.error ?? event.message)}`);
      });
    });
  } catch {
    // The worker stopped before the listeners went in; its next start is watched again.
  }
}
