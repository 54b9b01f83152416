/**
 * What execution needs of Go's reflect: following pointers and interfaces, truth, lengths, elements of
 * containers (interface{} elements come out as interface values), and the types errors name.
 */
import { utf8Length } from './fmt/utf8.js';
import { T, isIntKind, isUintKind, type GoType } from './go-types.js';
import { isReflectValue } from './funcs.js';
import {
  Iface,
  NIL_IFACE,
  Typed,
  isGoMap,
  typeOf,
  valueOfType,
  zeroOf,
  type ExecValue,
  type GoComplex,
  type GoValue,
  type MapKey,
} from './values.js';

/** The type of an execution value as Go names it (`interface {}` for an interface value). */
export function execType(v: ExecValue): GoType | undefined {
  return v instanceof Iface ? T.any : typeOf(v);
}

export function execTypeName(v: ExecValue): string {
  return execType(v)?.name ?? '<nil>';
}

/** indirect: through pointers and interfaces to a value; stops at a nil one (and says so). */
export function indirect(v: ExecValue): [ExecValue, boolean] {
  for (;;) {
    if (v instanceof Iface) {
      if (v.v === null) return [v, true];
      v = v.v;
    } else if (v instanceof Typed && v.type.kind === 'ptr') {
      if (v.v === null) return [v, true];
      v = v.v as GoValue;
    } else return [v, false];
  }
}

/** indirectInterface: the value inside an interface; no value for a nil one. */
export function indirectInterface(v: ExecValue): GoValue {
  if (v instanceof Iface) return v.v === null ? undefined : v.v;
  return v;
}

/** A value read from a slot of this type: interface slots give interface values. */
export function fromSlot(type: GoType | undefined, v: GoValue): ExecValue {
  if (type !== undefined && type.kind !== 'interface') return v;
  return v === null || v === undefined ? NIL_IFACE : new Iface(v);
}

/** Whether a plain map has an entry for a key (an own property that is not undefined). */
export function hasEntry(m: Readonly<Record<string, GoValue>>, key: string): boolean {
  return Object.hasOwn(m, key) && m[key] !== undefined;
}

/** Go's truth: not the zero value of its type; nil and no value are false, structs always true. */
export function isTrue(v: ExecValue): boolean {
  switch (typeof v) {
    case 'string':
      return v.length > 0;
    case 'boolean':
      return v;
    case 'number':
      return v !== 0;
    case 'bigint':
      return v !== 0n;
    case 'undefined':
      return false;
  }
  if (v === null) return false;
  if (v instanceof Iface) return v.v !== null;
  if (Array.isArray(v)) return v.length > 0;
  if (!(v instanceof Typed)) return lengthOf(v) > 0;
  const { kind } = v.type;
  if (isIntKind(kind) || isUintKind(kind)) return v.v !== 0n;
  if (kind === 'complex64' || kind === 'complex128') return (v.v as GoComplex).re !== 0 || (v.v as GoComplex).im !== 0;
  if (kind === 'struct') return true;
  if (kind === 'array') return (v.type.len ?? 0) > 0;
  if (kind === 'ptr' || kind === 'func') return v.v !== null;
  if (kind === 'float32' || kind === 'float64') return v.v !== 0;
  if (kind === 'bool') return v.v as boolean;
  return lengthOf(v) > 0;
}

/** Go's truth of a value passed to and, or, not (interfaces looked through). */
export function truth(v: ExecValue): boolean {
  return isTrue(indirectInterface(v));
}

/** len of a string (bytes), slice, array or map; -1 for other values. */
export function lengthOf(v: GoValue): number {
  if (typeof v === 'string') return utf8Length(v);
  if (Array.isArray(v)) return v.length;
  if (isGoMap(v)) {
    let n = 0;
    for (const k in v) if (hasEntry(v, k)) n++;
    return n;
  }
  if (!(v instanceof Typed)) return -1;
  switch (v.type.kind) {
    case 'string':
      return utf8Length(v.v as string);
    case 'slice':
    case 'array':
      return v.v === null ? 0 : (v.v as GoValue[]).length;
    case 'map':
      return v.v === null ? 0 : (v.v as Map<MapKey, GoValue>).size;
  }
  return -1;
}

/** Kinds that an untyped nil can be assigned to (reflect.Zero gives their nil). */
export function canBeNil(type: GoType): boolean {
  const k = type.kind;
  return k === 'func' || k === 'interface' || k === 'map' || k === 'ptr' || k === 'slice' || isReflectValue(type);
}

/** Go's zero value of a parameter or result type, as an execution value. */
export function zeroValue(type: GoType): ExecValue {
  if (isReflectValue(type)) return undefined;
  return fromSlot(type, zeroOf(type));
}

/** A function's result as Go's reflect.Value would hold it: interface results are interface values. */
export function resultValue(type: GoType, v: ExecValue): ExecValue {
  if (isReflectValue(type)) return v;
  if (type.kind === 'interface') return v instanceof Iface ? v : fromSlot(type, v);
  if (v === null || v === undefined) return zeroOf(type);
  // An int result wraps to its size, as Go's arithmetic does.
  return typeof v === 'bigint' ? valueOfType(type, v) : v;
}
