import { describe, expect, it } from 'vitest';
import { matchProvisioner, supportedTypes } from '../../src/provision/match-provisioner.js';
import type { Provisioner } from '../../src/provision/provisioner-file.js';

function p(uri: string, type: string, extra: { class?: string; id?: string } = {}): Provisioner {
  return { kind: 'template', uri, type, ...extra, file: 'p.yaml', line: 1, origin: 'run', templates: {} };
}

const LIST: Provisioner[] = [
  p('template://pg-by-id', 'postgres', { id: 'shared-db' }),
  p('template://pg-large', 'postgres', { class: 'large' }),
  p('template://pg-large-special', 'postgres', { class: 'large', id: 'special' }),
  p('template://pg-any', 'postgres'),
  p('template://pg-second', 'postgres'),
  p('template://redis', 'redis', { class: 'cache' }),
  p('template://volume', 'volume'),
];

describe('matchProvisioner', () => {
  it.each<{ name: string; node: { type: string; class: string; id: string }; list?: Provisioner[]; expected: string | undefined }>([
    {
      name: 'id set: matches only that id',
      node: { type: 'postgres', class: 'default', id: 'shared-db' },
      expected: 'template://pg-by-id',
    },
    { name: 'id set: any class of that id', node: { type: 'postgres', class: 'large', id: 'shared-db' }, expected: 'template://pg-by-id' },
    {
      name: 'class set: matches that class (first match wins over the class+id entry)',
      node: { type: 'postgres', class: 'large', id: 'special' },
      expected: 'template://pg-large',
    },
    {
      name: 'class set: other ids of the class',
      node: { type: 'postgres', class: 'large', id: 'web.db' },
      expected: 'template://pg-large',
    },
    { name: 'neither set: any class and id', node: { type: 'postgres', class: 'small', id: 'web.db' }, expected: 'template://pg-any' },
    { name: 'first of two equal entries wins', node: { type: 'postgres', class: 'default', id: 'api.db' }, expected: 'template://pg-any' },
    { name: 'class must equal: default is not cache', node: { type: 'redis', class: 'default', id: 'web.cache' }, expected: undefined },
    { name: 'class matches', node: { type: 'redis', class: 'cache', id: 'web.cache' }, expected: 'template://redis' },
    { name: 'unknown type', node: { type: 'mysql', class: 'default', id: 'web.db' }, expected: undefined },
    { name: 'type is compared exactly', node: { type: 'Postgres', class: 'default', id: 'web.db' }, expected: undefined },
    { name: 'empty list', node: { type: 'volume', class: 'default', id: 'v' }, list: [], expected: undefined },
    {
      name: 'order of the list decides: a specific entry after a general one never matches',
      node: { type: 'postgres', class: 'large', id: 'special' },
      list: [p('template://general', 'postgres'), p('template://specific', 'postgres', { class: 'large', id: 'special' })],
      expected: 'template://general',
    },
  ])('$name', ({ node, list, expected }) => {
    expect(matchProvisioner(node, list ?? LIST)?.uri).toBe(expected);
  });
});

describe('supportedTypes', () => {
  it.each<{ name: string; list: Provisioner[]; expected: string[] }>([
    { name: 'sorted and unique', list: LIST, expected: ['postgres', 'redis', 'volume'] },
    { name: 'empty', list: [], expected: [] },
    {
      name: 'code-point order',
      list: [p('template://a', 'b'), p('template://b', 'B'), p('template://c', 'a-b'), p('template://d', 'a')],
      expected: ['B', 'a', 'a-b', 'b'],
    },
  ])('$name', ({ list, expected }) => {
    expect(supportedTypes(list)).toEqual(expected);
  });
});
