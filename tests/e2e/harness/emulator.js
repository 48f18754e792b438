// Starts the Defender emulator as a child process on free ports and reads its ready
// line. Its standard input stays open: the emulator exits when it closes, so a test
// process that dies leaves no server behind.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { existsSync } from 'node:fs';
import { EmulatorAdmin } from './admin.js';
import { emulatorBinary } from './paths.js';

const READY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;
// Enough of the emulator's request log to explain a failed test.
const KEPT_LOG_LINES = 200;

/**
 * @typedef {{event: 'ready', port: number, adminPort: number, spki: string, hosts: string[]}} ReadyLine
 */

export class Emulator {
  /**
   * @param {import('node:child_process').ChildProcess} child
   * @param {ReadyLine} ready
   * @param {string[]} log
   */
  constructor(child, ready, log) {
    this.child = child;
    this.ready = ready;
    this.log = log;
    this.admin = new EmulatorAdmin(ready.adminPort);
  }

  get port() {
    return this.ready.port;
  }

  /**
   * Chromium's resolver rules: every host of the emulator to its port on loopback,
   * then every other name unresolvable, so nothing leaves the machine.
   */
  hostResolverRules() {
    const rules = this.ready.hosts.map((host) => `MAP ${host} 127.0.0.1:${this.ready.port}`);
    rules.push('MAP * ~NOTFOUND');
    return rules.join(', ');
  }

  /** Closes standard input, which stops the emulator, and waits for it to exit. */
  async stop() {
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      return;
    }
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin?.end();
    const timer = setTimeout(() => this.child.kill('SIGTERM'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }
}

/**
 * Starts the emulator and resolves once it printed its ready line.
 * @param {{clockSpeed?: number, tokenLifetime?: number}} [options]
 * @returns {Promise<Emulator>}
 */
export async function startEmulator(options = {}) {
  if (!existsSync(emulatorBinary)) {
    throw new Error(
      `The emulator binary ${emulatorBinary} is missing. Build it with 'cargo build -p defender-emulator' ` +
        'or set DEFENDER_EMULATOR to its path.',
    );
  }
  const args = ['--port', '0', '--admin-port', '0'];
  if (options.clockSpeed !== undefined) {
    args.push('--clock-speed', String(options.clockSpeed));
  }
  if (options.tokenLifetime !== undefined) {
    args.push('--token-lifetime', String(options.tokenLifetime));
  }
  const child = spawn(emulatorBinary, args, { stdio: ['pipe', 'pipe', 'pipe'] });

  /** @type {string[]} */
  const log = [];
  createInterface({ input: child.stderr }).on('line', (line) => {
    log.push(line);
    if (log.length > KEPT_LOG_LINES) {
      log.shift();
    }
  });

  const ready = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`The emulator printed no ready line within ${READY_TIMEOUT_MS} ms. Its log:\n${log.join('\n')}`));
    }, READY_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`The emulator ${emulatorBinary} failed to start: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`The emulator exited before it was ready (code ${code}, signal ${signal}). Its log:\n${log.join('\n')}`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      let parsed;
      try {
        parsed = JSON.parse(line);
      } catch {
        return;
      }
      if (parsed?.event === 'ready') {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve(parsed);
      }
    });
  });
  return new Emulator(child, ready, log);
}
