import { chromium } from 'playwright-core';
import { startServer } from '/work/main/bench/server.mjs';
const file = process.argv[2];
const plan = JSON.parse(process.argv[3]);
const server = await startServer({ '/extension/': process.env.DIST ?? '/tmp/hashdist', '/exp/': '/tmp/exp' });
const browser = await chromium.launch({ executablePath: '/usr/lib/chromium/chromium', args: ['--headless=new','--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync','--disable-default-apps','--disable-domain-reliability','--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'] });
const page = await browser.newPage();
page.on('pageerror', (e) => console.log('pageerror:', e));
await page.goto(`${server.origin}/exp/exp.html`);
await page.waitForFunction(() => globalThis.ready);
await page.setInputFiles('#f', file);
const { statSync } = await import('node:fs');
const mib = statSync(file).size / 1048576;
for (const [variant, size, reps = 3] of plan) {
  const times = [];
  let last;
  for (let i = 0; i < reps; i++) { last = await page.evaluate(([v, s]) => run(v, s), [variant, size]); times.push(last.ms); }
  times.sort((a, b) => a - b);
  console.log(variant.padEnd(16), String(size ?? '').padEnd(10), (mib / times[Math.floor(times.length / 2)] * 1000).toFixed(0).padStart(6), 'MiB/s', last.sha1 ?? last.error, times.map((t) => t.toFixed(0)).join(' '));
}
await browser.close(); await server.close();
