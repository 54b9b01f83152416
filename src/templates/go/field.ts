/**
 * `.Name` on a value (Go's evalField): a method, a struct field, or a map key, with missingkey's three
 * behaviours and Go's errors for nil, unexported and unknown fields.
 *
 * Hot path: values go in and out unwrapped, with a flag for "read from an interface{} slot" beside them
 * (null with the flag is a nil interface), so that a chain like `.State.service` allocates nothing.
 */
import type { ExecState } from './exec-state.js';
import { quote } from './fmt/quote.js';
import type { GoFunc } from './funcs.js';
import { T, isAssignable, isExported, type GoType } from './go-types.js';
import { Iface, NIL_IFACE, Typed, isGoMap, typeOf, zeroOf, type GoValue, type MapKey } from './values.js';

/** What a lookup found besides its value: interface-ness, or a method to call instead. */
export interface Found {
  iface: boolean;
  method: GoFunc | undefined;
}

/** Looks up `name` on a receiver (null + iface: a nil interface; undefined: no value). */
export function lookupField(s: ExecState, receiver: GoValue, iface: boolean, name: string, hasArgs: boolean, found: Found): GoValue {
  found.method = undefined;
  if (isGoMap(receiver)) return mapKey(s, receiver, name, hasArgs, found);
  if (receiver === undefined) {
    if (s.set.missingKey === 'error') s.errorf(`nil data; no entry for key ${quote(name)}`);
    found.iface = false;
    return undefined;
  }
  const typ = (): string => (iface ? T.any.name : typeOf(receiver)!.name);
  if (receiver === null) s.errorf(`nil pointer evaluating ${typ()}.${name}`);
  let recv: GoValue = receiver;
  let nilPointer = false;
  while (recv instanceof Typed && recv.type.kind === 'ptr') {
    if (recv.v === null) {
      nilPointer = true;
      break;
    }
    recv = recv.v as GoValue;
  }
  const method = methodOf(receiver, recv, name);
  if (method) {
    found.method = method;
    return undefined;
  }
  if (isGoMap(recv)) return mapKey(s, recv, name, hasArgs, found);
  if (recv instanceof Typed) {
    const value = typedField(s, recv, name, hasArgs, nilPointer, typ, found);
    if (value !== NOT_FOUND) return value;
  }
  return s.errorf(`can't evaluate field ${name} in type ${typ()}`);
}

const NOT_FOUND = Symbol('not found');

/** A field of a struct, a key of a typed map, or Go's error for a nil pointer to a struct having it. */
function typedField(
  s: ExecState,
  recv: Typed,
  name: string,
  hasArgs: boolean,
  nilPointer: boolean,
  typ: () => string,
  found: Found,
): GoValue | typeof NOT_FOUND {
  const { type } = recv;
  if (type.kind === 'struct') {
    const i = fieldIndex(type).get(name);
    if (i === undefined) return NOT_FOUND;
    if (!exported(type, i)) s.errorf(`${name} is an unexported field of struct type ${typ()}`);
    if (hasArgs) s.errorf(`${name} has arguments but cannot be invoked as function`);
    found.iface = type.fields![i]!.type.kind === 'interface';
    return (recv.v as GoValue[])[i];
  }
  if (type.kind === 'map' && isAssignable(T.string, type.key!)) {
    if (hasArgs) s.errorf(`${name} is not a method but has arguments`);
    const value = (recv.v as Map<MapKey, GoValue> | null)?.get(name);
    found.iface = type.elem!.kind === 'interface';
    return value !== undefined ? value : missingKey(s, type.elem!, name, found);
  }
  if (type.kind === 'ptr' && nilPointer && (type.elem!.kind !== 'struct' || fieldIndex(type.elem!).has(name))) {
    s.errorf(`nil pointer evaluating ${typ()}.${name}`);
  }
  return NOT_FOUND;
}

function mapKey(s: ExecState, m: Readonly<Record<string, GoValue>>, name: string, hasArgs: boolean, found: Found): GoValue {
  if (hasArgs) s.errorf(`${name} is not a method but has arguments`);
  found.iface = true;
  const value = m[name];
  // Inherited properties of plain objects are functions, or __proto__: only then is hasOwn needed.
  if (value !== undefined && typeof value !== 'function' && (name !== '__proto__' || Object.hasOwn(m, name))) return value;
  return missingKey(s, T.any, name, found);
}

function missingKey(s: ExecState, elem: GoType, name: string, found: Found): GoValue {
  switch (s.set.missingKey) {
    case 'error':
      return s.errorf(`map has no entry for key ${quote(name)}`);
    case 'zero':
      return zeroOf(elem);
    default:
      found.iface = false;
      return undefined;
  }
}

const fieldIndexes = new WeakMap<GoType, Map<string, number>>();
const exportedFields = new WeakMap<GoType, boolean[]>();

/** Whether field i of a struct type is exported, computed once per type. */
function exported(type: GoType, i: number): boolean {
  let flags = exportedFields.get(type);
  if (!flags) exportedFields.set(type, (flags = (type.fields ?? []).map((f) => isExported(f.name))));
  return flags[i]!;
}

/** A struct type's field positions by name, computed once per type. */
function fieldIndex(type: GoType): Map<string, number> {
  let index = fieldIndexes.get(type);
  if (!index) fieldIndexes.set(type, (index = new Map((type.fields ?? []).map((f, i) => [f.name, i]))));
  return index;
}

/** A method of the value's type (or of the pointer it was reached through), bound to the value. */
function methodOf(receiver: GoValue, recv: GoValue, name: string): GoFunc | undefined {
  const own = recv instanceof Typed ? recv.type.methods?.[name] : undefined;
  const viaPointer = receiver instanceof Typed && receiver !== recv ? receiver.type.methods?.[name] : undefined;
  const method = own ?? viaPointer;
  if (!method) return undefined;
  const self = own ? recv : receiver;
  return { type: method.type, fn: (args) => method.fn([self, ...args]) };
}

/** An execution value from a raw value and its interface-ness. */
export function asExecValue(v: GoValue, iface: boolean): GoValue | Iface {
  if (!iface) return v;
  return v === null || v === undefined ? NIL_IFACE : new Iface(v);
}
