/**
 * score-ts.yaml, the committed project file: what `score-ts generate` builds (the Score files with their
 * flags, provisioner and patch sources, the project label, output settings). It arrives in pull requests like
 * a Score file, so it is read with the same YAML limits, checked against schemas/score-ts-project.schema.json,
 * and every value is checked like the flag it stands for. Paths in it are checked by project-paths.ts.
 */
import { lstatSync, realpathSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError, ScoreTsError, type Diagnostic, type Location } from '../base/errors.js';
import { isInside, privateFolderIn, projectPath } from '../base/file-paths.js';
import { describeIoError, readRegularFile } from '../base/read-file.js';
import { parseSourceRef } from '../sources/source-ref.js';
import { locateKey, locateValue, parseYamlSource, type YamlSource } from '../yaml/yaml-source.js';
import { splitOverrideProperty } from '../override/apply-overrides.js';
import type { OutputFormat } from '../yaml/output-formats.js';
import type { FieldPath } from '../base/types.js';
import { checkProjectSchema } from '../validate/project-schema.js';
import type { WorkloadRecord } from './state.js';
import { fieldProblem } from '../base/diagnostics.js';

export const PROJECT_FILE = 'score-ts.yaml';
/** A project file lists files and settings: anything bigger is not one. */
const PROJECT_FILE_LIMIT_BYTES = 1024 * 1024;

/** The settings of score-ts.yaml that a flag of generate can override for one run. */
export interface ProjectSettings {
  readonly namespace?: string;
  readonly generateNamespace?: boolean;
  readonly output?: string;
  /** The file the Secrets go to instead of the output (`--secrets-output`). */
  readonly secretsOutput?: string;
  readonly format?: OutputFormat;
}

export interface ProjectFileData extends ProjectSettings {
  readonly version: 1;
  readonly project: string;
  readonly workloads?: readonly WorkloadRecord[];
  readonly provisioners?: readonly string[];
  readonly patchTemplates?: readonly string[];
}

export interface LoadedProjectFile {
  readonly data: ProjectFileData;
  readonly text: string;
  /** Where the value at a field path is: `score-ts.yaml:LINE:COL`. */
  readonly locate: (path: FieldPath) => Location;
}

const SECOND_DOCUMENT = 'a second YAML document (---) starts here, but score-ts.yaml holds one project; remove it';

/** score-ts.yaml of the project folder, checked; undefined when there is none. */
export function loadProjectFile(projectDir: string): LoadedProjectFile | undefined {
  const text = readProjectFileText(projectDir);
  if (text === undefined) return undefined;
  const source = parseYamlSource(PROJECT_FILE, text, { secondDocument: SECOND_DOCUMENT });
  const locate = (p: FieldPath, key = false) => (key ? locateKey(source, p) : locateValue(source, p));
  if (source.value === null || source.value === undefined) {
    throw new InputError(`${PROJECT_FILE} is not a valid project file`, [
      {
        location: { file: PROJECT_FILE, line: 1, column: 1 },
        field: '',
        message: 'the file is empty; it needs at least `version: 1` and `project: NAME` (`score-ts init` writes one)',
      },
    ]);
  }
  const problems = checkProjectSchema(source.value, locate);
  if (problems.length === 0) problems.push(...checkValues(source.value as ProjectFileData, source));
  if (problems.length > 0) throw new InputError(`${PROJECT_FILE} is not a valid project file`, problems);
  return { data: source.value as ProjectFileData, text, locate: (p) => locate(p) };
}

/** The file's text; a link is followed only when it stays in the project, and only a regular file is read. */
function readProjectFileText(projectDir: string): string | undefined {
  const file = path.join(projectDir, PROJECT_FILE);
  let real: string;
  try {
    if (!lstatSync(file, { throwIfNoEntry: false })) return undefined;
    real = realpathSync.native(file);
  } catch (e) {
    throw new InputError(`cannot read ${PROJECT_FILE}: ${describeIoError(e)}`);
  }
  const project = realpathSync.native(projectDir);
  if (!isInside(real, project) || privateFolderIn(path.relative(project, real))) {
    throw new InputError(
      `${PROJECT_FILE} is a symbolic link that leads out of the project folder (or into a private folder such as .score-ts/ or .git/), which score-ts does not follow; replace it with a real file`,
    );
  }
  let content: Buffer | string;
  try {
    const stat = statSync(real);
    if (!stat.isFile()) throw new InputError(`cannot read ${PROJECT_FILE}: it is not a regular file`);
    if (stat.size > PROJECT_FILE_LIMIT_BYTES)
      throw new InputError(`cannot read ${PROJECT_FILE}: it holds ${stat.size} bytes, more than the 1 MiB a project file may hold`);
    content = readRegularFile(real, PROJECT_FILE_LIMIT_BYTES, () => undefined, PROJECT_FILE);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read ${PROJECT_FILE}: ${describeIoError(e)}`);
  }
  // Changed between the checks and the read (it grew, or was replaced by something else).
  if (typeof content === 'string') throw new InputError(`cannot read ${PROJECT_FILE}: it changed while it was read; run again`);
  return content.toString('utf8');
}

/** The rules of the flags the values stand for, beyond what the schema says. */
function checkValues(data: ProjectFileData, source: YamlSource): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const at = (p: FieldPath, message: string) => problems.push(fieldProblem((q) => locateValue(source, q), p, message));
  (data.workloads ?? []).forEach((w, i) => {
    (w.overrideProperties ?? []).forEach((property, j) => {
      const message = usageProblem(() => splitOverrideProperty(property));
      if (message) at(['workloads', i, 'overrideProperties', j], message.replace(/^--override-property /, ''));
    });
  });
  for (const list of ['provisioners', 'patchTemplates'] as const) {
    (data[list] ?? []).forEach((value, i) => {
      if (value === '-') return at([list, i], 'standard input (-) cannot be listed here: give a file, a folder or a URL');
      const message = usageProblem(() => parseSourceRef(value, 'source', os.homedir()));
      if (message) at([list, i], message.replace(/^source /, ''));
    });
  }
  if (data.output === '-') at(['output'], "must be a file: '-' (stdout) is for one run, with -o -");
  if (data.secretsOutput === '-')
    at(['secretsOutput'], 'must be a file: the Secrets go to a file of their own (kept out of git), never to stdout');
  return problems;
}

function usageProblem(check: () => unknown): string | undefined {
  try {
    check();
    return undefined;
  } catch (e) {
    if (e instanceof ScoreTsError) return e.message;
    throw e;
  }
}

/**
 * The Score files given, without score-ts.yaml itself when the project has one: a glob such as `score*.yaml`
 * (the community provisioners' test loop runs `generate $(ls score*.yaml)`) picks it up.
 */
export function scoreFilesOnly(
  projectDir: string,
  files: readonly string[],
  file: LoadedProjectFile | undefined,
  warn: (message: string) => void,
): string[] {
  if (!file) return [...files];
  const kept = files.filter((f) => projectPath(projectDir, f) !== PROJECT_FILE);
  if (kept.length < files.length) warn(`${PROJECT_FILE} is the project file, not a Score file: it is left out of the files given`);
  return kept;
}
