/** Helpers for plain data (what YAML and JSON give): maps, lists and scalars. */
import type { FieldPath } from './types.js';
import { compareStrings } from './sorted.js';

export function isPlainMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Calls `fn` for every string inside a value, with its path. */
export function forEachString(value: unknown, path: FieldPath, fn: (text: string, path: FieldPath) => void): void {
  visitStrings(value, path, fn);
}

/** Calls `fn` for every string inside a value, making no paths (faster where they are not needed). */
export function forEachStringValue(value: unknown, fn: (text: string) => void): void {
  visitStrings(value, undefined, fn);
}

const NO_PATH: FieldPath = Object.freeze([]);

function visitStrings(value: unknown, path: FieldPath | undefined, fn: (text: string, path: FieldPath) => void): void {
  if (typeof value === 'string') fn(value, path ?? NO_PATH);
  else if (Array.isArray(value)) value.forEach((v, i) => visitStrings(v, path && [...path, i], fn));
  else if (isPlainMap(value)) for (const [k, v] of Object.entries(value)) visitStrings(v, path && [...path, k], fn);
}

/** A copy of a value with every string inside it replaced by `fn(string, path)`. */
export function mapStrings(value: unknown, fn: (text: string, path: FieldPath) => string, path: FieldPath = []): unknown {
  if (typeof value === 'string') return fn(value, path);
  if (Array.isArray(value)) return value.map((v, i) => mapStrings(v, fn, [...path, i]));
  if (isPlainMap(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn, [...path, k])]));
  return value;
}

/**
 * The value with every string inside it replaced by `fn(string)`, copying only the maps and lists on the way to
 * a string that changed: the rest is the value's own. For values nothing writes to afterwards.
 */
export function replaceStrings(value: unknown, fn: (text: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) {
    const list: readonly unknown[] = value;
    let copy: unknown[] | undefined;
    list.forEach((item, i) => {
      const next = replaceStrings(item, fn);
      if (next !== item) (copy ??= [...list])[i] = next;
    });
    return copy ?? list;
  }
  if (!isPlainMap(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const next = replaceStrings(item, fn);
    if (next !== item) setOwn((copy ??= { ...value }), key, next);
  }
  return copy ?? value;
}

/** A map's own value for `key` (never one inherited from the prototype, such as `__proto__` or `constructor`). */
export function ownValue(map: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

/**
 * Sets a map's own `key`, even `__proto__`, without touching any prototype. Plain assignment does that for
 * every other key of plain data, and is far quicker than defineProperty, which leaves V8 a slow map.
 */
export function setOwn(map: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  else map[key] = value;
}

/** A copy of a value whose maps have their keys in code-point order at every level. */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (!isPlainMap(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort(compareStrings)
      .map((k) => [k, sortKeysDeep(value[k])]),
  );
}

/**
 * A JSON.stringify replacer that writes every map's keys in sorted order: the text of sortKeysDeep(value),
 * made without a deep copy (each map's sorted copy is shallow and lives only while it is written).
 */
export function sortedKeysReplacer(_key: string, value: unknown): unknown {
  if (!isPlainMap(value)) return value;
  const keys = Object.keys(value);
  // A map read back from a file written this way is in order already, as most of the state is.
  if (keys.every((key, i) => i === 0 || compareStrings(keys[i - 1]!, key) < 0)) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of keys.sort(compareStrings)) setOwn(sorted, key, value[key]);
  return sorted;
}

/**
 * The text of `JSON.stringify(value, sortedKeysReplacer, 2)` in pieces: the maps `splitDepth` levels deep
 * are written entry by entry, so a large document (the state of ten thousand resources) is never one string.
 */
export function* sortedJsonPieces(value: unknown, splitDepth: number, indent = ''): Generator<string> {
  const keys = isPlainMap(value) && splitDepth > 0 ? Object.keys(value).filter((k) => value[k] !== undefined) : [];
  if (!isPlainMap(value) || keys.length === 0) {
    yield (JSON.stringify(value, sortedKeysReplacer, 2) ?? 'null').replace(/\n/g, `\n${indent}`);
    return;
  }
  const inner = `${indent}  `;
  let separator = '{\n';
  for (const key of keys.sort(compareStrings)) {
    yield `${separator}${inner}${JSON.stringify(key)}: `;
    yield* sortedJsonPieces(value[key], splitDepth - 1, inner);
    separator = ',\n';
  }
  yield `\n${indent}}`;
}

/** JSON with sorted keys, so equal data compares equal whatever its key order; a missing value (undefined) is null. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeysDeep(value), (_key, v: unknown) => v ?? null);
}
