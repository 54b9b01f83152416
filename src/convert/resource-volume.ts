import { PlaceholderError } from './expand.js';

/** `${resources.NAME}` as a volume source mounts the Kubernetes volume source in the resource's `source` output. */
export function resourceVolume(outputs: Readonly<Record<string, unknown>> | undefined, name: string): Record<string, unknown> {
  if (outputs === undefined) throw new PlaceholderError(`\${resources.${name}} refers to a resource this workload does not declare`);
  const source = outputs.source;
  if (typeof source !== 'object' || source === null || Array.isArray(source)) {
    throw new PlaceholderError(
      `resource '${name}' gives no 'source' output holding a Kubernetes volume source (such as {emptyDir: {}}), so it cannot be mounted`,
    );
  }
  return structuredClone(source) as Record<string, unknown>;
}
