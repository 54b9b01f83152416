/**
 * Reads the local files that `files.*.source` names, relative to the Score file's folder. A Score file may
 * come from anyone, so a source is read only when it is a regular file of at most 1 MiB inside the project
 * (unless the runner allows more), and never when it is one of score-ts's own secret stores.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { entriesByTarget } from '../convert/container-entries.js';
import type { Diagnostic } from '../errors.js';
import { fieldName } from '../validate/schema-errors.js';
import { fileSourceKey, type ContainerFile, type Locator, type ScoreWorkload } from '../types.js';
import { describeIoError } from './score-file.js';

export interface FileSources {
  readonly sources: Map<string, Buffer>;
  readonly problems: Diagnostic[];
}

/** Where file sources may be read from: the project and Score file folders, or anywhere when the user allows it. */
export interface SourceScope {
  readonly projectDir: string;
  readonly allowOutside: boolean;
  /** Files score-ts writes (its state, the manifests of this and earlier runs): never read, wherever they are. */
  readonly protectedFiles?: readonly string[];
}

/** A file source ends up in a ConfigMap or Secret, and Kubernetes stores at most 1 MiB in one. */
export const SOURCE_LIMIT_BYTES = 1024 * 1024;

/** Folders never read from, at any depth: score-ts's state (passwords) and version control data (tokens in .git/config). */
export const PRIVATE_FOLDERS: ReadonlyMap<string, string> = new Map([
  ['.score-ts', "score-ts's project state, with every generated password"],
  ...['.git', '.hg', '.svn', '.jj'].map((name): [string, string] => [name, 'version control data, which may hold credentials']),
]);

const NOT_EVEN_WITH_FLAG = 'score-ts never reads it as a file source, not even with --allow-files-outside-project';

export function readFileSources(spec: ScoreWorkload, scoreDir: string, locate: Locator, scope: SourceScope): FileSources {
  const sources = new Map<string, Buffer>();
  const problems: Diagnostic[] = [];
  const guarded = fileIds(scope.protectedFiles ?? []);
  for (const [containerName, container] of Object.entries(spec.containers)) {
    const entries = entriesByTarget<ContainerFile>(container.files, ['containers', containerName, 'files'], () => {});
    for (const { target, value, path: at } of entries) {
      if (typeof value.source !== 'string') continue;
      const field = [...at, 'source'];
      const result = readFileSource(value.source, scoreDir, scope, guarded);
      if (typeof result === 'string') problems.push({ location: locate(field, false), field: fieldName(field), message: result });
      else sources.set(fileSourceKey(containerName, target), result);
    }
  }
  return { sources, problems };
}

/** The file's content, or why it is not read. */
function readFileSource(source: string, scoreDir: string, scope: SourceScope, guarded: ReadonlySet<string>): Buffer | string {
  try {
    const real = realpathSync(path.resolve(scoreDir, source));
    const refusal = refusalByPlace(real, source, scoreDir, scope);
    if (refusal) return refusal;
    return readRegularFile(real, SOURCE_LIMIT_BYTES, (stat) => (guarded.has(fileId(stat)) ? `'${source}' is a file score-ts writes (its state or a manifests output, with Secret data); ${NOT_EVEN_WITH_FLAG}` : undefined), source);
  } catch (e) {
    return `cannot read '${source}': ${describeIoError(e)} (a relative source is read from the Score file's folder)`;
  }
}

/** Why the file at real path `real` may not be read, by where it lies; undefined when it may. */
function refusalByPlace(real: string, source: string, scoreDir: string, scope: SourceScope): string | undefined {
  const project = realpathSync(scope.projectDir);
  const found = privateFolderIn(isInside(real, project) ? path.relative(project, real) : real);
  if (found) {
    const where = found.isLeaf ? `is ${found.name} itself` : `is inside ${found.name}/`;
    return `'${source}' ${where} (after following links), which holds ${PRIVATE_FOLDERS.get(found.name)}; ${NOT_EVEN_WITH_FLAG}`;
  }
  if (!scope.allowOutside && !isInside(real, project) && !isInside(real, realpathSync(scoreDir))) {
    return `'${source}' is outside the project folder (after following links); score-ts reads file sources only from the project or the Score file's folder, unless you pass --allow-files-outside-project`;
  }
  return undefined;
}

/**
 * The first private folder on the path, by name in any letter case (some file systems ignore case); the file
 * itself counts too (a `.git` file points at a repository's data).
 */
export function privateFolderIn(file: string): { name: string; isLeaf: boolean } | undefined {
  const parts = file.split(path.sep).map((part) => part.toLowerCase());
  const index = parts.findIndex((part) => PRIVATE_FOLDERS.has(part));
  return index < 0 ? undefined : { name: parts[index]!, isLeaf: index === parts.length - 1 };
}

/**
 * Reads a regular file of at most `limit` bytes. The checks are made on the opened file, so a file swapped
 * after the checks above is checked too; it is opened non-blocking (a FIFO would wait for a writer forever),
 * and never more than `limit` + 1 bytes are read (a file may grow after its size was read, /dev/zero never ends).
 */
export function readRegularFile(file: string, limit: number, refuse: (stat: Stats) => string | undefined, display: string): Buffer | string {
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

/** Device and inode of each file that exists: the same file under any name, link or letter case. */
export function fileIds(files: readonly string[]): Set<string> {
  const ids = new Set<string>();
  for (const file of files) {
    try {
      ids.add(fileId(statSync(file)));
    } catch {
      // Missing or unreadable: there is nothing to read it as a source either.
    }
  }
  return ids;
}

export const fileId = (stat: Stats): string => `${stat.dev}:${stat.ino}`;

/** Whether real path `file` lies inside real folder `root`. */
export function isInside(file: string, root: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
