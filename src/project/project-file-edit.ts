/**
 * score-ts.yaml as text: written new (fixed key order, so the same project gives the same bytes), or edited in
 * place with the YAML library's Document API, which keeps the user's comments, key order and style.
 */
import { yamlLibrary } from '../yaml/yaml-library.js';
import { packageVersion } from '../base/package-path.js';
import type { ProjectFileData } from './project-file.js';
import type { WorkloadRecord } from './state.js';

/** The first lines of a new file: the schema for editors, and what the file is. */
function projectFileHeader(): string {
  return [
    `# yaml-language-server: $schema=https://unpkg.com/score-ts@${packageVersion()}/schemas/score-ts-project.schema.json`,
    '# The score-ts project: what `score-ts generate` builds. Commit it; .score-ts/ stays private.',
    '',
  ].join('\n');
}

export type SavedSettingName = 'project' | 'namespace' | 'generateNamespace' | 'output' | 'secretsOutput' | 'format';

export interface ProjectFileEdits {
  /** Workloads to add (no index) or whose flags to replace (the index of their entry). */
  readonly workloads: ReadonlyArray<{ readonly record: WorkloadRecord; readonly index?: number }>;
  readonly settings: Partial<Record<SavedSettingName, string | boolean>>;
  readonly provisioners: readonly string[];
  readonly patchTemplates: readonly string[];
}

const KEY_ORDER = [
  'version',
  'project',
  'workloads',
  'provisioners',
  'patchTemplates',
  'namespace',
  'generateNamespace',
  'output',
  'secretsOutput',
  'format',
] as const;

export function newProjectFileText(data: ProjectFileData): string {
  const ordered = Object.fromEntries(
    KEY_ORDER.flatMap((key) =>
      data[key] === undefined ? [] : [[key, key === 'workloads' ? data.workloads!.map(recordEntry) : data[key]]],
    ),
  );
  return `${projectFileHeader()}${new (yamlLibrary().Document)(ordered).toString({ lineWidth: 0 })}`;
}

export function editProjectFileText(text: string, edits: ProjectFileEdits): string {
  const { parseDocument, isMap, isSeq } = yamlLibrary();
  const doc = parseDocument(text, { keepSourceTokens: false });
  const listAt = (key: string) => {
    const found = doc.get(key, true);
    if (!isSeq(found)) doc.set(key, doc.createNode([]));
    const list = doc.get(key, true) as import('yaml').YAMLSeq;
    // An empty `[]` (as init writes it) becomes a block list: entries read better one a line.
    if (list.items.length === 0) list.flow = false;
    return list;
  };
  for (const { record, index } of edits.workloads) {
    const list = listAt('workloads');
    const entry = index === undefined ? undefined : list.items[index];
    if (index === undefined || !isMap(entry)) {
      if (index === undefined) list.add(doc.createNode(recordEntry(record)));
      else list.items[index] = doc.createNode(recordEntry(record));
      continue;
    }
    for (const key of ['image', 'overridesFile', 'overrideProperties'] as const) {
      if (record[key] === undefined) entry.delete(key);
      else entry.set(key, doc.createNode(record[key]));
    }
  }
  for (const [key, value] of Object.entries(edits.settings)) doc.set(key, value);
  for (const source of edits.provisioners) listAt('provisioners').add(source);
  for (const source of edits.patchTemplates) listAt('patchTemplates').add(source);
  return doc.toString({ lineWidth: 0 });
}

/** A workload's entry, its keys in a fixed order. */
function recordEntry(record: WorkloadRecord): Record<string, unknown> {
  return {
    file: record.file,
    ...(record.image !== undefined ? { image: record.image } : {}),
    ...(record.overridesFile !== undefined ? { overridesFile: record.overridesFile } : {}),
    ...(record.overrideProperties?.length ? { overrideProperties: [...record.overrideProperties] } : {}),
  };
}
