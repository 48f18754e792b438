// Chromium started with --lang=da shows the button, the dialog and the popup in Danish.
import assert from 'node:assert/strict';
import { scenario } from '../harness/scenario.js';
import { openPopup } from '../harness/extension.js';
import { openPortalPage, openDialog, waitForDevice } from '../harness/portal.js';
import { distinctiveMessages, formatMessage, loadMessages } from '../harness/locale.js';

// Short messages ("OK", "Id") can occur inside longer text of either language.
const MIN_LENGTH = 6;

/**
 * Lists the catalog messages found in a page's text, per language.
 * @param {string} text
 */
function languagesIn(text) {
  const messages = distinctiveMessages().filter((entry) => entry.en.length >= MIN_LENGTH && entry.da.length >= MIN_LENGTH);
  // An English text that is part of a Danish one, such as the product name "Stop &
  // Quarantine" inside a Danish title, is no sign of English.
  const danishTexts = Object.values(loadMessages('da')).map((entry) => entry.message);
  const englishOnly = messages.filter((entry) => !danishTexts.some((danish) => danish.includes(entry.en)));
  return {
    danish: messages.filter((entry) => text.includes(entry.da)).map((entry) => entry.key),
    english: englishOnly.filter((entry) => text.includes(entry.en)).map((entry) => entry.key),
  };
}

scenario('Danish browser gets Danish UI', { lang: 'da' }, async ({ context }) => {
  const page = await openPortalPage(context);

  // The closed shadow root hides the button from page scripts but not from the
  // accessibility tree, which is what a screen reader reads.
  const session = await context.newCDPSession(page);
  const { nodes } = await session.send('Accessibility.getFullAXTree');
  const buttonNames = nodes.filter((node) => node.role?.value === 'button').map((node) => node.name?.value);
  assert.ok(buttonNames.includes(formatMessage('da', 'buttonLabel')), `a button named in Danish: ${JSON.stringify(buttonNames)}`);
  await session.detach();

  const frame = await openDialog(page);
  await waitForDevice(frame);
  const dialog = languagesIn(await frame.evaluate(() => document.body.innerText));
  assert.deepEqual(dialog.english, [], 'no English text in the dialog');
  assert.ok(dialog.danish.length >= 5, `Danish text in the dialog: ${dialog.danish.join(', ')}`);

  const popup = await openPopup(context);
  await popup.locator('#signed-in-user[data-upn]').waitFor();
  const popupLanguages = languagesIn(await popup.evaluate(() => document.body.innerText));
  assert.deepEqual(popupLanguages.english, [], 'no English text in the popup');
  assert.ok(popupLanguages.danish.length >= 2, `Danish text in the popup: ${popupLanguages.danish.join(', ')}`);
  assert.equal(await popup.evaluate(() => document.documentElement.lang), 'da');
});
