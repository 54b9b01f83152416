/**
 * Where `-o` sends the manifests: stdout, an open file descriptor, or a file. Descriptor paths are written
 * directly, so `-o /dev/stdout >> log` appends to the log instead of replacing it, and a pipe is written
 * like stdout. A path typed inside the project never leads out of it through a symbolic link.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { InputError, UsageError } from '../base/errors.js';
import { isInside, privateFolderIn } from '../base/file-paths.js';
import { STATE_DIR } from '../base/file-paths.js';

export type OutputTarget =
  | { readonly kind: 'stdout' }
  | { readonly kind: 'descriptor'; readonly fd: number; readonly display: string }
  | { readonly kind: 'file'; readonly file: string; readonly display: string };

/** `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`: the descriptor they name. */
const DESCRIPTOR_PATHS: ReadonlyArray<[RegExp, (match: RegExpExecArray) => number]> = [
  [/^\/dev\/stdout$/, () => 1],
  [/^\/dev\/stderr$/, () => 2],
  [/^\/dev\/fd\/(\d+)$/, (m) => Number(m[1])],
  [/^\/proc\/self\/fd\/(\d+)$/, (m) => Number(m[1])],
];

/** How messages name an output: its flag, and what it holds. */
export interface OutputRole {
  readonly flag: string;
  readonly holds: string;
}

const MANIFESTS_ROLE: OutputRole = { flag: '-o', holds: 'the manifests' };
export const SECRETS_ROLE: OutputRole = { flag: '--secrets-output', holds: 'the Secrets' };

export function resolveOutputTarget(output: string, projectDir: string, role = MANIFESTS_ROLE): OutputTarget {
  if (output === '-') return { kind: 'stdout' };
  const file = path.resolve(projectDir, output);
  const fd = descriptorOf(file);
  if (fd === 1) return { kind: 'stdout' };
  if (fd !== undefined) return { kind: 'descriptor', fd, display: output };
  refuseLinkOutOfProject(file, output, projectDir, role);
  refuseStateFolder(file, output, projectDir, role);
  return { kind: 'file', file, display: output };
}

/** True for `-` and the paths of stdout (`/dev/stdout`, `/dev/fd/1`). */
export function writesToStdout(output: string, projectDir: string): boolean {
  return output === '-' || descriptorOf(path.resolve(projectDir, output)) === 1;
}

/** The output never lands in the state folder: it would replace the state (every generated password) or its lock. */
function refuseStateFolder(file: string, output: string, projectDir: string, role: OutputRole): void {
  const stateDir = path.resolve(projectDir, STATE_DIR);
  const real = realDestination(file);
  const realStateDir = realDestination(stateDir) ?? stateDir;
  if (isWithin(file, stateDir) || (real !== undefined && isWithin(real, realStateDir)))
    throw new UsageError(
      `${role.flag} ${output} is inside ${STATE_DIR}/, which holds the project state; write ${role.holds} somewhere else`,
    );
}

/** The private folder (.score-ts, .git ...) an output would land in, after following links; undefined when none. */
export function privateFolderOf(output: string, projectDir: string): string | undefined {
  const file = outputFileOf(output, projectDir);
  if (file === undefined) return undefined;
  const real = realDestination(file) ?? file;
  const project = realDestination(path.resolve(projectDir)) ?? path.resolve(projectDir);
  return privateFolderIn(isInside(real, project) ? path.relative(project, real) : real)?.name;
}

/** Whether two outputs land on one file (after following links); descriptors and stdout are never the same file. */
export function sameOutputFile(a: string, b: string, projectDir: string): boolean {
  const [fileA, fileB] = [outputFileOf(a, projectDir), outputFileOf(b, projectDir)];
  if (fileA === undefined || fileB === undefined) return false;
  return fileA === fileB || (realDestination(fileA) ?? fileA) === (realDestination(fileB) ?? fileB);
}

/** The absolute path of the file `-o` writes; undefined for stdout and descriptors. */
export function outputFileOf(output: string, projectDir: string): string | undefined {
  if (output === '-') return undefined;
  const file = path.resolve(projectDir, output);
  return descriptorOf(file) === undefined ? file : undefined;
}

function descriptorOf(file: string): number | undefined {
  if (process.platform === 'win32') return undefined;
  for (const [pattern, fd] of DESCRIPTOR_PATHS) {
    const match = pattern.exec(file);
    if (match) return fd(match);
  }
  return undefined;
}

/**
 * A path typed inside the project that a symbolic link (the file, or a folder on the way) leads outside of
 * it is refused: a link committed in a repository (`manifests.yaml -> ../precious.conf`) must not choose
 * which file of the machine is replaced. A path typed outside the project is the runner's own choice.
 */
function refuseLinkOutOfProject(file: string, output: string, projectDir: string, role: OutputRole): void {
  const project = path.resolve(projectDir);
  if (!isWithin(file, project)) return;
  const real = realDestination(file);
  if (real === undefined || isWithin(real, realpathSync.native(project))) return;
  throw new InputError(
    `cannot write ${output}: a symbolic link leads it to ${real}, outside the project folder, and score-ts does not let a link in the project redirect its output; ` +
      `remove the link, or pass the real path with ${role.flag}`,
  );
}

/** Where a write to `file` lands: its real path, or (a new file, a dangling link) its folder's real path and name. */
function realDestination(file: string): string | undefined {
  try {
    return realpathSync.native(file);
  } catch {
    try {
      return path.join(realpathSync.native(path.dirname(file)), path.basename(file));
    } catch {
      return undefined; // no such folder: writing fails with its own message
    }
  }
}

function isWithin(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}
