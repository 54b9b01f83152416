/**
 * The project state in `.score-ts/state.yaml`: what the project knows between runs. Written atomically,
 * readable by its owner only; a damaged file is reported, never silently replaced.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { describeIoError } from '../load/score-file.js';
import { parseYamlSource } from '../load/yaml-source.js';
import { writeFileAtomic } from '../render/write-file.js';
import { compareStrings } from '../convert/sorted.js';
import { isPlainMap as isMap } from '../plain-data.js';

export const STATE_DIR = '.score-ts';
/** Said when the state folder was found readable by others and made private. */
export const STATE_DIR_TIGHTENED = `${STATE_DIR}/ was readable by others: made it private to its owner (it holds generated secrets)`;
const STATE_FILE = 'state.yaml';
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
}

export function emptyState(): ProjectState {
  return { version: STATE_VERSION, workloads: {}, resources: {}, sharedState: {} };
}

export function stateDir(projectDir: string): string {
  return path.join(projectDir, STATE_DIR);
}

/** Creates `.score-ts/` (owner-only) with a .gitignore and an empty state; true when it had to be made private. */
export function initStateDir(projectDir: string): boolean {
  const tightened = prepareStateDir(projectDir);
  if (!existsSync(path.join(stateDir(projectDir), STATE_FILE))) saveState(projectDir, emptyState());
  return tightened;
}

/**
 * Creates `.score-ts/` (owner-only) and its .gitignore if missing. A folder others can read is made
 * private again; returns true when that happened, so the user can be told.
 */
export function prepareStateDir(projectDir: string): boolean {
  const dir = stateDir(projectDir);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const gitignore = path.join(dir, '.gitignore');
    if (!existsSync(gitignore)) writeFileSync(gitignore, '# score-ts state holds generated secrets: never commit it.\n*\n', { mode: 0o600 });
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
  if (!existsSync(file)) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${display}: ${describeIoError(e)}`);
  }
  const value = parseState(display, text) as Partial<ProjectState> | null;
  const valid = isMap(value) && value!.version === STATE_VERSION && isMap(value!.workloads) && [value!.resources, value!.sharedState].every((v) => v === undefined || isMap(v));
  if (!valid) {
    throw new InputError(`${display} is damaged or from another score-ts version; fix it or move it away (it holds generated passwords, so do not delete it lightly)`);
  }
  const project = typeof value!.project === 'string' ? { project: value!.project } : {};
  return { version: STATE_VERSION, ...project, workloads: value!.workloads!, resources: value!.resources ?? {}, sharedState: value!.sharedState ?? {} };
}

export function saveState(projectDir: string, state: ProjectState): void {
  const file = stateFile(projectDir, state);
  writeFileAtomic(file.file, file.content, file.displayPath, file.mode);
}

/** The state file as written: JSON (which is YAML) reads several times faster than other YAML and stays editable. */
export function stateFile(projectDir: string, state: ProjectState): { file: string; content: string; displayPath: string; mode: number } {
  return {
    file: path.join(stateDir(projectDir), STATE_FILE),
    content: `${STATE_HEADER}\n${JSON.stringify(sortKeysDeep(state), null, 2)}\n`,
    displayPath: `${STATE_DIR}/${STATE_FILE}`,
    mode: 0o600,
  };
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

/** Maps with their keys in code-point order at every level, so the file does not depend on history. */
function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (typeof value !== 'object' || value === null) return value;
  const map = value as Record<string, unknown>;
  return Object.fromEntries(Object.keys(map).sort(compareStrings).map((k) => [k, sortKeysDeep(map[k])]));
}
