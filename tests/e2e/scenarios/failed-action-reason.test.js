// A file Defender will not quarantine: the review warns about its signer before the
// confirm, the action fails on the device, and the dialog says why in the analyst's
// language instead of only "Failed".
import assert from 'node:assert/strict';
import { scenario } from '../harness/scenario.js';
import { openPortalPage, openDialog, waitForDevice, shownSha1, waitForStep, waitForActionStatus } from '../harness/portal.js';
import { formatMessage } from '../harness/locale.js';
import { waitUntil } from '../harness/wait.js';

// notepad.exe and fabrikam-updater.exe in the emulator's seed.
const MICROSOFT_SIGNED = '22967422fdce93ae6838fb70947726955a665043';
const TRUSTED_PUBLISHER = 'f4334a0413d7ef2b95b9e6942c01d1ef576da893';

/**
 * Checks that the review warns about the signer before anything is sent, then sends
 * the action for `sha1` and returns the reason shown once it failed.
 * @param {import('playwright-core').BrowserContext} context
 * @param {import('../harness/admin.js').EmulatorAdmin} admin
 * @param {string} sha1
 * @param {'microsoft' | 'publisher'} signer
 */
async function failedReason(context, admin, sha1, signer) {
  const page = await openPortalPage(context);
  const frame = await openDialog(page);
  await waitForDevice(frame);
  await frame.fill('#hash-input', sha1);
  assert.equal(await shownSha1(frame), sha1);

  await frame.locator('#review:enabled').waitFor();
  await frame.click('#review');
  await waitForStep(frame, 'review');
  const warning = frame.locator('#review-files .file-warning');
  await warning.waitFor({ timeout: 20_000 });
  assert.equal(await warning.getAttribute('data-signer'), signer, 'the review warns about the signer');
  assert.deepEqual(await admin.quarantineRequests(), [], 'nothing is sent before the confirm click');

  await frame.click('#confirm');
  await waitForActionStatus(frame, 'Failed');
  return waitUntil(async () => (await frame.locator('#action-outcome').textContent({ timeout: 1000 }))?.trim(), {
    message: 'the dialog shows why the action failed',
  });
}

scenario('Microsoft-signed failure explained', {}, async ({ context, admin }) => {
  const reason = await failedReason(context, admin, MICROSOFT_SIGNED, 'microsoft');
  assert.equal(reason, `${formatMessage('en', 'actionFailedMicrosoftSigned')} ${formatMessage('en', 'actionNothingChanged')}`);
  const [sent] = await admin.quarantineRequests();
  assert.equal(sent.status, 201, 'Defender accepted the request; the device rejected the file');
});

scenario('trusted-publisher failure explained in Danish', { lang: 'da' }, async ({ context, admin }) => {
  const reason = await failedReason(context, admin, TRUSTED_PUBLISHER, 'publisher');
  assert.equal(reason, `${formatMessage('da', 'actionFailedTrustedPublisher')} ${formatMessage('da', 'actionNothingChanged')}`);
});
