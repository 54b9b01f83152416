/**
 * Writes files so a reader never sees half of one: the content goes to a temporary file beside the target
 * (staged), then a rename puts it in place (committed). Staging several files before committing any lets a
 * run that fails on one (disk full, no permission) leave all of them as they were.
 * Content may come in pieces, which are written as they are made (a large output is never one string); a
 * piece that throws fails the staging like a write error does.
 */
import { closeSync, openSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { describeIoError } from '../load/score-file.js';
import { systemRandomBytes } from '../system-random.js';

export interface StagedFile {
  /** True for devices and pipes, which are written on commit and cannot be staged. */
  readonly direct: boolean;
  /** Puts the staged content in place. */
  commit(): void;
  /** Removes the staged content; the target is untouched. */
  discard(): void;
}

export type FileContent = string | Iterable<string>;

export function writeFileAtomic(file: string, content: FileContent, displayPath: string, mode = 0o644): void {
  stageFile(file, content, displayPath, mode).commit();
}

/** Writes `content` next to `file`; nothing changes at `file` until commit. */
export function stageFile(file: string, content: FileContent, displayPath: string, mode = 0o644): StagedFile {
  const target = resolveTarget(file);
  let existing;
  try {
    existing = statSync(target, { throwIfNoEntry: false });
  } catch (e) {
    throw new InputError(`cannot write ${displayPath}: ${describeIoError(e)}`);
  }
  // A device or pipe (/dev/stdout, /dev/null, a FIFO) is written to on commit, never replaced by a rename;
  // its pieces are made now, so a piece that fails does so before anything is committed.
  if (existing && !existing.isFile()) {
    const text = typeof content === 'string' ? content : [...content].join('');
    return { direct: true, commit: () => writeOrExplain(() => writeFileSync(target, text), displayPath), discard: () => {} };
  }
  const temp = path.join(path.dirname(target), `${tempPrefix(target)}${systemRandomBytes(6).toString('hex')}.tmp`);
  writeTemp(temp, content, mode, displayPath);
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
export function writeFilesTogether(files: ReadonlyArray<{ file: string; content: FileContent; displayPath: string; mode?: number }>): void {
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

/** Creates `temp` (never an existing file) and writes the content to it; removes it again on any failure. */
function writeTemp(temp: string, content: FileContent, mode: number, displayPath: string): void {
  const fd = writeOrExplain(() => openSync(temp, 'wx', mode), displayPath);
  const write = (data: string | Buffer) => writeOrExplain(() => writeFileSync(fd, data), displayPath);
  let written = false;
  try {
    if (typeof content === 'string') write(content);
    else writePieces(content, write);
    written = true;
  } finally {
    closeSync(fd);
    if (!written) rmSync(temp, { force: true });
  }
}

const BATCH_BYTES = 256 * 1024;

/**
 * Pieces are gathered in one buffer, reused for every write: few system calls, and no fresh memory per write
 * (new pages are slow to come by on a virtual machine). A piece too big for the buffer is written alone.
 */
function writePieces(pieces: Iterable<string>, write: (data: string | Buffer) => void): void {
  const buffer = Buffer.allocUnsafe(BATCH_BYTES);
  let used = 0;
  for (const piece of pieces) {
    const bytes = Buffer.byteLength(piece);
    if (used + bytes > BATCH_BYTES && used > 0) {
      write(buffer.subarray(0, used));
      used = 0;
    }
    if (bytes > BATCH_BYTES) write(piece);
    else used += buffer.write(piece, used);
  }
  if (used > 0) write(buffer.subarray(0, used));
}

const BATCH_LENGTH = 256 * 1024;

/** Joins small pieces into strings of about BATCH_LENGTH characters, for writers that take text (stdout). */
export function* batches(pieces: Iterable<string>): Generator<string> {
  let pending: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    pending.push(piece);
    length += piece.length;
    if (length >= BATCH_LENGTH) {
      yield pending.join('');
      pending = [];
      length = 0;
    }
  }
  if (pending.length > 0) yield pending.join('');
}

function writeOrExplain<T>(write: () => T, displayPath: string): T {
  try {
    return write();
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
