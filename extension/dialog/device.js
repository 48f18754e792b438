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
    machine.healthStatus ?? '?',
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
    byId('device-health', HTMLElement).textContent = machine.healthStatus ?? '';
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
 * needs Windows, and an inactive device runs it only when it next reports.
 * @param {Machine} machine
 * @returns {string}
 */
function deviceNotice(machine) {
  const notices = [];
  if (machine.osPlatform && !/^windows/i.test(machine.osPlatform)) {
    notices.push(t('deviceNotWindows', machine.osPlatform));
  }
  if (machine.healthStatus && machine.healthStatus !== 'Active') {
    notices.push(t('deviceNotActive', machine.healthStatus));
  }
  return notices.join('\n');
}
