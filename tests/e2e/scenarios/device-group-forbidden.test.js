// An analyst without access to a device group opens one of its devices: the dialog says
// that the device is out of reach and whom to ask, not that an action was refused.
import assert from 'node:assert/strict';
import { scenario } from '../harness/scenario.js';
import { openPortalPage, openDialog, devicePageUrl } from '../harness/portal.js';
import { formatMessage } from '../harness/locale.js';
import { waitUntil } from '../harness/wait.js';

const LIMITED = 'limited@contoso.onmicrosoft.com';
// srv-sql-01.contoso.local in device group Servers.
const SERVER_ID = 'c7b3b83e8cb949e2fd040ac063cae7fa4d3e26a1';

scenario('lookup 403 names device group', { user: LIMITED }, async ({ context, admin }) => {
  const page = await openPortalPage(context, devicePageUrl(SERVER_ID));
  const frame = await openDialog(page);
  const message = frame.locator('#device-lookup-message');
  await waitUntil(async () => (await message.getAttribute('data-code', { timeout: 1000 })) === 'forbidden', {
    message: 'the device lookup reports a 403',
  });

  const text = (await message.textContent())?.trim() ?? '';
  const expected = formatMessage('en', 'errorForbiddenDeviceGroup', [SERVER_ID, 'Servers']);
  assert.ok(text.startsWith(expected), `the lookup error names device and group: ${text}`);
  assert.doesNotMatch(text, /role permission/, 'no talk of the remediation role for a lookup');
  assert.equal(await frame.locator('#review').isDisabled(), true);
  assert.deepEqual(await admin.quarantineRequests(), [], 'no stop-and-quarantine request was sent');
});
