// The portal is a single-page application: moving from an incident to a device, a file
// and another device without a page load leaves exactly one button on each page. The
// button leaves the device list, and opens the dialog for the page shown at the time.
import assert from 'node:assert/strict';
import { scenario } from '../harness/scenario.js';
import {
  PORTAL, BUTTON_TAG, buttonCount, waitForRender, waitForButton, openDialog, waitForDevice,
} from '../harness/portal.js';
import { waitUntil } from '../harness/wait.js';

/**
 * Clicks an in-page portal link and waits until the portal rendered the new page.
 * @param {import('playwright-core').Page} page
 * @param {string} selector a link of the portal page
 * @param {string} kind the page kind the link leads to
 */
async function follow(page, selector, kind) {
  const link = page.locator(selector).first();
  const href = await link.getAttribute('href');
  await link.click();
  await page.waitForURL((url) => url.pathname + url.search === href);
  await waitForRender(page, kind);
  return href;
}

scenario('single-page navigation keeps one button', {}, async ({ context }) => {
  const page = await context.newPage();
  await page.goto(`${PORTAL}/incidents/41`);
  await waitForRender(page, 'incident');
  await waitForButton(page);
  // A page load would drop this mark of the first document.
  await page.evaluate(() => Object.assign(window, { e2eFirstDocument: true }));

  const firstDevice = await follow(page, '#portal-main a[href*="/machines/v2/"]', 'device');
  await waitForButton(page);
  assert.equal(await buttonCount(page), 1, 'one button on the device page');

  await follow(page, '#portal-main a[href*="/file/"]', 'file');
  await waitForButton(page);
  assert.equal(await buttonCount(page), 1, 'one button on the file page');

  // The file was seen on several devices: go to one other than the first.
  const secondDevice = `#portal-main a[href*="/machines/v2/"]:not([href="${firstDevice}"])`;
  await follow(page, secondDevice, 'device');
  await waitForButton(page);
  assert.equal(await buttonCount(page), 1, 'one button on the second device page');

  // The device list is no page for the action: the button goes, and comes back with a device.
  await follow(page, '#portal-nav a[href="/machines"]', 'devices');
  await waitUntil(async () => (await buttonCount(page)) === 0, { message: 'the button left the device list' });
  await follow(page, `#portal-main a[href="${firstDevice}"]`, 'device');
  await waitForButton(page);

  assert.equal(await page.evaluate(() => /** @type {any} */ (window).e2eFirstDocument), true, 'no page was loaded');
  assert.equal(await page.evaluate((tag) => document.querySelectorAll(tag).length, BUTTON_TAG), 1);

  const deviceName = (await page.locator('#portal-main h1').textContent())?.trim() ?? '';
  const frame = await openDialog(page);
  await waitForDevice(frame, deviceName);
});
