// An access token that Defender no longer accepts is refreshed silently with the
// refresh token, and the action goes through without a sign-in page.
import assert from 'node:assert/strict';
import { scenario } from '../harness/scenario.js';
import { randomSha1 } from '../harness/files.js';
import { ANALYST } from '../harness/extension.js';
import { openPortalPage, openDialog, waitForDevice, shownSha1, openReview, waitForActionStatus } from '../harness/portal.js';

scenario('expired token is refreshed silently', {}, async ({ context, admin }) => {
  const page = await openPortalPage(context);
  const frame = await openDialog(page);
  await waitForDevice(frame);
  await frame.fill('#hash-input', randomSha1());
  await shownSha1(frame);

  // The review looks the file up in Defender; the fault below is for the action itself.
  await openReview(frame);

  /** @type {string[]} */
  const pagesOpened = [];
  context.on('page', (opened) => pagesOpened.push(opened.url()));
  await admin.expireTokens();
  await admin.clearRequests();

  await frame.click('#confirm');
  await waitForActionStatus(frame, 'Pending');
  await admin.advanceClock(10);
  await waitForActionStatus(frame, 'Succeeded');

  const requests = await admin.requests();
  const quarantine = requests.filter((request) => /\/StopAndQuarantineFile$/i.test(request.path));
  assert.deepEqual(
    quarantine.map((request) => [request.status, request.auth?.valid]),
    [[401, false], [201, true]],
    'the expired token was rejected once, the refreshed one accepted',
  );
  assert.equal(quarantine[1].auth?.upn, ANALYST);

  const tokenCalls = requests.filter((request) => request.method === 'POST' && request.path.endsWith('/oauth2/v2.0/token'));
  assert.equal(tokenCalls.length, 1, 'one token refresh');
  assert.match(tokenCalls[0].body ?? '', /grant_type=refresh_token/);
  assert.equal(requests.filter((request) => request.path.endsWith('/oauth2/v2.0/authorize')).length, 0, 'no sign-in page was asked for');
  assert.deepEqual(pagesOpened, [], 'no window was opened');
});
