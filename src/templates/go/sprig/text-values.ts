/**
 * What sprig's text, list and dict functions ask of Go's reflect: a value's kind, a list's elements, a map's
 * entries, nil-ness and emptiness; plus sprig's strval and strslice, which turn any value into text.
 */
import { setOwn } from '../../../base/plain-data.js';
import { GoFuncError } from '../errors.js';
import { sprintf } from '../fmt/print.js';
import { decodeGoBytes } from '../fmt/utf8.js';
import { sliceOf, T, type GoKind } from '../go-types.js';
import { sortedEntries } from '../order.js';
import { Typed, isGoMap, sliceValue, typeOf, type GoMap, type GoValue, type MapKey } from '../values.js';

/** The panic of reflect.TypeOf(nil).Kind() and other nil dereferences. */
const NIL_DEREFERENCE = 'runtime error: invalid memory address or nil pointer dereference';

/** reflect.Kind's name of an interface{} value ("invalid" for nil). */
export function kindName(v: GoValue): string {
  const kind = typeOf(v)?.kind;
  return kind === undefined ? 'invalid' : kind;
}

/** reflect.TypeOf(v).Kind(), which panics for nil. */
export function kindOrPanic(v: GoValue): GoKind {
  const kind = typeOf(v)?.kind;
  if (kind === undefined) throw new GoFuncError(NIL_DEREFERENCE);
  return kind;
}

/** The elements of a slice or array (a nil slice has none); undefined for other values. */
export function listItems(v: GoValue): readonly GoValue[] | undefined {
  if (Array.isArray(v)) return v;
  if (!(v instanceof Typed) || (v.type.kind !== 'slice' && v.type.kind !== 'array')) return undefined;
  return (v.v as GoValue[] | null) ?? [];
}

/** A map entry, own properties only (`__proto__` is an ordinary key). */
export function entryOf(m: GoMap, key: string): GoValue {
  return Object.hasOwn(m, key) ? m[key] : undefined;
}

/** Sets a map entry as an own property, whatever the key. */
export function setEntry(m: GoMap, key: string, value: GoValue): void {
  setOwn(m, key, value);
}

/** A new map[string]interface{}. */
export function newMap(entries: Iterable<readonly [string, GoValue]> = []): GoMap {
  const m: GoMap = {};
  for (const [k, v] of entries) setEntry(m, k, v);
  return m;
}

/** The entries of a map[string]interface{} argument (nil map: none), in Go's sorted key order. */
export function mapEntries(m: GoValue): Array<[string, GoValue]> {
  return (sortedEntries(m) ?? []) as Array<[string, GoValue]>;
}

/** A map[string]interface{} argument as a plain object, or null for a nil map. */
export function plainMap(m: GoValue): GoMap | null {
  return isGoMap(m) ? m : null;
}

/** The key of a typed map's payload for a value of the key type. */
export function rawKey(k: GoValue): MapKey {
  return (k instanceof Typed ? k.v : k) as MapKey;
}

/** sprig's strval: strings as they are, []byte as text, anything else as fmt's %v (Stringers included). */
export function strval(v: GoValue): string {
  if (typeof v === 'string') return v;
  if (v instanceof Typed && v.type.name === '[]uint8' && v.v !== null) return decodeGoBytes(bytesOf(v));
  return sprintf('%v', [v]);
}

function bytesOf(v: Typed): Uint8Array {
  return Uint8Array.from(v.v as GoValue[], (b) => Number((b as Typed).v));
}

/** sprig's strslice: a list's non-nil elements as strings, []string as it is (nil too), nil as none, else [strval(v)]. */
export function strslice(v: GoValue): string[] | null {
  if (v instanceof Typed && v.type.name === '[]string') return v.v === null ? null : [...(v.v as string[])];
  const items = listItems(v);
  if (items) return items.filter((x) => x !== null).map(strval);
  return v === null || v === undefined ? [] : [strval(v)];
}

/** A []string result. */
export function stringSlice(items: readonly string[] | null): Typed {
  return sliceValue(sliceOf(T.string), items);
}

/** sprig's empty (and mergo's isEmptyValue without following pointers): Go's zero value test. */
export function isEmpty(v: GoValue): boolean {
  switch (typeof v) {
    case 'string':
      return v.length === 0;
    case 'boolean':
      return !v;
    case 'number':
      return v === 0;
    case 'bigint':
      return v === 0n;
    case 'undefined':
      return true;
  }
  if (v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (!(v instanceof Typed)) return Object.keys(v).every((k) => v[k] === undefined);
  const { kind } = v.type;
  if (kind === 'struct') return false;
  if (kind === 'array') return (v.type.len ?? 0) === 0;
  if (kind === 'complex64' || kind === 'complex128')
    return (v.v as { re: number; im: number }).re === 0 && (v.v as { im: number }).im === 0;
  if (kind === 'map') return v.v === null || (v.v as Map<MapKey, GoValue>).size === 0;
  if (kind === 'slice') return v.v === null || (v.v as GoValue[]).length === 0;
  if (kind === 'ptr' || kind === 'func' || kind === 'interface') return v.v === null;
  return v.v === 0n || v.v === 0 || v.v === '' || v.v === false;
}
