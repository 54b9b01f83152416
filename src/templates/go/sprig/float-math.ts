/**
 * sprig's float64 math: addf add1f subf mulf divf go through decimals (so 0.1 + 0.2 is 0.3), maxf and minf
 * through Go's math.Max and math.Min (an infinity wins over NaN, +0 over -0).
 */
import { goFunc, type GoFunc } from '../funcs.js';
import { T } from '../go-types.js';
import type { GoValue } from '../values.js';
import { toFloat64 } from './cast.js';
import { decimalAdd, decimalDiv, decimalFromFloat, decimalMul, decimalSub, decimalToFloat, type Decimal } from './decimal.js';

const variadic = { variadic: true };

/** sprig's execDecimalOp: the first operand, then each further one, folded with `op` over decimals. */
function decimalFold(first: GoValue, rest: readonly GoValue[], op: (a: Decimal, b: Decimal) => Decimal): number {
  let acc = decimalFromFloat(toFloat64(first));
  for (const v of rest) acc = op(acc, decimalFromFloat(toFloat64(v)));
  return decimalToFloat(acc);
}

/** math.Max. */
function goMax(x: number, y: number): number {
  if (x === Infinity || y === Infinity) return Infinity;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0 && y === 0) return Object.is(x, -0) ? y : x;
  return x > y ? x : y;
}

/** math.Min. */
function goMin(x: number, y: number): number {
  if (x === -Infinity || y === -Infinity) return -Infinity;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0 && y === 0) return Object.is(x, -0) ? x : y;
  return x < y ? x : y;
}

const floatFold =
  (pick: (x: number, y: number) => number) =>
  (args: GoValue[]): number =>
    args.slice(1).reduce<number>((acc, v) => pick(acc, toFloat64(v)), toFloat64(args[0]));

export const FLOAT_MATH_FUNCS: Readonly<Record<string, GoFunc>> = {
  add1f: goFunc([T.any], T.float64, ([a]) => decimalFold(a, [1n], decimalAdd)),
  addf: goFunc([T.any], T.float64, (args) => decimalFold(0, args, decimalAdd), variadic),
  subf: goFunc([T.any, T.any], T.float64, ([a, ...rest]) => decimalFold(a, rest, decimalSub), variadic),
  mulf: goFunc([T.any, T.any], T.float64, ([a, ...rest]) => decimalFold(a, rest, decimalMul), variadic),
  divf: goFunc([T.any, T.any], T.float64, ([a, ...rest]) => decimalFold(a, rest, decimalDiv), variadic),
  maxf: goFunc([T.any, T.any], T.float64, floatFold(goMax), variadic),
  minf: goFunc([T.any, T.any], T.float64, floatFold(goMin), variadic),
};
