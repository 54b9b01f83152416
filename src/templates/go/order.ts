/**
 * Go's orderings: strings compare by bytes (code points, not UTF-16 units), and maps are visited and printed
 * in sorted key order (internal/fmtsort: numbers by value with NaN first, false before true).
 */
import { Typed, isGoMap, valueOfType, type GoValue, type MapKey } from './values.js';

/** Compares strings as Go does (UTF-8 byte order, which is code point order). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral code points) sort after U+E000..U+FFFF in code point order.
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

function compareKeys(a: MapKey, b: MapKey): number {
  if (typeof a === 'string') return compareStrings(a, b as string);
  if (typeof a === 'number') {
    const y = b as number;
    if (Number.isNaN(a)) return Number.isNaN(y) ? 0 : -1;
    if (Number.isNaN(y)) return 1;
    return a < y ? -1 : a > y ? 1 : 0;
  }
  if (typeof a === 'boolean') return Number(a) - Number(b);
  return a < (b as bigint) ? -1 : a > (b as bigint) ? 1 : 0;
}

/** A map's entries in sorted key order, keys as values of the key type; undefined if v is not a map. */
export function sortedEntries(v: GoValue): Array<[GoValue, GoValue]> | undefined {
  if (isGoMap(v)) {
    const keys = Object.keys(v).filter((k) => v[k] !== undefined);
    keys.sort(compareStrings);
    return keys.map((k) => [k, v[k]]);
  }
  if (!(v instanceof Typed) || v.type.kind !== 'map') return undefined;
  const payload = v.v as Map<MapKey, GoValue> | null;
  if (payload === null) return [];
  const keys = [...payload.keys()].sort(compareKeys);
  const keyType = v.type.key;
  return keys.map((k) => [keyType ? valueOfType(keyType, k) : k, payload.get(k)]);
}
