// Drives the extension's own pages the way an analyst does: the options page to set
// the tenant and the app registration, the popup to sign in through the emulator's
// Entra ID sign-in page.
import { extensionOrigin } from './browser.js';

export const TENANT_ID = '4f1c2a3b-5d6e-4f70-8a9b-0c1d2e3f4a5b';
export const CLIENT_ID = '7d3e6a0b-1c2d-4e5f-9a8b-7c6d5e4f3a2b';
export const ANALYST = 'analyst@contoso.onmicrosoft.com';
export const VIEWER = 'viewer@contoso.onmicrosoft.com';

/** @param {import('playwright-core').BrowserContext} context */
export async function openOptions(context) {
  const page = await context.newPage();
  await page.goto(`${extensionOrigin}/options/options.html`);
  return page;
}

/** @param {import('playwright-core').BrowserContext} context */
export async function openPopup(context) {
  const page = await context.newPage();
  await page.goto(`${extensionOrigin}/popup/popup.html`);
  return page;
}

/**
 * Sets the commercial cloud, automatic region, the seeded tenant and client id, and
 * saves.
 * @param {import('playwright-core').BrowserContext} context
 */
export async function configure(context) {
  const page = await openOptions(context);
  await page.locator('#cloud:enabled').waitFor();
  await page.selectOption('#cloud', 'commercial');
  await page.fill('#tenant-id', TENANT_ID);
  await page.fill('#client-id', CLIENT_ID);
  await page.click('#save');
  await page.locator('#saved:not(:empty)').waitFor();
  await page.close();
}

/**
 * Signs in from the popup: `launchWebAuthFlow` opens the emulator's sign-in page as a
 * new page, where the user's button is clicked. Resolves once the popup shows the user.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} upn
 */
export async function signIn(context, upn) {
  const popup = await openPopup(context);
  await popup.locator('#sign-in:visible').waitFor();
  const signInPage = context.waitForEvent('page', {
    predicate: (page) => page.url().includes('/oauth2/v2.0/authorize'),
  });
  await popup.click('#sign-in');
  const page = await signInPage;
  await page.click(`button[name="upn"][value="${upn}"]`);
  await popup.locator(`#signed-in-user[data-upn="${upn}"]`).waitFor();
  return popup;
}
