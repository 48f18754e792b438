// The portal page is untrusted. Its scripts cannot open the button's shadow root, even
// by patching attachShadow before the content script runs. A synthetic click on the
// button does nothing, and the page sees neither the token nor the dropped file.
import assert from 'node:assert/strict';
import { scenario } from '../harness/scenario.js';
import { makeSampleFile } from '../harness/files.js';
import { extensionId } from '../harness/paths.js';
import {
  BUTTON_TAG, devicePageUrl, waitForRender, waitForButton, dialogFrames, openDialog, waitForDevice, dropFile, shownSha1,
  reviewAndConfirm, waitForActionStatus,
} from '../harness/portal.js';
import { waitUntil } from '../harness/wait.js';

/** Runs in the page's main world before any of its scripts: a hostile portal page. */
function spyInPage() {
  const spy = { attachShadowModes: /** @type {string[]} */ ([]), messages: /** @type {string[]} */ ([]) };
  Object.assign(window, { e2eSpy: spy });
  const original = Element.prototype.attachShadow;
  /** @param {ShadowRootInit} init */
  Element.prototype.attachShadow = function attachShadow(init) {
    spy.attachShadowModes.push(init.mode);
    return original.call(this, { ...init, mode: 'open' });
  };
  window.addEventListener('message', (event) => {
    try {
      spy.messages.push(JSON.stringify(event.data));
    } catch {
      spy.messages.push(String(event.data));
    }
  }, true);
}

/**
 * Everything a page script can reach that could carry the token or the file.
 * @param {{tag: string, extensionId: string}} input
 */
async function lookFromPage({ tag, extensionId }) {
  const spy = /** @type {any} */ (window).e2eSpy;
  const host = document.querySelector(tag);
  const readableFrames = [];
  for (let index = 0; index < window.length; index += 1) {
    try {
      readableFrames.push(window[index].document.documentElement.outerHTML);
    } catch {
      // A cross-origin frame: its document is out of reach, as it should be.
    }
  }
  let runtime = 'no chrome.runtime in the page';
  const chromeApi = /** @type {any} */ (globalThis).chrome;
  if (chromeApi?.runtime?.sendMessage) {
    try {
      runtime = `answered: ${JSON.stringify(await chromeApi.runtime.sendMessage(extensionId, { type: 'getStatus' }))}`;
    } catch (error) {
      runtime = `rejected: ${error}`;
    }
  }
  return {
    shadowRoot: host?.shadowRoot ? 'reachable' : null,
    attachShadowModes: spy.attachShadowModes,
    readableFrames,
    runtime,
    visible: [
      document.documentElement.outerHTML,
      JSON.stringify({ ...localStorage }),
      JSON.stringify({ ...sessionStorage }),
      document.cookie,
      performance.getEntries().map((entry) => entry.name).join('\n'),
      spy.messages.join('\n'),
    ].join('\n'),
  };
}

const JWT = /eyJ[\w-]+\.eyJ[\w-]+/;

scenario('page script cannot reach token or file', {}, async ({ context, admin }, t) => {
  const file = await makeSampleFile();
  t.after(file.remove);
  const page = await context.newPage();
  await page.addInitScript(spyInPage);
  await page.goto(devicePageUrl());
  await waitForRender(page, 'device');
  await waitForButton(page);

  // Synthetic clicks and key presses from the page: none may open the dialog. The
  // content script opens the iframe synchronously in its click handler, so a dialog
  // opened by any of these would be attached when the evaluation returns.
  await page.evaluate((tag) => {
    const host = /** @type {HTMLElement} */ (document.querySelector(tag));
    host.click();
    host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    host.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true, composed: true }));
    host.focus();
  }, BUTTON_TAG);
  assert.equal(dialogFrames(page).length, 0, 'a synthetic click opened no dialog');

  const before = await page.evaluate(lookFromPage, { tag: BUTTON_TAG, extensionId });
  assert.equal(before.shadowRoot, null, 'the shadow root is closed to the page');
  assert.deepEqual(before.attachShadowModes, [], "the page's attachShadow was not used by the content script");

  const frame = await openDialog(page);
  assert.equal(dialogFrames(page).length, 1, 'a real click opened one dialog');
  await waitForDevice(frame);
  await dropFile(page, frame, file.path);
  assert.equal(await shownSha1(frame), file.sha1);
  await reviewAndConfirm(frame);
  await waitForActionStatus(frame, 'Pending');
  assert.equal((await admin.quarantineRequests()).length, 1);

  const after = await page.evaluate(lookFromPage, { tag: BUTTON_TAG, extensionId });
  assert.equal(after.shadowRoot, null, 'the shadow root stays closed');
  assert.deepEqual(after.readableFrames, [], 'the dialog document is out of reach of the page');
  assert.doesNotMatch(after.runtime, /^answered/, 'the page cannot message the extension');
  assert.doesNotMatch(after.visible, JWT, 'no token in anything the page can see');
  assert.ok(!after.visible.includes(file.marker), "the file's content is nowhere the page can see");
  assert.ok(!after.visible.includes(file.sha1), "the file's SHA-1 is nowhere the page can see");

  // Closing is the one message the dialog sends to the page.
  await frame.click('#cancel');
  await waitUntil(() => dialogFrames(page).length === 0, { message: 'the dialog closed' });
  const messages = await page.evaluate(() => /** @type {any} */ (window).e2eSpy.messages);
  assert.deepEqual(messages, [JSON.stringify({ type: 'stop-quarantine:close' })]);
});
