/**
 * The final document list: Namespace, then resource manifests, then each workload's objects with
 * workloads sorted by name; namespace set; identical objects merged and different objects with one name
 * refused (same-objects.ts); names checked (name-rules.ts); keys in kubectl's customary order.
 */
import { ConvertError, UsageError, type Diagnostic } from '../base/errors.js';
import { MANAGED_BY } from '../convert/names.js';
import { compareStrings } from '../base/sorted.js';
import type { Manifest } from '../base/types.js';
import { describeSource, type ManifestSource, type SourcedManifest } from '../base/manifest-source.js';
import { nameProblem } from './name-rules.js';
import { mergeSameObjects } from './same-objects.js';

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

/** The objects of the run, each with its maker; throws when two differ with one name or a name is refused. */
export function assembleManifests(
  resourceManifests: readonly SourcedManifest[],
  workloadManifests: ReadonlyMap<string, readonly SourcedManifest[]>,
  options: AssembleOptions,
): SourcedManifest[] {
  const ordered: SourcedManifest[] = [];
  if (options.generateNamespace && options.namespace)
    ordered.push({ manifest: namespaceManifest(options.namespace), source: GENERATED_NAMESPACE });
  ordered.push(...resourceManifests);
  for (const name of [...workloadManifests.keys()].sort(compareStrings)) ordered.push(...workloadManifests.get(name)!);
  const placed = ordered.map(({ manifest, source }) => ({ manifest: withNamespace(manifest, options.namespace), source }));
  checkNames(placed);
  return mergeSameObjects(placed);
}

const GENERATED_NAMESPACE: ManifestSource = { kind: 'run', flag: '--generate-namespace', location: { origin: '--generate-namespace' } };

function namespaceManifest(name: string): Manifest {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'app.kubernetes.io/managed-by': MANAGED_BY } } };
}

/** Every name Kubernetes would refuse for its kind, reported at its maker. */
function checkNames(objects: readonly SourcedManifest[]): void {
  const problems: Diagnostic[] = objects.flatMap(({ manifest, source }) => {
    const problem = nameProblem(manifest.kind, manifest.metadata.name);
    if (problem === undefined) return [];
    const maker = source.kind === 'workload' ? '' : `${describeSource(source)}: `;
    return [{ location: source.location, field: source.kind === 'workload' ? 'metadata.name' : '', message: `${maker}${problem}` }];
  });
  if (problems.length > 0) throw new ConvertError('some objects have names Kubernetes would refuse', problems);
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
