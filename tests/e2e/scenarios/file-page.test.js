// On a file page the SHA-1 comes from the page and the analyst gives the device. A host
// name shared by two device records lists both, and neither is picked silently.
import assert from 'node:assert/strict';
import { scenario } from '../harness/scenario.js';
import { PORTAL, openPortalPage, openDialog, shownSha1, reviewAndConfirm, waitForActionStatus } from '../harness/portal.js';
import { waitUntil } from '../harness/wait.js';

const EICAR_SHA1 = '3395856ce81f2b7382dee72602f798b642f14140';
const REIMAGED_NAME = 'ws-reimaged-08.contoso.local';
const REIMAGED_OLD_ID = '155de168dd831548f39f1894b544d301efd10101';
const REIMAGED_NEW_ID = '3dc95099f32ade08fd9ae1bf62a2d176d6477863';

scenario('file page asks which device', {}, async ({ context, admin }) => {
  const page = await openPortalPage(context, `${PORTAL}/file/${EICAR_SHA1}/overview`);
  const frame = await openDialog(page);
  assert.equal(await shownSha1(frame), EICAR_SHA1, 'the SHA-1 comes from the page');

  await frame.locator('#machine-id-input:visible').waitFor();
  await frame.fill('#machine-id-input', REIMAGED_NAME);
  await frame.press('#machine-id-input', 'Enter');
  const picker = frame.locator('#device-picker');
  await waitUntil(async () => {
    const values = await picker.locator('option').evaluateAll((options) => options.map((option) => /** @type {HTMLOptionElement} */ (option).value));
    return values.includes(REIMAGED_OLD_ID) && values.includes(REIMAGED_NEW_ID);
  }, { message: `the picker lists both records of ${REIMAGED_NAME}` });
  assert.equal(await picker.inputValue(), '', 'no device is chosen for the analyst');
  assert.equal(await frame.locator('#review').isDisabled(), true, 'nothing can be sent before a device is chosen');

  await picker.selectOption(REIMAGED_NEW_ID);
  await frame.locator('#device-card:visible').waitFor();
  assert.equal(await frame.locator('#device-id').textContent(), REIMAGED_NEW_ID);
  await reviewAndConfirm(frame);
  await waitForActionStatus(frame, 'Pending');

  const [sent, ...more] = await admin.quarantineRequests();
  assert.equal(more.length, 0);
  assert.equal(sent.path.toLowerCase(), `/api/machines/${REIMAGED_NEW_ID}/stopandquarantinefile`);
  assert.equal(JSON.parse(sent.body ?? '{}').Sha1, EICAR_SHA1);
});

scenario('alert page prefills the comment', {}, async ({ context }) => {
  const alertId = 'da637551227677560813_-961444813';
  const page = await openPortalPage(context, `${PORTAL}/alerts/${alertId}`);
  const frame = await openDialog(page);
  await waitUntil(async () => (await frame.locator('#comment').inputValue()).includes(alertId), {
    message: `the comment names alert ${alertId}`,
  });
});
