/**
 * score-k8s's secret references, `🔐💬NAME_KEY💬🔐` (what its encodeSecretRef writes, and what its provisioner
 * files and cmd:// programs write by hand), become score-ts secret references (secret-ref.ts): a variable that
 * is one becomes a secretKeyRef to KEY of the Secret NAME, as in score-k8s. NAME ends at the first `_`
 * (a Secret name has none; a key may).
 *
 * Only the provisioner's own text makes a reference: the same characters coming from a Score file (a param,
 * metadata) are escaped before the provisioner sees them (a word joiner after the 🔐), so a Score file
 * cannot point a workload at another workload's Secret. Outputs and manifests get the characters back as
 * plain text; a resource's state keeps them escaped, because the state is read again on the next run.
 */
import { SecretRefError, type SecretRefCodec } from '../../base/secret-ref.js';
import { setOwn } from '../../base/plain-data.js';

const OPEN = '\u{1F510}\u{1F4AC}';
const ESCAPED_OPEN = '\u{1F510}\u2060\u{1F4AC}';
const MARKER = /\u{1F510}\u{1F4AC}(.*?)\u{1F4AC}\u{1F510}/gu;

/** Text from a Score file, with every `🔐💬` escaped. */
export function escapeMarkers(text: string): string {
  return text.includes(OPEN) ? text.replaceAll(OPEN, ESCAPED_OPEN) : text;
}

/** Escaped text back as it was written. */
export function unescapeMarkers(text: string): string {
  return text.includes(ESCAPED_OPEN) ? text.replaceAll(ESCAPED_OPEN, OPEN) : text;
}

/** Each score-k8s reference in the text as a score-ts one; throws SecretRefError for a malformed one. */
export function convertMarkers(text: string, codec: SecretRefCodec): string {
  if (!text.includes(OPEN)) return text;
  return text.replace(MARKER, (_m, inner: string) => {
    const cut = inner.indexOf('_');
    if (cut <= 0 || cut === inner.length - 1)
      throw new SecretRefError(`a secret reference must be written 🔐💬NAME_KEY💬🔐 (the Secret's name, _, the key)`);
    return codec.encode(inner.slice(0, cut), inner.slice(cut + 1));
  });
}

/** Applies `f` to every string of plain data (map keys included). */
export function mapPlainStrings(value: unknown, f: (text: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => mapPlainStrings(v, f));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) setOwn(out, f(k), mapPlainStrings(v, f));
  return out;
}
