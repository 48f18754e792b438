// Chromium stops the service worker while it follows an action: an alarm wakes it,
// and the action still reaches its final status in the dialog and the popup.
import assert from 'node:assert/strict';
import { scenario } from '../harness/scenario.js';
import { randomSha1 } from '../harness/files.js';
import { watchServiceWorker } from '../harness/browser.js';
import { openPopup } from '../harness/extension.js';
import { openPortalPage, openDialog, waitForDevice, shownSha1, reviewAndConfirm, waitForActionStatus } from '../harness/portal.js';

scenario('stopped worker still follows the action', {}, async ({ context, admin }) => {
  const page = await openPortalPage(context);
  const frame = await openDialog(page);
  await waitForDevice(frame);
  await frame.fill('#hash-input', randomSha1());
  await shownSha1(frame);
  await reviewAndConfirm(frame);
  const actionId = await waitForActionStatus(frame, 'Pending');

  const worker = await watchServiceWorker(context, page);
  await worker.stop();
  await admin.advanceClock(10);

  assert.equal(await waitForActionStatus(frame, 'Succeeded', 90_000), actionId);
  assert.ok(worker.restartedAfterStop(), 'the worker was woken to follow the action');
  await worker.detach();

  const popup = await openPopup(context);
  await popup.locator(`#actions [data-action-id="${actionId}"][data-status="Succeeded"]`).waitFor();
});
