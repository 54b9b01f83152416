/** Patch operations on the manifest list: set, append, delete, and the errors that name what is wrong. */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyOperation, PatchError, toOperation } from '../../src/patch/patch-operations.js';
import { at, list, mapping } from '../support/fields.js';
import { runIn, tempProject } from '../support/run-cli.js';

const manifests = (): unknown[] => [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'a', labels: { x: '1' } },
    spec: { template: { spec: { containers: [{ name: 'main' }] } } },
  },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' } },
];

describe('applyOperation', () => {
  it.each([
    {
      name: 'set a new nested field',
      op: { op: 'set', path: '0.spec.replicas', value: 3 },
      check: (m: unknown) => at(m, 0, 'spec', 'replicas') === 3,
    },
    {
      name: 'set creates missing maps',
      op: { op: 'set', path: '1.spec.selector.app', value: 'a' },
      check: (m: unknown) => at(m, 1, 'spec', 'selector', 'app') === 'a',
    },
    {
      name: 'set a key with a dot',
      op: { op: 'set', path: '0.metadata.labels.example\\.com/team', value: 'pay' },
      check: (m: unknown) => at(m, 0, 'metadata', 'labels', 'example.com/team') === 'pay',
    },
    {
      name: 'append with -1',
      op: { op: 'set', path: '0.spec.template.spec.containers.-1', value: { name: 'b' } },
      check: (m: unknown) => at(m, 0, 'spec', 'template', 'spec', 'containers', 1, 'name') === 'b',
    },
    { name: 'append a manifest', op: { op: 'set', path: '-1', value: { kind: 'X' } }, check: (m: unknown) => list(m).length === 3 },
    {
      name: 'replace a list item',
      op: { op: 'set', path: '0.spec.template.spec.containers.0', value: { name: 'c' } },
      check: (m: unknown) => at(m, 0, 'spec', 'template', 'spec', 'containers', 0, 'name') === 'c',
    },
    {
      name: 'delete a field',
      op: { op: 'delete', path: '0.metadata.labels.x' },
      check: (m: unknown) => !('x' in mapping(m, 0, 'metadata', 'labels')),
    },
    { name: 'delete a manifest', op: { op: 'delete', path: '1' }, check: (m: unknown) => list(m).length === 1 },
    {
      name: 'delete under a missing field does nothing',
      op: { op: 'delete', path: '0.spec.nothing.here' },
      check: (m: unknown) => list(m).length === 2,
    },
    {
      name: '__proto__ is a plain key',
      op: { op: 'set', path: '0.metadata.__proto__.polluted', value: 'yes' },
      check: () => (({}) as Record<string, unknown>).polluted === undefined,
    },
  ])('$name', ({ op, check }) => {
    const list = manifests();
    applyOperation(list, toOperation(op));
    expect(check(list)).toBe(true);
  });

  it.each([
    {
      name: 'an index past the end',
      op: { op: 'set', path: '5.spec', value: 1 },
      message: 'segment 1 of the path is not an index of a list of 2 items (use -1 to append)',
    },
    {
      name: 'a field of a string',
      op: { op: 'set', path: '0.kind.x', value: 1 },
      message: 'segment 3 of the path goes into a string, which has no fields',
    },
    {
      name: 'a word as a list index',
      op: { op: 'delete', path: '0.spec.template.spec.containers.main' },
      message: 'segment 6 of the path is not an index of a list of 1 item (use -1 to append)',
    },
    {
      name: 'a path that cannot be read (its text is not repeated)',
      op: { op: 'set', path: '0.a\\b', value: 1 },
      message: "the path is not valid: '\\' must be followed by '.', '[' or '\\'",
    },
  ])('refuses $name', ({ op, message }) => {
    expect(() => applyOperation(manifests(), toOperation(op))).toThrow(message);
  });

  it.each([
    { item: { op: 'add', path: '0' }, message: "op must be 'set' or 'delete'" },
    { item: { op: 'set', path: '0.x' }, message: 'a set operation needs a value' },
    { item: { op: 'delete', path: '' }, message: 'path must be a non-empty string' },
    {
      item: { op: 'delete', path: '0', value: 1, extra: true },
      message: 'an operation has only the fields op, path, value and description (it has 1 other field)',
    },
    { item: 'set 0.x', message: 'each operation must be a map' },
  ])('checks the operation $item', ({ item, message }) => {
    expect(() => toOperation(item)).toThrow(PatchError);
    expect(() => toOperation(item)).toThrow(message);
  });
});

describe('init --patch-templates', () => {
  it('installs nothing when one template is broken, and names it', async () => {
    const dir = tempProject();
    mkdirSync(path.join(dir, 'patches'));
    writeFileSync(path.join(dir, 'patches', 'a.tpl'), '- op: delete\n  path: "0.spec.replicas"\n');
    writeFileSync(path.join(dir, 'patches', 'b.tpl'), '{{#each manifests}}\n');
    const run = await runIn(dir, ['init', '--no-sample', '--patch-templates', 'patches']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('patches/b.tpl:');
    const stateDir = path.join(dir, '.score-ts');
    expect(existsSync(stateDir) ? readdirSync(stateDir).filter((f) => f.endsWith('.patch.tpl')) : []).toEqual([]);
  });
});
