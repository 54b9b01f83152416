/**
 * Score placeholders: `${metadata.name}`, `${metadata.annotations.my\.key}`, `${resources.db.host}`.
 * `$$` is a literal `$`, so `$${x}` stays `${x}`. Keys with dots are written with `\.`.
 */

/** A piece of a string with placeholders: literal text, or a reference to resolve. */
export type TemplatePart = { text: string } | { ref: string[]; source: string };

/** A placeholder with an empty part (`${metadata..name}`). */
export class PlaceholderSyntaxError extends Error {}

/** Splits a string into literal text and placeholder references. */
export function parsePlaceholders(input: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = '';
  let i = 0;
  while (i < input.length) {
    const dollar = input.indexOf('$', i);
    if (dollar < 0) {
      text += input.slice(i);
      break;
    }
    text += input.slice(i, dollar);
    const next = input[dollar + 1];
    if (next === '$') {
      text += '$';
      i = dollar + 2;
    } else if (next === '{') {
      const close = input.indexOf('}', dollar + 2);
      if (close < 0) {
        // Like score-go: an unterminated `${` is plain text.
        text += input.slice(dollar);
        break;
      }
      if (text !== '') parts.push({ text });
      text = '';
      const source = input.slice(dollar, close + 1);
      parts.push({ ref: splitReference(source.slice(2, -1), source), source });
      i = close + 1;
    } else {
      text += '$';
      i = dollar + 1;
    }
  }
  if (text !== '') parts.push({ text });
  return parts;
}

/** `metadata.annotations.a\.b` -> ['metadata', 'annotations', 'a.b'] */
export function splitReference(inner: string, source: string): string[] {
  const segments: string[] = [];
  let current = '';
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i]!;
    if (ch === '\\' && inner[i + 1] === '.') {
      current += '.';
      i++;
    } else if (ch === '.') {
      segments.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  segments.push(current);
  if (segments.some((s) => s.trim() === '')) throw new PlaceholderSyntaxError(`placeholder ${source} has an empty part`);
  return segments;
}

/** A placeholder of a parsed string: its reference and its text. */
export type PlaceholderPart = Extract<TemplatePart, { ref: string[] }>;

/** The `${resources...}` placeholders of a text; none when its placeholders do not parse (expanding says why). */
export function resourcePlaceholders(text: string): PlaceholderPart[] {
  if (!text.includes('${')) return [];
  try {
    return parsePlaceholders(text).filter((p): p is PlaceholderPart => 'ref' in p && p.ref[0] === 'resources');
  } catch (e) {
    if (e instanceof PlaceholderSyntaxError) return [];
    throw e;
  }
}
