// Headless Chromium for the benchmark, the benchmark page, and the renderer's memory.
import { readdirSync, readFileSync } from 'node:fs';

import { chromium } from 'playwright-core';

export const CHROMIUM = '/usr/lib/chromium/chromium';

/** The flags every Chromium run of this project uses; no host outside loopback resolves. */
export const CHROMIUM_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

/** Launches Chromium with a fresh profile, which Playwright creates and removes. */
export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

/**
 * Opens the benchmark page in a new tab and puts the files in its two file inputs, as
 * a user choosing files would: the page gets `File`s backed by the files on disk.
 * @param {import('playwright-core').Browser} browser
 * @param {string} origin
 * @param {string} fileA
 * @param {string} [fileB]
 */
export async function openBenchPage(browser, origin, fileA, fileB) {
  const page = await browser.newPage();
  page.on('pageerror', (error) => {
    console.error(`Benchmark page error: ${error.message}`);
    process.exitCode = 1;
  });
  await page.goto(`${origin}/bench/bench.html`);
  await page.waitForFunction(() => document.getElementById('status')?.value === 'ready');
  await page.setInputFiles('#file-a', fileA);
  if (fileB) {
    await page.setInputFiles('#file-b', fileB);
  }
  return page;
}

/**
 * Sums the resident memory (VmRSS) of the renderer processes started by this Node
 * process's Chromium. Workers run inside their page's renderer, so this includes them.
 * @returns {number} bytes
 */
export function rendererRss() {
  const parents = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      // The parent pid is the second field after the parenthesized command name.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended while the table was being read.
    }
  }

  let total = 0;
  for (const pid of parents.keys()) {
    if (!descendsFrom(pid, process.pid, parents)) {
      continue;
    }
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.includes('--type=renderer')) {
        continue;
      }
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      total += Number(status.match(/VmRSS:\s+(\d+) kB/)?.[1] ?? 0) * 1024;
    } catch {
      // Ended meanwhile.
    }
  }
  return total;
}

function descendsFrom(pid, ancestor, parents) {
  for (let current = parents.get(pid); current; current = parents.get(current)) {
    if (current === ancestor) {
      return true;
    }
  }
  return false;
}
