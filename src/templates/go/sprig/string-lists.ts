/**
 * sprig's functions between strings and lists: split (a map keyed _0, _1, ...), splitList, splitn, join,
 * toStrings and sortAlpha, which read any list's elements as text (strslice: nil elements dropped).
 */
import { compareStrings } from '../order.js';
import { goFunc, type GoFunc } from '../funcs.js';
import { mapOf, sliceOf, T } from '../go-types.js';
import { Typed, mapValue, typeOf, type GoValue } from '../values.js';
import { num, splitN } from './text-strings.js';
import { listItems, stringSlice, strslice, strval } from './text-values.js';

const { string: str, int, any } = T;
const STRING_MAP = mapOf(str, str);

/** split's and splitn's result: map[string]string{"_0": ..., "_1": ...}. */
function partsMap(parts: readonly string[]): Typed {
  return mapValue(
    STRING_MAP,
    parts.map((p, i) => [`_${i}`, p] as const),
  );
}

/** sortAlpha: a list's elements as sorted strings; anything else as a one-string list. */
function sortAlpha(v: GoValue): Typed {
  const target = v instanceof Typed && typeOf(v)?.kind === 'ptr' && v.v !== null ? (v.v as GoValue) : v;
  if (!listItems(target)) return stringSlice([strval(v)]);
  const items = strslice(v);
  return stringSlice(items === null ? null : items.sort(compareStrings));
}

export const STRING_LIST_FUNCS: Readonly<Record<string, GoFunc>> = {
  toString: goFunc([any], str, ([v]) => strval(v)),
  split: goFunc([str, str], STRING_MAP, ([sep, s]) => partsMap(splitN(s as string, sep as string, -1))),
  splitList: goFunc([str, str], sliceOf(str), ([sep, s]) => stringSlice(splitN(s as string, sep as string, -1))),
  splitn: goFunc([str, int, str], STRING_MAP, ([sep, n, s]) => partsMap(splitN(s as string, sep as string, num(n)))),
  toStrings: goFunc([any], sliceOf(str), ([v]) => stringSlice(strslice(v))),
  join: goFunc([str, any], str, ([sep, v]) => (strslice(v) ?? []).join(sep as string)),
  sortAlpha: goFunc([any], sliceOf(str), ([v]) => sortAlpha(v)),
};
