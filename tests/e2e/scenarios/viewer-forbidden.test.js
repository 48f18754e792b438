// A user without the remediation role gets Defender's 403 as a Danish explanation of
// the role needed, and the request is not sent again.
import assert from 'node:assert/strict';
import { scenario } from '../harness/scenario.js';
import { randomSha1 } from '../harness/files.js';
import { VIEWER } from '../harness/extension.js';
import { DEVICE_NAME, openPortalPage, openDialog, waitForDevice, shownSha1, reviewAndConfirm, waitForStep } from '../harness/portal.js';
import { formatMessage } from '../harness/locale.js';

scenario('viewer gets localized 403 once', { lang: 'da', user: VIEWER }, async ({ context, admin }) => {
  const page = await openPortalPage(context);
  const frame = await openDialog(page);
  await waitForDevice(frame);
  await frame.fill('#hash-input', randomSha1());
  await shownSha1(frame);

  await reviewAndConfirm(frame);
  await waitForStep(frame, 'error');

  const error = frame.locator('#error');
  assert.equal(await error.getAttribute('data-code'), 'forbidden');
  const shown = (await error.textContent())?.trim() ?? '';
  const danish = formatMessage('da', 'errorForbidden', [DEVICE_NAME, 'Forbidden']);
  const english = formatMessage('en', 'errorForbidden', [DEVICE_NAME, 'Forbidden']);
  assert.notEqual(danish, english);
  assert.ok(shown.startsWith(danish), `the 403 is explained in Danish:\n  shown:    ${shown}\n  expected: ${danish}`);

  const sent = await admin.quarantineRequests();
  assert.equal(sent.length, 1, 'the request is sent once and not repeated');
  assert.equal(sent[0].status, 403);
  assert.equal(sent[0].auth?.upn, VIEWER);
});
