// The device part of the dialog: on a device page the device comes from the URL; on
// other pages the analyst gives an id or a name. A name can match several devices (a
// re-imaged machine keeps its name), so several matches are listed for a choice and
// none is picked silently.
import { describeError, errorCode } from '../lib/errors.js';
import { t, formatTime } from '../lib/i18n.js';
import { request } from '../lib/messages.js';
import { byId, element, setMessage } from './dom.js';

/** @typedef {import('../types/shapes').Machine} Machine */

const lookupRow = byId('device-lookup', HTMLDivElement);
const input = byId('machine-id-input', HTMLInputElement);
const findButton = byId('device-find', HTMLButtonElement);
const lookupMessage = byId('device-lookup-message', HTMLParagraphElement);
const pickerRow = byId('device-picker-row', HTMLDivElement);
const pickerLabel = byId('device-picker-label', HTMLLabelElement);
const picker = byId('device-picker', HTMLSelectElement);
const card = byId('device-card', HTMLElement);
const warning = byId('device-warning', HTMLParagraphElement);

/** @type {Machine | null} */
let selected = null;
/** @type {Machine[]} */
let offered = [];
let lookupGeneration = 0;
/** @type {() => void} */
let changed = () => {};

/**
 * Wires the device part. `onChange` runs whenever the chosen device changes.
 * @param {{onChange: () => void}} options
 */
export function setUpDevice({ onChange }) {
  changed = onChange;
  findButton.addEventListener('click', () => void lookUp(input.value));
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void lookUp(input.value);
    }
  });
  input.addEventListener('input', () => {
    if (selected) {
      choose(null);
    }
  });
  picker.addEventListener('change', () => {
    choose(offered.find((machine) => machine.id === picker.value) ?? null);
  });
}

/** @returns {Machine | null} */
export function selectedDevice() {
  return selected;
}

/**
 * Prefills the id or name field, from a device page, and shows it unless `visible`
 * is false (it then appears only when the lookup fails).
 * @param {string | null} machineId
 * @param {boolean} visible
 */
export function showDeviceLookup(machineId, visible) {
  lookupRow.hidden = !visible;
  if (machineId) {
    input.value = machineId;
  }
}

/**
 * Looks up a device by id or name and shows it, or lists the matches.
 * @param {string} query
 */
export async function lookUp(query) {
  const generation = ++lookupGeneration;
  choose(null);
  hidePicker();
  setMessage(lookupMessage, t('deviceLookingUp'));
  try {
    /** @type {Machine[]} */
    const machines = await request('lookupDevice', { query });
    if (generation !== lookupGeneration) {
      return;
    }
    if (machines.length === 1) {
      setMessage(lookupMessage, '');
      choose(machines[0]);
    } else {
      setMessage(lookupMessage, t('deviceSeveralMatches', machines.length, query.trim()));
      offer(machines, t('devicePickerLabelName'));
    }
  } catch (error) {
    if (generation !== lookupGeneration) {
      return;
    }
    const code = errorCode(error);
    if (code === 'rateLimited') {
      // Defender's limit is per app and tenant, so other analysts may have used it up;
      // the lookup is repeated once the wait is over.
      const seconds = Math.max(1, Number(/** @type {any} */ (error).retryAfterSeconds ?? 60));
      setMessage(lookupMessage, t('deviceLookupWaiting', seconds), { code });
      setTimeout(() => {
        if (generation === lookupGeneration) {
          void lookUp(query);
        }
      }, seconds * 1000);
      return;
    }
    lookupRow.hidden = false;
    setMessage(lookupMessage, describeError(error, { operation: 'device', device: query.trim() }), {
      invalid: true,
      code,
    });
  }
}

/**
 * Lists the devices where a file was seen, for the analyst to choose from.
 * @param {string} sha1
 */
export async function offerDevicesForFile(sha1) {
  const generation = lookupGeneration;
  try {
    /** @type {Machine[]} */
    const machines = await request('getFileMachines', { sha1 });
    // A lookup the analyst started meanwhile wins over this suggestion.
    if (selected || machines.length === 0 || generation !== lookupGeneration) {
      return;
    }
    offer(machines, t('devicePickerLabelFile'));
  } catch {
    // The list is a convenience; the analyst can still give the device by id or name.
  }
}

/**
 * @param {Machine[]} machines
 * @param {string} label
 */
function offer(machines, label) {
  offered = machines;
  pickerLabel.textContent = label;
  picker.replaceChildren(element('option', t('devicePickerPrompt')));
  picker.options[0].value = '';
  for (const machine of machines) {
    const option = element('option', describeMachineOption(machine));
    option.value = machine.id;
    picker.append(option);
  }
  picker.value = '';
  pickerRow.hidden = false;
}

function hidePicker() {
  offered = [];
  pickerRow.hidden = true;
  picker.replaceChildren();
}

/** @param {Machine} machine */
function describeMachineOption(machine) {
  return t(
    'devicePickerOption',
    machine.computerDnsName ?? t('unknownDevice'),
    machine.osPlatform ?? '?',
    machine.healthStatus ? healthLabel(machine.healthStatus) : '?',
    formatTime(machine.lastSeen),
    machine.id,
  );
}

/** @param {Machine | null} machine */
function choose(machine) {
  selected = machine;
  card.hidden = machine === null;
  warning.hidden = true;
  if (machine) {
    byId('device-name', HTMLElement).textContent = machine.computerDnsName ?? t('unknownDevice');
    byId('device-id', HTMLElement).textContent = machine.id;
    byId('device-os', HTMLElement).textContent = [machine.osPlatform, machine.version, machine.osBuild]
      .filter((part) => part !== null && part !== undefined && part !== '')
      .join(' ');
    byId('device-health', HTMLElement).textContent = machine.healthStatus ? healthLabel(machine.healthStatus) : '';
    byId('device-group', HTMLElement).textContent = machine.rbacGroupName ?? '';
    byId('device-last-seen', HTMLElement).textContent = formatTime(machine.lastSeen);
    const notice = deviceNotice(machine);
    warning.hidden = notice === '';
    warning.textContent = notice;
  }
  changed();
}

/**
 * Warns before the review when Defender is likely to reject the action: the action
 * needs Windows 10 1703 or later, Windows 11 or Windows Server 2012 R2 or later, and
 * an inactive device runs it only when it next reports. It only warns: Defender has
 * the last word, and the analyst may know better than the inventory.
 * @param {Machine} machine
 * @returns {string}
 */
function deviceNotice(machine) {
  const notices = [];
  if (machine.osPlatform && !/^windows/i.test(machine.osPlatform)) {
    notices.push(t('deviceNotWindows', machine.osPlatform));
  } else if (isWindowsTooOld(machine)) {
    const os = [machine.osPlatform, machine.version].filter(Boolean).join(' ');
    notices.push(t('deviceWindowsTooOld', os || String(machine.osBuild ?? '')));
  }
  if (machine.healthStatus && machine.healthStatus !== 'Active') {
    notices.push(t('deviceNotActive', healthLabel(machine.healthStatus)));
  }
  return notices.join('\n');
}

// Windows 10 version 1703, the first the action supports, is build 15063.
const FIRST_SUPPORTED_WINDOWS_10_VERSION = 1703;
const FIRST_SUPPORTED_WINDOWS_10_BUILD = 15063;

/**
 * Whether the device runs a Windows older than the action supports. An OS the
 * inventory spells in an unknown way counts as supported.
 * @param {Machine} machine
 */
function isWindowsTooOld(machine) {
  const platform = (machine.osPlatform ?? '').toLowerCase().replace(/\s+/g, '');
  if (/^windows(xp|vista|7|8|8\.1)$/.test(platform)) {
    return true;
  }
  const server = /^windowsserver(\d{4})(r2)?/.exec(platform);
  if (server) {
    const year = Number(server[1]);
    return year < 2012 || (year === 2012 && !server[2]);
  }
  if (platform === 'windows10') {
    // Versions from 20H2 on are written with an H, and older ones as YYMM numbers.
    const version = /^\d{4}$/.test(machine.version ?? '') ? Number(machine.version) : null;
    if (version !== null) {
      return version < FIRST_SUPPORTED_WINDOWS_10_VERSION;
    }
    return typeof machine.osBuild === 'number' && machine.osBuild > 0 && machine.osBuild < FIRST_SUPPORTED_WINDOWS_10_BUILD;
  }
  return false;
}

/**
 * The sensor health state in the analyst's language; an unknown value is shown as
 * Defender sends it.
 * @param {string} health
 */
function healthLabel(health) {
  return chrome.i18n.getMessage(`health${health}`) || health;
}
