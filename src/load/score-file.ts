/** Reads Score files from disk. `load/` is the only stage that reads the user's files. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';

export interface LoadedScoreFile {
  /** The parsed document, with positions. Its `file` is the path as the user gave it. */
  readonly source: YamlSource;
  /** Absolute folder of the Score file: `files.*.source` is relative to it. */
  readonly dir: string;
}

/** One Score file is one workload (as in score-k8s); a trailing `---` alone is accepted. */
const SECOND_WORKLOAD = 'a second YAML document (---) starts here, but a Score file holds one workload; put each workload in a file of its own';

/** How the state and the options name a Score file read from standard input (`generate -`): never a path. */
export const STDIN_SCORE_FILE = '-';
/** Standard input by another name: read as `-`, never recorded as a path. */
const STDIN_PATHS = ['/dev/stdin', '/dev/fd/0', '/proc/self/fd/0'];

export function isStdinScoreFile(given: string, cwd: string): boolean {
  return given === STDIN_SCORE_FILE || STDIN_PATHS.includes(path.resolve(cwd, given));
}

/** Reads and parses one Score file. `displayPath` is how messages name it. */
export function loadScoreFile(displayPath: string, cwd: string): LoadedScoreFile {
  const absolute = path.resolve(cwd, displayPath);
  return parseScoreFile(displayPath, readTextFile(absolute, displayPath, 'Score file'), path.dirname(absolute));
}

/** Parses the text of a Score file (from disk, or from standard input); `dir` is where its file sources are. */
export function parseScoreFile(displayPath: string, text: string, dir: string): LoadedScoreFile {
  const source = parseYamlSource(displayPath, text, { secondDocument: SECOND_WORKLOAD });
  if (source.value === null || source.value === undefined) {
    throw new InputError(`${displayPath}: the file is empty`, [
      { location: { file: displayPath, line: 1, column: 1 }, field: '', message: 'the file is empty; a Score file needs apiVersion, metadata and containers (see `score-ts init`)' },
    ]);
  }
  return { source, dir };
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
  if ((e as NodeJS.ErrnoException).code === 'ENOENT') return `the folder ${path.dirname(displayPath)}${path.sep} does not exist; create it first`;
  return describeIoError(e);
}

export function scoreFileExists(displayPath: string, cwd: string): boolean {
  return existsSync(path.resolve(cwd, displayPath));
}

/** A file the user named, or the files of a folder they named (those `accept` takes, in name order). */
export function expandFileOrFolder(projectDir: string, given: string, what: string, accept: (name: string) => boolean): Array<{ absolute: string; display: string }> {
  const absolute = path.resolve(projectDir, given);
  let isDir: boolean;
  try {
    isDir = statSync(absolute).isDirectory();
  } catch (e) {
    throw new InputError(`cannot read ${what} ${given}: ${describeIoError(e)}`);
  }
  if (!isDir) return [{ absolute, display: given }];
  return readdirSync(absolute).filter(accept).sort().map((name) => ({ absolute: path.join(absolute, name), display: path.join(given, name) }));
}
