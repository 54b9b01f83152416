/**
 * sprig's integer math: add add1 sub mul div mod max biggest min (any values through cast.ToInt64, int64
 * results that wrap as Go's do), the integer lists until untilStep seq, and floor ceil round on float64s.
 */
import { GoFuncError } from '../errors.js';
import { goFunc, type GoFunc } from '../funcs.js';
import { T, sliceOf } from '../go-types.js';
import { sliceValue, typedInt, type GoValue } from '../values.js';
import { toFloat64, toInt64 } from './cast.js';
import { powInt } from './go-math.js';

const variadic = { variadic: true };
const int64 = (n: bigint): GoValue => typedInt(T.int64, n);
const wrap = (n: bigint): bigint => BigInt.asIntN(64, n);

/** A list longer than this is refused (Go would try to allocate it; a template asking for it is broken). */
const MAX_LIST_LENGTH = 10_000_000;

function divisor(v: GoValue): bigint {
  const d = toInt64(v);
  if (d === 0n) throw new GoFuncError('runtime error: integer divide by zero');
  return d;
}

function fold(args: GoValue[], pick: (a: bigint, b: bigint) => bigint): GoValue {
  return int64(args.slice(1).reduce<bigint>((acc, v) => pick(acc, toInt64(v)), toInt64(args[0])));
}

/** Go's untilStep: start, start+step, ... while before stop (int arithmetic wraps, as in Go). */
export function untilStep(start: bigint, stop: bigint, step: bigint): bigint[] {
  const out: bigint[] = [];
  const before = stop < start ? (step >= 0n ? undefined : (i: bigint) => i > stop) : step <= 0n ? undefined : (i: bigint) => i < stop;
  if (!before) return out;
  for (let i = start; before(i); i = wrap(i + step)) {
    if (out.length === MAX_LIST_LENGTH) throw new GoFuncError(`the list would have more than ${MAX_LIST_LENGTH} elements`);
    out.push(i);
  }
  return out;
}

/** seq: 1..n, start..end, or start..end by step, counting down when end < start; a space-separated string. */
function seq(params: bigint[]): string {
  const joined = (items: bigint[]): string => items.join(' ');
  const [a, b, c] = params;
  switch (params.length) {
    case 1: {
      const inc = a! < 1n ? -1n : 1n;
      return joined(untilStep(1n, wrap(a! + inc), inc));
    }
    case 2: {
      const step = b! < a! ? -1n : 1n;
      return joined(untilStep(a!, wrap(b! + step), step));
    }
    case 3: {
      if (c! < a! && b! > 0n) return '';
      return joined(untilStep(a!, wrap(c! + (c! < a! ? -1n : 1n)), b!));
    }
  }
  return '';
}

/** sprig's round: half-up on the fraction's sign (math.Modf), so negative halves round down. */
function round(a: GoValue, places: bigint, roundOn: number): number {
  const pow = powInt(10, Number(places));
  const digit = pow * toFloat64(a);
  const fraction = digit - Math.trunc(digit);
  return (fraction >= roundOn ? Math.ceil(digit) : Math.floor(digit)) / pow;
}

const intList = (items: bigint[]): GoValue => sliceValue(sliceOf(T.int), items);

export const MATH_FUNCS: Readonly<Record<string, GoFunc>> = {
  add1: goFunc([T.any], T.int64, ([a]) => int64(toInt64(a) + 1n)),
  add: goFunc([T.any], T.int64, (args) => int64(args.reduce<bigint>((sum, v) => sum + toInt64(v), 0n)), variadic),
  sub: goFunc([T.any, T.any], T.int64, ([a, b]) => int64(toInt64(a) - toInt64(b))),
  div: goFunc([T.any, T.any], T.int64, ([a, b]) => int64(toInt64(a) / divisor(b))),
  mod: goFunc([T.any, T.any], T.int64, ([a, b]) => int64(toInt64(a) % divisor(b))),
  mul: goFunc([T.any, T.any], T.int64, (args) => fold(args, (x, y) => wrap(x * y)), variadic),
  max: goFunc([T.any, T.any], T.int64, (args) => fold(args, (x, y) => (y > x ? y : x)), variadic),
  biggest: goFunc([T.any, T.any], T.int64, (args) => fold(args, (x, y) => (y > x ? y : x)), variadic),
  min: goFunc([T.any, T.any], T.int64, (args) => fold(args, (x, y) => (y < x ? y : x)), variadic),
  until: goFunc([T.int], sliceOf(T.int), ([n]) => intList(untilStep(0n, n as bigint, (n as bigint) < 0n ? -1n : 1n))),
  untilStep: goFunc([T.int, T.int, T.int], sliceOf(T.int), ([a, b, c]) => intList(untilStep(a as bigint, b as bigint, c as bigint))),
  seq: goFunc([T.int], T.string, (params) => seq(params as bigint[]), variadic),
  floor: goFunc([T.any], T.float64, ([a]) => Math.floor(toFloat64(a))),
  ceil: goFunc([T.any], T.float64, ([a]) => Math.ceil(toFloat64(a))),
  round: goFunc(
    [T.any, T.int, T.float64],
    T.float64,
    ([a, p, ...opt]) => round(a, p as bigint, (opt[0] as number | undefined) ?? 0.5),
    variadic,
  ),
};
