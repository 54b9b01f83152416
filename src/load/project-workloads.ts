/**
 * The workloads of a project: those of the Score files given now, then the others score-ts.yaml lists (or, in a
 * project of an older score-ts, the state remembers), with the image and overrides recorded for them. Each goes
 * through load, validate, override, validate again and, for generate, the reading of its file sources. Every
 * problem is reported at once.
 */
import type { RememberedWorkload } from '../project/project-definition.js';
import { InputError, type Diagnostic } from '../base/errors.js';
import { Diagnostics, fieldProblem } from '../base/diagnostics.js';
import { compareStrings } from '../base/sorted.js';
import { projectPath } from '../base/file-paths.js';
import { applyOverrides } from '../override/apply-overrides.js';
import { locateInSource, locateWithOverrides } from '../override/locate-with-overrides.js';
import { type Logger } from '../base/logger.js';
import type { WorkloadRecord } from '../project/state.js';
import type { ScoreWorkload, WorkloadInput } from '../base/types.js';
import { validateWorkload } from '../validate/validate-workload.js';
import { readFileSources } from './file-sources.js';
import { loadOverridesFile } from './overrides-file.js';
import { loadScoreFile, parseScoreFile, scoreFileExists } from './score-file.js';
import { STDIN_DISPLAY } from '../sources/stdin-source.js';
import { isStdinScoreFile, STDIN_SCORE_FILE } from '../base/read-file.js';

/** A workload with the record of how it was loaded (kept in the state). */
export interface LoadedWorkload extends WorkloadInput {
  readonly record: WorkloadRecord;
}

export interface WorkloadLoadOptions {
  readonly projectDir: string;
  readonly scoreFiles: readonly string[];
  /** For the given files: the flags recorded with them. */
  readonly image?: string | undefined;
  readonly overridesFile?: string | undefined;
  readonly overrideProperties?: readonly string[] | undefined;
  /** Read `files.*.source` (generate does; commands that only look at the project do not). */
  readonly readFileSources: boolean;
  readonly allowFilesOutsideProject?: boolean | undefined;
  /** Files never read as file sources (score-ts's state and outputs), as absolute paths. */
  readonly protectedFiles?: readonly string[] | undefined;
  /** The command, for the message when there is nothing to load. */
  readonly command: string;
  /** The text of the Score file given as `-` (standard input). */
  readonly stdinScoreFile?: string | undefined;
  /** The project has score-ts.yaml: a file given without flags takes the ones it records there. */
  readonly projectFile?: boolean | undefined;
}

export function loadProjectWorkloads(
  options: WorkloadLoadOptions,
  remembered: readonly RememberedWorkload[],
  log: Logger,
): LoadedWorkload[] {
  const problems = new Diagnostics();
  const given = givenRecords(options, remembered, log);
  const workloads = given.flatMap((record) => problems.collect(() => loadWorkload(options, record)) ?? []);
  const givenNames = new Set(workloads.map((w) => w.name));
  const givenFiles = new Set(given.map((r) => normalised(options.projectDir, r.file)));
  for (const entry of remembered) {
    if ((entry.name !== undefined && givenNames.has(entry.name)) || givenFiles.has(normalised(options.projectDir, entry.record.file)))
      continue;
    const workload = problems.collect(() =>
      entry.listedAt
        ? loadListed(options, entry.record, entry.listedAt)
        : loadRemembered(options, entry.name ?? entry.record.file, entry.record, log),
    );
    if (workload) workloads.push(workload);
  }
  if (problems.list.length > 0) throw new InputError('invalid Score input', problems.list);
  if (workloads.length === 0) {
    const knows = options.projectFile ? 'score-ts.yaml lists no workloads' : 'the project knows no workloads yet';
    const next = options.projectFile ? ' (it adds the file to score-ts.yaml)' : ' (or `score-ts init` for a sample)';
    throw new InputError(`no Score files given and ${knows}: run \`score-ts ${options.command} score.yaml\`${next}`);
  }
  checkUniqueNames(workloads);
  return workloads.sort((a, b) => compareStrings(a.name, b.name));
}

/** A file given twice (`a.yaml ./a.yaml`) is one workload, read once: not a workload defined twice. */
function onePerFile(records: readonly WorkloadRecord[], log: Logger): WorkloadRecord[] {
  const seen = new Set<string>();
  return records.filter(({ file }) => {
    const again = seen.has(file);
    if (again) log.warn(`${file} is given more than once; it is read once`);
    seen.add(file);
    return !again;
  });
}

/** The records of the files given now; with score-ts.yaml, a file given without flags takes the ones recorded there. */
function givenRecords(options: WorkloadLoadOptions, remembered: readonly RememberedWorkload[], log: Logger): WorkloadRecord[] {
  const records = onePerFile(
    options.scoreFiles.map((file) => givenRecord(options, file)),
    log,
  );
  const flagged = options.image !== undefined || options.overridesFile !== undefined || (options.overrideProperties?.length ?? 0) > 0;
  if (!options.projectFile || flagged) return records;
  const byFile = new Map<string, WorkloadRecord>();
  for (const entry of remembered) {
    const file = normalised(options.projectDir, entry.record.file);
    if (!byFile.has(file)) byFile.set(file, entry.record);
  }
  return records.map((r) => byFile.get(r.file) ?? r);
}

/** A workload score-ts.yaml lists: its file (and overrides file) must exist, or score-ts.yaml is wrong. */
function loadListed(options: WorkloadLoadOptions, record: WorkloadRecord, at: NonNullable<RememberedWorkload['listedAt']>): LoadedWorkload {
  const missing: Diagnostic[] = [];
  const field = (name: string) => `workloads[${at.index}].${name}`;
  if (!scoreFileExists(record.file, options.projectDir))
    missing.push({
      location: at.locate('file'),
      field: field('file'),
      message: `${record.file} does not exist: restore it, or remove the workload from score-ts.yaml`,
    });
  if (record.overridesFile && !scoreFileExists(record.overridesFile, options.projectDir)) {
    missing.push({
      location: at.locate('overridesFile'),
      field: field('overridesFile'),
      message: `${record.overridesFile} does not exist: restore it, or remove it from score-ts.yaml`,
    });
  }
  if (missing.length > 0) throw new InputError('score-ts.yaml names missing files', missing);
  return loadWorkload(options, record);
}

function givenRecord(options: WorkloadLoadOptions, file: string): WorkloadRecord {
  const record: WorkloadRecord = {
    file: isStdinScoreFile(file, options.projectDir) ? STDIN_SCORE_FILE : projectPath(options.projectDir, file),
  };
  if (options.image) record.image = options.image;
  if (options.overridesFile) record.overridesFile = projectPath(options.projectDir, options.overridesFile);
  if (options.overrideProperties?.length) record.overrideProperties = [...options.overrideProperties];
  return record;
}

/** A workload the state remembers; when its Score file is gone, a warning and nothing (a stat only then). */
function loadRemembered(options: WorkloadLoadOptions, name: string, record: WorkloadRecord, log: Logger): LoadedWorkload | undefined {
  // Recorded by an earlier score-ts as a path (../../dev/stdin): reading it again would wait for a terminal.
  if (isStdinScoreFile(record.file, options.projectDir)) {
    log.warn(
      `workload '${name}' was read from standard input, which is not read again: ${options.command === 'generate' ? 'it is dropped from the project' : 'it is left out'} (give its file to add it back)`,
    );
    return undefined;
  }
  try {
    return loadWorkload(options, record);
  } catch (e) {
    if (scoreFileExists(record.file, options.projectDir)) throw e;
    log.warn(
      `workload '${name}' was generated from ${record.file}, which no longer exists: ${options.command === 'generate' ? 'it is dropped from the project' : 'it is left out'}`,
    );
    return undefined;
  }
}

function loadWorkload(options: WorkloadLoadOptions, record: WorkloadRecord): LoadedWorkload {
  const { projectDir } = options;
  const fromStdin = record.file === STDIN_SCORE_FILE;
  const { source, dir } = fromStdin
    ? parseScoreFile(STDIN_DISPLAY, options.stdinScoreFile ?? '', projectDir)
    : loadScoreFile(record.file, projectDir);
  const file = source.file;
  const before = validateWorkload(source.value, locateInSource(source));
  if (before.length > 0) throw new InputError(`${file} is not a valid Score file`, before);
  const overridesFile = record.overridesFile ? loadOverridesFile(record.overridesFile, projectDir) : undefined;
  const properties = record.overrideProperties ?? [];
  const overridden = overridesFile !== undefined || properties.length > 0;
  // Without overrides the document is the workload: nothing to copy, and nothing new to validate.
  const { value, origins } = overridden
    ? applyOverrides(source.value, { file: overridesFile, properties })
    : { value: source.value, origins: [] };
  const locate = locateWithOverrides(source, origins);
  const after = overridden ? validateWorkload(value, locate) : [];
  if (after.length > 0) throw new InputError(`${file} is not valid after its overrides`, after);
  const spec = value as ScoreWorkload;
  const workload = { name: spec.metadata.name, spec, file, locate, fileSources: new Map<string, Buffer>(), record };
  if (!options.readFileSources) return workload;
  const files = readFileSources(spec, dir, locate, {
    projectDir,
    allowOutside: options.allowFilesOutsideProject === true,
    protectedFiles: options.protectedFiles ?? [],
  });
  if (files.problems.length > 0) throw new InputError(`${file}: some file sources cannot be read`, files.problems);
  return { ...workload, fileSources: files.sources };
}

function checkUniqueNames(workloads: readonly WorkloadInput[]): void {
  const byName = new Map<string, string>();
  const problems: Diagnostic[] = [];
  for (const w of workloads) {
    const other = byName.get(w.name);
    if (other)
      problems.push(
        fieldProblem(
          w.locate,
          ['metadata', 'name'],
          `workload '${w.name}' is also defined in ${other}; workload names must be unique in a project`,
        ),
      );
    byName.set(w.name, w.file);
  }
  if (problems.length > 0) throw new InputError('duplicate workload names', problems);
}

/** Each workload's record for later runs; one read from standard input is not remembered (an earlier record of its name stays). */
export function workloadRecords(
  previous: Readonly<Record<string, WorkloadRecord>>,
  workloads: readonly LoadedWorkload[],
): Record<string, WorkloadRecord> {
  const records: Record<string, WorkloadRecord> = {};
  for (const w of workloads) {
    const record = w.record.file === STDIN_SCORE_FILE ? previous[w.name] : w.record;
    if (record) records[w.name] = record;
  }
  return records;
}

/** A recorded path as compared with a given one (`./a.yaml` is `a.yaml`). */
function normalised(projectDir: string, file: string): string {
  return file === STDIN_SCORE_FILE ? file : projectPath(projectDir, file);
}
