/**
 * The final document list: Namespace, then resource manifests, then each workload's objects with
 * workloads sorted by name; namespace set; identical objects merged and different objects with one name
 * refused (same-objects.ts); names checked (name-rules.ts); keys in kubectl's customary order. The objects
 * are placed one at a time as they are read, each workload's made only when its turn comes, so a large
 * project's objects are never all alive at once.
 */
import { ConvertError, UsageError, type Diagnostic } from '../base/errors.js';
import { carriesWorkloadLabels, MANAGED_BY } from '../convert/names.js';
import { compareStrings } from '../base/sorted.js';
import type { Manifest } from '../base/types.js';
import { describeSource, type ManifestSource, type SourcedManifest } from '../base/manifest-source.js';
import { nameProblem } from './name-rules.js';
import { FirstObjects, objectIdentity } from './same-objects.js';

export interface AssembleOptions {
  readonly namespace?: string | undefined;
  readonly generateNamespace?: boolean | undefined;
}

/** Kinds that live outside namespaces: they never get metadata.namespace. */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PriorityClass',
  'IngressClass',
  'GatewayClass',
  'RuntimeClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'APIService',
  'CSIDriver',
  'VolumeSnapshotClass',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'CertificateSigningRequest',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'VolumeAttachment',
  'CSINode',
]);

/** A workload's objects, made when asked for. */
export interface WorkloadObjects {
  readonly name: string;
  readonly objects: () => readonly SourcedManifest[];
}

/**
 * The objects of the run, each with its maker, placed as they are read. Once the last is read, throws when a
 * name is one Kubernetes would refuse (all such names), else when two different objects share an identity.
 * Only the objects a later one may equal are kept for the comparison: the resources' that carry a workload's
 * labels (see carriesWorkloadLabels), and each workload's own until the workload is done.
 */
export function* assembleObjects(
  resourceObjects: Iterable<SourcedManifest>,
  workloads: readonly WorkloadObjects[],
  options: AssembleOptions,
): Generator<SourcedManifest> {
  const firsts = new FirstObjects();
  const names: Diagnostic[] = [];
  const place = (manifest: Manifest) => withNamespace(manifest, options.namespace);
  /** Placed and checked; `admit` says whether it is the first of its identity (else it is dropped). */
  function* placed(objects: Iterable<SourcedManifest>, admit: (object: SourcedManifest, made: SourcedManifest) => boolean) {
    for (const made of objects) {
      const object = { manifest: place(made.manifest), source: made.source };
      names.push(...nameProblems(object));
      if (admit(object, made)) yield object;
    }
  }
  // The resources' objects are kept as made (placing them again when compared), and once all are placed, only
  // those a workload's object may equal; each workload's own are kept until the workload is done.
  const resourceIds: string[] = [];
  const admitMade = (object: SourcedManifest, made: SourcedManifest) => {
    const id = objectIdentity(object.manifest);
    const first = firsts.admit(object, { source: made.source, manifest: () => place(made.manifest) }, id);
    if (first && !carriesWorkloadLabels(object.manifest)) resourceIds.push(id);
    return first;
  };
  if (options.generateNamespace && options.namespace)
    yield* placed([{ manifest: namespaceManifest(options.namespace), source: GENERATED_NAMESPACE }], admitMade);
  yield* placed(resourceObjects, admitMade);
  firsts.forget(resourceIds);
  resourceIds.length = 0;
  for (const workload of [...workloads].sort((a, b) => compareStrings(a.name, b.name))) {
    const ids: string[] = [];
    yield* placed(workload.objects(), (object) => {
      const id = objectIdentity(object.manifest);
      ids.push(id);
      return firsts.admit(object, undefined, id);
    });
    firsts.forget(ids);
  }
  if (names.length > 0) throw new ConvertError('some objects have names Kubernetes would refuse', names);
  firsts.throwIfConflicts();
}

const GENERATED_NAMESPACE: ManifestSource = { kind: 'run', flag: '--generate-namespace', location: { origin: '--generate-namespace' } };

function namespaceManifest(name: string): Manifest {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'app.kubernetes.io/managed-by': MANAGED_BY } } };
}

/** The name of an object, when Kubernetes would refuse it for its kind, reported at its maker. */
function nameProblems({ manifest, source }: SourcedManifest): Diagnostic[] {
  const problem = nameProblem(manifest.kind, manifest.metadata.name);
  if (problem === undefined) return [];
  const maker = source.kind === 'workload' ? '' : `${describeSource(source)}: `;
  return [{ location: source.location, field: source.kind === 'workload' ? 'metadata.name' : '', message: `${maker}${problem}` }];
}

/** Kinds that live outside namespaces (the ones score-ts knows; any other kind is taken as namespaced). */
export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

/** The object in the run's namespace (if namespaced), rebuilt with apiVersion, kind, metadata first and metadata keys in a fixed order. */
export function withNamespace(manifest: Manifest, namespace: string | undefined): Manifest {
  const { apiVersion, kind, metadata, ...rest } = manifest;
  const { name, namespace: own, labels, annotations, ...otherMetadata } = metadata ?? { name: '' };
  const ns = CLUSTER_SCOPED.has(kind) ? undefined : (namespace ?? own);
  return {
    apiVersion,
    kind,
    metadata: {
      name,
      ...(ns ? { namespace: ns } : {}),
      ...(labels ? { labels } : {}),
      ...(annotations ? { annotations } : {}),
      ...otherMetadata,
    },
    ...rest,
  };
}

/** A namespace name must be a DNS-1123 label. */
export function checkNamespace(namespace: string): void {
  if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(namespace)) {
    throw new UsageError(
      `--namespace '${namespace}' is not a valid Kubernetes namespace name: use up to 63 lowercase letters, digits and '-'`,
    );
  }
}
