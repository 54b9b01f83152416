/**
 * One writing run at a time per project: `.score-ts/lock` names the process that holds it. A second run
 * stops with a clear message instead of mixing its state with the first one's. A lock whose process is
 * gone (killed) is taken over.
 */
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '../errors.js';
import { describeIoError } from '../load/score-file.js';
import { STATE_DIR } from './state.js';

const LOCK_FILE = 'lock';

interface LockOwner {
  pid: number;
  host: string;
  started: string;
}

/** Runs `work` holding the project's lock. */
export function withProjectLock<T>(projectDir: string, work: () => T): T {
  const release = acquireProjectLock(path.join(projectDir, STATE_DIR), STATE_DIR);
  try {
    return work();
  } finally {
    release();
  }
}

/** Takes the project's lock (creating the state folder if needed); returns the function that releases it. */
export function acquireProjectLock(stateDirPath: string, displayDir: string): () => void {
  const file = path.join(stateDirPath, LOCK_FILE);
  try {
    mkdirSync(stateDirPath, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new InputError(`cannot create ${displayDir}/: ${describeIoError(e)}`);
  }
  const me: LockOwner = { pid: process.pid, host: os.hostname(), started: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, `${JSON.stringify(me)}\n`, { flag: 'wx', mode: 0o600 });
      return () => rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new InputError(`cannot create ${displayDir}/${LOCK_FILE}: ${describeIoError(e)}`);
    }
    const owner = readOwner(file);
    if (!owner && isFresh(file)) throw new InputError(`another score-ts run is starting in this project (${displayDir}/${LOCK_FILE} was just made); try again`);
    if (owner && isAlive(owner)) {
      throw new InputError(
        `another score-ts run (process ${owner.pid} on ${owner.host}, started ${owner.started}) is writing this project; ` +
          `wait for it to finish, or remove ${displayDir}/${LOCK_FILE} if no score-ts is running`,
      );
    }
    rmSync(file, { force: true }); // left by a run that was killed
  }
  throw new InputError(`cannot take ${displayDir}/${LOCK_FILE}: another run keeps taking it; try again`);
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && typeof value.host === 'string') return { pid: value.pid, host: value.host, started: String(value.started) };
  } catch {
    // Unreadable or half-written: treated as left behind.
  }
  return undefined;
}

/** An unreadable lock younger than a few seconds may be one another run is still writing. */
function isFresh(file: string): boolean {
  const stat = statSync(file, { throwIfNoEntry: false });
  return stat !== undefined && Date.now() - stat.mtimeMs < 5000;
}

/** A lock from another machine (a shared folder) is assumed to be held. */
function isAlive(owner: LockOwner): boolean {
  if (owner.host !== os.hostname()) return true;
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
