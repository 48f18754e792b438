// Real files on disk for the dialog to hash, with their SHA-1 from node's crypto.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Writes a file of random bytes that starts with a marker text a test can search for.
 * @param {{name?: string, size?: number}} [options]
 */
export async function makeSampleFile({ name = 'invoice-2026.exe', size = 3 * 1024 * 1024 + 123 } = {}) {
  const directory = await mkdtemp(join(tmpdir(), 'stop-quarantine-file-'));
  const marker = `sample-file-marker-${randomBytes(8).toString('hex')}`;
  const bytes = Buffer.concat([Buffer.from(marker), randomBytes(Math.max(0, size - marker.length))]);
  const path = join(directory, name);
  await writeFile(path, bytes);
  return {
    path,
    name,
    size: bytes.length,
    marker,
    sha1: createHash('sha1').update(bytes).digest('hex'),
    remove: () => rm(directory, { recursive: true, force: true }),
  };
}

/** A SHA-1 no seed file has, so the emulator treats it as an unknown unsigned file. */
export function randomSha1() {
  return randomBytes(20).toString('hex');
}
