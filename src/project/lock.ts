/**
 * One writing run at a time per project: `.score-ts/lock` names the process that holds it. A second run
 * stops with a clear message instead of mixing its state with the first one's.
 *
 * A lock whose process is gone (killed) is taken over, one run at a time: only the run that creates
 * `.score-ts/lock.takeover` (exclusively) may remove a lock it did not make, and only after reading again,
 * under that guard, that the lock file is still the same one naming the same dead process. Everyone else
 * only ever creates the lock exclusively or removes their own, so exactly one run wins.
 */
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, rmdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '../base/errors.js';
import { describeIoError } from '../base/read-file.js';
import { isLocalProcessAlive } from '../base/run-owner.js';
import { systemRandomBytes } from '../base/system-random.js';
import { GITIGNORE, refuseLinkedStatePaths, STATE_FILE } from './state.js';
import { STATE_DIR } from '../base/file-paths.js';

const LOCK_FILE = 'lock';
const TAKEOVER_FILE = 'lock.takeover';
/** An unreadable lock younger than this may be one another run is still writing. */
const FRESH_MS = 5000;

interface LockOwner {
  pid: number;
  host: string;
  started: string;
}

/** A lock file as read: its identity (the same path may later hold another file), bytes and owner. */
interface LockSnapshot {
  readonly ino: number;
  readonly mtimeMs: number;
  readonly text: string;
  readonly owner: LockOwner | undefined;
}

/** Runs `work` holding the project's lock. */
export function withProjectLock<T>(projectDir: string, work: () => T): T {
  const release = acquireProjectLock(projectDir);
  try {
    return work();
  } finally {
    release();
  }
}

/**
 * Takes the project's lock (creating the state folder if needed); returns the function that releases it. A
 * state folder made for the lock alone is removed with it: only a run that saved something leaves one.
 */
export function acquireProjectLock(projectDir: string): () => void {
  const dir = path.join(projectDir, STATE_DIR);
  refuseLinkedStatePaths(projectDir, [LOCK_FILE, TAKEOVER_FILE]);
  const madeDir = !existsSync(dir);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new InputError(`cannot create ${STATE_DIR}/: ${describeIoError(e)}`);
  }
  const lock = path.join(dir, LOCK_FILE);
  const mine = ownerText();
  for (let attempt = 0; attempt < 3; attempt++) {
    if (createExclusive(lock, mine, LOCK_FILE)) return () => release(lock, mine, madeDir ? dir : undefined);
    const found = readLock(lock);
    if (!found) continue; // released meanwhile
    refuseLiveLock(found);
    takeOverStaleLock(path.join(dir, TAKEOVER_FILE), lock, found);
  }
  throw new InputError(`cannot take ${STATE_DIR}/${LOCK_FILE}: other runs keep taking it; try again`);
}

/** Throws when the lock may belong to a run that is still working. */
function refuseLiveLock(found: LockSnapshot): void {
  const { owner } = found;
  if (!owner) {
    if (Date.now() - found.mtimeMs < FRESH_MS)
      throw new InputError(`another score-ts run is starting in this project (${STATE_DIR}/${LOCK_FILE} was just made); try again`);
    return;
  }
  if (owner.host !== os.hostname()) {
    throw new InputError(
      `${STATE_DIR}/${LOCK_FILE} was made by process ${owner.pid} on another host, ${owner.host} (started ${owner.started}; a shared folder?), so score-ts cannot tell whether that run still works; ` +
        `check that no score-ts runs on ${owner.host} in this project, then remove ${STATE_DIR}/${LOCK_FILE}`,
    );
  }
  if (isLocalProcessAlive(owner.pid) && owner.pid !== process.pid) {
    throw new InputError(
      `another score-ts run (process ${owner.pid} on ${owner.host}, started ${owner.started}) is writing this project; ` +
        `wait for it to finish, or remove ${STATE_DIR}/${LOCK_FILE} if no score-ts is running`,
    );
  }
}

/**
 * Removes the stale lock `found`, holding the takeover guard; the caller then creates its own lock (which a
 * run that just started may still create first: the caller then reports it).
 */
function takeOverStaleLock(guard: string, lock: string, found: LockSnapshot): void {
  if (!createExclusive(guard, ownerText(), TAKEOVER_FILE)) return refuseTakeover(guard);
  try {
    const now = readLock(lock);
    // The same file, unchanged: a new lock made since (even one reusing the inode) has another time and text.
    if (now && now.ino === found.ino && now.mtimeMs === found.mtimeMs && now.text === found.text) unlinkSync(lock);
  } catch (e) {
    throw new InputError(`cannot remove the stale ${STATE_DIR}/${LOCK_FILE}: ${describeIoError(e)}`);
  } finally {
    rmSync(guard, { force: true });
  }
}

/**
 * Another run holds the takeover guard: it is taking over now (it holds the guard for a few system calls), or
 * it was killed while it did. Returns when the guard is gone already (the caller then looks at the lock again).
 */
function refuseTakeover(guard: string): void {
  const holder = readLock(guard);
  if (!holder) return;
  const owner = holder.owner;
  const live =
    Date.now() - holder.mtimeMs < FRESH_MS || (owner !== undefined && owner.host === os.hostname() && isLocalProcessAlive(owner.pid));
  if (live) {
    throw new InputError(
      `another score-ts run${owner ? ` (process ${owner.pid} on ${owner.host})` : ''} is taking over the lock a killed run left in this project; try again when it has finished`,
    );
  }
  throw new InputError(
    `${STATE_DIR}/${TAKEOVER_FILE} was left by a score-ts run${owner ? ` (process ${owner.pid} on ${owner.host})` : ''} stopped while it took over a stale lock; ` +
      `if no score-ts is running in this project, remove ${STATE_DIR}/${TAKEOVER_FILE} and ${STATE_DIR}/${LOCK_FILE}`,
  );
}

/** Creates `file` holding `text` unless it exists; false when it does. */
function createExclusive(file: string, text: string, display: string): boolean {
  try {
    writeFileSync(file, text, { flag: 'wx', mode: 0o600 });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new InputError(`cannot create ${STATE_DIR}/${display}: ${describeIoError(e)}`);
  }
}

/** The lock file as it is now, or undefined when there is none. */
function readLock(file: string): LockSnapshot | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InputError(`cannot read ${STATE_DIR}/${path.basename(file)}: ${describeIoError(e)}`);
  }
  try {
    const { ino, mtimeMs } = fstatSync(fd);
    const text = readFileSync(fd, 'utf8');
    return { ino, mtimeMs, text, owner: parseOwner(text) };
  } finally {
    closeSync(fd);
  }
}

/** The owner a lock names; undefined when it is unreadable or half-written. */
function parseOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && typeof value.host === 'string')
      return { pid: value.pid, host: value.host, started: String(value.started) };
  } catch {
    // Treated as left behind once it is old enough.
  }
  return undefined;
}

/** This run's lock text: a random nonce makes it unique even when a later process gets the same pid. */
function ownerText(): string {
  const nonce = systemRandomBytes(8).toString('hex');
  return `${JSON.stringify({ pid: process.pid, host: os.hostname(), started: new Date().toISOString(), nonce })}\n`;
}

/** Releases the lock; a state folder this run made and saved no state in is removed (the lock still held while its .gitignore goes). */
function release(lock: string, mine: string, madeDir: string | undefined): void {
  const unsaved = madeDir !== undefined && !existsSync(path.join(madeDir, STATE_FILE));
  if (unsaved) rmSync(path.join(madeDir, GITIGNORE), { force: true });
  removeIfMine(lock, mine);
  try {
    if (unsaved) rmdirSync(madeDir);
  } catch {
    // Not empty: another run uses it now.
  }
}

/** Releases the lock only while it is still this run's (it is never taken from a live run, but be sure). */
function removeIfMine(lock: string, mine: string): void {
  try {
    if (readFileSync(lock, 'utf8') === mine) unlinkSync(lock);
  } catch {
    // Already gone: nothing to release.
  }
}
