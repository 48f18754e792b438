// A hash pasted into the dialog: a SHA-1 in upper case and groups is normalized and
// sent; a SHA-256 or an MD5 is explained and cannot be sent.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { scenario } from '../harness/scenario.js';
import { randomSha1 } from '../harness/files.js';
import { openPortalPage, openDialog, waitForDevice, shownSha1, reviewAndConfirm, waitForActionStatus } from '../harness/portal.js';
import { waitUntil } from '../harness/wait.js';

scenario('upper-case SHA-1 with spaces is normalized', {}, async ({ context, admin }) => {
  const sha1 = randomSha1();
  const pasted = `  ${sha1.toUpperCase().match(/.{1,4}/g)?.join(' ')} `;

  const page = await openPortalPage(context);
  const frame = await openDialog(page);
  await waitForDevice(frame);
  await frame.fill('#hash-input', pasted);
  assert.equal(await shownSha1(frame), sha1);

  await reviewAndConfirm(frame);
  await waitForActionStatus(frame, 'Pending');
  const [sent, ...more] = await admin.quarantineRequests();
  assert.equal(more.length, 0);
  assert.equal(sent.status, 201);
  assert.equal(JSON.parse(sent.body ?? '{}').Sha1, sha1);
});

scenario('SHA-256 and MD5 are explained, nothing sent', {}, async ({ context, admin }) => {
  const page = await openPortalPage(context);
  const frame = await openDialog(page);
  await waitForDevice(frame);

  for (const [kind, hash] of [['SHA-256', randomBytes(32).toString('hex')], ['MD5', randomBytes(16).toString('hex')]]) {
    await frame.fill('#hash-input', hash);
    const explanation = await waitUntil(async () => (await frame.locator('#hash-explanation').textContent())?.trim(), {
      message: `the dialog explains the pasted ${kind}`,
    });
    assert.match(explanation, /SHA-1/, `the ${kind} explanation says a SHA-1 is needed`);
    assert.equal(await frame.locator('#review').isDisabled(), true, `a ${kind} cannot go to review`);
    assert.equal(await frame.locator('#hash-result').isVisible(), false, `no SHA-1 is shown for a ${kind}`);
  }

  assert.deepEqual(await admin.quarantineRequests(), [], 'no stop-and-quarantine request was sent');
});
