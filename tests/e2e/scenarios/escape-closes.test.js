// Escape on the confirm step closes the dialog with nothing sent, and the button comes back.
import assert from 'node:assert/strict';
import { scenario } from '../harness/scenario.js';
import { randomSha1 } from '../harness/files.js';
import { openPortalPage, openDialog, waitForDevice, shownSha1, waitForStep, waitForButton, dialogFrames } from '../harness/portal.js';
import { waitUntil } from '../harness/wait.js';

scenario('Escape closes with nothing sent', {}, async ({ context, admin }) => {
  const page = await openPortalPage(context);
  const frame = await openDialog(page);
  await waitForDevice(frame);
  await frame.fill('#hash-input', randomSha1());
  await shownSha1(frame);
  await frame.locator('#review:enabled').waitFor();
  await frame.click('#review');
  await waitForStep(frame, 'review');

  // Key down only: the key up would go to the dialog frame being removed, and
  // Chromium never acknowledges that event, which leaves Playwright waiting forever.
  await page.keyboard.down('Escape');
  await waitUntil(() => dialogFrames(page).length === 0, { message: 'Escape closed the dialog' });
  await page.keyboard.up('Escape');
  await waitForButton(page);
  assert.deepEqual(await admin.quarantineRequests(), [], 'no stop-and-quarantine request was sent');
});
