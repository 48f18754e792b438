// An action cancelled elsewhere (in the portal) while the popup still shows it
// Pending: the popup's cancel says it was cancelled already, not a bare API error.
import assert from 'node:assert/strict';
import { scenario } from '../harness/scenario.js';
import { randomSha1 } from '../harness/files.js';
import { openPopup, ANALYST } from '../harness/extension.js';
import { callEmulator } from '../harness/api-client.js';
import { openPortalPage, openDialog, waitForDevice, shownSha1, reviewAndConfirm, waitForActionStatus } from '../harness/portal.js';

// At a hundredth of real time the action stays Pending, and the extension polls it
// seldom enough that the popup still offers Cancel after the portal cancelled it.
scenario('popup cancel of cancelled action', { clockSpeed: 0.01 }, async ({ context, admin, emulator }) => {
  const page = await openPortalPage(context);
  const frame = await openDialog(page);
  await waitForDevice(frame);
  await frame.fill('#hash-input', randomSha1());
  await shownSha1(frame);
  await reviewAndConfirm(frame);
  const actionId = await waitForActionStatus(frame, 'Pending');

  const popup = await openPopup(context);
  const row = popup.locator(`#actions [data-action-id="${actionId}"]`);
  await row.locator('.cancel-action').click();

  const { accessToken } = await admin.mintToken({ upn: ANALYST });
  const portalCancel = await callEmulator(emulator, {
    method: 'POST',
    host: 'api.security.microsoft.com',
    path: `/api/machineactions/${actionId}/cancel`,
    token: accessToken,
    body: JSON.stringify({ Comment: 'Cancelled in the portal.' }),
  });
  assert.equal(portalCancel.status, 200);

  await row.locator('.confirm-cancel').click();
  await popup.locator(`#actions [data-action-id="${actionId}"][data-status="Cancelled"]`).waitFor({ timeout: 30_000 });
  assert.equal(await row.locator('.note').innerText(), 'This action was already cancelled.');
  assert.equal(await row.locator('.error-text').count(), 0, 'no error is shown');
  assert.equal(await row.locator('.cancel-action').count(), 0, 'the action no longer offers Cancel');
});
