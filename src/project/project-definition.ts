/**
 * What the project is, for one run: score-ts.yaml when it exists. A project of an older score-ts has no
 * score-ts.yaml and keeps its workloads in the state, which then still says what the project is (until
 * `score-ts init` writes score-ts.yaml from it). Otherwise the project knows nothing yet.
 */
import type { WorkloadRecord } from './state.js';
import type { Location } from '../base/errors.js';
import path from 'node:path';
import { InputError } from '../base/errors.js';
import { sortedEntries } from '../base/sorted.js';
import { projectNameFromFolder } from './project-label.js';
import type { LoadedProjectFile } from './project-file.js';
import { checkProjectPaths, type PathScope } from './project-paths.js';
import type { ProjectState } from './state.js';

export interface RememberedWorkload {
  readonly record: WorkloadRecord;
  /** The state's name for it (projects of an older score-ts). */
  readonly name?: string;
  /** Where score-ts.yaml lists its file and overrides file: a missing one is an error there. */
  /** Where score-ts.yaml lists it: located only for an error (locating parses the file with positions). */
  readonly listedAt?: { readonly index: number; readonly locate: (field: 'file' | 'overridesFile') => Location };
}

export type ProjectKind = 'file' | 'state' | 'none';

export function projectKind(file: LoadedProjectFile | undefined, state: ProjectState | undefined): ProjectKind {
  if (file) return 'file';
  return state && Object.keys(state.workloads).length > 0 ? 'state' : 'none';
}

/** The workloads the project knows: score-ts.yaml's in its order, or the state's by name. */
export function knownWorkloads(file: LoadedProjectFile | undefined, state: ProjectState | undefined): RememberedWorkload[] {
  if (!file) return sortedEntries(state?.workloads ?? {}).map(([name, record]) => ({ name, record }));
  return (file.data.workloads ?? []).map((record, i) => ({
    record,
    listedAt: { index: i, locate: (field: 'file' | 'overridesFile') => file.locate(['workloads', i, field]) },
  }));
}

/** Refuses a score-ts.yaml that names files it may not (outside the project, private, written by score-ts). */
export function checkProjectFilePaths(file: LoadedProjectFile | undefined, scope: PathScope): void {
  if (!file) return;
  const problems = checkProjectPaths(file, scope);
  if (problems.length > 0) throw new InputError('score-ts.yaml names files score-ts does not read', problems);
}

/** The label: the flag, then score-ts.yaml, then the state (older projects), then the folder's name. */
export function projectLabel(
  projectDir: string,
  flag: string | undefined,
  file: LoadedProjectFile | undefined,
  state: ProjectState | undefined,
): string {
  return flag ?? file?.data.project ?? state?.project ?? projectNameFromFolder(path.basename(path.resolve(projectDir)));
}

/** Said by generate in a project of an older score-ts. */
export const WRITE_PROJECT_FILE_HINT =
  'this project keeps its workloads in .score-ts/state.yaml (an older score-ts did): run `score-ts init` to write them to score-ts.yaml, and commit it, so CI and other checkouts build the same project';
