/**
 * The project state in `.score-ts/state.yaml`: what the project knows between runs. Written atomically,
 * readable by its owner only; a damaged file is reported, never silently replaced.
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../base/errors.js';
import { describeIoError } from '../base/read-file.js';
import { parseYamlSource } from '../yaml/yaml-source.js';
import { writeFileAtomic } from '../base/write-file.js';
import { escapeJsonText } from '../yaml/yaml-quote.js';
import { isPlainMap as isMap, sortedJsonPieces } from '../base/plain-data.js';
import { isSecretRefToken } from '../base/secret-ref.js';
import { checkStateRecords } from './state-records.js';
import { STATE_DIR } from '../base/file-paths.js';

/** Said when the state folder was found readable by others and made private. */
export const STATE_DIR_TIGHTENED = `${STATE_DIR}/ was readable by others: made it private to its owner (it holds generated secrets)`;
export const STATE_FILE = 'state.yaml';
export const GITIGNORE = '.gitignore';
const STATE_VERSION = 1;

/** How a workload was last generated, so a run without file arguments can do it again. */
export interface WorkloadRecord {
  /** The Score file, relative to the project folder, with '/' separators. */
  file: string;
  image?: string;
  overridesFile?: string;
  overrideProperties?: string[];
}

/** What was provisioned for one resource uid. `state` holds generated values (passwords): keep it private. */
export interface ResourceRecord {
  type: string;
  class: string;
  id: string;
  /** A random id made once for the resource, stable across runs. */
  guid: string;
  /** The uri of the provisioner that served it last. */
  provisioner: string;
  sourceWorkload: string;
  state: Record<string, unknown>;
  outputs: Record<string, unknown>;
  /** Values of the Secret keys the outputs refer to, for `resources get-outputs --show-secrets`. */
  secretValues?: Record<string, string>;
}

export interface ProjectState {
  version: number;
  /** The value of the score-ts.dev/project label (set on the first run; kept when the folder moves). */
  project?: string;
  workloads: Record<string, WorkloadRecord>;
  resources: Record<string, ResourceRecord>;
  sharedState: Record<string, unknown>;
  /** The files generate wrote the manifests to (project-relative, or absolute outside it): never read as file sources. */
  outputFiles?: string[];
  /** The token of the secret references saved in this state (secret-ref.ts); absent in states saved before tokens. */
  secretRefToken?: string;
}

export function emptyState(): ProjectState {
  return { version: STATE_VERSION, workloads: {}, resources: {}, sharedState: {} };
}

export function stateDir(projectDir: string): string {
  return path.join(projectDir, STATE_DIR);
}

/** What initStateDir did: the files it created in `.score-ts/`, and whether the folder had to be made private. */
export interface StateDirReport {
  readonly created: readonly string[];
  readonly tightened: boolean;
}

/** Creates `.score-ts/` (owner-only) with a .gitignore and an empty state, each only when missing. */
export function initStateDir(projectDir: string): StateDirReport {
  const missing = [GITIGNORE, STATE_FILE].filter((f) => !existsSync(path.join(stateDir(projectDir), f)));
  const tightened = prepareStateDir(projectDir);
  if (missing.includes(STATE_FILE)) saveState(projectDir, emptyState());
  return { created: missing, tightened };
}

/**
 * Creates `.score-ts/` (owner-only) and its .gitignore if missing. A folder others can read is made
 * private again; returns true when that happened, so the user can be told.
 */
export function prepareStateDir(projectDir: string): boolean {
  const dir = stateDir(projectDir);
  refuseLinkedStatePaths(projectDir, [GITIGNORE, STATE_FILE]);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const gitignore = path.join(dir, GITIGNORE);
    if (!existsSync(gitignore))
      writeFileSync(gitignore, '# score-ts state holds generated secrets: never commit it.\n*\n', { mode: 0o600 });
    if ((statSync(dir).mode & 0o077) === 0) return false;
    chmodSync(dir, 0o700);
    return true;
  } catch (e) {
    throw new InputError(`cannot create ${STATE_DIR}/: ${describeIoError(e)}`);
  }
}

export function loadState(projectDir: string): ProjectState | undefined {
  const file = path.join(stateDir(projectDir), STATE_FILE);
  const display = `${STATE_DIR}/${STATE_FILE}`;
  refuseLinkedStatePaths(projectDir, [STATE_FILE]);
  if (!existsSync(file)) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${display}: ${describeIoError(e)}`);
  }
  const value = parseState(display, text) as Partial<ProjectState> | null;
  const valid =
    isMap(value) &&
    value.version === STATE_VERSION &&
    isMap(value.workloads) &&
    [value.resources, value.sharedState].every((v) => v === undefined || isMap(v));
  if (!valid) {
    throw new InputError(
      `${display} is damaged or from another score-ts version; fix it or move it away (it holds generated passwords, so do not delete it lightly)`,
    );
  }
  const damaged = checkStateRecords(display, text, value);
  if (damaged.length > 0) {
    throw new InputError(
      `${display} has damaged records; fix them by hand or move the file away (it holds generated passwords, so do not delete it lightly)`,
      damaged,
    );
  }
  const project = typeof value.project === 'string' ? { project: value.project } : {};
  const outputFiles = value.outputFiles !== undefined ? { outputFiles: value.outputFiles } : {};
  // A token that is not one is ignored: the references saved with it read as text, and the next run saves a new one.
  const token = isSecretRefToken(value.secretRefToken) ? { secretRefToken: value.secretRefToken } : {};
  return {
    version: STATE_VERSION,
    ...project,
    workloads: value.workloads!,
    resources: value.resources ?? {},
    sharedState: value.sharedState ?? {},
    ...outputFiles,
    ...token,
  };
}

/**
 * Refuses a state folder that is a symbolic link, and the named files in it that are: a link committed in a
 * repository (`.score-ts -> ../shared`) would make score-ts write generated secrets, and chmod, outside the project.
 */
export function refuseLinkedStatePaths(projectDir: string, names: readonly string[] = []): void {
  const dir = stateDir(projectDir);
  for (const [file, display] of [[dir, `${STATE_DIR}/`], ...names.map((n) => [path.join(dir, n), `${STATE_DIR}/${n}`])] as const) {
    let linked: boolean;
    try {
      linked = lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
    } catch (e) {
      throw new InputError(`cannot read ${display}: ${describeIoError(e)}`);
    }
    if (linked) {
      throw new InputError(
        `${display} is a symbolic link, which score-ts does not follow (it would read and write generated secrets wherever the link points); replace it with a real ${file === dir ? 'folder' : 'file'}`,
      );
    }
  }
}

export function saveState(projectDir: string, state: ProjectState): void {
  const file = stateFile(projectDir, state);
  writeFileAtomic(file.file, file.content, file.displayPath, file.mode);
}

/** The state file as written: JSON (which is YAML) reads several times faster than other YAML and stays editable. */
export function stateFile(
  projectDir: string,
  state: ProjectState,
): { file: string; content: Iterable<string>; displayPath: string; mode: number } {
  return {
    file: path.join(stateDir(projectDir), STATE_FILE),
    content: stateText(state),
    displayPath: `${STATE_DIR}/${STATE_FILE}`,
    mode: 0o600,
  };
}

/**
 * JSON, escaped so YAML 1.1 readers read the file the same way (see yaml-quote.ts), made one resource at a
 * time: the state of a large project is never one string.
 */
function* stateText(state: ProjectState): Generator<string> {
  yield `${STATE_HEADER}\n`;
  for (const piece of sortedJsonPieces(state, 2)) yield escapeJsonText(piece);
  yield '\n';
}

const STATE_HEADER = '# score-ts project state. Written by score-ts; holds generated secrets: keep it private, never commit it.';

/** The state as score-ts writes it (JSON after the header) parses fast; anything else is read as YAML. */
function parseState(display: string, text: string): unknown {
  if (text.startsWith(`${STATE_HEADER}\n{`)) {
    try {
      return JSON.parse(text.slice(STATE_HEADER.length + 1));
    } catch {
      // Edited by hand: the YAML reader below says where it is broken.
    }
  }
  return parseYamlSource(display, text).value;
}
