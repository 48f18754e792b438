// Locations of the repository, the built extension, the emulator binary and Chromium.
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

export const repositoryRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/** The unpacked extension that `./build.sh` assembles; `E2E_EXTENSION_DIR` overrides it. */
export const extensionDir = process.env.E2E_EXTENSION_DIR ?? join(repositoryRoot, 'dist', 'extension');

/** The emulator binary; `DEFENDER_EMULATOR` overrides the default debug build. */
export const emulatorBinary =
  process.env.DEFENDER_EMULATOR ?? join(repositoryRoot, 'target', 'debug', 'defender-emulator');

/** The real Chromium binary, not the Debian wrapper script that adds its own flags. */
export const chromiumBinary = process.env.CHROMIUM_BINARY ?? '/usr/lib/chromium/chromium';

/** Fixed by the `key` in the extension's manifest. */
export const extensionId = 'ebojcpbneaajnbiionfaimhgoljgdjpk';
