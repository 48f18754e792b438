// A pending action is cancelled from the popup; Defender records the cancellation.
import assert from 'node:assert/strict';
import { scenario } from '../harness/scenario.js';
import { randomSha1 } from '../harness/files.js';
import { openPopup } from '../harness/extension.js';
import { openPortalPage, openDialog, waitForDevice, shownSha1, reviewAndConfirm, waitForActionStatus } from '../harness/portal.js';

// At a hundredth of real time the action stays Pending while the popup cancels it.
scenario('popup cancels pending action', { clockSpeed: 0.01 }, async ({ context, admin }) => {
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
  await row.locator('.cancel-confirm').waitFor();
  assert.match(await row.locator('.cancel-confirm p').innerText(), /ws-finance-01/, 'the question names the device');
  assert.equal((await admin.requests()).some((request) => request.path.toLowerCase().endsWith('/cancel')), false, 'nothing is cancelled before the confirm');
  await row.locator('.cancel-comment').fill('False positive, confirmed with the file owner.');
  await row.locator('.confirm-cancel').click();
  await popup.locator(`#actions [data-action-id="${actionId}"][data-status="Cancelled"]`).waitFor({ timeout: 60_000 });
  assert.equal(await popup.locator(`#actions [data-action-id="${actionId}"] .cancel-action`).count(), 0, 'no cancel button on a final action');
  await waitForActionStatus(frame, 'Cancelled');

  const cancels = (await admin.requests()).filter((request) => request.method === 'POST' && request.path.toLowerCase() === `/api/machineactions/${actionId}/cancel`);
  assert.equal(cancels.length, 1);
  assert.equal(cancels[0].status, 200);
  assert.equal(JSON.parse(cancels[0].body ?? '{}').Comment, 'False positive, confirmed with the file owner.', 'the cancel carries the analyst\'s comment');
});
