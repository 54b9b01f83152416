/**
 * Builders for the convert unit tables: every case is written as Score YAML text and parsed with the real
 * loader, so the locations in diagnostics are the ones a user would see.
 */
import type { ExpandContext } from '../../src/convert/expand.js';
import { Diagnostics } from '../../src/base/diagnostics.js';
import type { VolumeMount } from '../../src/convert/pod-types.js';
import { formatDiagnostic, type Diagnostic } from '../../src/base/errors.js';
import { parseYamlSource } from '../../src/yaml/yaml-source.js';
import { locateInSource } from '../../src/override/locate-with-overrides.js';
import { fileSourceKey, type ScoreWorkload, type WorkloadInput } from '../../src/base/types.js';

/** The file name every case is "read" from; diagnostics start with it. */
export const SCORE_FILE = 'score.yaml';

/**
 * Removes the first line break and the common indentation, so a case can be indented inside a table
 * while its first YAML line is line 1 of the file.
 */
export function dedent(text: string): string {
  const lines = text
    .replace(/^\r?\n/, '')
    .replace(/\n[ \t]*$/, '\n')
    .split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n');
}

/** One `files.*.source` the loader would have read: the container, the target and the file's bytes. */
export interface FileSourceBytes {
  readonly container: string;
  readonly target: string;
  readonly bytes: Buffer;
}

/** A WorkloadInput parsed from Score YAML (dedented), with the given file sources. */
export function workloadFromYaml(text: string, sources: readonly FileSourceBytes[] = []): WorkloadInput {
  const source = parseYamlSource(SCORE_FILE, dedent(text));
  const spec = source.value as ScoreWorkload;
  return {
    name: spec.metadata.name,
    spec,
    file: SCORE_FILE,
    locate: locateInSource(source),
    fileSources: new Map(sources.map((s) => [fileSourceKey(s.container, s.target), s.bytes])),
  };
}

/** What placeholders see: the workload's metadata and the given outputs per resource name. */
export function expandContext(workload: WorkloadInput, outputs: Readonly<Record<string, Record<string, unknown>>> = {}): ExpandContext {
  return {
    metadata: workload.spec.metadata,
    resourceOutputs: (name) => (Object.prototype.hasOwnProperty.call(outputs, name) ? outputs[name] : undefined),
  };
}

export function problemsFor(workload: WorkloadInput): Diagnostics {
  return new Diagnostics(workload.locate);
}

/** Diagnostics as the CLI prints them: `score.yaml:7:9: containers.web.image: message`. */
export function formatted(diagnostics: Diagnostics | readonly Diagnostic[]): string[] {
  const list = diagnostics instanceof Diagnostics ? diagnostics.list : diagnostics;
  return list.map(formatDiagnostic);
}

/** The labels every object made for workload `name` carries. */
export function labelsOf(name: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/instance': name,
    'app.kubernetes.io/managed-by': 'score-ts',
    'score-ts.dev/workload': name,
  };
}

/** A mounts map as a plain object, so tables can state it exactly. */
export function mountsObject(mounts: ReadonlyMap<string, VolumeMount[]>): Record<string, VolumeMount[]> {
  return Object.fromEntries(mounts);
}
