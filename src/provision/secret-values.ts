/** The values behind secret references, read from the Secrets the provisioners generated. */
import type { Manifest } from '../base/types.js';
import type { SecretRef, SecretRefCodec } from '../base/secret-ref.js';
import { forEachString } from '../base/plain-data.js';

export interface SecretValues {
  get(ref: SecretRef): string | undefined;
  /** The values of the references inside some outputs, keyed `NAME/KEY`. */
  forOutputs(outputs: unknown): Record<string, string> | undefined;
}

export function collectSecretValues(manifests: readonly Manifest[], secretRefs: SecretRefCodec): SecretValues {
  const values = new Map<string, string>();
  for (const m of manifests) {
    if (m.apiVersion !== 'v1' || m.kind !== 'Secret') continue;
    for (const [key, v] of Object.entries((m.data ?? {}) as Record<string, unknown>))
      values.set(`${m.metadata.name}/${key}`, Buffer.from(String(v), 'base64').toString('utf8'));
    for (const [key, v] of Object.entries((m.stringData ?? {}) as Record<string, unknown>))
      values.set(`${m.metadata.name}/${key}`, String(v));
  }
  const get = (ref: SecretRef) => values.get(`${ref.name}/${ref.key}`);
  return {
    get,
    forOutputs(outputs) {
      const found: Record<string, string> = {};
      forEachString(outputs, [], (text) => {
        for (const part of secretRefs.split(text)) {
          if (typeof part === 'string') continue;
          const value = get(part);
          if (value !== undefined) found[`${part.name}/${part.key}`] = value;
        }
      });
      return Object.keys(found).length > 0 ? found : undefined;
    },
  };
}
