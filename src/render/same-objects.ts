/**
 * One object per identity. Kubernetes keeps one object per API group, kind, namespace and name (apps/v1 and
 * apps/v1beta2 Deployments are the same object), so two objects with one identity would replace each other
 * when applied. Identical objects are one on purpose (two resources sharing one Secret) and are merged:
 * "identical" means the same data after the run's namespace is set, key order aside; the first is kept. Any
 * other pair is an error naming both makers.
 */
import { ConvertError, type Diagnostic } from '../base/errors.js';
import { canonicalJson } from '../base/plain-data.js';
import type { Manifest } from '../base/types.js';
import { describeSource, describeSourceAt, type SourcedManifest } from '../base/manifest-source.js';

/** `group/kind/namespace/name`; the core group is empty (`v1` -> ''). */
export function objectIdentity(manifest: Manifest): string {
  const apiVersion = String(manifest.apiVersion ?? '');
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
  return [group, manifest.kind, manifest.metadata.namespace ?? '', manifest.metadata.name].map(String).join('/');
}

/** The objects with identical duplicates dropped; throws when two different objects share an identity. */
export function mergeSameObjects(objects: readonly SourcedManifest[]): SourcedManifest[] {
  const firstById = new Map<string, SourcedManifest>();
  const merged: SourcedManifest[] = [];
  const problems: Diagnostic[] = [];
  for (const object of objects) {
    const id = objectIdentity(object.manifest);
    const first = firstById.get(id);
    if (first === undefined) {
      firstById.set(id, object);
      merged.push(object);
    } else if (canonicalJson(first.manifest) !== canonicalJson(object.manifest)) {
      problems.push(conflict(first, object));
    }
  }
  if (problems.length > 0) throw new ConvertError('two different objects would have the same kind and name', problems);
  return merged;
}

/** Located at the later maker, naming the earlier one. */
function conflict(first: SourcedManifest, later: SourcedManifest): Diagnostic {
  const { kind, metadata } = later.manifest;
  const where = metadata.namespace ? ` in namespace '${metadata.namespace}'` : '';
  return {
    location: later.source.location,
    field: later.source.kind === 'workload' ? 'metadata.name' : '',
    message:
      `${describeSource(later.source)} makes ${kind} '${metadata.name}'${where}, and ${describeSourceAt(first.source)} makes a different one ` +
      'with the same name; applied together, one would silently replace the other: rename one of them',
  };
}
