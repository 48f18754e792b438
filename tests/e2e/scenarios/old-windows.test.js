// A device on Windows 10 1607, older than the action supports: the dialog warns before
// sending without blocking, and Defender's rejection is explained in Danish, with no
// offer to try again.
import assert from 'node:assert/strict';
import { scenario } from '../harness/scenario.js';
import { randomSha1 } from '../harness/files.js';
import { openPortalPage, openDialog, devicePageUrl, waitForDevice, shownSha1, reviewAndConfirm, waitForStep } from '../harness/portal.js';
import { formatMessage } from '../harness/locale.js';

const KIOSK_ID = '04ff5060a42cb77dc583af5e593998ba948de50e';
const KIOSK_NAME = 'ws-kiosk-03.contoso.local';

scenario('too old Windows warned, explained', { lang: 'da' }, async ({ context, admin }) => {
  const page = await openPortalPage(context, devicePageUrl(KIOSK_ID));
  const frame = await openDialog(page);
  await waitForDevice(frame, KIOSK_NAME);

  const warning = (await frame.locator('#device-warning:visible').textContent())?.trim() ?? '';
  assert.ok(warning.includes(formatMessage('da', 'deviceWindowsTooOld', ['Windows10 1607'])), `the dialog warns: ${warning}`);

  const sha1 = randomSha1();
  await frame.fill('#hash-input', sha1);
  await shownSha1(frame);
  await reviewAndConfirm(frame);
  await waitForStep(frame, 'error');

  const error = (await frame.locator('#error').textContent())?.trim() ?? '';
  assert.equal(await frame.locator('#error').getAttribute('data-code'), 'invalidRequest');
  assert.ok(error.startsWith(formatMessage('da', 'errorOsNotSupported', [KIOSK_NAME])), `a Danish explanation first: ${error}`);
  assert.match(error, /Windows10 1607/, 'Defender\'s own text stays as the detail');
  assert.equal(await frame.locator('#retry').isVisible(), false, 'no Try again for an unsupported OS');
  assert.equal((await frame.locator('#action-id').textContent())?.trim(), formatMessage('da', 'actionIdNone'));
  assert.equal((await frame.locator('#action-status').textContent())?.trim(), formatMessage('da', 'requestRejected'));
  assert.equal(await frame.locator('#requests .error-text').count(), 0, 'the error is shown once, in the error box');
  const fileLine = (await frame.locator('#requests li > .mono').first().textContent())?.trim();
  assert.equal(fileLine, formatMessage('da', 'requestSha1', [sha1]), 'a pasted SHA-1 is shown once');

  const [sent, ...more] = await admin.quarantineRequests();
  assert.equal(more.length, 0);
  assert.equal(sent.status, 400);
});
