import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCopy } from '../../src/templates/compiled-copy.js';

const noHoles = () => false;

/** Fails unless `copy` is `value` again: the same types, numbers by Object.is, map keys in the same order. */
function expectSameData(copy: unknown, value: unknown, at = '$'): void {
  if (typeof value !== 'object' || value === null) {
    expect(Object.is(copy, value), `${at}: ${String(copy)} is not ${String(value)}`).toBe(true);
    return;
  }
  expect(copy, at).not.toBe(value);
  expect(Array.isArray(copy), at).toBe(Array.isArray(value));
  expect(Object.getPrototypeOf(copy), at).toBe(Array.isArray(value) ? Array.prototype : Object.prototype);
  const keys = Object.keys(value);
  expect(Object.keys(copy as object), at).toEqual(keys);
  for (const key of keys) {
    expect(Object.getOwnPropertyDescriptor(copy, key)?.enumerable, `${at}.${key}`).toBe(true);
    expectSameData((copy as Record<string, unknown>)[key], (value as Record<string, unknown>)[key], `${at}.${key}`);
  }
}

const copyOf = (value: unknown): unknown => compileCopy(value, noHoles).copy([]);

describe('compileCopy: the copy is the data again', () => {
  it.each([
    ['numbers', [0, -0, 1.5, -7, 1e21, 5e-324, Number.MAX_SAFE_INTEGER, NaN, Infinity, -Infinity]],
    ['scalars', { t: true, f: false, n: null, s: '', e: {}, l: [] }],
    ['nesting', { a: [{ b: [[1, { c: 'd' }]] }], z: { y: { x: {} } } }],
    ['integer-like keys, in the order JavaScript keeps them', JSON.parse('{"b":1,"10":2,"2":3,"-1":4,"01":5}')],
    ['keys that are Object.prototype names', JSON.parse('{"constructor":1,"toString":"x","hasOwnProperty":[],"valueOf":null}')],
    [
      'text that is code elsewhere',
      {
        '"': "'",
        '\\': '\\\\u0041',
        '`${x}`': '</script>',
        '\u2028\u2029': 'a\nb\r\tc\u0000',
        '\ud800': '\udfff😀',
        '}};process.exit(1);({': '"]);process.exit(1);//',
      },
    ],
  ])('%s', (_, value) => {
    expectSameData(copyOf(value), value);
  });

  it('a __proto__ key becomes an own key of the copy, and no prototype changes', () => {
    const value = JSON.parse('{"__proto__":{"polluted":true},"m":{"__proto__":[1]}}') as Record<string, unknown>;
    const copy = copyOf(value) as Record<string, unknown>;
    expectSameData(copy, value);
    expect(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('any JSON value, with map keys of any text', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        expectSameData(copyOf(value), value);
      }),
      { numRuns: 500, seed: 4242 },
    );
  });

  it('each call makes a new copy: changing one changes neither the source nor another copy', () => {
    const value = { m: { k: 1 }, l: [1, 2] };
    const compiled = compileCopy(value, noHoles);
    const first = compiled.copy([]) as typeof value;
    first.m.k = 99;
    first.l.push(3);
    expect(compiled.copy([])).toEqual({ m: { k: 1 }, l: [1, 2] });
    expect(value).toEqual({ m: { k: 1 }, l: [1, 2] });
  });
});

describe('compileCopy: holes', () => {
  it('the strings chosen as holes are listed in walk order and filled from each call', () => {
    const value = { a: '?one', b: ['x', '?two', { c: '?three' }], '?key': 'y' };
    const compiled = compileCopy(value, (text) => text.startsWith('?'));
    expect(compiled.holes).toEqual(['?one', '?two', '?three']);
    expect(compiled.copy([1, 'T', { deep: true }])).toEqual({ a: 1, b: ['x', 'T', { c: { deep: true } }], '?key': 'y' });
    expect(compiled.copy(['', '', ''])).toEqual({ a: '', b: ['x', '', { c: '' }], '?key': 'y' });
  });
});

describe('compileCopy: what is not compiled is copied by a walk, with the same result', () => {
  it.each([
    ['a date', { d: new Date(0) }],
    ['a Map', [new Map()]],
    ['a class instance', { x: new (class Thing {})() }],
    ['a function', { f: () => 1 }],
    ['undefined', { u: undefined }],
    ['a bigint', [1n]],
    ['a symbol', [Symbol('s')]],
    // eslint-disable-next-line no-sparse-arrays -- the case under test
    ['a list with a hole', [1, , 3]],
  ])('%s', (_, value) => {
    const copier = compileCopy({ value, at: { hole: '?hole' } }, (text) => text.startsWith('?'));
    expect(copier.holes).toEqual(['?hole']);
    const copy = copier.copy(['filled']) as { value: unknown; at: unknown };
    expect(copy).toEqual({ value, at: { hole: 'filled' } });
    expect(copy.value).not.toBe(value); // the maps and lists are copied; what else they hold is shared
  });

  it('a copy whose code would be very long', () => {
    const value = Array.from({ length: 30_000 }, (_, i) => `item-${i}`);
    const copier = compileCopy(value, (text) => text === 'item-7' || text === 'item-29999');
    expect(copier.holes).toEqual(['item-7', 'item-29999']);
    const copy = copier.copy(['seven', 'last']) as string[];
    expect(copy).toEqual(value.map((item, i) => (i === 7 ? 'seven' : i === 29_999 ? 'last' : item)));
    expect(copier.copy(['a', 'b'])).not.toBe(copy);
  });
});
