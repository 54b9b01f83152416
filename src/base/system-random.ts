/**
 * Random bytes from the operating system's cryptographic generator: read from /dev/urandom where it is a
 * device (Linux, macOS, the BSDs), else from crypto.randomFillSync (Windows); reading the device spares a run
 * loading node:crypto. Bytes are fetched 8 KiB at a time (a call per request is slow), and each is used once.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { nodeCrypto } from './node-crypto.js';

const pool = Buffer.alloc(8192);
let poolUsed = pool.length;

export function systemRandomBytes(count: number): Buffer {
  if (count > pool.length) return fillRandom(Buffer.alloc(count));
  if (poolUsed + count > pool.length) {
    fillRandom(pool);
    poolUsed = 0;
  }
  poolUsed += count;
  return Buffer.from(pool.subarray(poolUsed - count, poolUsed));
}

function fillRandom(buffer: Buffer): Buffer {
  if (noDevice || !fillFromDevice(buffer)) {
    noDevice = true;
    nodeCrypto().randomFillSync(buffer);
  }
  return buffer;
}

let noDevice = false;

/** Fills the whole buffer from the random device and returns true, or returns false. */
export function fillFromDevice(buffer: Buffer, device = '/dev/urandom'): boolean {
  let fd: number;
  try {
    fd = openSync(device, 'r');
  } catch {
    return false;
  }
  try {
    // A regular file in its place (a broken chroot) would be predictable: only a device will do.
    if (!fstatSync(fd).isCharacterDevice()) return false;
    for (let filled = 0; filled < buffer.length;) {
      const read = readSync(fd, buffer, filled, buffer.length - filled, null);
      if (read <= 0) return false;
      filled += read;
    }
    return true;
  } finally {
    closeSync(fd);
  }
}
