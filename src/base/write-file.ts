/**
 * Writes files so a reader never sees half of one: the content goes to a temporary file beside the target
 * (staged), then a rename puts it in place (committed). Staging several files before committing any lets a
 * run that fails on one (disk full, no permission) leave all of them as they were.
 * Content may come in pieces, which are written as they are made (a large output is never one string); a
 * piece that throws fails the staging like a write error does.
 */
import {
  closeSync,
  fchmodSync,
  fstatSync,
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { InputError } from './errors.js';
import { describeWriteError } from './read-file.js';
import { hostTag, isLocalProcessAlive } from './run-owner.js';
import { systemRandomBytes } from './system-random.js';

export interface StagedFile {
  /** True for devices, pipes and descriptors, which are written on commit and cannot be staged. */
  readonly direct: boolean;
  /** Puts the staged content in place. */
  commit(): void;
  /** Removes the staged content; the target is untouched. */
  discard(): void;
}

export type FileContent = string | Iterable<string>;

export interface FileToWrite {
  readonly file: string;
  readonly content: FileContent;
  /** How messages name the file. */
  readonly displayPath: string;
  /**
   * The mode of a new file (the umask applies); 0644 by default. A function is asked once the content is
   * written (content made as it is written may decide it); until then the file is its owner's only. Within 0644.
   */
  readonly mode?: number | (() => number);
  /** Keep the mode of the file being replaced, exactly (an output file its owner made private stays so). */
  readonly keepMode?: boolean;
  /** Write to this open file descriptor instead (`/dev/fd/3`): appended to, like any write to it. */
  readonly fd?: number;
}

export function writeFileAtomic(file: string, content: FileContent, displayPath: string, mode = 0o644): void {
  stageFile({ file, content, displayPath, mode }).commit();
}

/** Writes the content next to the file; nothing changes at the file until commit. */
export function stageFile(f: FileToWrite): StagedFile {
  if (f.fd !== undefined) return directWrite(f.content, (text) => writeToDescriptor(f.fd!, text), f.displayPath);
  const target = resolveTarget(f.file);
  let existing;
  try {
    existing = statSync(target, { throwIfNoEntry: false });
  } catch (e) {
    throw new InputError(`cannot write ${f.displayPath}: ${describeWriteError(e, f.displayPath)}`);
  }
  // A device or pipe (/dev/null, a FIFO) is written to on commit, never replaced by a rename.
  if (existing && !existing.isFile()) return directWrite(f.content, (text) => writeFileSync(target, text), f.displayPath);
  const keptMode = f.keepMode && existing ? existing.mode & 0o777 : undefined;
  const temp = path.join(path.dirname(target), `${tempPrefix(target)}${tempTag()}${systemRandomBytes(6).toString('hex')}.tmp`);
  writeTemp(temp, f.content, { create: f.mode ?? 0o644, exact: keptMode }, f.displayPath);
  ownTemps.add(temp);
  return {
    direct: false,
    commit() {
      writeOrExplain(() => renameSync(temp, target), f.displayPath);
      ownTemps.delete(temp);
      removeLeftoverTemps(target);
    },
    discard() {
      rmSync(temp, { force: true });
      ownTemps.delete(temp);
    },
  };
}

/** Content for a device, pipe or descriptor: its pieces are made now, so a piece that fails does so before anything is committed. */
function directWrite(content: FileContent, write: (text: string) => void, displayPath: string): StagedFile {
  const text = typeof content === 'string' ? content : [...content].join('');
  return { direct: true, commit: () => writeOrExplain(() => write(text), displayPath), discard: () => {} };
}

/** Writes all of `text` to an open descriptor; one left non-blocking by its opener is waited for. */
export function writeToDescriptor(fd: number, text: string): void {
  const data = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < data.length) {
    try {
      offset += writeSync(fd, data, offset);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
    }
  }
}

/**
 * Stages every file, then commits them, with those staged before (`stagedBefore`, committed last): devices
 * first (a full disk shows there, before anything is renamed), then the renames in the order given. If any
 * cannot be staged or a device write fails, no file is changed.
 */
export function writeFilesTogether(files: readonly FileToWrite[], stagedBefore: readonly StagedFile[] = []): void {
  const staged: StagedFile[] = [];
  try {
    for (const f of files) staged.push(stageFile(f));
    staged.push(...stagedBefore);
  } catch (e) {
    for (const s of [...staged, ...stagedBefore]) s.discard();
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

/**
 * Creates `temp` (never an existing file) with mode `create` (less the umask), or exactly `exact` when given,
 * and writes the content to it; removes it again on any failure.
 */
function writeTemp(
  temp: string,
  content: FileContent,
  mode: { create: number | (() => number); exact: number | undefined },
  displayPath: string,
): void {
  const { create, exact } = mode;
  const fd = writeOrExplain(() => openSync(temp, 'wx', exact ?? (typeof create === 'number' ? create : 0o644)), displayPath);
  const chmod = (bits: number) => writeOrExplain(() => fchmodSync(fd, bits), displayPath);
  const write = (data: string | Buffer) => writeOrExplain(() => writeFileSync(fd, data), displayPath);
  let written = false;
  try {
    if (exact !== undefined) chmod(exact);
    // A mode decided later: the umask's answer for 0644 now, the owner's only while writing, the mode's bits of it after.
    const umasked = exact === undefined && typeof create === 'function' ? fstatSync(fd).mode & 0o777 : undefined;
    if (umasked !== undefined) chmod(umasked & 0o600);
    if (typeof content === 'string') write(content);
    else writePieces(content, write);
    if (umasked !== undefined && typeof create === 'function') chmod(create() & umasked);
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
    const noFolder = (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw new InputError(
      `cannot write ${displayPath}: ${describeWriteError(e, displayPath)}${noFolder ? '' : '; the previous file, if any, is unchanged'}`,
    );
  }
}

const tempPrefix = (target: string): string => `.${path.basename(target)}.`;

/** `PID-HOSTTAG-`: which run a temporary file belongs to, so clean-up can leave live runs' files alone. */
const tempTag = (): string => `${process.pid}-${hostTag()}-`;
const TEMP_NAME = /^(\d+)-([0-9a-f]{8})-[0-9a-f]{12}\.tmp$/;

/** This process's staged files: a temporary file with our pid that is not one of them was left by an earlier process. */
const ownTemps = new Set<string>();

/**
 * Removes temporary files killed runs left beside the target: those of processes of this host that are gone.
 * Files of live runs (another project's run writing the same output, a run that lost the lock) and of other
 * hosts are left alone.
 */
function removeLeftoverTemps(target: string): void {
  const prefix = tempPrefix(target);
  const dir = path.dirname(target);
  const host = hostTag();
  try {
    for (const name of readdirSync(dir)) {
      const match = name.startsWith(prefix) ? TEMP_NAME.exec(name.slice(prefix.length)) : null;
      if (!match || match[2] !== host) continue;
      const pid = Number(match[1]);
      const file = path.join(dir, name);
      const left = pid === process.pid ? !ownTemps.has(file) : !isLocalProcessAlive(pid);
      if (left) rmSync(file, { force: true });
    }
  } catch {
    // Tidying only: a folder that cannot be listed keeps its leftovers.
  }
}

/** Through a symlink to the file it points at, so the link stays a link. */
function resolveTarget(file: string): string {
  try {
    return realpathSync.native(file);
  } catch {
    return file;
  }
}
