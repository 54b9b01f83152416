/**
 * The path grammar of --override-property: dot-separated keys, `\.` for a literal dot (annotation keys),
 * `\[` for a literal bracket, `\\` for a backslash, and array indexes as a number segment (`args.0`) or in
 * brackets (`args[0]`).
 */
import { UsageError } from '../base/errors.js';
import type { PathSegment } from '../base/data-path.js';

export type { PathSegment };

// Escaped characters are swapped for private-use code points while splitting, then swapped back.
const ESCAPES: ReadonlyArray<[string, string]> = [
  ['\\\\', '\uE000'],
  ['\\.', '\uE001'],
  ['\\[', '\uE002'],
];

/** Only canonical numbers are indexes: `007` stays a map key. */
const ARRAY_INDEX = /^(0|[1-9]\d*)$/;

export function parsePropertyPath(text: string): PathSegment[] {
  let protectedText = text;
  for (const [escape, mark] of ESCAPES) protectedText = protectedText.split(escape).join(mark);
  if (protectedText.includes('\\')) throw pathError(text, "'\\' must be followed by '.', '[' or '\\'");
  const segments: PathSegment[] = [];
  for (const part of protectedText.split('.')) {
    const match = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) throw pathError(text, 'brackets must hold an array index, like args[0]');
    const [, key = '', indexes = ''] = match;
    if (key === '' && indexes === '') throw pathError(text, 'it has an empty segment');
    if (key !== '') segments.push(ARRAY_INDEX.test(key) ? Number(key) : restore(key));
    for (const m of indexes.matchAll(/\[(\d+)\]/g)) segments.push(Number(m[1]));
  }
  return segments;
}

function restore(segment: string): string {
  return segment
    .replace(/\uE000/g, '\\')
    .replace(/\uE001/g, '.')
    .replace(/\uE002/g, '[');
}

function pathError(text: string, why: string): UsageError {
  return new UsageError(`--override-property path '${text}' is not valid: ${why}`);
}
