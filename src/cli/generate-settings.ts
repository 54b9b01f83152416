/**
 * The settings of one generate run: a flag wins, for this run only; else score-ts.yaml; else the default.
 * And what the run records in score-ts.yaml: the Score files given (with their flags) when it writes its
 * output file, and with --save its settings and --provisioners sources too.
 */
import path from 'node:path';
import { InputError, UsageError } from '../base/errors.js';
import { isStdinScoreFile } from '../base/read-file.js';
import { PROJECT_FILE, type LoadedProjectFile } from '../project/project-file.js';
import type { SavedSettingName } from '../project/project-file-edit.js';
import type { SaveRequest } from '../project/project-file-save.js';
import type { WorkloadRecord } from '../project/state.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../yaml/output-formats.js';
import { PRIVATE_FOLDERS, projectPath } from '../base/file-paths.js';
import { DEFAULT_OUTPUT } from '../project/output-files.js';
import { outputFileOf, privateFolderOf, sameOutputFile, writesToStdout } from '../project/output-target.js';
import { checkProjectName } from '../project/project-label.js';
import { checkFormat } from './format.js';

/** The flags of generate that score-ts.yaml can also set or record. */
export interface SettingFlags {
  output?: string;
  secretsOutput?: string;
  format?: string;
  namespace?: string;
  generateNamespace?: boolean;
  project?: string;
  image?: string;
  overridesFile?: string;
  overrideProperty?: string[];
  provisioners?: string[];
  check?: boolean;
  save?: boolean;
}

export interface RunSettings {
  readonly output: string;
  /** Where the Secrets go apart from the other objects; never set when the output is stdout. */
  readonly secretsOutput?: string | undefined;
  readonly format: OutputFormat;
  readonly namespace?: string | undefined;
  readonly generateNamespace: boolean;
  readonly project?: string | undefined;
}

function runSettings(flags: SettingFlags, file: LoadedProjectFile | undefined): RunSettings {
  const data = file?.data;
  const namespace = flags.namespace ?? data?.namespace;
  const generateNamespace = flags.generateNamespace ?? data?.generateNamespace ?? false;
  if (generateNamespace && namespace === undefined) {
    if (flags.generateNamespace) throw new UsageError('--generate-namespace needs --namespace NAME');
    throw new InputError('score-ts.yaml is not a valid project file', [
      {
        location: file!.locate(['generateNamespace']),
        field: 'generateNamespace',
        message: 'needs a namespace: set namespace beside it, or pass -n NAME',
      },
    ]);
  }
  const project = flags.project !== undefined ? checkProjectName(flags.project) : undefined;
  const secretsOutput = flags.secretsOutput ?? data?.secretsOutput;
  return {
    output: flags.output ?? data?.output ?? DEFAULT_OUTPUT,
    secretsOutput,
    format: flags.format !== undefined ? checkFormat(flags.format, OUTPUT_FORMATS) : (data?.format ?? 'yaml'),
    namespace,
    generateNamespace,
    project,
  };
}

/** The settings of the run, with its outputs checked against each other and against the files it reads. */
export function checkedRunSettings(
  projectDir: string,
  files: readonly string[],
  flags: SettingFlags,
  file: LoadedProjectFile | undefined,
): RunSettings {
  const settings = runSettings(flags, file);
  // score-ts.yaml's own output is checked with its line (project-paths.ts).
  if (flags.output !== undefined) refuseProjectFileOutput(projectDir, settings.output);
  const { secretsOutput, ...rest } = settings;
  if (secretsOutput === undefined) return settings;
  const named = flags.secretsOutput !== undefined ? `--secrets-output ${secretsOutput}` : `score-ts.yaml's secretsOutput ${secretsOutput}`;
  if (writesToStdout(secretsOutput, projectDir))
    throw new UsageError(
      `${named} is not allowed: the Secrets go to a file of their own (such as secrets.yaml, kept out of git), never to stdout`,
    );
  if (writesToStdout(settings.output, projectDir)) {
    // score-ts.yaml's secretsOutput is for files: -o - prints every object, as `kubectl apply -f -` needs them.
    if (flags.secretsOutput === undefined) return rest;
    throw new UsageError(
      `--secrets-output cannot go with -o ${settings.output}: -o ${settings.output} prints every object, Secrets included, to stdout; write the manifests to a file with -o FILE to keep the Secrets apart`,
    );
  }
  refuseSecretsOutput(projectDir, secretsOutput, named, settings.output, flags, files, file);
  return settings;
}

/**
 * The Secrets file is not the manifests file, score-ts.yaml, a file the run reads, nor in a private folder. Only
 * what flags name is checked here: score-ts.yaml's own paths are checked with their lines (project-paths.ts).
 */
function refuseSecretsOutput(
  projectDir: string,
  secrets: string,
  named: string,
  output: string,
  flags: SettingFlags,
  files: readonly string[],
  file: LoadedProjectFile | undefined,
): void {
  const fromFlag = flags.secretsOutput !== undefined;
  if ((fromFlag || flags.output !== undefined) && sameOutputFile(secrets, output, projectDir)) {
    throw new UsageError(`${named} is also the manifests file (${output}): the Secrets go to a file of their own; name another file`);
  }
  const listed = fromFlag
    ? [PROJECT_FILE, ...(file?.data.workloads ?? []).flatMap((w) => [w.file, ...(w.overridesFile ? [w.overridesFile] : [])])]
    : [];
  const inputs = [...listed, ...files, ...(flags.overridesFile !== undefined ? [flags.overridesFile] : [])];
  const hit = inputs.find((input) => sameOutputFile(secrets, input, projectDir));
  if (hit !== undefined) {
    throw new UsageError(
      `${named} would replace ${hit === PROJECT_FILE ? `${PROJECT_FILE}, the project file` : `${hit}, a file the run reads`}: write the Secrets to another file`,
    );
  }
  const folder = fromFlag ? privateFolderOf(secrets, projectDir) : undefined;
  if (folder !== undefined)
    throw new UsageError(`${named} is inside ${folder}/, which holds ${PRIVATE_FOLDERS.get(folder)}; write the Secrets somewhere else`);
}

/** The manifests never replace score-ts.yaml (a path in score-ts.yaml is checked with the others: project-paths.ts). */
function refuseProjectFileOutput(projectDir: string, output: string): void {
  const file = outputFileOf(output, projectDir);
  if (file !== undefined && file === path.resolve(projectDir, PROJECT_FILE))
    throw new UsageError(`-o ${output} would replace ${PROJECT_FILE}, the project file: write the manifests to another file`);
}

/** What to record in score-ts.yaml: nothing for --check, nor for stdout without --save. */
export function saveRequest(
  projectDir: string,
  files: readonly string[],
  flags: SettingFlags,
  settings: RunSettings,
): SaveRequest | undefined {
  if (flags.check) return undefined;
  const writesFile = outputFileOf(settings.output, projectDir) !== undefined;
  if (!writesFile && !flags.save) return undefined;
  const properties = flags.overrideProperty ?? [];
  const given = files
    .filter((f) => !isStdinScoreFile(f, projectDir))
    .map((file): WorkloadRecord => ({
      file: projectPath(projectDir, file),
      ...(flags.image !== undefined ? { image: flags.image } : {}),
      ...(flags.overridesFile !== undefined ? { overridesFile: projectPath(projectDir, flags.overridesFile) } : {}),
      ...(properties.length > 0 ? { overrideProperties: [...properties] } : {}),
    }));
  const flagged = flags.image !== undefined || flags.overridesFile !== undefined || properties.length > 0;
  return {
    given,
    flagged,
    settings: flags.save ? savedSettings(projectDir, flags, settings) : {},
    provisioners: flags.save ? (flags.provisioners ?? []).filter((p) => p !== '-') : [],
    patchTemplates: [],
  };
}

/** --save: the settings given as flags in this run (the output only when it is a file). */
function savedSettings(
  projectDir: string,
  flags: SettingFlags,
  settings: RunSettings,
): Partial<Record<SavedSettingName, string | boolean>> {
  const output =
    flags.output !== undefined && outputFileOf(flags.output, projectDir) !== undefined ? projectPath(projectDir, flags.output) : undefined;
  const secretsOutput = flags.secretsOutput !== undefined ? projectPath(projectDir, flags.secretsOutput) : undefined;
  return {
    ...(output !== undefined ? { output } : {}),
    ...(secretsOutput !== undefined ? { secretsOutput } : {}),
    ...(flags.format !== undefined ? { format: settings.format } : {}),
    ...(flags.namespace !== undefined ? { namespace: flags.namespace } : {}),
    ...(flags.generateNamespace ? { generateNamespace: true } : {}),
    ...(settings.project !== undefined ? { project: settings.project } : {}),
  };
}
