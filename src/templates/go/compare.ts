/**
 * The comparison built-ins eq, ne, lt, le, gt, ge: basic kinds compare by value (any int with any int, signed
 * with unsigned by arithmetic value), other comparable values by Go's ==, and mixed kinds are an error.
 */
import { GoFuncError } from './errors.js';
import { sprintf } from './fmt/print.js';
import { isIntKind, isUintKind, type GoType } from './go-types.js';
import { compareStrings } from './order.js';
import { indirectInterface } from './reflect.js';
import { Typed, isGoMap, typeOf, type ExecValue, type GoComplex, type GoValue } from './values.js';

type BasicKind = 'bool' | 'int' | 'uint' | 'float' | 'complex' | 'string' | 'invalid';

interface Basic {
  readonly kind: BasicKind;
  readonly v: unknown;
}

function basic(v: GoValue): Basic {
  switch (typeof v) {
    case 'boolean':
      return { kind: 'bool', v };
    case 'bigint':
      return { kind: 'int', v };
    case 'number':
      return { kind: 'float', v };
    case 'string':
      return { kind: 'string', v };
  }
  if (!(v instanceof Typed)) return { kind: 'invalid', v };
  const k = v.type.kind;
  if (isIntKind(k)) return { kind: 'int', v: v.v };
  if (isUintKind(k)) return { kind: 'uint', v: v.v };
  if (k === 'float32' || k === 'float64') return { kind: 'float', v: v.v };
  if (k === 'complex64' || k === 'complex128') return { kind: 'complex', v: v.v };
  if (k === 'string' || k === 'bool') return { kind: k, v: v.v };
  return { kind: 'invalid', v };
}

const incompatible = (): GoFuncError => new GoFuncError('incompatible types for comparison');
const badType = (): GoFuncError => new GoFuncError('invalid type for comparison');

/** eq arg1 arg2...: arg1 == arg2 || arg1 == arg3 ... */
export function eq(args: readonly ExecValue[]): boolean {
  const a = indirectInterface(args[0]);
  if (args.length < 2) throw new GoFuncError('missing argument for comparison');
  const x = basic(a);
  for (const raw of args.slice(1)) {
    const b = indirectInterface(raw);
    const y = basic(b);
    let truth = false;
    if (x.kind !== y.kind) {
      if (x.kind === 'int' && y.kind === 'uint') truth = (x.v as bigint) >= 0n && x.v === y.v;
      else if (x.kind === 'uint' && y.kind === 'int') truth = (y.v as bigint) >= 0n && x.v === y.v;
      else if (a !== undefined && b !== undefined) throw incompatible();
    } else if (x.kind === 'complex') {
      truth = (x.v as GoComplex).re === (y.v as GoComplex).re && (x.v as GoComplex).im === (y.v as GoComplex).im;
    } else if (x.kind === 'invalid') truth = equalOther(a, b);
    else truth = x.v === y.v;
    if (truth) return true;
  }
  return false;
}

/** == on values of no basic kind: nil against nil, else Go's == where the type is comparable. */
function equalOther(a: GoValue, b: GoValue): boolean {
  const ka = typeOf(a)?.kind;
  const kb = typeOf(b)?.kind;
  if (ka !== kb && ka !== undefined && kb !== undefined) {
    throw new GoFuncError(`non-comparable types ${sprintf('%s', [a])}: ${typeOf(a)!.name}, ${typeOf(b)!.name}: ${sprintf('%v', [b])}`);
  }
  if (isNil(a) || isNil(b)) return isNil(a) === isNil(b);
  if (!isComparable(typeOf(b)!)) throw new GoFuncError(`non-comparable type ${sprintf('%s', [b])}: ${typeOf(b)!.name}`);
  return goEqual(a, b);
}

function isNil(v: GoValue): boolean {
  if (v === undefined || v === null) return true;
  if (!(v instanceof Typed)) return false;
  const k = v.type.kind;
  return (k === 'map' || k === 'slice' || k === 'ptr' || k === 'func') && v.v === null;
}

function isComparable(type: GoType): boolean {
  switch (type.kind) {
    case 'map':
    case 'slice':
    case 'func':
      return false;
    case 'struct':
      return (type.fields ?? []).every((f) => isComparable(f.type));
    case 'array':
      return isComparable(type.elem!);
  }
  return true;
}

/** Go's == on two values of comparable types (interface equality: same type, equal values). */
function goEqual(a: GoValue, b: GoValue): boolean {
  if (a === b) return true;
  const ta = typeOf(a);
  const tb = typeOf(b);
  if (!ta || !tb || ta.name !== tb.name) return false;
  if (!(a instanceof Typed) || !(b instanceof Typed)) return a === b;
  if (ta.kind === 'ptr' || ta.kind === 'func') return a.v === b.v;
  if (ta.kind === 'struct' || ta.kind === 'array') {
    const xs = a.v as GoValue[];
    const ys = b.v as GoValue[];
    return xs.every((x, i) => goEqual(x, ys[i]));
  }
  if (ta.kind === 'complex64' || ta.kind === 'complex128') {
    return (a.v as GoComplex).re === (b.v as GoComplex).re && (a.v as GoComplex).im === (b.v as GoComplex).im;
  }
  return a.v === b.v && !isGoMap(a);
}

/** lt arg1 arg2: arg1 < arg2 for basic kinds (not bool or complex). */
export function lt(a0: ExecValue, b0: ExecValue): boolean {
  const x = basic(indirectInterface(a0));
  if (x.kind === 'invalid') throw badType();
  const y = basic(indirectInterface(b0));
  if (y.kind === 'invalid') throw badType();
  if (x.kind !== y.kind) {
    if (x.kind === 'int' && y.kind === 'uint') return (x.v as bigint) < 0n || (x.v as bigint) < (y.v as bigint);
    if (x.kind === 'uint' && y.kind === 'int') return (y.v as bigint) >= 0n && (x.v as bigint) < (y.v as bigint);
    throw incompatible();
  }
  switch (x.kind) {
    case 'bool':
    case 'complex':
      throw badType();
    case 'string':
      return compareStrings(x.v as string, y.v as string) < 0;
    default:
      return (x.v as number | bigint) < (y.v as number | bigint);
  }
}

export function le(a: ExecValue, b: ExecValue): boolean {
  return lt(a, b) || eq([a, b]);
}
