// Localized text. Every string a user sees comes from `_locales/*/messages.json`
// through `chrome.i18n`, and lands in the page through `textContent` only.

/**
 * Returns the localized message `key` with its placeholders filled in order.
 * A missing key returns the key itself, so a gap shows up in the UI instead of as blank.
 * @param {string} key
 * @param {...(string | number)} substitutions
 * @returns {string}
 */
export function t(key, ...substitutions) {
  const text = chrome.i18n.getMessage(key, substitutions.map(String));
  return text || key;
}

/**
 * Returns the localized name of a machine action status, or the status itself when
 * Defender reports one this version does not know.
 * @param {string} status
 * @returns {string}
 */
export function statusLabel(status) {
  return chrome.i18n.getMessage(`status${status}`) || status;
}

/**
 * Fills every element carrying `data-i18n` (text), `data-i18n-placeholder`,
 * `data-i18n-title` or `data-i18n-aria-label` under `root`.
 * @param {ParentNode} root
 */
export function localize(root) {
  for (const element of root.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.getAttribute('data-i18n') ?? '');
  }
  for (const [data, attribute] of [
    ['data-i18n-placeholder', 'placeholder'],
    ['data-i18n-title', 'title'],
    ['data-i18n-aria-label', 'aria-label'],
  ]) {
    for (const element of root.querySelectorAll(`[${data}]`)) {
      element.setAttribute(attribute, t(element.getAttribute(data) ?? ''));
    }
  }
  document.documentElement.lang = chrome.i18n.getUILanguage();
}

/**
 * Formats a time of day in the browser's language.
 * @param {number | string | null | undefined} time ms since the epoch or an ISO 8601 string
 * @returns {string}
 */
export function formatTime(time) {
  if (time === null || time === undefined || time === '') {
    return '';
  }
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) {
    return String(time);
  }
  return date.toLocaleString(chrome.i18n.getUILanguage(), {
    dateStyle: 'short',
    timeStyle: 'medium',
  });
}

/**
 * Formats a time of day without the date, for waits of seconds or minutes.
 * @param {number} time ms since the epoch
 * @returns {string}
 */
export function formatClock(time) {
  return new Date(time).toLocaleTimeString(chrome.i18n.getUILanguage());
}

/**
 * Formats a byte count with a binary unit, such as "12.5 MiB".
 * @param {number} bytes
 * @returns {string}
 */
export function formatBytes(bytes) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 ? 0 : 1;
  return `${value.toLocaleString(chrome.i18n.getUILanguage(), {
    maximumFractionDigits: digits,
  })} ${units[unit]}`;
}
