/**
 * Which run owns a lock or a temporary file: a process id on a host. Used to tell files of a run that was
 * killed (safe to remove) from files of a run still working (never touched).
 */
import os from 'node:os';

/**
 * A short, file-name-safe tag of a host's name (host names may hold characters file names should not): its
 * 32-bit FNV-1a hash, which needs no node:crypto (slow to load) and is plenty to tell a few hosts apart.
 */
export function hostTag(host: string = os.hostname()): string {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(host, 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/**
 * Whether process `pid` of this host is running. Signal 0 checks without sending anything; EPERM means it
 * runs under another user. Callers decide what their own pid means (it may be an earlier process's).
 */
export function isLocalProcessAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
