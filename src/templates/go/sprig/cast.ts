/**
 * spf13/cast's ToInt64 and ToFloat64 as sprig 3.3.0 links them (cast 1.9): every integer and float type,
 * bools as 0/1, nil as 0, strings parsed by strconv, named basic types through their underlying kind, and 0
 * for anything else (sprig ignores cast's errors).
 *
 * Where cast 1.9 differs from the 1.5 that sprig 3.2.3 shipped with: a string with a fraction converts to an
 * int by its integer part ("8.5" -> 8; 1.5 gave 0), and named types such as `type Port int` convert by value.
 */
import { isIntKind, isUintKind } from '../go-types.js';
import { Typed, type GoValue } from '../values.js';
import { parseGoFloat, parseGoInt } from './go-strconv.js';

const INT64_MIN = -(1n << 63n);

/** Go's int64(f) on amd64: truncation, and the "indefinite" MinInt64 for NaN and out-of-range values. */
export function floatToInt64(f: number): bigint {
  if (!Number.isFinite(f) || f >= 2 ** 63 || f < -(2 ** 63)) return INT64_MIN;
  return BigInt(Math.trunc(f));
}

/** cast.ToInt64 (errors give 0). */
export function toInt64(v: GoValue): bigint {
  const x = number(v);
  switch (typeof x) {
    case 'bigint':
      return BigInt.asIntN(64, x);
    case 'number':
      return floatToInt64(x);
    case 'string':
      return x === '' ? 0n : (parseGoInt(trimDecimal(x)) ?? 0n);
  }
  return 0n;
}

/** cast.ToFloat64 (errors give 0). */
export function toFloat64(v: GoValue): number {
  const x = number(v);
  switch (typeof x) {
    case 'bigint':
      return Number(x);
    case 'number':
      return x;
    case 'string':
      return x === '' ? 0 : (parseGoFloat(x) ?? 0);
  }
  return 0;
}

/** A value as cast sees it: an integer (bigint), a float (number), a string to parse, or nothing usable. */
function number(v: GoValue): bigint | number | string | undefined {
  switch (typeof v) {
    case 'bigint':
    case 'number':
    case 'string':
      return v;
    case 'boolean':
      return v ? 1n : 0n;
  }
  if (v === null || v === undefined) return 0n;
  if (!(v instanceof Typed)) return undefined;
  const { kind } = v.type;
  if (kind === 'ptr') return v.v === null ? 0n : number(v.v as GoValue);
  if (isIntKind(kind) || isUintKind(kind)) return v.v as bigint;
  if (kind === 'float32' || kind === 'float64') return v.v as number;
  if (kind === 'bool') return v.v ? 1n : 0n;
  if (kind === 'string') return v.v as string;
  return undefined;
}

/** cast 1.9's trimDecimal: "8.50" -> "8", "-.5" -> "-0"; strings that are not plain decimals stay as they are. */
function trimDecimal(s: string): string {
  if (!s.includes('.')) return s;
  const m = /^([-+]?[0-9]*)(\.[0-9]*)?$/.exec(s);
  if (!m) return s;
  const int = m[1]!;
  return int === '' || int === '-' || int === '+' ? `${int}0` : int;
}
