/**
 * The final document list: Namespace, then resource manifests, then each workload's objects with
 * workloads sorted by name; duplicates dropped; namespace set; keys in kubectl's customary order.
 */
import { UsageError } from '../errors.js';
import { MANAGED_BY } from '../convert/names.js';
import { compareStrings } from '../convert/sorted.js';
import type { Manifest } from '../types.js';

export interface AssembleOptions {
  readonly namespace?: string;
  readonly generateNamespace?: boolean;
}

/** Kinds that live outside namespaces: they never get metadata.namespace. */
const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding',
  'CustomResourceDefinition', 'PriorityClass', 'IngressClass', 'GatewayClass', 'RuntimeClass',
  'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'APIService', 'CSIDriver', 'VolumeSnapshotClass',
]);

export function assembleManifests(
  resourceManifests: readonly Manifest[],
  workloadManifests: ReadonlyMap<string, readonly Manifest[]>,
  options: AssembleOptions,
): Manifest[] {
  const ordered: Manifest[] = [];
  if (options.generateNamespace && options.namespace) ordered.push(namespaceManifest(options.namespace));
  ordered.push(...resourceManifests);
  for (const name of [...workloadManifests.keys()].sort(compareStrings)) ordered.push(...workloadManifests.get(name)!);
  const seen = new Set<string>();
  const result: Manifest[] = [];
  for (const manifest of ordered) {
    const placed = withNamespace(manifest, options.namespace);
    const id = identity(placed);
    if (seen.has(id)) continue;
    seen.add(id);
    result.push(placed);
  }
  return result;
}

function namespaceManifest(name: string): Manifest {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'app.kubernetes.io/managed-by': MANAGED_BY } } };
}

function identity(m: Manifest): string {
  return [m.apiVersion, m.kind, m.metadata.namespace ?? '', m.metadata.name].join('/');
}

/** Rebuilds the object with apiVersion, kind, metadata first and metadata keys in a fixed order. */
function withNamespace(manifest: Manifest, namespace: string | undefined): Manifest {
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
    throw new UsageError(`--namespace '${namespace}' is not a valid Kubernetes namespace name: use up to 63 lowercase letters, digits and '-'`);
  }
}
