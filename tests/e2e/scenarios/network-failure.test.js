// The connection drops after Defender created the action: the extension looks in the
// action list, finds the action there and follows it, and sends nothing again.
import assert from 'node:assert/strict';
import { scenario } from '../harness/scenario.js';
import { randomSha1 } from '../harness/files.js';
import { ANALYST } from '../harness/extension.js';
import { callEmulator } from '../harness/api-client.js';
import { DEVICE_ID, openPortalPage, openDialog, waitForDevice, shownSha1, reviewAndConfirm, waitForActionStatus } from '../harness/portal.js';
import { waitUntil } from '../harness/wait.js';

// Chromium resends a request by itself, once, when a reused keep-alive connection
// closes before any response. Two dropped responses make sure the extension sees the
// network failure whether or not the connection was reused.
const DROPPED = 2;

scenario('dropped connection finds the action', {}, async ({ context, admin, emulator }) => {
  const sha1 = randomSha1();
  const page = await openPortalPage(context);
  const frame = await openDialog(page);
  await waitForDevice(frame);
  await frame.fill('#hash-input', sha1);
  await shownSha1(frame);

  await admin.addFault({ method: 'POST', pathRegex: 'StopAndQuarantineFile', fault: 'drop', count: DROPPED });
  await reviewAndConfirm(frame);
  // The clock moves only once the action is found, so no POST meets a finished action.
  await waitUntil(async () => /^[0-9a-f-]{36}$/i.test((await frame.locator('#action-id').textContent({ timeout: 1000 })) ?? ''), {
    message: 'the dialog shows the action found in the list',
  });
  await admin.advanceClock(10);
  const shownId = await waitForActionStatus(frame, 'Succeeded');

  const requests = await admin.requests();
  const posts = requests.filter((request) => request.method === 'POST' && /\/StopAndQuarantineFile$/i.test(request.path));
  const listCheck = requests.find((request) => request.method === 'GET' && /^\/api\/machineactions$/i.test(request.path));
  assert.ok(listCheck, 'the extension looked in the action list');
  assert.ok(posts.length >= 1, 'the extension sent the POST at least once');
  assert.ok(posts.length <= DROPPED, `${posts.length} POSTs, more than the ${DROPPED} the emulator dropped`);
  assert.ok(posts.every((post) => post.status === 0), 'no POST got an answer');
  assert.ok(posts.every((post) => post.seq < listCheck.seq), 'nothing was sent again after the list was read');

  const { accessToken } = await admin.mintToken({ upn: ANALYST });
  const filter = encodeURIComponent(`machineId eq '${DEVICE_ID}' and type eq 'StopAndQuarantineFile'`);
  const list = await callEmulator(emulator, {
    method: 'GET', host: 'api.security.microsoft.com', path: `/api/machineactions?$filter=${filter}`, token: accessToken,
  });
  const actions = JSON.parse(list.body).value.filter((/** @type {any} */ action) => action.relatedFileInfo?.fileIdentifier === sha1);
  assert.equal(actions.length, 1, 'Defender has one action for the file');
  assert.equal(shownId, actions[0].id, 'the dialog shows the action Defender created');
});
