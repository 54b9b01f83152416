/** Container `variables` -> env, sorted by name, placeholders expanded. */
import type { Container } from '../base/types.js';
import { expandText, PlaceholderError, type ExpandContext } from './expand.js';
import type { Diagnostics } from '../base/diagnostics.js';
import { shortHash } from './names.js';
import { compareStrings } from '../base/sorted.js';
import { SECRET_HELPER_PREFIX, SecretRefCodec, type SecretRef } from '../base/secret-ref.js';

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: Record<string, unknown>;
}

/**
 * Variables become env entries. A value that is exactly one secret output becomes a secretKeyRef; a value
 * that mixes text and secrets reads each secret from a helper variable (declared first, since Kubernetes
 * expands `$(NAME)` only from earlier entries), so no secret value is ever written in plain text.
 */
export function convertVariables(containerName: string, container: Container, ctx: ExpandContext, problems: Diagnostics): EnvVar[] {
  const env: EnvVar[] = [];
  const helpers = new Map<string, EnvVar>();
  for (const name of Object.keys(container.variables ?? {}).sort()) {
    const path = ['containers', containerName, 'variables', name];
    const value = problems.attempt(path, PlaceholderError, () => expandText(container.variables![name]!, ctx));
    if (value !== undefined) env.push(envVar(name, value, ctx.secretRefs ?? NO_SECRET_REFS, helpers));
  }
  return [...[...helpers.values()].sort((a, b) => compareStrings(a.name, b.name)), ...env];
}

/** Without the run's secret references, no text is one. */
const NO_SECRET_REFS = new SecretRefCodec();

function envVar(name: string, value: string, secretRefs: SecretRefCodec, helpers: Map<string, EnvVar>): EnvVar {
  const parts = secretRefs.split(value);
  const only = parts[0];
  if (parts.length === 1 && typeof only === 'object') return { name, valueFrom: secretKeyRef(only) };
  if (!parts.some((p) => typeof p === 'object')) return { name, value: escapeKubernetesExpansion(value) };
  const text = parts.map((part) => {
    if (typeof part === 'string') return escapeKubernetesExpansion(part);
    const helper = `${SECRET_HELPER_PREFIX}${shortHash(`${part.name}/${part.key}`).toUpperCase()}`;
    helpers.set(helper, { name: helper, valueFrom: secretKeyRef(part) });
    return `$(${helper})`;
  });
  return { name, value: text.join('') };
}

function secretKeyRef(ref: SecretRef): Record<string, unknown> {
  return { secretKeyRef: { name: ref.name, key: ref.key } };
}

/**
 * Kubernetes expands `$(NAME)` in env values, command and args, and turns `$$` into `$`. Score values are
 * literal, so every `$` is doubled: the container sees exactly the value the Score file meant.
 */
export function escapeKubernetesExpansion(value: string): string {
  return value.includes('$') ? value.replace(/\$/g, '$$$$') : value;
}
