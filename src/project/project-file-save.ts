/**
 * What a run writes to score-ts.yaml: the Score files given that it does not list yet, the flags given with a
 * file (they replace the recorded ones: score-k8s's state remembers each workload as last generated, and the
 * sample apps' Makefiles depend on it), and with --save the run's settings and sources. A path score-ts.yaml
 * may not name, or a URL holding credentials (the file is committed), is left out with a warning.
 */
import os from 'node:os';
import { parseSourceRef } from '../sources/source-ref.js';
import { maskUrlText } from '../sources/display-url.js';
import { shortList } from '../base/text-lists.js';
import { projectPath } from '../base/file-paths.js';
import { editProjectFileText, newProjectFileText, type ProjectFileEdits, type SavedSettingName } from './project-file-edit.js';
import { type LoadedProjectFile, type ProjectFileData } from './project-file.js';
import { pathRefusals, type PathScope } from './project-paths.js';
import type { WorkloadRecord } from './state.js';
import type { ProjectKind } from './project-definition.js';

export interface SaveRequest {
  /** The records of the Score files given now (never standard input), in the order given. */
  readonly given: readonly WorkloadRecord[];
  /** --image, --overrides-file or --override-property came with the file: its record replaces the listed one. */
  readonly flagged: boolean;
  readonly settings: Partial<Record<SavedSettingName, string | boolean>>;
  readonly provisioners: readonly string[];
  readonly patchTemplates: readonly string[];
}

export interface ProjectFileUpdate {
  readonly text: string;
  /** One line for stderr: what changed. */
  readonly summary: string;
  readonly created: boolean;
}

export interface UpdatePlan {
  readonly update?: ProjectFileUpdate;
  /** What was not recorded, and why. */
  readonly warnings: readonly string[];
}

const FLAG_OF: Readonly<Record<SavedSettingName, string>> = {
  project: '--project',
  namespace: '--namespace',
  generateNamespace: '--generate-namespace',
  output: '-o',
  secretsOutput: '--secrets-output',
  format: '--format',
};

/** `label` is the project label of a new file. */
export function planProjectFileUpdate(
  existing: LoadedProjectFile | undefined,
  request: SaveRequest,
  scope: PathScope,
  label: string,
): UpdatePlan {
  const warnings: string[] = [];
  const refusalOf = pathRefusals(scope);
  // Each listed file's index in score-ts.yaml; a file listed by this run has none (-1).
  const listed = new Map<string, number>();
  (existing?.data.workloads ?? []).forEach((w, index) => {
    const file = projectPath(scope.projectDir, w.file);
    if (!listed.has(file)) listed.set(file, index);
  });
  const workloads: Array<{ record: WorkloadRecord; index?: number }> = [];
  for (const record of request.given) {
    const refusal = [record.file, ...(record.overridesFile ? [record.overridesFile] : [])]
      .map((p) => refusalOf(p))
      .find((r) => r !== undefined);
    if (refusal) {
      warnings.push(`${record.file} is not recorded in score-ts.yaml: ${refusal}`);
      continue;
    }
    const file = projectPath(scope.projectDir, record.file);
    const index = listed.get(file);
    if (index === undefined) {
      workloads.push({ record });
      listed.set(file, -1);
    } else if (index >= 0 && request.flagged && flagKey(existing!.data.workloads![index]!) !== flagKey(record))
      workloads.push({ record, index });
  }
  const settings = Object.fromEntries(
    Object.entries(request.settings).filter(([key, value]) => existing?.data[key as SavedSettingName] !== value),
  );
  for (const key of ['output', 'secretsOutput'] as const) {
    const refusal = typeof settings[key] === 'string' ? refusalOf(settings[key], 'output') : undefined;
    if (!refusal) continue;
    warnings.push(`${FLAG_OF[key]} ${String(settings[key])} is not recorded in score-ts.yaml: ${refusal}`);
    delete settings[key];
  }
  const edits: ProjectFileEdits = {
    workloads,
    settings,
    provisioners: newSources(existing?.data.provisioners, request.provisioners, scope, warnings),
    patchTemplates: newSources(existing?.data.patchTemplates, request.patchTemplates, scope, warnings),
  };
  if (!existing) return { update: created(edits, label), warnings };
  const changes = describeChanges(edits);
  if (changes.length === 0) return { warnings };
  return {
    update: { text: editProjectFileText(existing.text, edits), summary: `score-ts.yaml: ${changes.join('; ')}; commit it`, created: false },
    warnings,
  };
}

function created(edits: ProjectFileEdits, label: string): ProjectFileUpdate {
  const { project, ...settings } = edits.settings as Partial<ProjectFileData>;
  const data: ProjectFileData = {
    version: 1,
    project: project ?? label,
    workloads: edits.workloads.map((w) => w.record),
    ...(edits.provisioners.length > 0 ? { provisioners: edits.provisioners } : {}),
    ...(edits.patchTemplates.length > 0 ? { patchTemplates: edits.patchTemplates } : {}),
    ...settings,
  };
  const parts = [
    `project label ${data.project}`,
    edits.workloads.length > 0 ? `workloads ${shortList(edits.workloads.map((w) => withFlags(w.record)))}` : 'no workloads yet',
    ...(edits.provisioners.length > 0 ? [`provisioners ${shortList(edits.provisioners.map(maskUrlText))}`] : []),
    ...(edits.patchTemplates.length > 0 ? [`patch templates ${shortList(edits.patchTemplates.map(maskUrlText))}`] : []),
  ];
  return {
    text: newProjectFileText(data),
    summary: `created score-ts.yaml (${parts.join('; ')}): commit it; .score-ts/ stays private`,
    created: true,
  };
}

function describeChanges(edits: ProjectFileEdits): string[] {
  const added = edits.workloads.filter((w) => w.index === undefined).map((w) => withFlags(w.record));
  const changed = edits.workloads
    .filter((w) => w.index !== undefined)
    .map((w) => `${w.record.file} now with ${flagNames(w.record).join(', ') || 'no flags'}`);
  const settings = Object.keys(edits.settings).map((key) => FLAG_OF[key as SavedSettingName]);
  return [
    ...(added.length > 0 ? [`added ${shortList(added)}`] : []),
    ...changed,
    ...(settings.length > 0 ? [`saved ${settings.join(', ')}`] : []),
    ...(edits.provisioners.length > 0 ? [`added provisioners ${shortList(edits.provisioners.map(maskUrlText))}`] : []),
    ...(edits.patchTemplates.length > 0 ? [`added patch templates ${shortList(edits.patchTemplates.map(maskUrlText))}`] : []),
  ];
}

/** The sources to add: as score-ts.yaml writes them, not listed yet, and allowed there. */
function newSources(listed: readonly string[] | undefined, given: readonly string[], scope: PathScope, warnings: string[]): string[] {
  const known = new Set((listed ?? []).map((s) => recordedForm(s, scope.projectDir)));
  const added: string[] = [];
  const refusalOf = pathRefusals(scope);
  for (const value of given) {
    const ref = parseSourceRef(value, 'source', os.homedir());
    if (ref.kind === 'stdin') continue;
    const refusal = ref.kind === 'path' ? refusalOf(ref.path) : urlRefusal(value);
    if (refusal) {
      warnings.push(`${ref.kind === 'path' ? value : maskUrlText(value)} is not recorded in score-ts.yaml: ${refusal}`);
      continue;
    }
    const form = recordedForm(value, scope.projectDir);
    if (known.has(form)) continue;
    known.add(form);
    added.push(form);
  }
  return added;
}

/** A local source as a project-relative path with '/' separators (`.` for the project folder); a URL as given. */
function recordedForm(value: string, projectDir: string): string {
  const ref = parseSourceRef(value, 'source', os.homedir());
  return ref.kind === 'path' ? projectPath(projectDir, ref.path) || '.' : value;
}

/** score-ts.yaml is committed: a URL with a user, password or query (where tokens travel) stays out of it. */
function urlRefusal(value: string): string | undefined {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*@|\?/.test(value)
    ? 'its URL holds credentials or a query, and score-ts.yaml is committed; list a URL without them (oci:// and git URLs take credentials from Docker and git)'
    : undefined;
}

function withFlags(record: WorkloadRecord): string {
  const flags = flagNames(record);
  return flags.length > 0 ? `${record.file} (with ${flags.join(', ')})` : record.file;
}

function flagNames(record: WorkloadRecord): string[] {
  return [
    record.image !== undefined && '--image',
    record.overridesFile !== undefined && '--overrides-file',
    (record.overrideProperties?.length ?? 0) > 0 && '--override-property',
  ].filter((f): f is string => typeof f === 'string');
}

/** The flags of a record, to compare. */
function flagKey(record: WorkloadRecord): string {
  return JSON.stringify([record.image ?? null, record.overridesFile ?? null, record.overrideProperties ?? []]);
}

/** score-ts.yaml is written where it exists, or made when the run records something; an older project keeps its state. */
export function wantsSave(kind: ProjectKind, save: SaveRequest | undefined): boolean {
  if (!save || kind === 'state') return false;
  if (kind === 'file') return true;
  return save.given.length > 0 || Object.keys(save.settings).length > 0 || save.provisioners.length > 0 || save.patchTemplates.length > 0;
}
