// The options page: cloud, API region, tenant id and client id. A value set by the
// administrator's policy is shown, disabled and never saved over.
import { coreReady } from '../lib/core.js';
import { describeError } from '../lib/errors.js';
import { t, localize } from '../lib/i18n.js';
import { readSettings, validateSettings, EDITABLE_KEYS } from '../lib/settings.js';

/** @typedef {import('../lib/settings.js').Settings} Settings */

const form = /** @type {HTMLFormElement} */ (document.getElementById('settings-form'));
const fields = {
  cloud: /** @type {HTMLSelectElement} */ (document.getElementById('cloud')),
  region: /** @type {HTMLSelectElement} */ (document.getElementById('region')),
  tenantId: /** @type {HTMLInputElement} */ (document.getElementById('tenant-id')),
  clientId: /** @type {HTMLInputElement} */ (document.getElementById('client-id')),
};
const messages = {
  cloud: /** @type {HTMLElement} */ (document.getElementById('cloud-message')),
  region: /** @type {HTMLElement} */ (document.getElementById('region-message')),
  tenantId: /** @type {HTMLElement} */ (document.getElementById('tenant-id-message')),
  clientId: /** @type {HTMLElement} */ (document.getElementById('client-id-message')),
};
const saved = /** @type {HTMLElement} */ (document.getElementById('saved'));

localize(document);
/** @type {Record<string, string>} */
const helpTexts = Object.fromEntries(Object.entries(messages).map(([key, element]) => [key, element.textContent ?? '']));
/** @type {any} */
let core = null;

void start();

async function start() {
  core = await coreReady;
  /** @type {HTMLElement} */ (document.getElementById('redirect-uri')).textContent = chrome.identity.getRedirectURL();
  for (const cloud of core.listClouds()) {
    const option = document.createElement('option');
    option.value = cloud;
    option.textContent = t(`cloudName_${cloud}`);
    fields.cloud.append(option);
  }
  fields.cloud.addEventListener('change', () => fillRegions(''));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void save();
  });
  for (const field of Object.values(fields)) {
    field.addEventListener('input', () => {
      saved.textContent = '';
    });
  }
  await load();
  chrome.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') {
      void load();
    }
  });
}

// The fields start disabled in the HTML and are enabled here, once the stored settings
// and the policy are read, so nothing typed earlier is overwritten. The first read of
// managed storage after the browser starts took about 3 s in Chromium 156.
async function load() {
  const { settings, locked } = await readSettings();
  fields.cloud.value = settings.cloud;
  fillRegions(settings.region);
  fields.tenantId.value = settings.tenantId;
  fields.clientId.value = settings.clientId;

  for (const key of EDITABLE_KEYS) {
    const isLocked = locked.has(key);
    fields[key].disabled = isLocked;
    const label = document.querySelector(`label[for="${fields[key].id}"]`);
    label?.querySelector('.locked-note')?.remove();
    if (isLocked && label) {
      const note = document.createElement('span');
      note.className = 'locked-note';
      note.textContent = t('lockedByPolicy');
      label.append(note);
    }
  }
  /** @type {HTMLElement} */ (document.getElementById('policy-note')).hidden = locked.size === 0;
  /** @type {HTMLButtonElement} */ (document.getElementById('save')).disabled = EDITABLE_KEYS.every((key) => locked.has(key));
}

/** @param {string} selected */
function fillRegions(selected) {
  /** @type {import('../types/shapes').CloudProfile} */
  const profile = core.cloudProfile(fields.cloud.value);
  fields.region.replaceChildren();
  const automatic = document.createElement('option');
  automatic.value = '';
  automatic.textContent = t('regionAutomatic', profile.defaultApiHost);
  fields.region.append(automatic);
  for (const region of profile.regions) {
    const option = document.createElement('option');
    option.value = region.id;
    option.textContent = t('regionOption', region.id.toUpperCase(), region.host);
    fields.region.append(option);
  }
  fields.region.value = profile.regions.some((region) => region.id === selected) ? selected : '';
}

async function save() {
  saved.textContent = '';
  const { locked } = await readSettings();
  /** @type {Settings} */
  const candidate = {
    cloud: /** @type {Settings['cloud']} */ (fields.cloud.value),
    region: fields.region.value,
    tenantId: fields.tenantId.value.trim(),
    clientId: fields.clientId.value.trim(),
    resource: '',
  };

  for (const [key, element] of Object.entries(messages)) {
    element.textContent = helpTexts[key];
    element.classList.remove('invalid');
  }
  const errors = validateSettings(candidate);
  try {
    core.apiBaseFor(candidate.cloud, candidate.region || null);
  } catch (error) {
    errors.push({ code: 'regionInvalid', field: 'region', value: candidate.region });
    messages.region.textContent = describeError(error);
  }
  for (const error of errors) {
    const target = messages[/** @type {keyof typeof messages} */ (error.field)];
    if (error.code !== 'regionInvalid') {
      target.textContent = describeError(error);
    }
    target.classList.add('invalid');
  }
  if (errors.length > 0) {
    fields[/** @type {keyof typeof fields} */ (errors[0].field)].focus();
    return;
  }

  /** @type {Record<string, string>} */
  const toStore = {};
  for (const key of EDITABLE_KEYS) {
    if (!locked.has(key)) {
      toStore[key] = candidate[key];
    }
  }
  await chrome.storage.local.set({ settings: toStore });
  saved.textContent = t('settingsSaved');
}
