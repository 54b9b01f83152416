/**
 * Random calls of sprig's text functions for the property test: every function of the half, with arguments
 * of every kind (ints, floats, strings with unicode, nil, missing keys, lists, dicts, typed values, the
 * wrong kind for the parameter) as literals, data fields and nested list/dict calls.
 *
 * Left out, because their difference from the oracle is known and tested in the tables: camelcase and
 * mergeOverwrite (sprig 3.3.0's dependencies), the random functions (their form is tested), and counts from
 * data for repeat and indent (Go 1.22 renamed the overflow panic). keys and values go through sortAlpha
 * (Go's map order is random); strings have no '.' for int, int64 and slice (cast 1.9 reads "1.5" as 1).
 */
import fc from 'fast-check';
import { KEYS, stringArb, valueArb } from '../support/gen-data.js';
import type { OracleCase } from '../support/oracle.js';
import { tag, type Tagged } from '../support/tagged.js';

/** Argument shapes: s string, i int, c a small count literal, v any value, l a list, m a map, k a key. */
type Shape = 's' | 'i' | 'c' | 'v' | 'l' | 'm' | 'k';

const CALLS: Readonly<Record<string, readonly Shape[]>> = {
  abbrev: ['i', 's'],
  abbrevboth: ['i', 'i', 's'],
  trunc: ['i', 's'],
  trim: ['s'],
  upper: ['s'],
  lower: ['s'],
  title: ['s'],
  untitle: ['s'],
  substr: ['i', 'i', 's'],
  repeat: ['c', 's'],
  trimall: ['s', 's'],
  trimAll: ['s', 's'],
  trimSuffix: ['s', 's'],
  trimPrefix: ['s', 's'],
  nospace: ['s'],
  initials: ['s'],
  swapcase: ['s'],
  snakecase: ['s'],
  kebabcase: ['s'],
  wrap: ['i', 's'],
  wrapWith: ['i', 's', 's'],
  contains: ['s', 's'],
  hasPrefix: ['s', 's'],
  hasSuffix: ['s', 's'],
  quote: ['v', 'v'],
  squote: ['v', 'v'],
  cat: ['v', 'v', 'v'],
  indent: ['c', 's'],
  nindent: ['c', 's'],
  replace: ['s', 's', 's'],
  plural: ['s', 's', 'i'],
  toString: ['v'] as const,
  atoi: ['s'],
  int64: ['v'],
  int: ['v'],
  float64: ['v'],
  toDecimal: ['v'],
  split: ['s', 's'],
  splitList: ['s', 's'],
  splitn: ['s', 'i', 's'],
  toStrings: ['v'],
  join: ['s', 'l'],
  sortAlpha: ['l'],
  default: ['v', 'v'],
  empty: ['v'],
  coalesce: ['v', 'v', 'v'],
  all: ['v', 'v'],
  any: ['v', 'v'],
  compact: ['l'],
  mustCompact: ['l'],
  fromJson: ['s'],
  mustFromJson: ['s'],
  toJson: ['v'],
  mustToJson: ['v'],
  toPrettyJson: ['v'],
  mustToPrettyJson: ['v'],
  toRawJson: ['v'],
  mustToRawJson: ['v'],
  ternary: ['v', 'v', 'v'],
  deepCopy: ['v'],
  mustDeepCopy: ['v'],
  typeOf: ['v'],
  typeIs: ['s', 'v'],
  typeIsLike: ['s', 'v'],
  kindOf: ['v'],
  kindIs: ['s', 'v'],
  deepEqual: ['v', 'v'],
  base: ['s'],
  dir: ['s'],
  clean: ['s'],
  ext: ['s'],
  isAbs: ['s'],
  osBase: ['s'],
  osClean: ['s'],
  osDir: ['s'],
  osExt: ['s'],
  osIsAbs: ['s'],
  tuple: ['v', 'v'],
  list: ['v', 'v'],
  dict: ['k', 'v', 'k'],
  get: ['m', 'k'],
  set: ['m', 'k', 'v'],
  unset: ['m', 'k'],
  hasKey: ['m', 'k'],
  pluck: ['k', 'm', 'm'],
  keys: ['m', 'm'],
  pick: ['m', 'k', 'k'],
  omit: ['m', 'k'],
  merge: ['m', 'm', 'm'],
  mustMerge: ['m', 'm'],
  values: ['m'],
  append: ['l', 'v'],
  push: ['l', 'v'],
  mustAppend: ['l', 'v'],
  mustPush: ['l', 'v'],
  prepend: ['l', 'v'],
  mustPrepend: ['l', 'v'],
  first: ['l'],
  mustFirst: ['l'],
  rest: ['l'],
  mustRest: ['l'],
  last: ['l'],
  mustLast: ['l'],
  initial: ['l'],
  mustInitial: ['l'],
  reverse: ['l'],
  mustReverse: ['l'],
  uniq: ['l'],
  mustUniq: ['l'],
  without: ['l', 'v', 'v'],
  mustWithout: ['l', 'v'],
  has: ['v', 'l'],
  mustHas: ['v', 'l'],
  slice: ['l', 'i', 'i'],
  mustSlice: ['l', 'i'],
  concat: ['l', 'l'],
  dig: ['k', 'k', 'v', 'm'],
  chunk: ['i', 'l'],
  mustChunk: ['i', 'l'],
  fail: ['s'],
};

const NO_DOT = new Set(['int', 'int64', 'slice', 'mustSlice']);
/**
 * Functions that put values into their first argument: a case has at most one such call, and its other
 * arguments never name the map it changes, so no value contains itself (Go's fmt would recurse forever).
 */
const MUTATES = new Set(['set', 'merge', 'mustMerge']);

const fields = fc.constantFrom(...KEYS.map((k) => `.${k}`), '.missing');
/**
 * A Go string literal. A leading BOM gets a letter before it: the engine's unquoting drops a BOM that starts
 * a literal with escapes in it (TextDecoder's default), reported to the engine's owner.
 */
const goString = (s: string): string => JSON.stringify(s.startsWith('\ufeff') ? `x${s}` : s);
const stringLit = stringArb.map(goString);
const intLit = fc.oneof(fc.integer({ min: -3, max: 12 }).map(String), fc.constantFrom('9223372036854775807', '-9223372036854775808'));
const floatLit = fc.constantFrom('1.5', '-0.5', '2.0', '1e3', '0.1');
const scalarLit = fc.oneof(
  intLit,
  floatLit,
  stringLit,
  fc.constantFrom('nil', 'true', 'false', '"1_0"', '"0x1F"', '"017"', '"é"', '"{\\"a\\":[1,2.5]}"'),
);

function valueExpr(depth: number): fc.Arbitrary<string> {
  if (depth <= 0) return fc.oneof(scalarLit, fields);
  const inner = valueExpr(depth - 1);
  return fc.oneof(
    { weight: 4, arbitrary: scalarLit },
    { weight: 4, arbitrary: fields },
    { weight: 1, arbitrary: fc.array(inner, { maxLength: 3 }).map((xs) => `(list ${xs.join(' ')})`) },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.tuple(fc.constantFrom(...KEYS), inner), { maxLength: 3 })
        .map((es) => `(dict ${es.map(([k, v]) => `${goString(k)} ${v}`).join(' ')})`),
    },
  );
}

const SHAPES: Readonly<Record<Shape, fc.Arbitrary<string>>> = {
  s: fc.oneof({ weight: 12, arbitrary: stringLit }, { weight: 2, arbitrary: fields }, { weight: 1, arbitrary: scalarLit }),
  i: fc.oneof({ weight: 12, arbitrary: intLit }, { weight: 2, arbitrary: fields }, { weight: 1, arbitrary: scalarLit }),
  c: fc.integer({ min: -1, max: 4 }).map(String),
  v: valueExpr(2),
  l: fc.oneof(
    { weight: 3, arbitrary: valueExpr(2).filter((x) => x.startsWith('(list')) },
    { weight: 3, arbitrary: fields },
    { weight: 1, arbitrary: valueExpr(1) },
  ),
  m: fc.oneof(
    { weight: 3, arbitrary: valueExpr(2).filter((x) => x.startsWith('(dict')) },
    { weight: 3, arbitrary: fields },
    { weight: 1, arbitrary: valueExpr(1) },
  ),
  k: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...KEYS).map(goString) }, { weight: 1, arbitrary: scalarLit }),
};

interface Call {
  readonly text: string;
  readonly mutates: boolean;
}

/** One call: `{{ fn args }}`, sometimes with an argument left out. */
const callArb: fc.Arbitrary<Call> = fc.constantFrom(...Object.entries(CALLS)).chain(([fn, shapes]) =>
  fc.tuple(fc.tuple(...shapes.map((s) => SHAPES[s])), fc.integer({ min: 0, max: 19 })).map(([args, drop]) => {
    let used = drop === 0 ? args.slice(0, -1) : args;
    if (NO_DOT.has(fn)) used = used.map((a) => (a.startsWith('"') && a.includes('.') ? '"1"' : a));
    const mutates = MUTATES.has(fn);
    if (mutates && used[0]?.startsWith('.')) used = [used[0], ...used.slice(1).map((a) => a.replaceAll(used[0]!, '.missing'))];
    const call = `${fn} ${used.join(' ')}`.trim();
    return { text: fn === 'keys' || fn === 'values' ? `{{ ${call} | sortAlpha }}` : `{{ ${call} }}`, mutates };
  }),
);

/** Data with most of the keys calls ask for (`.missing` never is). */
const dataArb: fc.Arbitrary<Tagged> = fc
  .dictionary(fc.constantFrom(...KEYS), valueArb(2), { minKeys: KEYS.length - 1, maxKeys: KEYS.length })
  .map(tag.map);

/** A generated case: one or two calls on random data (the second sees what the first changed). */
export const sprigCallArb: fc.Arbitrary<OracleCase> = fc
  .record({
    calls: fc.array(callArb, { minLength: 1, maxLength: 2 }).filter((cs) => cs.filter((c) => c.mutates).length <= 1),
    data: dataArb,
  })
  .map(({ calls, data }) => ({ text: calls.map((c) => c.text).join('|'), data, sprig: true }));
