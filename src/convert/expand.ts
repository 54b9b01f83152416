/** Resolves Score placeholders against the workload's metadata and its resources' outputs. */
import type { SecretRef, SecretRefCodec } from '../base/secret-ref.js';
import { parsePlaceholders, PlaceholderSyntaxError } from './placeholders.js';

/** What placeholders of one workload can see. */
export interface ExpandContext {
  readonly metadata: Readonly<Record<string, unknown>>;
  /** Outputs of the workload's resources by resource name; undefined when the workload has no such resource. */
  readonly resourceOutputs: (resourceName: string) => Readonly<Record<string, unknown>> | undefined;
  /** The value behind a secret output, when score-ts generated it (files need values, not references). */
  readonly secretValue?: ((ref: SecretRef) => string | undefined) | undefined;
  /** The run's secret references in outputs; without it, no text is a secret reference. */
  readonly secretRefs?: SecretRefCodec | undefined;
}

/** A placeholder that names something that does not exist; the message says what to do. */
export class PlaceholderError extends Error {}

/** The text of one placeholder's reference (`source` is the placeholder as written, for messages). */
export function resolveReference(ref: readonly string[], source: string, ctx: ExpandContext): string {
  const [root, ...rest] = ref;
  if (root === 'metadata') {
    if (rest.length === 0) throw new PlaceholderError(`${source} needs a metadata key, like \${metadata.name}`);
    return stringify(walk(ctx.metadata, rest, source, 'metadata'));
  }
  if (root === 'resources') {
    const [name, ...keys] = rest;
    const outputs = name === undefined ? undefined : ctx.resourceOutputs(name);
    if (name === undefined || outputs === undefined) {
      throw new PlaceholderError(`${source} refers to resource '${name ?? ''}', which this workload does not declare under 'resources'`);
    }
    if (keys.length === 0) throw new PlaceholderError(`${source} needs an output name, like \${resources.${name}.host}`);
    return stringify(walk(outputs, keys, source, `resource '${name}'`));
  }
  throw new PlaceholderError(
    `${source} is not a known placeholder: use \${metadata.KEY} or \${resources.NAME.OUTPUT}, or write $\${...} for a literal '\${'`,
  );
}

/** Expands every placeholder of a plain string. */
export function expandText(text: string, ctx: ExpandContext): string {
  let parts;
  try {
    parts = parsePlaceholders(text);
  } catch (e) {
    if (e instanceof PlaceholderSyntaxError) throw new PlaceholderError(e.message);
    throw e;
  }
  return parts.map((p) => ('text' in p ? p.text : resolveReference(p.ref, p.source, ctx))).join('');
}

function walk(start: unknown, keys: readonly string[], source: string, what: string): unknown {
  let node = start;
  for (const [i, key] of keys.entries()) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) {
      throw new PlaceholderError(`${source}: cannot look up '${key}' in ${what}: '${keys.slice(0, i).join('.')}' is not a map`);
    }
    if (!Object.prototype.hasOwnProperty.call(node, key)) {
      const known = Object.keys(node).sort().join(', ') || 'none';
      throw new PlaceholderError(`${source}: ${what} has no key '${keys.slice(0, i + 1).join('.')}' (known: ${known})`);
    }
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Non-string values become JSON, as score-go does. */
function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? '';
}
