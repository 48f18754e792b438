// Benchmark data files: random bytes, written in blocks so that a 4 GiB file needs no
// 4 GiB buffer.
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const MIB = 1024 * 1024;
const BLOCK = 64 * MIB;

/** One random block, reused with a different counter in front of each copy. */
let randomBlock = null;

/**
 * Writes `bytes` bytes to `dir/name` and returns the path. Files with a different
 * `variant` differ in every block.
 */
export function makeDataFile(dir, name, bytes, variant = 0) {
  randomBlock ??= randomBytes(BLOCK);
  const path = join(dir, name);
  const fd = openSync(path, 'w');
  try {
    for (let offset = 0, index = 0; offset < bytes; offset += BLOCK, index++) {
      randomBlock.writeUInt32LE(index, 0);
      randomBlock.writeUInt32LE(variant, 4);
      writeSync(fd, randomBlock, 0, Math.min(BLOCK, bytes - offset));
    }
  } finally {
    closeSync(fd);
  }
  return path;
}
