/** For an unknown field: the known field it most likely meant (`replica` -> `replicas`), if one is close. */
import { isPlainMap } from '../base/plain-data.js';
import type { FieldTable } from './kubernetes-validators.js';

/** The fields of the object type at `segments` (from the kind's root), following lists and maps by the data. */
export function knownFields(table: FieldTable, kind: string, segments: readonly string[], data: unknown): string[] {
  let type: string | null | undefined = table.roots[kind];
  let value = data;
  for (const s of segments) {
    if (!type) return [];
    const entry: FieldTable['types'][string] | undefined = table.types[type];
    if (!Array.isArray(value)) type = entry?.f && Object.hasOwn(entry.f, s) ? entry.f[s] : entry?.m;
    value = Array.isArray(value) ? value[Number(s)] : isPlainMap(value) ? value[s] : undefined;
  }
  return Object.keys((type && table.types[type]?.f) || {});
}

/** The closest name within two edits (one for short names), or none: a far guess would mislead. */
export function closestField(unknown: string, known: readonly string[]): string | undefined {
  const limit = unknown.length <= 4 ? 1 : 2;
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(unknown.toLowerCase(), name.toLowerCase(), limit);
    if (distance <= limit && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** Levenshtein distance, giving up past `limit` (names are short, and only near ones matter). */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit || a.length > 64 || b.length > 64) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}
