// The system notification that reports how a request ended.
import { describeActionOutcome, describeError } from '../lib/errors.js';
import { t, statusLabel } from '../lib/i18n.js';

/** @typedef {import('../types/shapes').QuarantineRecord} QuarantineRecord */

/**
 * Shows how a finished request ended.
 * @param {QuarantineRecord} record
 */
export async function notifyOutcome(record) {
  const device = record.computerDnsName || record.machineId;
  let title;
  let message;

  if (record.phase === 'done' && record.action) {
    const status = record.action.status;
    title = status === 'Succeeded' ? t('notificationSucceededTitle') : t('notificationEndedTitle', statusLabel(status));
    message = t('notificationMessage', record.sha1, device, statusLabel(status));
    const outcome = describeActionOutcome(record.action);
    if (outcome) {
      message = `${message}. ${outcome}`;
    }
  } else {
    title = t('notificationFailedTitle');
    message = describeError(record.error, { operation: 'quarantine', device, hash: record.sha1 });
  }

  try {
    await chrome.notifications.create(`request-${record.requestId}`, {
      type: 'basic',
      iconUrl: chrome.runtime.getURL('icons/icon-128.png'),
      title,
      message,
      priority: 1,
    });
  } catch {
    // Notifications may be turned off for the browser; the popup still shows the outcome.
  }
}
