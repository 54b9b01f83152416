/**
 * The project label: every object score-ts emits carries `score-ts.dev/project: NAME`, so
 * `kubectl apply --prune -l` and `kubectl delete -l` reach exactly the objects of this project. The
 * Namespace object is left out (deleting it would delete everything in it); a StatefulSet's claim
 * templates and a CronJob's job template carry it too, so the volumes and Jobs they make are found the same way.
 */
import { UsageError } from '../base/errors.js';
import { isPlainMap } from '../base/plain-data.js';
import type { Manifest } from '../base/types.js';

const PROJECT_LABEL = 'score-ts.dev/project';

/** A Kubernetes label value: at most 63 letters, digits, '-', '_' or '.', starting and ending alphanumeric. */
const LABEL_VALUE = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

export function checkProjectName(name: string): string {
  if (!LABEL_VALUE.test(name))
    throw new UsageError(
      `--project '${name}' cannot be a label value: use up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
    );
  return name;
}

/** The default project name: the project folder's name, made a valid label value. */
export function projectNameFromFolder(folderName: string): string {
  const cleaned = folderName
    .replace(/[^-A-Za-z0-9_.]/g, '-')
    .slice(0, 63)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return cleaned === '' ? 'project' : cleaned;
}

export function withProjectLabel(m: Manifest, project: string): Manifest {
  if (m.kind === 'Namespace') return m;
  const labelled = { ...m, metadata: labelledMetadata(m.metadata, project) };
  const spec = (m as { spec?: unknown }).spec;
  if (m.kind === 'CronJob' && isPlainMap(spec) && isPlainMap(spec.jobTemplate)) {
    // The Jobs it starts carry the label too.
    return {
      ...labelled,
      spec: { ...spec, jobTemplate: { ...spec.jobTemplate, metadata: labelledMetadata(spec.jobTemplate.metadata, project) } },
    } as unknown as Manifest;
  }
  if (m.kind === 'StatefulSet' && isPlainMap(spec) && Array.isArray(spec.volumeClaimTemplates)) {
    const volumeClaimTemplates = spec.volumeClaimTemplates.map((t: unknown) =>
      isPlainMap(t) ? { ...t, metadata: labelledMetadata(t.metadata, project) } : t,
    );
    return { ...labelled, spec: { ...spec, volumeClaimTemplates } } as unknown as Manifest;
  }
  return labelled as unknown as Manifest;
}

function labelledMetadata(metadata: unknown, project: string): Record<string, unknown> {
  const meta = isPlainMap(metadata) ? metadata : {};
  const labels = isPlainMap(meta.labels) ? meta.labels : {};
  return { ...meta, labels: { ...labels, [PROJECT_LABEL]: project } };
}
