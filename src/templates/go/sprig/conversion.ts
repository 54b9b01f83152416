/**
 * sprig's type conversions: atoi (strconv.Atoi, 0 on error), int, int64 and float64 (spf13/cast: numbers of
 * every type, bools, numeric strings, 0 for anything else) and toDecimal (octal text to an int64).
 * toString and toStrings are with the string functions.
 */
import { sprint } from '../fmt/print.js';
import { goFunc, type GoFunc } from '../funcs.js';
import { T } from '../go-types.js';
import { typedInt } from '../values.js';
import { toFloat64, toInt64 } from './cast.js';
import { parseInt } from './text-strconv.js';

const { any, string: str } = T;

function atoi(s: string): bigint {
  const r = parseInt(s, 10, 64);
  return r.error === 'syntax' ? 0n : r.value;
}

function toDecimal(text: string): bigint {
  const r = parseInt(text, 8, 64);
  return r.error ? 0n : r.value;
}

export const CONVERSION_FUNCS: Readonly<Record<string, GoFunc>> = {
  atoi: goFunc([str], T.int, ([s]) => atoi(s as string)),
  int: goFunc([any], T.int, ([v]) => toInt64(v)),
  int64: goFunc([any], T.int64, ([v]) => typedInt(T.int64, toInt64(v))),
  float64: goFunc([any], T.float64, ([v]) => toFloat64(v)),
  toDecimal: goFunc([any], T.int64, ([v]) => typedInt(T.int64, toDecimal(sprint([v!])))),
};
