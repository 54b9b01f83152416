/**
 * Objects that reach beyond the run's namespace, made by a provisioner or a patch template: cluster-scoped
 * objects (a ClusterRoleBinding can grant cluster-admin) and objects a maker put in another namespace
 * (kube-system). They are written as made; the run's summary names each one with its maker, so whoever
 * applies the output reviews them first. A workload's own objects are never such objects.
 */
import { isClusterScoped, withNamespace } from './assemble.js';
import { describeSource, type SourcedManifest } from '../base/manifest-source.js';
import { objectIdentity } from './same-objects.js';

/**
 * One warning per such object of the output. `made`: provisioner objects as their provisioner gave them (before
 * --namespace replaced their namespace); `patched`: the output after patch templates ran, where their objects
 * are found (undefined when none ran: every object made is then written, an identical repeat as one).
 */
export function reviewWarnings(
  made: readonly SourcedManifest[],
  namespace: string | undefined,
  patched?: readonly SourcedManifest[],
): string[] {
  const fromPatches = (patched ?? []).filter((o) => o.source.kind === 'patch').flatMap((o) => warning(o, namespace, false));
  // Most runs have nothing to review: the identities of the output are gathered only when there is.
  const candidates = made.filter((o) => o.source.kind === 'provisioner' && warning(o, namespace, true).length > 0);
  if (candidates.length === 0 || patched === undefined) return [...candidates.flatMap((o) => warning(o, namespace, true)), ...fromPatches];
  const written = new Set(patched.map((o) => objectIdentity(o.manifest)));
  const fromProvisioners = candidates.filter((o) => written.has(objectIdentity(withNamespace(o.manifest, namespace))));
  return [...fromProvisioners.flatMap((o) => warning(o, namespace, true)), ...fromPatches];
}

/** `replaced`: the run's --namespace was set on the object in place of its own. */
function warning({ manifest, source }: SourcedManifest, namespace: string | undefined, replaced: boolean): string[] {
  const maker = describeSource(source);
  const what = `${manifest.kind} '${manifest.metadata.name}'`;
  if (isClusterScoped(manifest.kind)) return [`${maker} emits the cluster-scoped ${what}: review it before applying`];
  const own = manifest.metadata.namespace;
  if (typeof own !== 'string' || own === '' || own === namespace) return [];
  if (namespace === undefined)
    return [`${maker} emits ${what} in namespace '${own}', outside the run's namespace: review it before applying`];
  if (replaced)
    return [`${maker} puts ${what} in namespace '${own}', which --namespace replaced with '${namespace}': review it before applying`];
  return [`${maker} emits ${what} in namespace '${own}', not in the run's namespace '${namespace}': review it before applying`];
}
