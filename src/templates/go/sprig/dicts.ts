/**
 * sprig's dict functions over map[string]interface{}: dict, get, set, unset, hasKey, pluck, keys, values,
 * pick, omit, dig and the merges. set, unset and the merges change the map they are given, as in Go. Go
 * visits map keys in random order; keys and values here follow the sorted key order, one of Go's orders.
 */
import { GoFuncError } from '../errors.js';
import { goFunc, type GoFunc } from '../funcs.js';
import { sliceOf, T } from '../go-types.js';
import { Typed, typeOf, type GoMap, type GoValue } from '../values.js';
import { MergoError, mergeInto } from './text-merge.js';
import { entryOf, mapEntries, newMap, plainMap, setEntry, stringSlice, strval } from './text-values.js';

const { any, string: str, bool, mapAny, sliceAny } = T;
const variadic = { variadic: true };
const NIL_MAP = new Typed(mapAny, null);

function has(m: GoMap | null, key: string): boolean {
  return m !== null && entryOf(m, key) !== undefined;
}

function dict(args: GoValue[]): GoMap {
  const m = newMap();
  for (let i = 0; i < args.length; i += 2) setEntry(m, strval(args[i]), i + 1 < args.length ? args[i + 1]! : '');
  return m;
}

function set(d: GoValue, key: string, value: GoValue): GoValue {
  const m = plainMap(d);
  if (m === null) throw new GoFuncError('assignment to entry in nil map');
  setEntry(m, key, value);
  return m;
}

function unset(d: GoValue, key: string): GoValue {
  const m = plainMap(d);
  if (m !== null) delete m[key];
  return d;
}

function pick(d: GoValue, keys: readonly GoValue[]): GoMap {
  const m = plainMap(d);
  return newMap(keys.flatMap((k) => (has(m, k as string) ? [[k as string, entryOf(m!, k as string)] as const] : [])));
}

function omit(d: GoValue, keys: readonly GoValue[]): GoMap {
  const drop = new Set(keys as string[]);
  return newMap(mapEntries(d).filter(([k]) => !drop.has(k)));
}

/** The merges: an error from mergo gives "" (merge) or the error (mustMerge). */
function merge(overwrite: boolean, must: boolean) {
  return ([dst, ...srcs]: GoValue[]): GoValue => {
    let target = plainMap(dst);
    try {
      for (const src of srcs) target = mergeInto(target, plainMap(src), overwrite);
    } catch (e) {
      if (!must && e instanceof MergoError) return '';
      throw e;
    }
    return target ?? NIL_MAP;
  };
}

/** Go's type assertion x.(T), with its panic text. */
function assert<V>(x: GoValue, type: string, ok: (x: GoValue) => x is GoValue & V): V {
  if (ok(x)) return x;
  const actual = x === null || x === undefined ? 'nil' : typeOf(x)!.name;
  throw new GoFuncError(`interface conversion: interface {} is ${actual}, not ${type}`);
}

const isMapAny = (x: GoValue): x is GoMap => typeOf(x)?.name === mapAny.name;
const isString = (x: GoValue): x is string => typeof x === 'string';

function dig(args: GoValue[]): GoValue {
  if (args.length < 3) throw new GoFuncError('dig needs at least three arguments');
  let m = plainMap(assert(args[args.length - 1], mapAny.name, isMapAny));
  const fallback = args[args.length - 2]!;
  const keys = args.slice(0, -2).map((k) => assert(k, 'string', isString));
  for (let i = 0; ; i++) {
    if (!has(m, keys[i]!)) return fallback;
    const step = entryOf(m!, keys[i]!);
    if (i === keys.length - 1) return step ?? null;
    m = plainMap(assert(step ?? null, mapAny.name, isMapAny));
  }
}

export const DICT_FUNCS: Readonly<Record<string, GoFunc>> = {
  dict: goFunc([any], mapAny, dict, variadic),
  get: goFunc([mapAny, str], any, ([d, k]) => (has(plainMap(d), k as string) ? entryOf(plainMap(d)!, k as string)! : '')),
  set: goFunc([mapAny, str, any], mapAny, ([d, k, v]) => set(d, k as string, v)),
  unset: goFunc([mapAny, str], mapAny, ([d, k]) => unset(d, k as string)),
  hasKey: goFunc([mapAny, str], bool, ([d, k]) => has(plainMap(d), k as string)),
  pluck: goFunc(
    [str, mapAny],
    sliceAny,
    ([k, ...ds]) => ds.flatMap((d) => (has(plainMap(d), k as string) ? [entryOf(plainMap(d)!, k as string)!] : [])),
    variadic,
  ),
  keys: goFunc([mapAny], sliceOf(str), (ds) => stringSlice(ds.flatMap((d) => mapEntries(d).map(([k]) => k))), variadic),
  values: goFunc([mapAny], sliceAny, ([d]) => mapEntries(d).map(([, v]) => v)),
  pick: goFunc([mapAny, str], mapAny, ([d, ...keys]) => pick(d, keys), variadic),
  omit: goFunc([mapAny, str], mapAny, ([d, ...keys]) => omit(d, keys), variadic),
  merge: goFunc([mapAny, mapAny], any, merge(false, false), variadic),
  mustMerge: goFunc([mapAny, mapAny], any, merge(false, true), { variadic: true, canFail: true }),
  mergeOverwrite: goFunc([mapAny, mapAny], any, merge(true, false), variadic),
  mustMergeOverwrite: goFunc([mapAny, mapAny], any, merge(true, true), { variadic: true, canFail: true }),
  dig: goFunc([any], any, dig, { variadic: true, canFail: true }),
};
