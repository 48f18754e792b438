// The emulated Defender portal and the extension's button and dialog on it. The
// button sits in a closed shadow root, so tests click it with real mouse events at its
// host element's box; the dialog is an extension page in an iframe, found by its path.
import { waitUntil } from './wait.js';

export const PORTAL = 'https://security.microsoft.com';
export const DEVICE_ID = '1e5bc9d7e413ddd7902c2932e418702b84d0cc07';
export const DEVICE_NAME = 'ws-finance-01.contoso.local';
export const BUTTON_TAG = 'stop-quarantine-button';

/** @param {string} machineId */
export function devicePageUrl(machineId = DEVICE_ID) {
  return `${PORTAL}/machines/v2/${machineId}/overview`;
}

/**
 * Opens a portal page and waits until the portal rendered it and the button is there.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} url
 */
export async function openPortalPage(context, url = devicePageUrl()) {
  const page = await context.newPage();
  await page.goto(url);
  await waitForRender(page);
  await waitForButton(page);
  return page;
}

/**
 * Waits until `<main id="portal-main">` shows a page of the given kind (the portal
 * renders about 300 ms after a navigation).
 * @param {import('playwright-core').Page} page
 * @param {string} [kind] `device`, `file`, `alert`, `incident`; any rendered page when omitted
 */
export async function waitForRender(page, kind) {
  const selector = kind ? `#portal-main[data-page="${kind}"]` : '#portal-main:not([data-page="loading"])';
  await page.locator(selector).waitFor({ state: 'attached' });
}

/** @param {import('playwright-core').Page} page */
export function buttonCount(page) {
  return page.evaluate((tag) => document.querySelectorAll(tag).length, BUTTON_TAG);
}

/**
 * Waits until exactly one button host is in the page and has a box on screen.
 * @param {import('playwright-core').Page} page
 */
export async function waitForButton(page) {
  await waitUntil(
    async () => (await buttonCount(page)) === 1 && (await page.locator(BUTTON_TAG).boundingBox()) !== null,
    { message: async () => `exactly one ${BUTTON_TAG} is shown on ${page.url()}` },
  );
}

/**
 * Clicks the button with a real mouse click in the middle of its host element.
 * @param {import('playwright-core').Page} page
 */
export async function clickButton(page) {
  const box = await page.locator(BUTTON_TAG).boundingBox();
  if (!box) {
    throw new Error(`The ${BUTTON_TAG} element has no box on ${page.url()}`);
  }
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/**
 * The frames of the dialog (`dialog/dialog.html`) on the page.
 * @param {import('playwright-core').Page} page
 */
export function dialogFrames(page) {
  return page.frames().filter((frame) => {
    try {
      const url = new URL(frame.url());
      return url.protocol === 'chrome-extension:' && url.pathname === '/dialog/dialog.html';
    } catch {
      return false;
    }
  });
}

/**
 * Clicks the button and returns the dialog's frame once its first step is shown.
 * @param {import('playwright-core').Page} page
 */
export async function openDialog(page) {
  await clickButton(page);
  const frame = await waitUntil(() => dialogFrames(page)[0], { message: 'the dialog iframe is attached' });
  await frame.waitForLoadState('load');
  return frame;
}

/**
 * Waits until the dialog's body shows the given step.
 * @param {import('playwright-core').Frame} frame
 * @param {string} step
 * @param {number} [timeout]
 */
export async function waitForStep(frame, step, timeout = 20_000) {
  await waitUntil(async () => (await currentStep(frame)) === step, {
    timeout,
    message: async () => `the dialog step is '${step}' (it is '${await currentStep(frame).catch(() => '?')}'; ` +
      `error: ${await frame.locator('#error').textContent().catch(() => '?')})`,
  });
}

/** @param {import('playwright-core').Frame} frame */
export function currentStep(frame) {
  return frame.evaluate(() => document.body.dataset.step);
}

/**
 * Waits until the dialog shows the device card with the given name.
 * @param {import('playwright-core').Frame} frame
 * @param {string} [name]
 */
export async function waitForDevice(frame, name = DEVICE_NAME) {
  await frame.locator('#device-card:visible').waitFor();
  await waitUntil(async () => (await frame.locator('#device-name').textContent()) === name, {
    message: `the dialog shows the device ${name}`,
  });
}

/**
 * Drops a file from disk on the drop zone with the DevTools protocol's drag events,
 * which the browser delivers as a trusted drop of a real file, as from a file manager.
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').Frame} frame
 * @param {string} path
 */
export async function dropFile(page, frame, path) {
  const zone = frame.locator('#drop-zone');
  await zone.scrollIntoViewIfNeeded();
  const box = await zone.boundingBox();
  if (!box) {
    throw new Error('The drop zone has no box');
  }
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  const session = await page.context().newCDPSession(page);
  const data = { items: [], files: [path], dragOperationsMask: 1 };
  for (const type of /** @type {const} */ (['dragEnter', 'dragOver', 'drop'])) {
    await session.send('Input.dispatchDragEvent', { type, x, y, data });
  }
  await session.detach();
}

/**
 * Waits until the dialog shows one SHA-1 ready to send, and returns it.
 * @param {import('playwright-core').Frame} frame
 */
export async function shownSha1(frame) {
  await frame.locator('#hash-result:visible').waitFor({ timeout: 60_000 });
  return (await frame.locator('#sha1-value').textContent())?.trim() ?? '';
}

/**
 * Goes from a complete input step to the review step and waits until Defender's file
 * lookups there have answered, so a fault set up afterwards meets the action alone.
 * @param {import('playwright-core').Frame} frame
 */
export async function openReview(frame) {
  await frame.locator('#review:enabled').waitFor();
  await frame.click('#review');
  await waitForStep(frame, 'review');
  await frame.locator('#review-files li:not([data-state="loading"])').first().waitFor();
}

/**
 * Goes from a complete input step to the review step and confirms, then waits until
 * the request was sent.
 * @param {import('playwright-core').Frame} frame
 */
export async function reviewAndConfirm(frame) {
  await frame.locator('#review:enabled').waitFor();
  await frame.click('#review');
  await waitForStep(frame, 'review');
  await frame.click('#confirm');
}

/**
 * Waits until the first action row shows the given API status, and returns the action id.
 * @param {import('playwright-core').Frame} frame
 * @param {string} status
 * @param {number} [timeout]
 */
export async function waitForActionStatus(frame, status, timeout = 60_000) {
  await waitUntil(async () => (await frame.locator('#action-status').getAttribute('data-status', { timeout: 1000 })) === status, {
    timeout,
    message: async () =>
      `the action status is ${status} (it is ${await frame.locator('#action-status').getAttribute('data-status', { timeout: 1000 }).catch(() => 'not shown')}; ` +
      `step ${await currentStep(frame).catch(() => '?')}; error: ${await frame.locator('#error').textContent().catch(() => '?')})`,
  });
  return (await frame.locator('#action-id').textContent())?.trim() ?? '';
}
