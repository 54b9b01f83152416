import { afterEach, describe, expect, it } from 'vitest';
import { thrown } from '../provision/builders.js';
import { deleteAtPath, setAtPath, type PathProblem, type PathRules, type PathSegment } from '../../src/base/data-path.js';

/** Each problem becomes an Error whose message is the problem as JSON, so a row can state it exactly. */
const fail = (problem: PathProblem) => new Error(JSON.stringify(problem));
const STRICT: PathRules = { fail };
const FORGIVING: PathRules = { fail, forgiving: true };
const PATCHES: PathRules = { fail, minusOneIsEnd: true };

type Row = { name: string; root: unknown; path: PathSegment[]; rules: PathRules; expected?: unknown; error?: PathProblem };

function check(run: () => void, root: unknown, { expected, error }: Row): void {
  if (error) expect(thrown(run).message).toBe(JSON.stringify(error));
  else {
    run();
    expect(root).toEqual(expected);
  }
}

describe('setAtPath', () => {
  it.each<Row>([
    { name: 'a new key', root: { a: 1 }, path: ['b'], rules: STRICT, expected: { a: 1, b: 'v' } },
    { name: 'replaces a value', root: { a: { b: 1 } }, path: ['a', 'b'], rules: STRICT, expected: { a: { b: 'v' } } },
    { name: 'makes missing maps on the way', root: {}, path: ['a', 'b', 'c'], rules: STRICT, expected: { a: { b: { c: 'v' } } } },
    { name: 'a list item', root: { a: [1, 2] }, path: ['a', 1], rules: STRICT, expected: { a: [1, 'v'] } },
    { name: 'one past a list end appends', root: { a: [1] }, path: ['a', 1], rules: STRICT, expected: { a: [1, 'v'] } },
    { name: 'a number segment is a key of a map', root: {}, path: ['a', 0], rules: STRICT, expected: { a: { 0: 'v' } } },
    {
      name: 'two past a list end fails',
      root: { a: [1] },
      path: ['a', 2],
      rules: STRICT,
      error: { kind: 'not-an-index', list: [1], segment: 2, position: 1 },
    },
    {
      name: 'a key into a list fails',
      root: { a: [1] },
      path: ['a', 'x'],
      rules: STRICT,
      error: { kind: 'not-an-index', list: [1], segment: 'x', position: 1 },
    },
    {
      name: 'strict: a scalar on the way fails',
      root: { a: 'text' },
      path: ['a', 'b'],
      rules: STRICT,
      error: { kind: 'into-scalar', value: 'text', position: 1 },
    },
    {
      name: 'strict: null on the way fails',
      root: { a: { b: null } },
      path: ['a', 'b', 'c'],
      rules: STRICT,
      error: { kind: 'into-scalar', value: null, position: 2 },
    },
    {
      name: 'strict: past a list end on the way fails',
      root: [],
      path: [0, 'a'],
      rules: STRICT,
      error: { kind: 'not-an-index', list: [], segment: 0, position: 0 },
    },
    {
      name: 'forgiving: a scalar on the way becomes a map',
      root: { a: 'text' },
      path: ['a', 'b'],
      rules: FORGIVING,
      expected: { a: { b: 'v' } },
    },
    {
      name: 'forgiving: a list item on the way becomes a map',
      root: { a: [1] },
      path: ['a', 0, 'b'],
      rules: FORGIVING,
      expected: { a: [{ b: 'v' }] },
    },
    {
      name: 'forgiving: past a list end on the way makes a map',
      root: { a: [] },
      path: ['a', 0, 'b'],
      rules: FORGIVING,
      expected: { a: [{ b: 'v' }] },
    },
    {
      name: 'forgiving: a scalar root still fails',
      root: 3,
      path: ['a'],
      rules: FORGIVING,
      error: { kind: 'into-scalar', value: 3, position: 0 },
    },
    { name: '-1 appends with minusOneIsEnd', root: [[1]], path: [0, '-1'], rules: PATCHES, expected: [[1, 'v']] },
    {
      name: '-1 is no index without minusOneIsEnd',
      root: [[1]],
      path: [0, '-1'],
      rules: STRICT,
      error: { kind: 'not-an-index', list: [1], segment: '-1', position: 1 },
    },
    {
      name: '__proto__ is an own key',
      root: {},
      path: ['__proto__', 'x'],
      rules: STRICT,
      expected: JSON.parse('{"__proto__": {"x": "v"}}'),
    },
  ])('$name', (row) => {
    check(() => setAtPath(row.root, row.path, 'v', row.rules), row.root, row);
  });

  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>).x;
  });

  it('never sets a field of Object.prototype', () => {
    const root = {};
    setAtPath(root, ['__proto__', 'x'], 'v', STRICT);
    setAtPath(root, ['constructor', 'prototype', 'x'], 'v', FORGIVING);
    expect(Object.hasOwn(Object.prototype, 'x')).toBe(false);
    expect(Object.getPrototypeOf(root)).toBe(Object.prototype);
  });
});

describe('deleteAtPath', () => {
  it.each<Row>([
    { name: 'a key', root: { a: 1, b: 2 }, path: ['a'], rules: STRICT, expected: { b: 2 } },
    { name: 'a nested key', root: { a: { b: 1, c: 2 } }, path: ['a', 'b'], rules: STRICT, expected: { a: { c: 2 } } },
    { name: 'a list item', root: { a: [1, 2, 3] }, path: ['a', 1], rules: STRICT, expected: { a: [1, 3] } },
    { name: 'a missing key changes nothing', root: { a: 1 }, path: ['b'], rules: STRICT, expected: { a: 1 } },
    { name: 'under a missing key changes nothing', root: { a: 1 }, path: ['b', 'c'], rules: STRICT, expected: { a: 1 } },
    {
      name: 'past a list end fails',
      root: { a: [1] },
      path: ['a', 1],
      rules: STRICT,
      error: { kind: 'not-an-index', list: [1], segment: 1, position: 1 },
    },
    {
      name: 'past a list end on the way fails, even forgiving',
      root: { a: [] },
      path: ['a', 0, 'b'],
      rules: FORGIVING,
      error: { kind: 'not-an-index', list: [], segment: 0, position: 1 },
    },
    {
      name: 'strict: under a scalar fails',
      root: { a: 1 },
      path: ['a', 'b'],
      rules: STRICT,
      error: { kind: 'into-scalar', value: 1, position: 1 },
    },
    { name: 'forgiving: under a scalar changes nothing', root: { a: 1 }, path: ['a', 'b'], rules: FORGIVING, expected: { a: 1 } },
    { name: 'forgiving: a null root changes nothing', root: null, path: ['a'], rules: FORGIVING, expected: null },
    { name: '-1 removes the last item with minusOneIsEnd', root: [[1, 2]], path: [0, '-1'], rules: PATCHES, expected: [[1]] },
    { name: '-1 on an empty list changes nothing', root: [[]], path: [0, '-1'], rules: PATCHES, expected: [[]] },
  ])('$name', (row) => {
    check(() => deleteAtPath(row.root, row.path, row.rules), row.root, row);
  });
});
