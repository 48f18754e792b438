// A small single-page application standing in for the Defender portal. Like the real
// portal it changes pages with history.pushState and renders each page a moment after
// the URL changes, so an extension must watch navigation instead of page loads.

const RENDER_DELAY_MS = 300;
const seed = JSON.parse(document.getElementById('portal-seed').textContent);
const main = document.getElementById('portal-main');
let renderGeneration = 0;

// Keeps ?tid= on in-page links, as the portal does.
function withTenant(path) {
  const tenant = new URLSearchParams(location.search).get('tid');
  return tenant ? `${path}?tid=${encodeURIComponent(tenant)}` : path;
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, value);
  }
  for (const child of children) {
    node.append(child instanceof Node ? child : String(child ?? ''));
  }
  return node;
}

function link(path, text) {
  return element('a', { 'data-nav': '', href: withTenant(path) }, text);
}

function deviceLink(machine) {
  return link(`/machines/v2/${machine.id}/overview`, machine.computerDnsName);
}

function fileLink(hash, text) {
  return link(`/file/${hash}/overview`, text ?? hash);
}

function findMachine(id) {
  return seed.machines.find((machine) => machine.id.toLowerCase() === id.toLowerCase());
}

function findFile(hash) {
  const lower = hash.toLowerCase();
  return seed.files.find((file) =>
    [file.sha1, file.sha256, file.md5].some((value) => value && value.toLowerCase() === lower));
}

function route(pathname) {
  const patterns = [
    [/^\/machines\/v2\/([^/]+)(?:\/([^/]+))?\/?$/i, (m) => ({ page: 'device', id: m[1], tab: m[2] || 'overview' })],
    [/^\/machines\/([0-9a-f]{40})\/?$/i, (m) => ({ page: 'device', id: m[1], tab: 'overview' })],
    [/^\/file\/([^/]+)(?:\/([^/]+))?\/?$/i, (m) => ({ page: 'file', hash: m[1], tab: m[2] || 'overview' })],
    [/^\/alerts?\/([^/]+)\/?/i, (m) => ({ page: 'alert', id: decodeURIComponent(m[1]) })],
    [/^\/incidents\/([^/]+)\/?/i, (m) => ({ page: 'incident', id: m[1] })],
    [/^\/incident2\/([^/]+)(?:\/[^/]+)?\/?$/i, (m) => ({ page: 'incident', id: m[1] })],
    [/^\/(machines\/?)?$/i, () => ({ page: 'devices' })],
  ];
  for (const [pattern, build] of patterns) {
    const match = pathname.match(pattern);
    if (match) return build(match);
  }
  return { page: 'notFound' };
}

function devicesPage() {
  const rows = seed.machines.map((machine) => element('tr', { 'data-machine-id': machine.id },
    element('td', {}, deviceLink(machine)),
    element('td', {}, `${machine.osPlatform} ${machine.version ?? ''}`),
    element('td', {}, machine.healthStatus),
    element('td', {}, machine.rbacGroupName)));
  return [
    element('h1', {}, 'Device inventory'),
    element('table', {},
      element('thead', {}, element('tr', {},
        element('th', {}, 'Device name'), element('th', {}, 'OS'),
        element('th', {}, 'Health state'), element('th', {}, 'Device group'))),
      element('tbody', {}, ...rows)),
  ];
}

function devicePage({ id, tab }) {
  const machine = findMachine(id);
  if (!machine) return notFoundPage(`No device with id ${id}.`);
  const files = seed.files.filter((file) => file.seenOn.includes(machine.id));
  const alerts = seed.alerts.filter((alert) => alert.machineId === machine.id);
  return [
    element('h1', { 'data-machine-id': machine.id }, machine.computerDnsName),
    element('div', { class: 'page-actions', id: 'device-actions' }),
    element('dl', {},
      element('dt', {}, 'Device id'), element('dd', {}, element('code', {}, machine.id)),
      element('dt', {}, 'OS'), element('dd', {}, `${machine.osPlatform} ${machine.version ?? ''}`),
      element('dt', {}, 'Health state'), element('dd', {}, machine.healthStatus),
      element('dt', {}, 'Device group'), element('dd', {}, machine.rbacGroupName),
      element('dt', {}, 'Tab'), element('dd', {}, tab)),
    element('h2', {}, 'Files seen on this device'),
    element('ul', {}, ...files.map((file) => element('li', { 'data-sha1': file.sha1 ?? '' },
      fileLink(file.sha1 ?? file.sha256, file.fileName), ' ', element('code', {}, file.sha1 ?? file.sha256)))),
    element('h2', {}, 'Alerts'),
    element('ul', {}, ...alerts.map((alert) => element('li', {}, link(`/alerts/${alert.id}`, alert.title)))),
  ];
}

function filePage({ hash }) {
  const file = findFile(hash);
  const devices = file ? file.seenOn.map(findMachine).filter(Boolean) : [];
  return [
    element('h1', { 'data-file-hash': hash }, file ? file.fileName : 'Unknown file'),
    element('div', { class: 'page-actions', id: 'file-actions' }),
    element('dl', {},
      element('dt', {}, 'SHA-1'), element('dd', {}, element('code', { 'data-sha1': file?.sha1 ?? '' }, file?.sha1 ?? (hash.length === 40 ? hash : 'not known'))),
      element('dt', {}, 'SHA-256'), element('dd', {}, element('code', {}, file?.sha256 ?? (hash.length === 64 ? hash : 'not known'))),
      element('dt', {}, 'MD5'), element('dd', {}, element('code', {}, file?.md5 ?? 'not known')),
      element('dt', {}, 'Signer'), element('dd', {}, file?.signer ?? 'Unsigned')),
    element('h2', {}, 'Devices where the file was seen'),
    element('ul', {}, ...devices.map((machine) => element('li', { 'data-machine-id': machine.id }, deviceLink(machine)))),
  ];
}

function alertPage({ id }) {
  const alert = seed.alerts.find((candidate) => candidate.id === id);
  if (!alert) return notFoundPage(`No alert with id ${id}.`);
  const machine = findMachine(alert.machineId);
  return [
    element('h1', { 'data-alert-id': alert.id }, alert.title),
    element('dl', {},
      element('dt', {}, 'Severity'), element('dd', {}, alert.severity),
      element('dt', {}, 'Device'), element('dd', { 'data-machine-id': alert.machineId }, machine ? deviceLink(machine) : alert.machineId),
      element('dt', {}, 'File'), element('dd', { 'data-sha1': alert.sha1 ?? '' }, alert.sha1 ? fileLink(alert.sha1) : 'none'),
      element('dt', {}, 'Incident'), element('dd', {}, alert.incidentId ? link(`/incidents/${alert.incidentId}`, alert.incidentId) : 'none')),
  ];
}

function incidentPage({ id }) {
  const incident = seed.incidents.find((candidate) => candidate.id === id);
  if (!incident) return notFoundPage(`No incident with id ${id}.`);
  const alerts = incident.alertIds.map((alertId) => seed.alerts.find((alert) => alert.id === alertId)).filter(Boolean);
  return [
    element('h1', { 'data-incident-id': incident.id }, incident.title),
    element('h2', {}, 'Alerts'),
    element('ul', {}, ...alerts.map((alert) => {
      const machine = findMachine(alert.machineId);
      return element('li', {}, link(`/alerts/${alert.id}`, alert.title), ' on ',
        machine ? deviceLink(machine) : alert.machineId);
    })),
  ];
}

function notFoundPage(message = 'This page does not exist in the emulated portal.') {
  return [element('h1', {}, 'Page not found'), element('p', {}, message)];
}

const pages = {
  devices: devicesPage,
  device: devicePage,
  file: filePage,
  alert: alertPage,
  incident: incidentPage,
  notFound: () => notFoundPage(),
};

// Empties the page at once, then renders after a delay; a newer navigation wins.
function render() {
  const generation = ++renderGeneration;
  const target = route(location.pathname);
  main.replaceChildren();
  main.setAttribute('aria-busy', 'true');
  main.dataset.page = 'loading';
  setTimeout(() => {
    if (generation !== renderGeneration) return;
    main.replaceChildren(...pages[target.page](target));
    main.dataset.page = target.page;
    main.setAttribute('aria-busy', 'false');
    document.title = `${main.querySelector('h1')?.textContent ?? 'Microsoft Defender'} - Microsoft Defender`;
  }, RENDER_DELAY_MS);
}

document.addEventListener('click', (event) => {
  const anchor = event.target.closest('a[data-nav]');
  if (!anchor || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  event.preventDefault();
  history.pushState({}, '', anchor.getAttribute('href'));
  render();
});
window.addEventListener('popstate', render);
render();
