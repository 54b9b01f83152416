/**
 * The paths score-ts.yaml names (Score files, overrides files, local provisioner and patch sources, the outputs)
 * come from whoever wrote the file, maybe a pull request: each must stay inside the project folder after
 * following links, unless the runner passes --allow-files-outside-project; and whatever the flag, none may be
 * inside .score-ts/ or version control data, nor a file score-ts writes (state, manifests outputs).
 */
import { realpathSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Diagnostic } from '../base/errors.js';
import { fileId, fileIds, isInside, PRIVATE_FOLDERS, privateFolderIn, projectPath } from '../base/file-paths.js';
import { parseSourceRef } from '../sources/source-ref.js';
import type { FieldPath } from '../base/types.js';
import { DEFAULT_OUTPUT } from './output-files.js';
import { PROJECT_FILE, type LoadedProjectFile } from './project-file.js';
import { fieldProblem } from '../base/diagnostics.js';

export interface PathScope {
  readonly projectDir: string;
  readonly allowOutside: boolean;
  /** Files score-ts writes (state, outputs), as absolute paths: never read as an input. */
  readonly protectedFiles: readonly string[];
}

const ALLOW_FLAG = '--allow-files-outside-project';

/** Why `given` (relative to the project) may not be used as a path of score-ts.yaml; undefined when it may. */
export type PathRefusal = (given: string, kind?: 'input' | 'output') => string | undefined;

/** The refusal of any path in `scope`: the project folder and the protected files are looked up once for them all. */
export function pathRefusals(scope: PathScope): PathRefusal {
  const resolved = resolvedScope(scope);
  return (given, kind = 'input') => refusalIn(resolved, given, kind);
}

/** A scope's project folder after following links and its protected files' ids, looked up once for many paths. */
interface ResolvedScope extends PathScope {
  readonly realProject: string;
  readonly protectedIds: () => ReadonlySet<string>;
}

function resolvedScope(scope: PathScope): ResolvedScope {
  let ids: ReadonlySet<string> | undefined;
  return { ...scope, realProject: realpathSync.native(scope.projectDir), protectedIds: () => (ids ??= fileIds(scope.protectedFiles)) };
}

function refusalIn(scope: ResolvedScope, given: string, kind: 'input' | 'output'): string | undefined {
  if (path.isAbsolute(given) && !scope.allowOutside)
    return `'${given}' is an absolute path; score-ts.yaml names files relative to the project folder (pass ${ALLOW_FLAG} to allow others)`;
  const project = scope.realProject;
  const real = realOrPlanned(path.resolve(scope.projectDir, given));
  const inside = real === project || isInside(real, project);
  const found = privateFolderIn(inside ? path.relative(project, real) : real);
  if (found) {
    return `'${given}' ${found.isLeaf ? `is ${found.name} itself` : `is inside ${found.name}/`} (after following links), which holds ${PRIVATE_FOLDERS.get(found.name)}; score-ts.yaml may not name it, not even with ${ALLOW_FLAG}`;
  }
  if (!inside && !scope.allowOutside)
    return `'${given}' is outside the project folder (after following links); pass ${ALLOW_FLAG} to allow it`;
  if (kind === 'input' && isProtected(real, scope.protectedIds))
    return `'${given}' is a file score-ts writes (its state or a manifests output); it cannot be an input`;
  return undefined;
}

/** Every path of the file that breaks the rules, located in it. */
export function checkProjectPaths(file: LoadedProjectFile, scope: PathScope): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const check = (at: FieldPath, given: string | undefined, kind: 'input' | 'output', inScope: ResolvedScope) => {
    const message = given === undefined ? undefined : refusalIn(inScope, given, kind);
    if (message) problems.push(fieldProblem(file.locate, at, message));
  };
  const { data } = file;
  const resolved = resolvedScope(scope);
  // An output over an input is the output's fault: said there, not as an input that is an output.
  for (const key of ['output', 'secretsOutput'] as const) {
    const before = problems.length;
    check([key], data[key], 'output', resolved);
    if (data[key] !== undefined && problems.length === before) problems.push(...outputOverInputs(file, key, scope.projectDir));
  }
  const outputs = [data.output, data.secretsOutput].flatMap((o) => (o === undefined ? [] : [path.resolve(scope.projectDir, o)]));
  const inputs =
    problems.length > 0 ? resolvedScope({ ...scope, protectedFiles: scope.protectedFiles.filter((f) => !outputs.includes(f)) }) : resolved;
  (data.workloads ?? []).forEach((w, i) => {
    check(['workloads', i, 'file'], w.file, 'input', inputs);
    check(['workloads', i, 'overridesFile'], w.overridesFile, 'input', inputs);
  });
  for (const list of ['provisioners', 'patchTemplates'] as const) {
    (data[list] ?? []).forEach((value, i) => {
      const ref = parseSourceRef(value, list, os.homedir());
      if (ref.kind === 'path') check([list, i], ref.path, 'input', inputs);
    });
  }
  return problems;
}

/** An output replaces its file: never score-ts.yaml itself or a file the project reads; the Secrets never the manifests. */
function outputOverInputs(file: LoadedProjectFile, key: 'output' | 'secretsOutput', projectDir: string): Diagnostic[] {
  const given = file.data[key]!;
  const output = projectPath(projectDir, given);
  const inputs = [PROJECT_FILE, ...(file.data.workloads ?? []).flatMap((w) => [w.file, ...(w.overridesFile ? [w.overridesFile] : [])])];
  const hit = inputs.find((input) => projectPath(projectDir, input) === output);
  // Located only for a problem: locating parses score-ts.yaml with positions.
  const at = () => ({ location: file.locate([key]), field: key });
  if (hit !== undefined)
    return [
      {
        ...at(),
        message: `'${given}' is ${hit === PROJECT_FILE ? 'score-ts.yaml itself' : 'a file the project reads'}; ${key === 'output' ? 'the manifests' : 'the Secrets'} would replace it: name another file`,
      },
    ];
  if (key === 'secretsOutput' && output === projectPath(projectDir, file.data.output ?? DEFAULT_OUTPUT)) {
    return [
      {
        ...at(),
        message: `'${given}' is the manifests file (${file.data.output === undefined ? 'manifests.yaml by default' : 'output'}); the Secrets go to a file of their own: name another file`,
      },
    ];
  }
  return [];
}

/** The real path of a file, or for one that does not exist yet, of its nearest existing folder joined with the rest. */
function realOrPlanned(absolute: string): string {
  let existing = absolute;
  const rest: string[] = [];
  for (;;) {
    try {
      // The system's realpath: a call per workload file, and Node.js's own makes an lstat per path segment.
      return path.join(realpathSync.native(existing), ...rest.reverse());
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return absolute;
      rest.push(path.basename(existing));
      existing = parent;
    }
  }
}

/** Whether the file is one of the protected ones; their ids are looked up only when the file exists. */
function isProtected(real: string, protectedIds: () => ReadonlySet<string>): boolean {
  try {
    return protectedIds().has(fileId(statSync(real)));
  } catch {
    return false;
  }
}
