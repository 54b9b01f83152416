/**
 * A reference to one key of a Kubernetes Secret, carried inside output strings as a marker
 * `⟦secret:NAME:KEY⟧`. The marker holds no value: a variable that uses it becomes a secretKeyRef, and a
 * file that uses it is filled from the Secret the provisioner generated and mounted from a Secret.
 */
export interface SecretRef {
  readonly name: string;
  readonly key: string;
}

const OPEN = '\u27e6secret:';
const CLOSE = '\u27e7';
const MARKER = /\u27e6secret:([a-z0-9.-]+):([-._a-zA-Z0-9]+)\u27e7/g;
const SECRET_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

export class SecretRefError extends Error {}

export function encodeSecretRef(name: string, key: string): string {
  if (!SECRET_NAME.test(name) || name.length > 253) throw new SecretRefError(`secretRef: '${name}' is not a valid Secret name`);
  if (!SECRET_KEY.test(key) || key.length > 253) throw new SecretRefError(`secretRef: '${key}' is not a valid Secret key`);
  return `${OPEN}${name}:${key}${CLOSE}`;
}

export function containsSecretRef(text: string): boolean {
  return text.includes(OPEN);
}

/** Splits text into literal pieces and secret references, in order. */
export function splitSecretRefs(text: string): Array<string | SecretRef> {
  const parts: Array<string | SecretRef> = [];
  let last = 0;
  for (const m of text.matchAll(MARKER)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push({ name: m[1]!, key: m[2]! });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** Replaces every marker with a display form that shows where the value lives, never the value. */
export function maskSecretRefs(text: string): string {
  return text.replace(MARKER, (_m, name: string, key: string) => `<secret ${name}/${key}>`);
}

/** Replaces every marker with its value; unknown references are reported through `missing`. */
export function fillSecretRefs(text: string, lookup: (ref: SecretRef) => string | undefined, missing: (ref: SecretRef) => void): string {
  return text.replace(MARKER, (m, name: string, key: string) => {
    const value = lookup({ name, key });
    if (value === undefined) missing({ name, key });
    return value ?? m;
  });
}
