import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  forEachString,
  forEachStringValue,
  mapStrings,
  replaceStrings,
  setOwn,
  sortedJsonPieces,
  sortedKeysReplacer,
  sortKeysDeep,
} from '../../src/base/plain-data.js';
import type { FieldPath } from '../../src/base/types.js';

describe('sortKeysDeep', () => {
  it.each<{ name: string; value: unknown; expected: string }>([
    { name: 'a scalar is itself', value: 'b', expected: '"b"' },
    { name: 'keys in code-point order', value: { b: 1, a: 2, B: 3, é: 4 }, expected: '{"B":3,"a":2,"b":1,"é":4}' },
    { name: 'maps inside lists and maps', value: [{ z: { y: 1, x: 2 }, a: [] }], expected: '[{"a":[],"z":{"x":2,"y":1}}]' },
    { name: 'list order kept', value: [3, 1, 2], expected: '[3,1,2]' },
    {
      name: '__proto__ stays a data key',
      value: JSON.parse('{"b":1,"__proto__":{"y":1,"x":2}}') as unknown,
      expected: '{"__proto__":{"x":2,"y":1},"b":1}',
    },
  ])('$name', ({ value, expected }) => {
    expect(JSON.stringify(sortKeysDeep(value))).toBe(expected);
  });

  it('copies: the value given is not changed', () => {
    const value = { b: { d: 1, c: 2 }, a: 1 };
    sortKeysDeep(value);
    expect(Object.keys(value)).toEqual(['b', 'a']);
    expect(Object.keys(value.b)).toEqual(['d', 'c']);
  });
});

describe('canonicalJson', () => {
  it.each<{ name: string; value: unknown; expected: string }>([
    {
      name: 'key order does not matter',
      value: { b: 1, a: { d: [1, { f: 1, e: 2 }], c: null } },
      expected: '{"a":{"c":null,"d":[1,{"e":2,"f":1}]},"b":1}',
    },
    { name: 'undefined at the top is null', value: undefined, expected: 'null' },
    { name: 'an undefined field is null', value: { b: undefined, a: 1 }, expected: '{"a":1,"b":null}' },
    { name: 'an undefined item is null', value: [undefined], expected: '[null]' },
    { name: 'a null-prototype map', value: Object.assign(Object.create(null) as object, { b: 1, a: 2 }), expected: '{"a":2,"b":1}' },
    { name: 'strings are JSON-quoted', value: { 'k"': 'a\nb' }, expected: '{"k\\"":"a\\nb"}' },
  ])('$name', ({ value, expected }) => {
    expect(canonicalJson(value)).toBe(expected);
  });
});

describe('sortedJsonPieces', () => {
  const whole = (value: unknown) => JSON.stringify(value, sortedKeysReplacer, 2);
  const proto: Record<string, unknown> = {};
  setOwn(proto, '__proto__', { polluted: true });
  const values: Array<[string, unknown]> = [
    ['an empty map', {}],
    ['a scalar', 'text'],
    ['a list', [1, { b: 2, a: 1 }, []]],
    ['nested maps, unsorted, with empty ones', { z: { y: { x: 1, w: [2, 3] }, v: {} }, a: { c: 'é⟦s⟧', b: null }, m: [] }],
    ['a missing value, left out as JSON.stringify leaves it', { b: undefined, a: { d: undefined, c: 1 }, e: { f: undefined } }],
    ['a __proto__ key, kept as data', { resources: proto }],
    ['text with line feeds, escaped', { a: { b: 'one\ntwo', c: { d: 'x\ny' } } }],
  ];
  for (const [name, value] of values) {
    it(`is JSON.stringify's text in pieces: ${name}`, () => {
      for (const depth of [0, 1, 2, 3]) expect([...sortedJsonPieces(value, depth)].join('')).toBe(whole(value));
    });
  }

  it('keeps a __proto__ key as data, never as a prototype', () => {
    const text = [...sortedJsonPieces({ resources: proto }, 2)].join('');
    expect(text).toContain('"__proto__": {');
    const { resources } = JSON.parse(text) as { resources: object };
    expect(Object.getOwnPropertyDescriptor(resources, '__proto__')?.value).toEqual({ polluted: true });
    expect(Object.getPrototypeOf(resources)).toBe(Object.prototype);
  });

  it('writes each entry of the maps splitDepth levels deep as pieces of their own', () => {
    const state = { resources: { a: { x: 1 }, b: { y: 2 } }, sharedState: {} };
    expect([...sortedJsonPieces(state, 2)]).toEqual([
      '{\n  "resources": ',
      '{\n    "a": ',
      '{\n      "x": 1\n    }',
      ',\n    "b": ',
      '{\n      "y": 2\n    }',
      '\n  }',
      ',\n  "sharedState": ',
      '{}',
      '\n}',
    ]);
  });
});

describe('strings inside a value, with and without their paths', () => {
  const value = JSON.parse('{"a": "x", "l": [1, "y", {"b": "z", "__proto__": "p"}], "n": null, "t": true}') as unknown;

  it('forEachString and forEachStringValue visit the same strings in the same order', () => {
    const withPaths: [string, FieldPath][] = [];
    forEachString(value, ['top'], (text, path) => withPaths.push([text, path]));
    expect(withPaths).toEqual([
      ['x', ['top', 'a']],
      ['y', ['top', 'l', 1]],
      ['z', ['top', 'l', 2, 'b']],
      ['p', ['top', 'l', 2, '__proto__']],
    ]);
    const texts: string[] = [];
    forEachStringValue(value, (text) => texts.push(text));
    expect(texts).toEqual(withPaths.map(([text]) => text));
  });

  it('mapStrings and replaceStrings give equal copies, `__proto__` kept as data', () => {
    const upper = (text: string) => text.toUpperCase();
    const copy = replaceStrings(value, upper);
    expect(copy).toEqual(mapStrings(value, upper));
    expect(JSON.stringify(copy)).toBe('{"a":"X","l":[1,"Y",{"b":"Z","__proto__":"P"}],"n":null,"t":true}');
    expect(Object.getPrototypeOf((copy as { l: object[] }).l[2])).toBe(Object.prototype);
    expect(copy).not.toBe(value);
  });
});

describe('replaceStrings', () => {
  const value = JSON.parse(
    '{"keep": {"a": "x", "l": [1, "y"]}, "change": {"b": "TOKEN", "l": ["z", "TOKEN"]}, "__proto__": "TOKEN"}',
  ) as Record<string, Record<string, unknown>>;
  const before = JSON.stringify(value);
  const result = replaceStrings(value, (text) => text.replace('TOKEN', 'new')) as typeof value;

  it('gives the value with the strings replaced, and leaves the value as it was', () => {
    expect(JSON.stringify(result)).toBe('{"keep":{"a":"x","l":[1,"y"]},"change":{"b":"new","l":["z","new"]},"__proto__":"new"}');
    expect(JSON.stringify(value)).toBe(before);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
  });

  it('copies only the maps and lists on the way to a change', () => {
    expect(result).not.toBe(value);
    expect(result.keep).toBe(value.keep);
    expect(result.change).not.toBe(value.change);
    expect(replaceStrings(value, (text) => text)).toBe(value);
  });
});

describe('setOwn', () => {
  it('sets every key as an own data property, `__proto__` and Object.prototype names included', () => {
    const map: Record<string, unknown> = {};
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'a']) setOwn(map, key, key.length);
    expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
    expect(Object.keys(map)).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'a']);
    expect(JSON.stringify(map)).toBe('{"__proto__":9,"constructor":11,"toString":8,"hasOwnProperty":14,"a":1}');
    setOwn(map, '__proto__', 'again');
    setOwn(map, 'a', 2);
    expect(Object.getOwnPropertyDescriptor(map, '__proto__')).toEqual({
      value: 'again',
      enumerable: true,
      writable: true,
      configurable: true,
    });
    expect(map.a).toBe(2);
    expect(({} as Record<string, unknown>).constructor).toBe(Object);
  });
});
