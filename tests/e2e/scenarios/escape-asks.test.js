// Escape on the input step after typing a hash asks before discarding it: "Keep
// editing" keeps the dialog and the hash, a second Escape closes with nothing sent.
import assert from 'node:assert/strict';
import { scenario } from '../harness/scenario.js';
import { randomSha1 } from '../harness/files.js';
import { openPortalPage, openDialog, waitForDevice, shownSha1, waitForButton, dialogFrames, currentStep } from '../harness/portal.js';
import { waitUntil } from '../harness/wait.js';

scenario('Escape with typed hash asks', {}, async ({ context, admin }) => {
  const page = await openPortalPage(context);
  const frame = await openDialog(page);
  await waitForDevice(frame);
  const sha1 = randomSha1();
  await frame.fill('#hash-input', sha1);
  await shownSha1(frame);

  await frame.press('#hash-input', 'Escape');
  await frame.locator('#discard-confirm:visible').waitFor();
  assert.equal(dialogFrames(page).length, 1, 'the first Escape keeps the dialog open');
  await frame.click('#keep-editing');
  assert.equal(await frame.locator('#discard-confirm').isVisible(), false);
  assert.equal(await frame.inputValue('#hash-input'), sha1, 'the hash is kept');
  assert.equal(await currentStep(frame), 'input');

  await frame.press('#hash-input', 'Escape');
  await frame.locator('#discard-confirm:visible').waitFor();
  // Key down only, as in the scenario where Escape closes the review: the key up would
  // go to the frame being removed.
  await page.keyboard.down('Escape');
  await waitUntil(() => dialogFrames(page).length === 0, { message: 'the second Escape closed the dialog' });
  await page.keyboard.up('Escape');
  await waitForButton(page);
  assert.deepEqual(await admin.quarantineRequests(), [], 'no stop-and-quarantine request was sent');
});
