/** First match wins: the first provisioner whose type matches, and whose class and id match when set. */
import type { Provisioner } from './provisioner-file.js';
import type { ResourceNode } from './resource-graph.js';

export function matchProvisioner(
  node: Pick<ResourceNode, 'type' | 'class' | 'id'>,
  provisioners: readonly Provisioner[],
): Provisioner | undefined {
  return provisioners.find(
    (p) => p.type === node.type && (p.class === undefined || p.class === node.class) && (p.id === undefined || p.id === node.id),
  );
}

/** The resource types the loaded provisioners support, for "what can I use instead" messages. */
export function supportedTypes(provisioners: readonly Provisioner[]): string[] {
  return [...new Set(provisioners.map((p) => p.type))].sort();
}
