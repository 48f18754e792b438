// A file Defender will not quarantine: the action fails on the device, and the dialog
// says why in the analyst's language instead of only "Failed".
import assert from 'node:assert/strict';
import { scenario } from '../harness/scenario.js';
import { openPortalPage, openDialog, waitForDevice, shownSha1, reviewAndConfirm, waitForActionStatus } from '../harness/portal.js';
import { formatMessage } from '../harness/locale.js';
import { waitUntil } from '../harness/wait.js';

// notepad.exe and fabrikam-updater.exe in the emulator's seed.
const MICROSOFT_SIGNED = '22967422fdce93ae6838fb70947726955a665043';
const TRUSTED_PUBLISHER = 'f4334a0413d7ef2b95b9e6942c01d1ef576da893';

/**
 * Sends the action for `sha1` and returns the reason shown once it failed.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} sha1
 */
async function failedReason(context, sha1) {
  const page = await openPortalPage(context);
  const frame = await openDialog(page);
  await waitForDevice(frame);
  await frame.fill('#hash-input', sha1);
  assert.equal(await shownSha1(frame), sha1);
  await reviewAndConfirm(frame);
  await waitForActionStatus(frame, 'Failed');
  return waitUntil(async () => (await frame.locator('#action-outcome').textContent({ timeout: 1000 }))?.trim(), {
    message: 'the dialog shows why the action failed',
  });
}

scenario('Microsoft-signed file: the failure is explained', {}, async ({ context, admin }) => {
  const reason = await failedReason(context, MICROSOFT_SIGNED);
  assert.equal(reason, `${formatMessage('en', 'actionFailedMicrosoftSigned')} ${formatMessage('en', 'actionNothingChanged')}`);
  const [sent] = await admin.quarantineRequests();
  assert.equal(sent.status, 201, 'Defender accepted the request; the device rejected the file');
});

scenario('trusted-publisher file: the failure is explained in Danish', { lang: 'da' }, async ({ context }) => {
  const reason = await failedReason(context, TRUSTED_PUBLISHER);
  assert.equal(reason, `${formatMessage('da', 'actionFailedTrustedPublisher')} ${formatMessage('da', 'actionNothingChanged')}`);
});
