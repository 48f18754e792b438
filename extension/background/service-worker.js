// The service worker: sign-in and tokens, every API call, and following actions.
// Listeners are registered synchronously at load, as Manifest V3 requires for a worker
// that is woken by an event; each awaits the one initialization promise. No top-level
// await and no dynamic import: Chromium never registers a worker that uses either.
import { coreReady } from '../lib/core.js';
import { PUMP_ALARM, pump, recoverInterrupted } from './actions.js';
import { handleMessage } from './router.js';

const initialized = (async () => {
  await coreReady;
  await recoverInterrupted();
})();

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  initialized
    .then(() => handleMessage(message, sender))
    .then(sendResponse);
  // Keeps the channel open for the asynchronous response.
  return true;
});

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === PUMP_ALARM) {
    void initialized.then(pump);
  }
});

chrome.runtime.onStartup.addListener(() => {
  void initialized.then(pump);
});

chrome.runtime.onInstalled.addListener(() => {
  void initialized.then(pump);
});

// Work left from before a stop resumes as soon as the worker starts for any reason.
void initialized.then(pump);
