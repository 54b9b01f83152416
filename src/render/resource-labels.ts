/**
 * Every object a provisioner makes carries `score-ts.dev/workload: WORKLOAD` and the annotation
 * `score-ts.dev/resource-uid: UID`, as the built-in provisioners write them, so that
 * `kubectl delete -l score-ts.dev/workload=NAME` finds a custom provisioner's objects too. The pod templates
 * (of Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs and CronJobs) and a StatefulSet's claim
 * templates get them as well, so the pods and volumes they make are found the same way.
 *
 * They are added after identical objects were merged (an object two resources make identically is written
 * once, with the first maker's workload and uid), and only where the provisioner did not set them: its own
 * value stands. A Namespace gets neither, as it gets no project label: deleting it by label would delete
 * everything in it.
 */
import { isPlainMap } from '../base/plain-data.js';
import type { Manifest } from '../base/types.js';
import type { SourcedManifest } from '../base/manifest-source.js';

export const WORKLOAD_LABEL = 'score-ts.dev/workload';
const RESOURCE_UID_ANNOTATION = 'score-ts.dev/resource-uid';

type Mark = (metadata: unknown) => unknown;

export function withResourceLabels(object: SourcedManifest): SourcedManifest {
  const { source, manifest } = object;
  if (source.kind !== 'provisioner' || manifest.kind === 'Namespace') return object;
  const mark: Mark = (metadata) => markedMetadata(metadata, source.workload, source.uid);
  return { ...object, manifest: { ...markedSpec(manifest, mark), metadata: mark(manifest.metadata) } as Manifest };
}

/**
 * The label and annotation added to a metadata map where missing, each at the end of its map; metadata that
 * has both is kept as it is, any other is rebuilt as name, namespace, labels, annotations, then the rest.
 * Metadata, labels or annotations that are not maps are left for Kubernetes to refuse, never replaced.
 */
function markedMetadata(metadata: unknown, workload: string, uid: string): unknown {
  if (metadata !== undefined && !isPlainMap(metadata)) return metadata;
  const { name, namespace, labels, annotations, ...rest } = metadata ?? {};
  const keepLabels = labels !== undefined && !(isPlainMap(labels) && !Object.hasOwn(labels, WORKLOAD_LABEL));
  const keepAnnotations = annotations !== undefined && !(isPlainMap(annotations) && !Object.hasOwn(annotations, RESOURCE_UID_ANNOTATION));
  if (metadata !== undefined && keepLabels && keepAnnotations) return metadata;
  return {
    ...(name !== undefined ? { name } : {}),
    ...(namespace !== undefined ? { namespace } : {}),
    labels: keepLabels ? labels : { ...labels, [WORKLOAD_LABEL]: workload },
    annotations: keepAnnotations ? annotations : { ...annotations, [RESOURCE_UID_ANNOTATION]: uid },
    ...rest,
  };
}

const POD_TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'ReplicationController']);

/** The object with its pod template, job template and claim templates marked (the same object when it has none). */
function markedSpec(manifest: Manifest, mark: Mark): Manifest {
  const spec = (manifest as { spec?: unknown }).spec;
  if (!isPlainMap(spec)) return manifest;
  if (manifest.kind === 'CronJob')
    return isPlainMap(spec.jobTemplate)
      ? { ...manifest, spec: { ...spec, jobTemplate: markedJobTemplate(spec.jobTemplate, mark) } }
      : manifest;
  if (!POD_TEMPLATE_KINDS.has(manifest.kind)) return manifest;
  const marked: Record<string, unknown> = {
    ...spec,
    ...(isPlainMap(spec.template) ? { template: markedTemplate(spec.template, mark) } : {}),
  };
  if (manifest.kind === 'StatefulSet' && Array.isArray(spec.volumeClaimTemplates)) {
    marked.volumeClaimTemplates = spec.volumeClaimTemplates.map((t: unknown) => (isPlainMap(t) ? markedTemplate(t, mark) : t));
  }
  return { ...manifest, spec: marked };
}

/** A CronJob's job template, and the pod template inside it. */
function markedJobTemplate(jobTemplate: Record<string, unknown>, mark: Mark): Record<string, unknown> {
  const jobSpec = jobTemplate.spec;
  const withPods =
    isPlainMap(jobSpec) && isPlainMap(jobSpec.template)
      ? { ...jobTemplate, spec: { ...jobSpec, template: markedTemplate(jobSpec.template, mark) } }
      : jobTemplate;
  return markedTemplate(withPods, mark);
}

/** A template with its metadata marked; a template without metadata gets it first. */
function markedTemplate(template: Record<string, unknown>, mark: Mark): Record<string, unknown> {
  if (Object.hasOwn(template, 'metadata')) return { ...template, metadata: mark(template.metadata) };
  return { metadata: mark(undefined), ...template };
}
