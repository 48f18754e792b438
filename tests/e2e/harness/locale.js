// The extension's own message catalogs, to check which language the UI shows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extensionDir } from './paths.js';

/**
 * @param {string} lang `en` or `da`
 * @returns {Record<string, {message: string, placeholders?: Record<string, {content: string}>}>}
 */
export function loadMessages(lang) {
  return JSON.parse(readFileSync(join(extensionDir, '_locales', lang, 'messages.json'), 'utf8'));
}

/**
 * Formats a message the way `chrome.i18n.getMessage` does: named placeholders point to
 * `$1`..`$9`, which take the substitutions.
 * @param {string} lang
 * @param {string} key
 * @param {string[]} [substitutions]
 */
export function formatMessage(lang, key, substitutions = []) {
  const entry = loadMessages(lang)[key];
  if (!entry) {
    throw new Error(`The ${lang} catalog has no message '${key}'`);
  }
  const placeholders = Object.fromEntries(
    Object.entries(entry.placeholders ?? {}).map(([name, value]) => [name.toLowerCase(), value.content]),
  );
  const withPositions = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name) => placeholders[name.toLowerCase()] ?? whole);
  return withPositions.replace(/\$(\d)/g, (_, index) => substitutions[Number(index) - 1] ?? '').replace(/\$\$/g, '$');
}

/**
 * Messages that read differently in English and Danish and have no placeholders,
 * so finding one in a page tells its language.
 */
export function distinctiveMessages() {
  const english = loadMessages('en');
  const danish = loadMessages('da');
  return Object.keys(english)
    .filter((key) => danish[key] && !english[key].placeholders && english[key].message !== danish[key].message)
    .map((key) => ({ key, en: english[key].message, da: danish[key].message }));
}
