// The button is reachable with Tab and opens the dialog with Enter, as for an analyst
// who works from the keyboard.
import assert from 'node:assert/strict';
import { scenario } from '../harness/scenario.js';
import { BUTTON_TAG, openPortalPage, dialogFrames, waitForDevice } from '../harness/portal.js';
import { waitUntil } from '../harness/wait.js';

// More than the links of the emulated device page, so the button is reached if it is
// in the tab order at all.
const MAX_TABS = 40;

scenario('button works from the keyboard', {}, async ({ context }) => {
  const page = await openPortalPage(context);

  // Focus inside a closed shadow root shows as focus on its host element.
  const hostFocused = () => page.evaluate((tag) => document.activeElement?.localName === tag, BUTTON_TAG);
  let tabs = 0;
  while (!(await hostFocused()) && tabs < MAX_TABS) {
    await page.keyboard.press('Tab');
    tabs += 1;
  }
  assert.ok(await hostFocused(), `the button took focus within ${MAX_TABS} presses of Tab`);

  await page.keyboard.press('Enter');
  const frame = await waitUntil(() => dialogFrames(page)[0], { message: 'Enter opened the dialog' });
  await waitForDevice(frame);
});
