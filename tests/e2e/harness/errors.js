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
   * @param {import('playwright-core').Page} page a page that stays open, to hold the DevTools session
   */
  async watch(context, page) {
    context.on('weberror', (webError) => {
      const error = webError.error();
      this.add('page error', webError.page()?.url() ?? '', error.stack ?? error.message);
    });

    context.on('console', (message) => {
      // Service workers are watched below, including the starts Playwright misses.
      if (message.type() !== 'error' || message.worker()) {
        return;
      }
      this.add('console error', message.page()?.url() ?? message.location().url, message.text());
    });

    // Playwright reports neither uncaught errors nor unhandled rejections of service
    // workers, and misses a worker that Chromium started again after stopping it. The
    // DevTools protocol reports both, and console errors, for every start.
    const session = await context.newCDPSession(page);
    /** @type {Map<string, string>} */
    const scripts = new Map();
    session.on('ServiceWorker.workerVersionUpdated', (event) => {
      event.versions.forEach((version) => scripts.set(version.versionId, version.scriptURL));
    });
    session.on('ServiceWorker.workerErrorReported', ({ errorMessage }) => {
      const url = scripts.get(errorMessage.versionId) ?? errorMessage.sourceURL;
      this.add('service worker error', url, `${errorMessage.errorMessage} (line ${errorMessage.lineNumber})`);
    });
    await session.send('ServiceWorker.enable');
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
