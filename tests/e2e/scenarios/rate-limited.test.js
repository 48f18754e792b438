// Defender answers 429 with Retry-After: the request waits that long, shows the wait,
// and then goes through.
import assert from 'node:assert/strict';
import { scenario } from '../harness/scenario.js';
import { randomSha1 } from '../harness/files.js';
import { ANALYST } from '../harness/extension.js';
import { callEmulator } from '../harness/api-client.js';
import { DEVICE_ID, openPortalPage, openDialog, waitForDevice, shownSha1, openReview, waitForActionStatus } from '../harness/portal.js';
import { waitUntil } from '../harness/wait.js';

// The minute window is used up, then the clock moves this far into it, so the budget
// frees up after the rest of the minute: a wait short enough for a test.
const SECONDS_INTO_WINDOW = 50;

scenario('429 waits out Retry-After', {}, async ({ context, admin, emulator }) => {
  const page = await openPortalPage(context);
  const frame = await openDialog(page);
  await waitForDevice(frame);
  await frame.fill('#hash-input', randomSha1());
  await shownSha1(frame);

  // The review looks the file up in Defender; the fault below is for the action itself.
  await openReview(frame);

  await admin.exhaustRateLimit('minute');
  await admin.advanceClock(SECONDS_INTO_WINDOW);
  const { accessToken } = await admin.mintToken({ upn: ANALYST });
  const probedAt = Date.now();
  const probe = await callEmulator(emulator, {
    method: 'GET', host: 'api.security.microsoft.com', path: `/api/machines/${DEVICE_ID}`, token: accessToken,
  });
  assert.equal(probe.status, 429, 'the emulator rejects calls while the budget is used up');
  const retryAfter = Number(probe.headers['retry-after']);
  assert.ok(retryAfter > 0, `Retry-After is ${probe.headers['retry-after']}, not a positive number of seconds`);
  assert.ok(retryAfter <= 60 - SECONDS_INTO_WINDOW, `Retry-After is ${probe.headers['retry-after']}, longer than the rest of the minute window`);
  await admin.clearRequests();

  await frame.click('#confirm');
  /** @param {number} status */
  const timeOfStatus = async (status) => ((await admin.quarantineRequests()).some((request) => request.status === status) ? Date.now() : 0);
  await waitUntil(() => timeOfStatus(429), {
    message: 'the request met the 429',
  });
  const notice = frame.locator('#progress-notice[data-wait="rateLimited"]');
  await notice.waitFor();
  assert.match((await notice.textContent()) ?? '', /\d/, 'the wait shows its seconds');

  const acceptedAt = await waitUntil(() => timeOfStatus(201), {
    timeout: (retryAfter + 30) * 1000,
    message: 'the request went through after the wait',
  });
  // The budget frees up Retry-After seconds after the probe, give or take the rounding
  // to whole seconds. A request sent before would have met another 429.
  assert.ok(acceptedAt - probedAt >= (retryAfter - 1) * 1000, `accepted ${acceptedAt - probedAt} ms after a Retry-After of ${retryAfter} s`);
  const statuses = (await admin.quarantineRequests()).map((request) => request.status);
  assert.deepEqual(statuses, [429, 201], 'sent once before the wait and once after, never early');

  await waitForActionStatus(frame, 'Pending');
  assert.equal(await notice.isVisible(), false, 'the wait notice is gone');
});
