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

/** Reads and parses one Score file. `displayPath` is how messages name it. */
export function loadScoreFile(displayPath: string, cwd: string): LoadedScoreFile {
  const absolute = path.resolve(cwd, displayPath);
  const text = readTextFile(absolute, displayPath, 'Score file');
  const source = parseYamlSource(displayPath, text);
  if (source.value === null || source.value === undefined) {
    throw new InputError(`${displayPath}: the file is empty`, [
      { location: { file: displayPath, line: 1, column: 1 }, field: '', message: 'the file is empty; a Score file needs apiVersion, metadata and containers (see `score-ts init`)' },
    ]);
  }
  return { source, dir: path.dirname(absolute) };
}

/** Reads a UTF-8 text file the user named, turning I/O failures into a clear InputError. */
export function readTextFile(absolute: string, displayPath: string, what: string): string {
  try {
    return readFileSync(absolute, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${what} ${displayPath}: ${describeIoError(e)}`);
  }
}

export function describeIoError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory, not a file';
    default:
      return code ?? (e as Error).message;
  }
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
