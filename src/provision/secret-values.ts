/** The values behind secret references, read from the Secrets the provisioners generated. */
import type { Manifest } from '../base/types.js';
import type { SecretRef, SecretRefCodec } from '../base/secret-ref.js';
import { forEachStringValue } from '../base/plain-data.js';

export interface SecretValues {
  get(ref: SecretRef): string | undefined;
  /** The values of the references inside some outputs, keyed `NAME/KEY`. */
  forOutputs(outputs: unknown): Record<string, string> | undefined;
}

/** The values the outputs' secret references point at, read from the v1 Secrets among the manifests. */
export function collectSecretValues(manifests: readonly Manifest[], outputs: Iterable<unknown>, secretRefs: SecretRefCodec): SecretValues {
  // Only the values referenced are kept: a large project's Secrets hold many more.
  const values = new Map<string, string | undefined>();
  // Each output's references, found once: its record asks for their values next.
  const refsOf = new WeakMap<object, SecretRef[]>();
  for (const output of outputs) {
    const refs = refsIn(output, secretRefs);
    if (typeof output === 'object' && output !== null) refsOf.set(output, refs);
    for (const ref of refs) values.set(`${ref.name}/${ref.key}`, undefined);
  }
  const keep = (name: string, key: string, value: () => string) => {
    if (values.has(`${name}/${key}`)) values.set(`${name}/${key}`, value());
  };
  for (const m of manifests) {
    if (m.apiVersion !== 'v1' || m.kind !== 'Secret') continue;
    for (const [key, v] of Object.entries((m.data ?? {}) as Record<string, unknown>))
      keep(m.metadata.name, key, () => Buffer.from(String(v), 'base64').toString('utf8'));
    for (const [key, v] of Object.entries((m.stringData ?? {}) as Record<string, unknown>)) keep(m.metadata.name, key, () => String(v));
  }
  const get = (ref: SecretRef) => values.get(`${ref.name}/${ref.key}`);
  return {
    get,
    forOutputs(outputs) {
      const found: Record<string, string> = {};
      const refs = (typeof outputs === 'object' && outputs !== null && refsOf.get(outputs)) || refsIn(outputs, secretRefs);
      for (const ref of refs) {
        const value = get(ref);
        if (value !== undefined) found[`${ref.name}/${ref.key}`] = value;
      }
      return Object.keys(found).length > 0 ? found : undefined;
    },
  };
}

function refsIn(value: unknown, secretRefs: SecretRefCodec): SecretRef[] {
  const refs: SecretRef[] = [];
  forEachStringValue(value, (text) => secretRefs.forEachRef(text, (ref) => refs.push(ref)));
  return refs;
}
