/**
 * Random template data for the property test, as tagged JSON: the map keys templates use (so fields often
 * hit), ints and float64s that print differently (3 vs 3.0, 1e21, -0, NaN), unicode, nil, nested maps and
 * lists, and a few typed values (int64, uint8, []string, nil maps, structs).
 */
import fc from 'fast-check';
import { tag, type Tagged } from './tagged.js';

/** Keys the data has and templates ask for (Ü is a letter, so `.Ü` is a field). */
export const KEYS = ['a', 'b', 'c', 'x', 'Ü', 'k_1', 'B'] as const;

/** Characters from Unicode versions Go 1.19 knows (13.0), printable or not. */
const CHARS = [
  'a',
  'Z',
  '0',
  ' ',
  '\n',
  '\t',
  '"',
  "'",
  '\\',
  '<',
  '>',
  '&',
  '=',
  '%',
  '{',
  '}',
  'é',
  'ß',
  '日',
  '😀',
  '𝒳',
  '\u0301',
  '\u00a0',
  '\u2028',
  '\u200d',
  '\u0001',
  '\u007f',
  '\u0085',
  '\ufeff',
  '~',
  '+',
];

export const stringArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', 'str', 'a b', '<a href="x">&\'', 'héllo', '日本語', '😀', 'x\ny', '%d', 'yes', '0755', 'e\u0301', '-', 'k_1'),
  fc.array(fc.constantFrom(...CHARS), { maxLength: 6 }).map((cs) => cs.join('')),
);

const intArb: fc.Arbitrary<Tagged> = fc
  .oneof(
    fc.integer({ min: -3, max: 5 }).map(BigInt),
    fc.constantFrom(0n, 1n, -1n, 7n, 65n, 255n, 256n, 9731n, 0x1f600n, 2n ** 31n, 2n ** 53n + 1n, 2n ** 63n - 1n, -(2n ** 63n)),
  )
  .map(tag.int);

const floatArb: fc.Arbitrary<Tagged> = fc
  .oneof(
    fc.integer({ min: -3, max: 5 }),
    fc.constantFrom(
      0.5,
      1.5,
      2.5,
      0.125,
      1.005,
      2.675,
      3.14159,
      1e6,
      1e20,
      1e21,
      1e-4,
      1e-5,
      123456789,
      -0,
      1e100,
      5e-324,
      1.7976931348623157e308,
      0.1,
      1 / 3,
      100,
      NaN,
      Infinity,
      -Infinity,
    ),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
  )
  .map(tag.float);

const typedArb: fc.Arbitrary<Tagged> = fc.oneof(
  fc.constantFrom<Tagged>(
    tag.typed('int64', -5n),
    tag.typed('int8', -128n),
    tag.typed('uint8', 200n),
    tag.typed('uint64', 2n ** 64n - 1n),
    tag.typed('uint', 3n),
    tag.typed('float32', 1.5),
    tag.nilMap(),
    tag.nilSlice(),
    tag.proto('TCP'),
    tag.complex(1, -2),
  ),
  fc.array(stringArb, { maxLength: 3 }).map(tag.strings),
  fc.array(fc.integer({ min: -2, max: 300 }), { maxLength: 3 }).map(tag.ints),
  fc.dictionary(fc.constantFrom(...KEYS), stringArb, { maxKeys: 3 }).map(tag.smap),
  fc.record({ Name: stringArb, Port: fc.integer({ min: 0, max: 9000 }), Protocol: fc.constantFrom('TCP', 'UDP') }).map(tag.port),
);

const scalarArb: fc.Arbitrary<Tagged> = fc.oneof(
  { weight: 3, arbitrary: intArb },
  { weight: 3, arbitrary: floatArb },
  { weight: 4, arbitrary: stringArb },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: typedArb },
);

/** A value up to `depth` containers deep. */
export function valueArb(depth: number): fc.Arbitrary<Tagged> {
  if (depth <= 0) return scalarArb;
  const inner = valueArb(depth - 1);
  return fc.oneof(
    { weight: 5, arbitrary: scalarArb },
    { weight: 1, arbitrary: fc.array(inner, { maxLength: 4 }) },
    { weight: 2, arbitrary: mapArb(inner) },
  );
}

function mapArb(values: fc.Arbitrary<Tagged>): fc.Arbitrary<Tagged> {
  return fc.dictionary(fc.constantFrom(...KEYS), values, { maxKeys: 5 }).map(tag.map);
}

/** The data a generated template runs on: a map (sometimes no data at all). */
export const dataArb: fc.Arbitrary<Tagged | undefined> = fc.oneof(
  { weight: 12, arbitrary: mapArb(valueArb(2)) },
  { weight: 1, arbitrary: valueArb(1) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);
