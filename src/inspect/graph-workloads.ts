/**
 * The workloads `score-ts graph` draws: those of the Score files given now, then the others the project state
 * remembers (with their recorded overrides), as `generate` would load them. Read only: nothing is written, and
 * `files.*.source` is not read (a graph does not need file contents).
 */
import path from 'node:path';
import { diagnosticsOf, InputError, ScoreTsError, type Diagnostic } from '../errors.js';
import { compareStrings, sortedEntries } from '../convert/sorted.js';
import { loadOverridesFile } from '../load/overrides-file.js';
import { loadScoreFile, scoreFileExists } from '../load/score-file.js';
import { applyOverrides } from '../override/apply-overrides.js';
import { locateInSource, locateWithOverrides } from '../override/locate-with-overrides.js';
import type { Logger } from '../pipeline.js';
import type { WorkloadRecord } from '../project/state.js';
import type { ScoreWorkload, WorkloadInput } from '../types.js';
import { validateWorkload } from '../validate/validate-workload.js';

/** Loads and validates the workloads, reporting every problem at once; sorted by name. */
export function loadGraphWorkloads(projectDir: string, scoreFiles: readonly string[], remembered: Readonly<Record<string, WorkloadRecord>>, log: Logger): WorkloadInput[] {
  const problems: Diagnostic[] = [];
  const given = scoreFiles.map((file) => projectRelative(projectDir, file));
  const workloads = given.flatMap((file) => collect(problems, () => loadWorkload(projectDir, { file })) ?? []);
  const givenNames = new Set(workloads.map((w) => w.name));
  for (const [name, record] of sortedEntries(remembered)) {
    if (givenNames.has(name) || given.includes(record.file)) continue;
    if (!scoreFileExists(record.file, projectDir)) {
      log.warn(`workload '${name}' was generated from ${record.file}, which no longer exists: it is left out of the graph`);
      continue;
    }
    const workload = collect(problems, () => loadWorkload(projectDir, record));
    if (workload) workloads.push(workload);
  }
  if (problems.length > 0) throw new InputError('invalid Score input', problems);
  if (workloads.length === 0) {
    throw new InputError('no Score files given and the project knows no workloads yet: run `score-ts graph score.yaml` (or `score-ts generate` first)');
  }
  checkUniqueNames(workloads);
  return workloads.sort((a, b) => compareStrings(a.name, b.name));
}

/** One workload through load, validate, override and validate again (the overrides the state recorded). */
function loadWorkload(projectDir: string, record: WorkloadRecord): WorkloadInput {
  const { source } = loadScoreFile(record.file, projectDir);
  const before = validateWorkload(source.value, locateInSource(source));
  if (before.length > 0) throw new InputError(`${record.file} is not a valid Score file`, before);
  const overridesFile = record.overridesFile ? loadOverridesFile(record.overridesFile, projectDir) : undefined;
  const { value, origins } = applyOverrides(source.value, { ...(overridesFile ? { file: overridesFile } : {}), properties: record.overrideProperties ?? [] });
  const locate = locateWithOverrides(source, origins);
  const after = validateWorkload(value, locate);
  if (after.length > 0) throw new InputError(`${record.file} is not valid after its overrides`, after);
  const spec = value as ScoreWorkload;
  return { name: spec.metadata.name, spec, file: record.file, locate, fileSources: new Map() };
}

function checkUniqueNames(workloads: readonly WorkloadInput[]): void {
  const byName = new Map<string, string>();
  const problems: Diagnostic[] = [];
  for (const w of workloads) {
    const other = byName.get(w.name);
    if (other) problems.push({ location: w.locate(['metadata', 'name'], false), field: 'metadata.name', message: `workload '${w.name}' is also defined in ${other}; workload names must be unique in a project` });
    byName.set(w.name, w.file);
  }
  if (problems.length > 0) throw new InputError('duplicate workload names', problems);
}

/** Runs a step, adding the diagnostics of a ScoreTsError to `problems` instead of stopping. */
function collect<T>(problems: Diagnostic[], step: () => T): T | undefined {
  try {
    return step();
  } catch (e) {
    if (!(e instanceof ScoreTsError)) throw e;
    problems.push(...diagnosticsOf(e));
    return undefined;
  }
}

/** The path as the state records it: relative to the project, with '/' separators. */
function projectRelative(projectDir: string, file: string): string {
  return path.relative(projectDir, path.resolve(projectDir, file)).split(path.sep).join('/');
}
