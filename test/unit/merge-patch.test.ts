import { afterEach, describe, expect, it } from 'vitest';
import { applyMergePatch, isDecodedMap } from '../../src/base/merge-patch.js';

type Map = Record<string, unknown>;

describe('applyMergePatch', () => {
  it.each<{ name: string; target: Map; patch: Map; expected: Map }>([
    { name: 'empty patch', target: { a: 1 }, patch: {}, expected: { a: 1 } },
    { name: 'new key', target: { a: 1 }, patch: { b: 2 }, expected: { a: 1, b: 2 } },
    { name: 'later scalar wins', target: { a: 1 }, patch: { a: 2 }, expected: { a: 2 } },
    {
      name: 'maps merge deeply',
      target: { a: { x: 1, y: { p: 1 } } },
      patch: { a: { y: { q: 2 }, z: 3 } },
      expected: { a: { x: 1, y: { p: 1, q: 2 }, z: 3 } },
    },
    { name: 'null deletes a key', target: { a: 1, b: 2 }, patch: { a: null }, expected: { b: 2 } },
    { name: 'null deletes a nested key', target: { a: { x: 1, y: 2 } }, patch: { a: { x: null } }, expected: { a: { y: 2 } } },
    { name: 'null on a missing key changes nothing', target: { a: 1 }, patch: { b: null }, expected: { a: 1 } },
    { name: 'lists are replaced, not merged', target: { a: [1, 2] }, patch: { a: [3] }, expected: { a: [3] } },
    { name: 'a map replaces a scalar', target: { a: 1 }, patch: { a: { x: 1 } }, expected: { a: { x: 1 } } },
    { name: 'a scalar replaces a map', target: { a: { x: 1 } }, patch: { a: 'flat' }, expected: { a: 'flat' } },
    { name: 'a map replaces a list', target: { a: [1] }, patch: { a: { x: 1 } }, expected: { a: { x: 1 } } },
    { name: 'false and 0 are values, not deletes', target: { a: 1, b: 2 }, patch: { a: false, b: 0 }, expected: { a: false, b: 0 } },
    { name: 'a new map loses its nulls (RFC 7386)', target: {}, patch: { a: { x: null, y: 1 } }, expected: { a: { y: 1 } } },
    { name: 'a map over a scalar loses its nulls', target: { a: 1 }, patch: { a: { x: null } }, expected: { a: {} } },
    {
      name: 'RFC 7386 appendix A example',
      target: { title: 'Goodbye!', author: { givenName: 'John', familyName: 'Doe' }, tags: ['example', 'sample'], content: 'text' },
      patch: { title: 'Hello!', phoneNumber: '+01-123-456-7890', author: { familyName: null }, tags: ['example'] },
      expected: { title: 'Hello!', author: { givenName: 'John' }, tags: ['example'], content: 'text', phoneNumber: '+01-123-456-7890' },
    },
    {
      name: '__proto__ is a data key',
      target: {},
      patch: JSON.parse('{"__proto__": {"x": 1}}') as Map,
      expected: JSON.parse('{"__proto__": {"x": 1}}') as Map,
    },
    {
      name: 'constructor and prototype are data keys',
      target: {},
      patch: { constructor: { prototype: 1 } },
      expected: { constructor: { prototype: 1 } },
    },
    {
      name: 'an inherited constructor is not merged into',
      target: {},
      patch: { constructor: { a: 1 } },
      expected: { constructor: { a: 1 } },
    },
  ])('$name', ({ target, patch, expected }) => {
    const result = applyMergePatch(target, patch);
    expect(result).toBe(target);
    expect(target).toEqual(expected);
    expect(JSON.stringify(target)).toBe(JSON.stringify(expected));
  });

  describe('never touches a prototype', () => {
    afterEach(() => {
      delete (Object.prototype as Map).polluted;
    });

    it.each<{ name: string; patch: string }>([
      { name: '__proto__ key', patch: '{"__proto__": {"polluted": "yes"}}' },
      { name: 'nested __proto__ key', patch: '{"a": {"__proto__": {"polluted": "yes"}}}' },
      { name: 'constructor.prototype keys', patch: '{"constructor": {"prototype": {"polluted": "yes"}}}' },
    ])('$name', ({ patch }) => {
      const target: Map = { a: {} };
      applyMergePatch(target, JSON.parse(patch) as Map);
      expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
      expect(Object.getPrototypeOf(target.a)).toBe(Object.prototype);
      expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
    });
  });

  it('a class instance is a value, not a map to merge', () => {
    class Typed {
      constructor(readonly v: number) {}
    }
    const typed = new Typed(1);
    const target: Map = { a: { v: 0, w: 2 } };
    applyMergePatch(target, { a: typed });
    expect(target.a).toBe(typed);
  });

  it.each<{ name: string; target: Map; patch: Map; replaced: string[][] }>([
    { name: 'a scalar set', target: { a: 1 }, patch: { a: 2 }, replaced: [['a']] },
    { name: 'a map merged into is not itself replaced', target: { a: { x: 1 } }, patch: { a: { y: 2 } }, replaced: [['a', 'y']] },
    { name: 'a new map: its keys, then the map', target: {}, patch: { a: { x: 1 } }, replaced: [['a', 'x'], ['a']] },
    { name: 'a delete', target: { a: 1 }, patch: { a: null, b: null }, replaced: [['a'], ['b']] },
  ])('onReplace: $name', ({ target, patch, replaced }) => {
    const seen: Array<readonly string[]> = [];
    applyMergePatch(target, patch, { onReplace: (path) => seen.push(path) });
    expect(seen).toEqual(replaced);
  });

  it('copy is used for each value put, so the patch keeps its own data', () => {
    const list = [1];
    const patch: Map = { a: list, b: { c: list } };
    const target = applyMergePatch({}, patch, { copy: (v) => structuredClone(v) });
    expect(target).toEqual({ a: [1], b: { c: [1] } });
    expect(target.a).not.toBe(list);
    expect((target.b as Map).c).not.toBe(list);
    expect(target.b).not.toBe(patch.b);
  });
  it('copyOnWrite leaves the original maps as they were and shares what the patch does not touch', () => {
    const untouched = { keep: [1] };
    const base: Map = { a: { b: 1, c: 2 }, d: untouched };
    const merged = applyMergePatch({ ...base }, { a: { b: null, e: 3 } }, { copyOnWrite: true });
    expect(merged).toEqual({ a: { c: 2, e: 3 }, d: { keep: [1] } });
    expect(base).toEqual({ a: { b: 1, c: 2 }, d: { keep: [1] } });
    expect(merged.d).toBe(untouched);
  });
});

describe('isDecodedMap', () => {
  it.each<{ name: string; value: unknown; expected: boolean }>([
    { name: 'a plain object', value: { a: 1 }, expected: true },
    { name: 'a null-prototype object', value: Object.create(null) as unknown, expected: true },
    { name: 'a list', value: [1], expected: false },
    { name: 'null', value: null, expected: false },
    { name: 'a string', value: 'a', expected: false },
    { name: 'a class instance', value: new Date(0), expected: false },
  ])('$name', ({ value, expected }) => {
    expect(isDecodedMap(value)).toBe(expected);
  });
});
