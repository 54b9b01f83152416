/**
 * score-k8s's patch paths, as github.com/tidwall/sjson applies them (expected values are sjson's, from its
 * source and documentation): escapes, indexes, -1, :123 and what setting creates on the way.
 */
import { describe, expect, it } from 'vitest';
import { parseSjsonPath, SjsonError, sjsonDelete, sjsonSet } from '../../src/patch/sjson-path.js';
import { at, list } from '../support/fields.js';

const doc = () => [
  { kind: 'Deployment', metadata: { name: 'api', labels: { a: '1' } }, spec: { ports: [80, 81] } },
  { kind: 'Service', metadata: { name: 'api' } },
];

describe('parseSjsonPath', () => {
  it.each([
    {
      name: 'dots separate keys',
      path: '0.spec.replicas',
      parts: [
        { key: '0', force: false },
        { key: 'spec', force: false },
        { key: 'replicas', force: false },
      ],
    },
    {
      name: '\\. is a dot inside a key',
      path: '0.metadata.labels.pod-security\\.kubernetes\\.io/enforce',
      parts: [
        { key: '0', force: false },
        { key: 'metadata', force: false },
        { key: 'labels', force: false },
        { key: 'pod-security.kubernetes.io/enforce', force: false },
      ],
    },
    {
      name: ': forces an object key',
      path: 'data.:123.x',
      parts: [
        { key: 'data', force: false },
        { key: '123', force: true },
        { key: 'x', force: false },
      ],
    },
    { name: '-1 is a key like any other until it is applied', path: '-1', parts: [{ key: '-1', force: false }] },
  ])('$name', ({ path, parts }) => {
    expect(parseSjsonPath(path)).toEqual(parts);
  });

  it.each([
    { name: 'an empty path', path: '', error: 'the path is empty' },
    {
      name: 'a query',
      path: '0.spec.containers.#.image',
      error: 'segment 4 of the path is a query (|, #, @, *, ?), which score-ts does not apply: name each key',
    },
  ])('refuses $name', ({ path, error }) => {
    expect(() => parseSjsonPath(path)).toThrow(new SjsonError(error));
  });
});

describe('sjsonSet', () => {
  it.each([
    {
      name: 'replaces a value',
      path: '0.metadata.name',
      value: 'web',
      check: (d: unknown) => at(d, 0, 'metadata', 'name'),
      expected: 'web',
    },
    {
      name: 'creates maps on the way',
      path: '1.spec.template.spec.serviceAccountName',
      value: 'sa',
      check: (d: unknown) => at(d, 1, 'spec'),
      expected: { template: { spec: { serviceAccountName: 'sa' } } },
    },
    {
      name: 'an escaped key',
      path: '0.metadata.labels.a\\.b',
      value: 'x',
      check: (d: unknown) => at(d, 0, 'metadata', 'labels'),
      expected: { a: '1', 'a.b': 'x' },
    },
    {
      name: '-1 appends to a list',
      path: '0.spec.ports.-1',
      value: 82,
      check: (d: unknown) => at(d, 0, 'spec', 'ports'),
      expected: [80, 81, 82],
    },
    {
      name: '-1 on the manifest list adds a manifest',
      path: '-1',
      value: { kind: 'ServiceAccount' },
      check: (d: unknown) => list(d).length,
      expected: 3,
    },
    {
      name: 'an index past the end pads with nulls',
      path: '0.spec.ports.4',
      value: 84,
      check: (d: unknown) => at(d, 0, 'spec', 'ports'),
      expected: [80, 81, null, null, 84],
    },
    {
      name: 'a missing key followed by an index makes a list',
      path: '0.spec.hosts.1',
      value: 'b',
      check: (d: unknown) => at(d, 0, 'spec', 'hosts'),
      expected: [null, 'b'],
    },
    {
      name: 'a missing key followed by -1 makes a list',
      path: '0.spec.hosts.-1.name',
      value: 'b',
      check: (d: unknown) => at(d, 0, 'spec', 'hosts'),
      expected: [{ name: 'b' }],
    },
    {
      name: ':1 makes an object key even where an index would make a list',
      path: '0.spec.byPort.:80',
      value: 'web',
      check: (d: unknown) => at(d, 0, 'spec', 'byPort'),
      expected: { 80: 'web' },
    },
    {
      name: 'a number is a key of a map',
      path: '0.metadata.labels.7',
      value: 'x',
      check: (d: unknown) => at(d, 0, 'metadata', 'labels'),
      expected: { a: '1', 7: 'x' },
    },
    {
      name: 'a scalar on the way is replaced by a map',
      path: '0.kind.x',
      value: 1,
      check: (d: unknown) => at(d, 0, 'kind'),
      expected: { x: 1 },
    },
  ])('$name', ({ path, value, check, expected }) => {
    expect(check(sjsonSet(doc(), path, value))).toEqual(expected);
  });

  it('refuses a key that is not an index where a list is', () => {
    expect(() => sjsonSet(doc(), '0.spec.ports.first', 1)).toThrow(
      new SjsonError('segment 4 of the path goes into a list but is not an index (use -1 to append)'),
    );
  });
});

describe('sjsonDelete', () => {
  it.each([
    { name: 'a manifest by index', path: '1', expected: [doc()[0]] },
    { name: 'a key', path: '0.metadata.labels.a', expected: [{ ...doc()[0], metadata: { name: 'api', labels: {} } }, doc()[1]] },
    { name: '-1: the last item of a list', path: '0.spec.ports.-1', expected: [{ ...doc()[0], spec: { ports: [80] } }, doc()[1]] },
    { name: 'nothing there: no change', path: '0.spec.nothing.deeper', expected: doc() },
    { name: 'an index past the end: no change', path: '7', expected: doc() },
  ])('$name', ({ path, expected }) => {
    expect(sjsonDelete(doc(), path)).toEqual(expected);
  });
});
