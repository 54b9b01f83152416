/**
 * sprig's list functions over any slice or array ([]interface{}, []string, []int ...), each with its must*
 * twin. Both report the same errors: the plain ones panic with the error the must ones return, and Go turns
 * either into `error calling NAME: ...`. A nil list panics as reflect does in Go.
 */
import { GoFuncError } from '../errors.js';
import { goFunc, type GoFunc } from '../funcs.js';
import { sliceOf, T } from '../go-types.js';
import { Typed, type GoValue } from '../values.js';
import { floatToInt64 } from './cast.js';
import { deepEqual } from './text-deep-equal.js';
import { isEmpty, kindOrPanic, listItems } from './text-values.js';
import { sliceList } from './list-slice.js';

const { any, int, bool, sliceAny } = T;

/** A list's elements, or Go's error naming the operation and the value's kind. */
function itemsFor(v: GoValue, error: (kind: string) => string): readonly GoValue[] {
  const kind = kindOrPanic(v);
  const items = listItems(v);
  if (!items) throw new GoFuncError(error(kind));
  return items;
}

const cannot =
  (what: string) =>
  (kind: string): string =>
    `Cannot ${what} on type ${kind}`;

/** The function and its must* twin (same behaviour; the twin declares Go's error result). */
function both(
  name: string,
  params: (typeof any)[],
  result: typeof any,
  fn: (args: GoValue[]) => GoValue,
  variadic = false,
): Record<string, GoFunc> {
  const must = `must${name[0]!.toUpperCase()}${name.slice(1)}`;
  return { [name]: goFunc(params, result, fn, { variadic }), [must]: goFunc(params, result, fn, { variadic, canFail: true }) };
}

const list1 =
  (what: string, f: (items: readonly GoValue[]) => GoValue) =>
  ([l]: GoValue[]): GoValue =>
    f(itemsFor(l, cannot(what)));

/** chunk: lists of `size` (the last one shorter), with Go's float arithmetic and its panics for sizes below 1. */
function chunk(size: bigint, list: GoValue): GoValue {
  const items = itemsFor(list, (kind) => `Cannot chunk type ${kind}`);
  const n = items.length;
  const s = Number(size);
  const count = floatToInt64(Math.floor((n - 1) / s) + 1);
  const makeslice = (len: bigint): void => {
    if (len < 0n) throw new GoFuncError('runtime error: makeslice: len out of range');
  };
  makeslice(count);
  const out: GoValue[][] = [];
  for (let i = 0n; i < count; i++) {
    let len = size;
    if (i === count - 1n) {
      len = floatToInt64(Math.floor(n % s));
      if (len === 0n) len = size;
    }
    makeslice(len);
    const part: GoValue[] = [];
    for (let j = 0n; j < len; j++) {
      const at = Number(i * size + j);
      if (at >= n) throw new GoFuncError('reflect: slice index out of range');
      part.push(items[at]);
    }
    out.push(part);
  }
  return new Typed(sliceOf(sliceAny), out);
}

/** concat: every list's elements in one []interface{} (a nil one when there are none). */
function concat(lists: GoValue[]): GoValue {
  const out: GoValue[] = [];
  for (const l of lists) {
    const kind = kindOrPanic(l);
    const items = listItems(l);
    if (!items) throw new GoFuncError(`Cannot concat type ${kind} as list`);
    out.push(...items);
  }
  return out.length > 0 ? out : new Typed(sliceAny, null);
}

function has(needle: GoValue, haystack: GoValue): boolean {
  if (haystack === null) return false;
  return itemsFor(haystack, cannot('find has')).some((x) => deepEqual(needle, x));
}

function uniq(items: readonly GoValue[]): GoValue[] {
  const out: GoValue[] = [];
  for (const x of items) if (!out.some((y) => deepEqual(x, y))) out.push(x);
  return out;
}

export const LIST_FUNCS: Readonly<Record<string, GoFunc>> = {
  list: goFunc([any], sliceAny, (args) => args, { variadic: true }),
  tuple: goFunc([any], sliceAny, (args) => args, { variadic: true }),
  concat: goFunc([any], any, concat, { variadic: true }),
  ...both('push', [any, any], sliceAny, ([l, v]) => [...itemsFor(l, cannot('push')), v]),
  ...both('append', [any, any], sliceAny, ([l, v]) => [...itemsFor(l, cannot('push')), v]),
  ...both('prepend', [any, any], sliceAny, ([l, v]) => [v, ...itemsFor(l, cannot('prepend'))]),
  ...both(
    'first',
    [any],
    any,
    list1('find first', (items) => (items.length === 0 ? null : items[0]!)),
  ),
  ...both(
    'last',
    [any],
    any,
    list1('find last', (items) => (items.length === 0 ? null : items[items.length - 1]!)),
  ),
  ...both(
    'rest',
    [any],
    sliceAny,
    list1('find rest', (items) => (items.length === 0 ? null : items.slice(1))),
  ),
  ...both(
    'initial',
    [any],
    sliceAny,
    list1('find initial', (items) => (items.length === 0 ? null : items.slice(0, -1))),
  ),
  ...both(
    'reverse',
    [any],
    sliceAny,
    list1('find reverse', (items) => [...items].reverse()),
  ),
  ...both(
    'compact',
    [any],
    sliceAny,
    list1('compact', (items) => items.filter((x) => !isEmpty(x))),
  ),
  ...both('uniq', [any], sliceAny, list1('find uniq', uniq)),
  ...both(
    'without',
    [any, any],
    sliceAny,
    ([l, ...omit]) => itemsFor(l, cannot('find without')).filter((x) => !omit.some((o) => deepEqual(o, x))),
    true,
  ),
  ...both('has', [any, any], bool, ([needle, haystack]) => has(needle, haystack)),
  ...both('slice', [any, any], any, ([l, ...indices]) => sliceList(l, indices), true),
  ...both('chunk', [int, any], sliceOf(sliceAny), ([size, l]) => chunk(size as bigint, l)),
};
