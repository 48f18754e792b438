// Content script on Defender portal pages. It reads only the page URL. On a device,
// file, alert or incident page it shows one "Stop & Quarantine" button in a closed
// shadow root, which the page's scripts cannot reach. The button opens the dialog, an
// extension page in an iframe, so no file, typed hash or token reaches the page.
// The portal is a single-page application, so the button follows URL changes that
// happen without a page load (`history.pushState`, back and forward).
(() => {
  const HOST_TAG = 'stop-quarantine-button';
  const DIALOG_PATH = 'dialog/dialog.html';
  const CLOSE_MESSAGE = 'stop-quarantine:close';

  // Paths of the pages where the button has a meaning. The dialog parses the URL
  // completely with the core; this only decides whether to offer the button.
  const PAGE_PATTERNS = [
    /^\/machines\/(v2\/)?[0-9a-f]{40}(\/|$)/i,
    /^\/file\/[0-9a-f]{32,64}(\/|$)/i,
    /^\/alerts?\/[^/]+/i,
    /^\/incidents\/[^/]+/i,
    /^\/incident2\/[^/]+/i,
  ];

  /** @type {HTMLElement | null} */
  let host = null;
  /** @type {HTMLButtonElement | null} */
  let button = null;
  /** @type {HTMLElement | null} */
  let overlay = null;
  /** @type {HTMLIFrameElement | null} */
  let frame = null;
  let lastHref = '';

  function pageHasMeaning() {
    return PAGE_PATTERNS.some((pattern) => pattern.test(location.pathname));
  }

  function createHost() {
    const element = document.createElement(HOST_TAG);
    // Inline styles, because the page's styles reach the host element itself.
    element.setAttribute('style', 'all: initial; position: fixed; right: 24px; bottom: 24px; z-index: 2147483646;');
    const root = element.attachShadow({ mode: 'closed' });

    const style = document.createElement('style');
    style.textContent = `
      button.open {
        display: inline-flex; align-items: center; gap: 8px;
        font: 600 14px/20px "Segoe UI", "Segoe UI Web (West European)", -apple-system, sans-serif;
        color: #fff; background: #c50f1f; border: 1px solid #c50f1f; border-radius: 4px;
        padding: 6px 16px; min-height: 32px; cursor: pointer;
        box-shadow: 0 3.2px 7.2px rgba(0,0,0,.13), 0 .6px 1.8px rgba(0,0,0,.11);
      }
      button.open:hover { background: #a80000; border-color: #a80000; }
      button.open:focus-visible { outline: 2px solid #000; outline-offset: 2px; }
      button.open[hidden] { display: none; }
      .overlay {
        position: fixed; inset: 0; background: rgba(0,0,0,.4);
        display: flex; align-items: center; justify-content: center;
      }
      iframe {
        width: min(680px, calc(100vw - 32px)); height: min(760px, calc(100vh - 32px));
        border: 0; border-radius: 8px; background: #fff;
        box-shadow: 0 25.6px 57.6px rgba(0,0,0,.22), 0 4.8px 14.4px rgba(0,0,0,.18);
      }`;
    root.append(style);

    button = document.createElement('button');
    button.type = 'button';
    button.className = 'open';
    const icon = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    icon.setAttribute('viewBox', '0 0 16 16');
    icon.setAttribute('width', '16');
    icon.setAttribute('height', '16');
    icon.setAttribute('aria-hidden', 'true');
    const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('fill', 'currentColor');
    path.setAttribute('d', 'M8 1 2 3v4.5C2 11 4.6 14 8 15c3.4-1 6-4 6-7.5V3L8 1Zm-3 6h6v2H5V7Z');
    icon.append(path);
    const label = document.createElement('span');
    label.textContent = chrome.i18n.getMessage('buttonLabel');
    button.append(icon, label);
    button.title = chrome.i18n.getMessage('buttonTitle');
    button.addEventListener('click', (event) => {
      // Only a real click or key press by the analyst opens the dialog; a click
      // synthesized by a page script is ignored.
      if (!event.isTrusted) {
        return;
      }
      openDialog(root);
    });
    root.append(button);
    return element;
  }

  /** @param {ShadowRoot} root */
  function openDialog(root) {
    if (overlay) {
      return;
    }
    overlay = document.createElement('div');
    overlay.className = 'overlay';
    frame = document.createElement('iframe');
    // The dialog gets the page URL as its starting context. It parses and validates
    // it with the core, and the analyst confirms everything it derives.
    const dialogUrl = new URL(chrome.runtime.getURL(DIALOG_PATH));
    dialogUrl.hash = new URLSearchParams({ page: location.href }).toString();
    frame.src = dialogUrl.toString();
    frame.title = chrome.i18n.getMessage('dialogTitle');
    frame.setAttribute('allow', '');
    frame.addEventListener('load', () => frame?.focus());
    overlay.append(frame);
    root.append(overlay);
    if (button) {
      button.hidden = true;
    }
  }

  function closeDialog() {
    overlay?.remove();
    overlay = null;
    frame = null;
    if (!pageHasMeaning()) {
      removeHost();
      return;
    }
    if (button) {
      button.hidden = false;
      button.focus();
    }
  }

  function removeHost() {
    host?.remove();
    host = null;
    button = null;
  }

  function update() {
    if (location.href === lastHref && (host === null || host.isConnected)) {
      return;
    }
    lastHref = location.href;

    if (!pageHasMeaning()) {
      // An open dialog stays until the analyst closes it; only the button goes.
      if (overlay) {
        if (button) {
          button.hidden = true;
        }
        return;
      }
      removeHost();
      return;
    }
    if (!host) {
      host = createHost();
    }
    if (!host.isConnected) {
      // The portal re-renders its body; the button goes back where it belongs.
      (document.body ?? document.documentElement).append(host);
    }
    if (button && !overlay) {
      button.hidden = false;
    }
  }

  window.addEventListener('message', (event) => {
    // Only the dialog's own window may close it. The page receives this message too and
    // could post one itself, but it cannot forge `event.source`.
    if (!frame || event.source !== frame.contentWindow) {
      return;
    }
    if (event.data?.type === CLOSE_MESSAGE) {
      closeDialog();
    }
  });

  window.addEventListener('keydown', (event) => {
    if (overlay && event.key === 'Escape') {
      closeDialog();
    }
  });

  // The Navigation API reports `history.pushState` made by page scripts; the other
  // listeners cover browsers without it and the page replacing its own body.
  const navigation = /** @type {EventTarget | undefined} */ (/** @type {any} */ (window).navigation);
  navigation?.addEventListener('currententrychange', update);
  window.addEventListener('popstate', update);
  window.addEventListener('hashchange', update);
  new MutationObserver(update).observe(document.documentElement, { childList: true, subtree: true });
  update();
})();
