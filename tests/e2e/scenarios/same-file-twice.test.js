// The same file sent twice to one device while the first action is pending: the
// dialog shows the existing action instead of an error, and the popup lists that one
// action once.
import assert from 'node:assert/strict';
import { scenario } from '../harness/scenario.js';
import { makeSampleFile } from '../harness/files.js';
import {
  openPortalPage, openDialog, waitForDevice, shownSha1, reviewAndConfirm, waitForActionStatus, waitForButton, dialogFrames,
} from '../harness/portal.js';
import { openPopup } from '../harness/extension.js';
import { waitUntil } from '../harness/wait.js';

// The emulator clock runs at a hundredth of real time, so the first action stays
// Pending (2 emulated seconds) for the whole scenario.
scenario('same file twice shows existing action', { clockSpeed: 0.01 }, async ({ context, admin }, t) => {
  const file = await makeSampleFile({ name: 'payload.dll', size: 64 * 1024 });
  t.after(file.remove);
  const page = await openPortalPage(context);

  /** Sends the file from a fresh dialog and returns the dialog frame. */
  const sendFile = async () => {
    const frame = await openDialog(page);
    await waitForDevice(frame);
    await frame.setInputFiles('#file-input', file.path);
    assert.equal(await shownSha1(frame), file.sha1);
    await reviewAndConfirm(frame);
    return frame;
  };

  const first = await sendFile();
  const firstActionId = await waitForActionStatus(first, 'Pending');
  await first.click('#cancel');
  await waitUntil(() => dialogFrames(page).length === 0, { message: 'the dialog closed' });
  await waitForButton(page);

  const second = await sendFile();
  const secondActionId = await waitForActionStatus(second, 'Pending');
  assert.equal(secondActionId, firstActionId, 'the second dialog shows the first action');
  assert.equal(await second.locator('#error').isVisible(), false, 'no error is shown');
  assert.equal(await second.locator('#requests .notice').count(), 1, 'the row says the action already existed');

  const sent = await admin.quarantineRequests();
  assert.deepEqual(sent.map((request) => request.status), [201, 400], 'the second request met the pending action');

  const popup = await openPopup(context);
  const rows = popup.locator(`#actions [data-action-id="${firstActionId}"]`);
  await rows.first().waitFor();
  assert.equal(await rows.count(), 1, 'the popup lists the action once');

  await rows.locator('.cancel-action').click();
  await rows.locator('.confirm-cancel').click();
  await popup.locator(`#actions [data-action-id="${firstActionId}"][data-status="Cancelled"]`).waitFor({ timeout: 60_000 });
  assert.equal(await rows.count(), 1, 'still one row after the cancel');
  assert.equal(await popup.locator('#actions .cancel-action').count(), 0, 'no row of the action offers Cancel');
});
