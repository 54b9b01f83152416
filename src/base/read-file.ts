/** Reading the files a user names: I/O failures in words, and reads that refuse what is not a plain file. */
import { closeSync, constants, fstatSync, openSync, readdirSync, readFileSync, readSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { InputError } from './errors.js';

/** How the state and the options name a Score file read from standard input (`generate -`): never a path. */
export const STDIN_SCORE_FILE = '-';
/** Standard input by another name: read as `-`, never recorded as a path. */
const STDIN_PATHS = ['/dev/stdin', '/dev/fd/0', '/proc/self/fd/0'];

export function isStdinScoreFile(given: string, cwd: string): boolean {
  return given === STDIN_SCORE_FILE || STDIN_PATHS.includes(path.resolve(cwd, given));
}

/** Reads a UTF-8 text file the user named, turning I/O failures into a clear InputError. */
export function readTextFile(absolute: string, displayPath: string, what: string): string {
  try {
    return readFileSync(absolute, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${what} ${displayPath}: ${describeIoError(e)}`);
  }
}

/** Node's error codes in words (its own messages hold the code, the call and the path). */
const IO_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory, not a file',
  ENOTDIR: 'a part of its path is a file, not a folder',
  ELOOP: 'its path has too many symbolic links (a loop?)',
  ENAMETOOLONG: 'its path is too long',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open',
  EBUSY: 'it is busy (in use by another program)',
  ETXTBSY: 'it is busy (in use by another program)',
  EIO: 'the disk reported an input/output error',
  EEXIST: 'it exists already',
  EPIPE: 'its reader has closed it',
  EBADF: 'it is not an open file descriptor',
};

export function describeIoError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === undefined) return 'it cannot be accessed';
  return IO_ERRORS[code] ?? `the system refused (${code})`;
}

/** An I/O failure writing `displayPath`, naming the folder when it is the folder that is missing. */
export function describeWriteError(e: unknown, displayPath: string): string {
  if ((e as NodeJS.ErrnoException).code === 'ENOENT')
    return `the folder ${path.dirname(displayPath)}${path.sep} does not exist; create it first`;
  return describeIoError(e);
}

/** A file the user named, or the files of a folder they named (those `accept` takes, in name order). */
export function expandFileOrFolder(
  projectDir: string,
  given: string,
  what: string,
  accept: (name: string) => boolean,
): Array<{ absolute: string; display: string }> {
  const absolute = path.resolve(projectDir, given);
  let isDir: boolean;
  try {
    isDir = statSync(absolute).isDirectory();
  } catch (e) {
    throw new InputError(`cannot read ${what} ${given}: ${describeIoError(e)}`);
  }
  if (!isDir) return [{ absolute, display: given }];
  return readdirSync(absolute)
    .filter(accept)
    .sort()
    .map((name) => ({ absolute: path.join(absolute, name), display: path.join(given, name) }));
}

/** A file source ends up in a ConfigMap or Secret, and Kubernetes stores at most 1 MiB in one. */
export const SOURCE_LIMIT_BYTES = 1024 * 1024;

/**
 * Reads a regular file of at most `limit` bytes. The checks are made on the opened file, so a file swapped
 * after the checks above is checked too; it is opened non-blocking (a FIFO would wait for a writer forever),
 * and never more than `limit` + 1 bytes are read (a file may grow after its size was read, /dev/zero never ends).
 */
export function readRegularFile(
  file: string,
  limit: number,
  refuse: (stat: Stats) => string | undefined,
  display: string,
): Buffer | string {
  const early = notRegularOrTooBig(statSync(file), limit, display);
  if (early) return early;
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stat = fstatSync(fd);
    const refusal = notRegularOrTooBig(stat, limit, display) ?? refuse(stat);
    if (refusal) return refusal;
    const data = readAtMost(fd, Math.min(stat.size, limit) + 1, limit + 1);
    return data.length > limit ? tooBig(display, limit) : data;
  } finally {
    closeSync(fd);
  }
}

function notRegularOrTooBig(stat: Stats, limit: number, display: string): string | undefined {
  if (!stat.isFile()) return `'${display}' is ${kindOf(stat)}, not a regular file; score-ts reads only regular files as file sources`;
  if (stat.size > limit) return tooBig(display, limit, stat.size);
  return undefined;
}

function tooBig(display: string, limit: number, size?: number): string {
  const most = limit === SOURCE_LIMIT_BYTES ? '1 MiB' : `${limit} bytes`;
  const holds = size === undefined ? 'more' : `${size} bytes, more`;
  return `'${display}' holds ${holds} than the ${most} a file source may hold (it goes into a ConfigMap or Secret, which Kubernetes limits to 1 MiB); mount large files from a volume instead`;
}

function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'a special file';
}

/** Reads until the end of the file or `max` bytes, starting with a buffer of `initial` bytes. */
function readAtMost(fd: number, initial: number, max: number): Buffer {
  let buffer = Buffer.allocUnsafe(Math.min(Math.max(initial, 1), max));
  let used = 0;
  for (;;) {
    if (used === buffer.length) {
      if (used >= max) break;
      const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, max));
      buffer.copy(bigger, 0, 0, used);
      buffer = bigger;
    }
    const read = readSync(fd, buffer, used, buffer.length - used, null);
    if (read === 0) break;
    used += read;
  }
  return buffer.subarray(0, used);
}
