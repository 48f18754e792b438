// Loads the Rust core once per extension context (service worker, dialog, options).
// Every part imports the core through this module, so each context compiles the wasm
// once and every caller awaits the same promise.
import init, * as core from '../core/quarantine_core.js';

/** @typedef {typeof core} Core */

/** @type {Promise<Core>} */
export const coreReady = init().then(() => core);
