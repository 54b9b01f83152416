/**
 * Writes files so a reader never sees half of one: the content goes to a temporary file beside the target
 * (staged), then a rename puts it in place (committed). Staging several files before committing any lets a
 * run that fails on one (disk full, no permission) leave all of them as they were.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { describeIoError } from '../load/score-file.js';

export interface StagedFile {
  /** True for devices and pipes, which are written on commit and cannot be staged. */
  readonly direct: boolean;
  /** Puts the staged content in place. */
  commit(): void;
  /** Removes the staged content; the target is untouched. */
  discard(): void;
}

export function writeFileAtomic(file: string, content: string, displayPath: string, mode = 0o644): void {
  stageFile(file, content, displayPath, mode).commit();
}

/** Writes `content` next to `file`; nothing changes at `file` until commit. */
export function stageFile(file: string, content: string, displayPath: string, mode = 0o644): StagedFile {
  const target = resolveTarget(file);
  let existing;
  try {
    existing = statSync(target, { throwIfNoEntry: false });
  } catch (e) {
    throw new InputError(`cannot write ${displayPath}: ${describeIoError(e)}`);
  }
  // A device or pipe (/dev/stdout, /dev/null, a FIFO) is written to on commit, never replaced by a rename.
  if (existing && !existing.isFile()) return { direct: true, commit: () => writeOrExplain(() => writeFileSync(target, content), displayPath), discard: () => {} };
  const temp = path.join(path.dirname(target), `${tempPrefix(target)}${randomBytes(6).toString('hex')}.tmp`);
  writeOrExplain(() => {
    try {
      writeFileSync(temp, content, { mode, flag: 'wx' });
    } catch (e) {
      rmSync(temp, { force: true });
      throw e;
    }
  }, displayPath);
  return {
    direct: false,
    commit() {
      writeOrExplain(() => renameSync(temp, target), displayPath);
      removeLeftoverTemps(target);
    },
    discard: () => rmSync(temp, { force: true }),
  };
}

/**
 * Stages every file, then commits them: devices first (a full disk shows there, before anything is renamed),
 * then the renames in the order given. If any cannot be staged or a device write fails, no file is changed.
 */
export function writeFilesTogether(files: ReadonlyArray<{ file: string; content: string; displayPath: string; mode?: number }>): void {
  const staged: StagedFile[] = [];
  try {
    for (const f of files) staged.push(stageFile(f.file, f.content, f.displayPath, f.mode));
  } catch (e) {
    for (const s of staged) s.discard();
    throw e;
  }
  try {
    for (const s of staged) if (s.direct) s.commit();
  } catch (e) {
    for (const s of staged) s.discard();
    throw e;
  }
  for (const s of staged) if (!s.direct) s.commit();
}

function writeOrExplain(write: () => void, displayPath: string): void {
  try {
    write();
  } catch (e) {
    throw new InputError(`cannot write ${displayPath}: ${describeIoError(e)}; the previous file, if any, is unchanged`);
  }
}

const tempPrefix = (target: string): string => `.${path.basename(target)}.`;

/** Temporary files a killed run left beside the target (runs of one project never overlap: see lock.ts). */
function removeLeftoverTemps(target: string): void {
  const prefix = tempPrefix(target);
  try {
    for (const name of readdirSync(path.dirname(target))) {
      if (name.startsWith(prefix) && /^[0-9a-f]{12}\.tmp$/.test(name.slice(prefix.length))) rmSync(path.join(path.dirname(target), name), { force: true });
    }
  } catch {
    // Tidying only: a folder that cannot be listed keeps its leftovers.
  }
}

/** Through a symlink to the file it points at, so the link stays a link. */
function resolveTarget(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}
