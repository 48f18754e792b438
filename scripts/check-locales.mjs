// Checks the extension's messages: English and Danish have the same keys, every key
// has a description, placeholders are named and declared in both, and every key the
// code, the pages and the manifest use exists.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'extension');
const locales = ['en', 'da'];
// Keys built at run time from a value: `status${status}`, `phase_${phase}`,
// `cloudName_${cloud}`. Each prefix must have at least one key.
const dynamicPrefixes = ['status', 'phase_', 'cloudName_'];
const problems = [];

const messages = Object.fromEntries(
  locales.map((locale) => [
    locale,
    JSON.parse(fs.readFileSync(path.join(root, '_locales', locale, 'messages.json'), 'utf8')),
  ]),
);

for (const locale of locales) {
  const other = locales.find((candidate) => candidate !== locale);
  for (const [key, entry] of Object.entries(messages[locale])) {
    if (!(key in messages[other])) {
      problems.push(`${key}: in ${locale} but not in ${other}`);
    }
    if (typeof entry.description !== 'string' || entry.description.trim() === '') {
      problems.push(`${locale} ${key}: no description`);
    }
    const used = new Set([...entry.message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((match) => match[1].toLowerCase()));
    const declared = new Set(Object.keys(entry.placeholders ?? {}).map((name) => name.toLowerCase()));
    for (const name of used) {
      if (!declared.has(name)) problems.push(`${locale} ${key}: placeholder $${name}$ not declared`);
    }
    for (const name of declared) {
      if (!used.has(name)) problems.push(`${locale} ${key}: placeholder ${name} declared but unused`);
      if (/^\d+$/.test(name)) problems.push(`${locale} ${key}: placeholder ${name} is not named`);
    }
    const otherEntry = messages[other][key];
    if (otherEntry) {
      const otherDeclared = Object.keys(otherEntry.placeholders ?? {}).join(',');
      if (Object.keys(entry.placeholders ?? {}).join(',') !== otherDeclared) {
        problems.push(`${key}: placeholders differ between ${locale} and ${other}`);
      }
    }
  }
}

// Keys referenced by the code, the pages and the manifest.
const referenced = new Set();
const walk = (directory) => {
  for (const name of fs.readdirSync(directory)) {
    const file = path.join(directory, name);
    if (fs.statSync(file).isDirectory()) {
      if (name !== '_locales' && name !== 'core') walk(file);
      continue;
    }
    if (!/\.(js|html|json)$/.test(name)) continue;
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\bt\('([A-Za-z0-9_]+)'/g)) referenced.add(match[1]);
    for (const match of text.matchAll(/getMessage\('([A-Za-z0-9_]+)'/g)) referenced.add(match[1]);
    for (const match of text.matchAll(/data-i18n(?:-[a-z-]+)?="([A-Za-z0-9_]+)"/g)) referenced.add(match[1]);
    for (const match of text.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) referenced.add(match[1]);
  }
};
walk(root);
for (const key of referenced) {
  if (!(key in messages.en)) problems.push(`${key}: used but missing from the messages`);
}
for (const prefix of dynamicPrefixes) {
  if (!Object.keys(messages.en).some((key) => key.startsWith(prefix))) {
    problems.push(`no message starts with ${prefix}`);
  }
}

if (problems.length > 0) {
  console.error(`Locale check failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.error(`Locale check passed: ${Object.keys(messages.en).length} keys in ${locales.join(', ')}`);
