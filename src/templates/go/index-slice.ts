/** The index, slice, len and call built-ins, with Go's error texts. */
import { GoFuncError } from './errors.js';
import { decodeGoBytes, utf8Bytes } from './fmt/utf8.js';
import { T, isAssignable, isIntKind, isUintKind, type GoType } from './go-types.js';
import { canBeNil, execTypeName, fromSlot, hasEntry, indirect, indirectInterface, lengthOf, resultValue, zeroValue } from './reflect.js';
import { Typed, isGoMap, typeOf, valueOfType, zeroOf, type ExecValue, type GoValue, type MapKey } from './values.js';

const fail = (message: string): GoFuncError => new GoFuncError(message);

/** index x 1 2: x[1][2] over slices, arrays, strings (a byte) and maps (the zero value when missing). */
export function index(args: readonly ExecValue[]): ExecValue {
  let item: ExecValue = indirectInterface(args[0]);
  if (item === undefined) throw fail('index of untyped nil');
  for (const raw of args.slice(1)) {
    const key = indirectInterface(raw);
    const [v, isNil] = indirect(item);
    if (isNil) throw fail('index of nil pointer');
    item = indexOne(v as GoValue, key);
  }
  return item;
}

function indexOne(item: GoValue, key: GoValue): ExecValue {
  const type = typeOf(item)!;
  if (type.kind === 'slice' || type.kind === 'array' || type.kind === 'string') {
    const n = lengthOf(item);
    const x = indexArg(key, n);
    if (x === n) throw fail(`reflect: ${type.kind} index out of range`);
    if (type.kind === 'string') return valueOfType(T.uint8, BigInt(utf8Bytes(stringOf(item))[x]!));
    return fromSlot(type.elem, itemsOf(item)[x]);
  }
  if (type.kind === 'map') {
    const k = prepareArg(key, type.key!);
    const found = isGoMap(item)
      ? hasEntry(item, k as string)
        ? item[k as string]
        : undefined
      : (item as Typed & { v: Map<MapKey, GoValue> | null }).v?.get(rawKey(k));
    return found !== undefined ? fromSlot(type.elem, found) : zeroValue(type.elem!);
  }
  throw fail(`can't index item of type ${type.name}`);
}

function stringOf(v: GoValue): string {
  return typeof v === 'string' ? v : ((v as Typed).v as string);
}

function itemsOf(v: GoValue): GoValue[] {
  return Array.isArray(v) ? v : (((v as Typed).v as GoValue[] | null) ?? []);
}

function rawKey(k: GoValue): MapKey {
  return (k instanceof Typed ? k.v : k) as MapKey;
}

/** An int index within [0, cap]. */
function indexArg(index: ExecValue, cap: number): number {
  let x: bigint;
  if (typeof index === 'bigint') x = index;
  else if (index instanceof Typed && isIntKind(index.type.kind)) x = index.v as bigint;
  else if (index instanceof Typed && isUintKind(index.type.kind)) x = BigInt.asIntN(64, index.v as bigint);
  else if (index === undefined) throw fail('cannot index slice/array with nil');
  else throw fail(`cannot index slice/array with type ${execTypeName(index)}`);
  if (x < 0n || x > BigInt(cap)) throw fail(`index out of range: ${x}`);
  return Number(x);
}

/** A map key for `type`: nil only where nil fits, ints converted between int kinds. */
function prepareArg(value: GoValue, type: GoType): GoValue {
  if (value === undefined) {
    if (!canBeNil(type)) throw fail(`value is nil; should be of type ${type.name}`);
    value = zeroOf(type);
  }
  const from = typeOf(value);
  if (from === undefined || isAssignable(from, type)) return value;
  const intLike = (k: string): boolean => isIntKind(k as GoType['kind']) || isUintKind(k as GoType['kind']);
  if (intLike(from.kind) && intLike(type.kind)) return valueOfType(type, rawKey(value));
  throw fail(`value has type ${from.name}; should be ${type.name}`);
}

/** slice x 1 2: x[1:2] of a string (by bytes), slice or array. */
export function slice(args: readonly ExecValue[]): ExecValue {
  const item = indirectInterface(args[0]);
  if (item === undefined) throw fail('slice of untyped nil');
  const indexes = args.slice(1);
  if (indexes.length > 3) throw fail(`too many slice indexes: ${indexes.length}`);
  const type = typeOf(item)!;
  if (type.kind === 'string' && indexes.length === 3) throw fail('cannot 3-index slice a string');
  if (type.kind !== 'string' && type.kind !== 'slice' && type.kind !== 'array') throw fail(`can't slice item of type ${type.name}`);
  const n = lengthOf(item);
  const idx = [0, n, 0];
  indexes.forEach((x, i) => (idx[i] = indexArg(x, n)));
  const [i, j, k] = idx as [number, number, number];
  if (i > j) throw fail(`invalid slice index: ${i} > ${j}`);
  if (indexes.length === 3 && j > k) throw fail(`invalid slice index: ${j} > ${k}`);
  if (type.kind === 'string') return valueOfType(type, sliceBytes(stringOf(item), i, j));
  if (Array.isArray(item)) return item.slice(i, j);
  const items = (item as Typed).v as GoValue[] | null;
  return new Typed(
    type.kind === 'array' ? { kind: 'slice', name: `[]${type.elem!.name}`, elem: type.elem! } : type,
    items === null ? null : items.slice(i, j),
  );
}

/** s[i:j] by bytes; a cut inside a character leaves U+FFFD for each byte of it. */
function sliceBytes(s: string, i: number, j: number): string {
  if (!/[\u0080-\uffff]/.test(s)) return s.slice(i, j); // ASCII only: a byte is a character
  return decodeGoBytes(utf8Bytes(s).subarray(i, j));
}

/** len x: bytes of a string, elements of a slice, array or map. */
export function length(args: readonly ExecValue[]): GoValue {
  const [v, isNil] = indirect(args[0]);
  if (isNil) throw fail('len of nil pointer');
  if (v === undefined) throw fail('reflect: call of reflect.Value.Type on zero Value');
  const n = lengthOf(v as GoValue);
  if (n < 0) throw fail(`len of type ${execTypeName(v)}`);
  return BigInt(n);
}

/** call fn args...: calls a function value (a func-typed field, map entry or variable). */
export function call(args: readonly ExecValue[]): ExecValue {
  const fn = indirectInterface(args[0]);
  if (fn === undefined) throw fail('call of nil');
  const type = typeOf(fn)!;
  if (type.kind !== 'func') throw fail(`non-function of type ${type.name}`);
  const sig = type.signature!;
  const rest = args.slice(1);
  const numIn = sig.params.length;
  if (sig.variadic && rest.length < numIn - 1) throw fail(`wrong number of args: got ${rest.length} want at least ${numIn - 1}`);
  if (!sig.variadic && rest.length !== numIn) throw fail(`wrong number of args: got ${rest.length} want ${numIn}`);
  const argv = rest.map((raw, i) => {
    const param = sig.params[Math.min(i, numIn - 1)]!;
    try {
      const v = prepareArg(indirectInterface(raw), param);
      return param.kind === 'interface' && v === undefined ? null : v;
    } catch (e) {
      throw e instanceof GoFuncError ? fail(`arg ${i}: ${e.message}`) : e;
    }
  });
  const body = (fn as Typed).v as { fn: (a: GoValue[]) => GoValue } | null;
  if (body === null) throw fail('reflect.Value.Call: call of nil function');
  return resultValue(sig.result, body.fn(argv));
}
