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
import { describeSource, describeSourceAt, type ManifestSource, type SourcedManifest } from '../base/manifest-source.js';

/** `group/kind/namespace/name`; the core group is empty (`v1` -> ''). */
export function objectIdentity(manifest: Manifest): string {
  const apiVersion = String(manifest.apiVersion ?? '');
  const group = apiVersion.slice(0, Math.max(0, apiVersion.lastIndexOf('/')));
  return `${group}/${String(manifest.kind)}/${String(manifest.metadata.namespace ?? '')}/${String(manifest.metadata.name)}`;
}

/** What is kept of the first object of an identity: its maker, and while a later object may equal it, the object. */
export interface FirstObject {
  readonly source: ManifestSource;
  /** The object as it was admitted (made again when asked, if it was kept in another form). */
  readonly manifest?: () => Manifest;
}

/**
 * The first object of each identity seen so far, to drop identical repeats and record different ones as
 * conflicts. Objects no later object can equal are forgotten (only their maker is kept), so a large run does
 * not keep them all: a later one with the same identity is a conflict whatever it holds.
 */
export class FirstObjects {
  private readonly firstById = new Map<string, FirstObject>();
  readonly conflicts: Diagnostic[] = [];

  /**
   * True for the first object of its identity `id` (kept as `first`); a repeat is dropped, and recorded when
   * it differs.
   */
  admit(
    object: SourcedManifest,
    first: FirstObject = { source: object.source, manifest: () => object.manifest },
    id = objectIdentity(object.manifest),
  ): boolean {
    const known = this.firstById.get(id);
    if (known === undefined) {
      this.firstById.set(id, first);
      return true;
    }
    const firstManifest = known.manifest?.();
    if (firstManifest === undefined || canonicalJson(firstManifest) !== canonicalJson(object.manifest)) {
      this.conflicts.push(conflict(known.source, object));
    }
    return false;
  }

  /** Keeps only the makers of the objects with these identities, which no later object can equal. */
  forget(ids: Iterable<string>): void {
    for (const id of ids) {
      const known = this.firstById.get(id);
      if (known?.manifest !== undefined) this.firstById.set(id, { source: known.source });
    }
  }

  throwIfConflicts(): void {
    if (this.conflicts.length > 0) throw new ConvertError('two different objects would have the same kind and name', this.conflicts);
  }
}

/** The objects with identical duplicates dropped; throws when two different objects share an identity. */
export function mergeSameObjects(objects: readonly SourcedManifest[]): SourcedManifest[] {
  const firsts = new FirstObjects();
  const merged = objects.filter((object) => firsts.admit(object));
  firsts.throwIfConflicts();
  return merged;
}

/** Located at the later maker, naming the earlier one. */
function conflict(first: ManifestSource, later: SourcedManifest): Diagnostic {
  const { kind, metadata } = later.manifest;
  const where = metadata.namespace ? ` in namespace '${metadata.namespace}'` : '';
  return {
    location: later.source.location,
    field: later.source.kind === 'workload' ? 'metadata.name' : '',
    message:
      `${describeSource(later.source)} makes ${kind} '${metadata.name}'${where}, and ${describeSourceAt(first)} makes a different one ` +
      'with the same name; applied together, one would silently replace the other: rename one of them',
  };
}
