// A real file dropped on the dialog of a device page is hashed, sent after the analyst
// confirms, and followed to Succeeded.
import assert from 'node:assert/strict';
import { scenario } from '../harness/scenario.js';
import { makeSampleFile } from '../harness/files.js';
import {
  DEVICE_ID, openPortalPage, openDialog, waitForDevice, dropFile, shownSha1, reviewAndConfirm, waitForActionStatus,
} from '../harness/portal.js';
import { waitUntil } from '../harness/wait.js';
import { ANALYST } from '../harness/extension.js';

scenario('dropped file is quarantined', {}, async ({ context, admin }, t) => {
  const file = await makeSampleFile();
  t.after(file.remove);

  const page = await openPortalPage(context);
  const frame = await openDialog(page);
  await waitForDevice(frame);

  await dropFile(page, frame, file.path);
  assert.equal(await shownSha1(frame), file.sha1, 'the dialog shows the SHA-1 of the dropped file');

  await admin.clearRequests();
  await reviewAndConfirm(frame);
  await waitUntil(async () => (await admin.quarantineRequests()).length > 0, {
    message: 'the emulator received the stop-and-quarantine request',
  });

  const [sent, ...more] = await admin.quarantineRequests();
  assert.equal(more.length, 0, 'exactly one stop-and-quarantine request is sent');
  assert.equal(sent.path.toLowerCase(), `/api/machines/${DEVICE_ID}/stopandquarantinefile`);
  assert.equal(sent.status, 201);
  assert.deepEqual(sent.auth, { scheme: 'Bearer', upn: ANALYST, valid: true });
  assert.equal(sent.headers.authorization, 'Bearer <redacted>');
  assert.match(sent.headers['content-type'] ?? '', /^application\/json\b/);
  const body = JSON.parse(sent.body ?? 'null');
  assert.deepEqual(Object.keys(body).sort(), ['Comment', 'Sha1']);
  assert.equal(body.Sha1, file.sha1);
  assert.ok(body.Comment.trim().length > 0, 'the comment is not empty');

  // The emulator's clock moves the action to InProgress after 2 s and Succeeded after 5 s.
  await admin.advanceClock(10);
  const actionId = await waitForActionStatus(frame, 'Succeeded');
  assert.match(actionId, /^[0-9a-f-]{36}$/i);
  await waitUntil(async () => (await frame.evaluate(() => document.body.dataset.step)) === 'done', {
    message: 'the dialog reaches its done step',
  });
});
