// The offline demo: the Defender emulator and Chromium with the extension on an
// emulated device page. With a display (DISPLAY set) it opens an ordinary window for
// the analyst to click through. Without one, or with --headless, it runs the flow
// itself: sign in, drop a generated file, confirm and follow to Succeeded. It then
// prints the machine action and saves a screenshot of each step under target/demo/.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmulator } from '../harness/emulator.js';
import { launchBrowser } from '../harness/browser.js';
import { configure, signIn, openPopup, ANALYST, TENANT_ID, CLIENT_ID } from '../harness/extension.js';
import {
  DEVICE_ID, devicePageUrl, openPortalPage, openDialog, waitForDevice, dropFile, shownSha1, waitForStep, waitForActionStatus,
} from '../harness/portal.js';
import { makeSampleFile } from '../harness/files.js';
import { callEmulator } from '../harness/api-client.js';
import { repositoryRoot } from '../harness/paths.js';

const screenshotDir = join(repositoryRoot, 'target', 'demo');
// The popup's body width in popup.css.
const POPUP_WIDTH = 420;
const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
// `--lang=da` shows the extension in Danish.
const lang = process.argv.find((argument) => argument.startsWith('--lang='))?.slice('--lang='.length);

const emulator = await startEmulator();
let exitCode = 0;
try {
  if (headless) {
    await runScripted(emulator);
  } else {
    await runInWindow(emulator);
  }
} catch (error) {
  console.error(`The demo failed: ${error instanceof Error ? error.stack : error}`);
  console.error(`Emulator log (last lines):\n${emulator.log.slice(-30).join('\n')}`);
  exitCode = 1;
} finally {
  await emulator.stop();
}
process.exit(exitCode);

/**
 * Opens a window with the extension configured for the emulated tenant, on a device
 * page, and waits until the analyst closes the browser.
 * @param {import('../harness/emulator.js').Emulator} emulator
 */
async function runInWindow(emulator) {
  const browser = await launchBrowser({ emulator, headless: false, lang });
  await configure(browser.context);
  const page = await browser.context.newPage();
  await page.goto(devicePageUrl());
  console.log(`Chromium shows ${devicePageUrl()} (device ws-finance-01.contoso.local).`);
  console.log(`The extension is set to tenant ${TENANT_ID} and client id ${CLIENT_ID}.`);
  console.log(`Click "Stop & Quarantine" and sign in as ${ANALYST}. Close the browser to end the demo.`);
  await new Promise((resolve) => browser.context.once('close', resolve));
}

/**
 * Runs the whole flow headless and saves a screenshot of each step.
 * @param {import('../harness/emulator.js').Emulator} emulator
 */
async function runScripted(emulator) {
  await rm(screenshotDir, { recursive: true, force: true });
  await mkdir(screenshotDir, { recursive: true });
  let step = 0;
  /** @param {import('playwright-core').Page} page @param {string} name */
  const shoot = async (page, name) => {
    step += 1;
    const path = join(screenshotDir, `${String(step).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path, fullPage: true });
    console.error(`Saved ${path}`);
  };
  // The toolbar popup is shot at its own size, as the browser shows it, not in a
  // corner of a window-sized page.
  /** @param {import('playwright-core').Page} popup @param {string} name */
  const shootPopup = async (popup, name) => {
    await popup.setViewportSize({ width: POPUP_WIDTH, height: 100 });
    await shoot(popup, name);
  };

  const browser = await launchBrowser({ emulator, lang });
  const file = await makeSampleFile({ name: 'invoice-2026.exe' });
  try {
    const { context } = browser;
    await configure(context);

    const signInPage = context.waitForEvent('page', { predicate: (page) => page.url().includes('/oauth2/v2.0/authorize') });
    const popupPromise = signIn(context, ANALYST);
    await shoot(await signInPage, 'sign-in');
    const popup = await popupPromise;
    await popup.locator('#sign-out:visible').waitFor();
    await shootPopup(popup, 'signed-in');
    await popup.close();

    const page = await openPortalPage(context);
    await shoot(page, 'device-page');

    const frame = await openDialog(page);
    await waitForDevice(frame);
    await shoot(page, 'dialog');

    await dropFile(page, frame, file.path);
    const sha1 = await shownSha1(frame);
    if (sha1 !== file.sha1) {
      throw new Error(`The dialog shows SHA-1 ${sha1}, but the file's SHA-1 is ${file.sha1}`);
    }
    await shoot(page, 'file-hashed');

    await frame.locator('#review:enabled').waitFor();
    await frame.click('#review');
    await waitForStep(frame, 'review');
    await shoot(page, 'review');

    await frame.click('#confirm');
    await waitForActionStatus(frame, 'Pending');
    await shoot(page, 'sent');

    // Moves the emulated action past InProgress (2 s) to Succeeded (5 s).
    await emulator.admin.advanceClock(10);
    const actionId = await waitForActionStatus(frame, 'Succeeded');
    await shoot(page, 'succeeded');

    const history = await openPopup(context);
    await history.locator(`#actions [data-action-id="${actionId}"][data-status="Succeeded"]`).waitFor();
    await shootPopup(history, 'popup-history');

    const { accessToken } = await emulator.admin.mintToken({ upn: ANALYST });
    const answer = await callEmulator(emulator, {
      method: 'GET', host: 'api.security.microsoft.com', path: `/api/machineactions/${actionId}`, token: accessToken,
    });
    console.log(`Machine action on device ${DEVICE_ID} for ${file.name} (SHA-1 ${file.sha1}):`);
    console.log(JSON.stringify(JSON.parse(answer.body), null, 2));

    if (browser.errors.errors.length > 0) {
      throw new Error(`Errors in the extension or the portal page:\n${browser.errors.describe()}`);
    }
    console.error(`Screenshots of each step are in ${screenshotDir}`);
  } finally {
    await file.remove();
    await browser.close();
  }
}
