import { describe, expect, it } from 'vitest';
import { SecretRefCodec } from '../../src/base/secret-ref.js';
import type { Manifest } from '../../src/base/types.js';
import { collectSecretValues } from '../../src/provision/secret-values.js';

const refs = SecretRefCodec.fresh();
const secrets: Manifest[] = [
  { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'pg' }, stringData: { password: 'p4ss', username: 'app' } },
  { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'cache' }, data: { password: Buffer.from('r3dis').toString('base64') } },
  { apiVersion: 'v2', kind: 'Secret', metadata: { name: 'other' }, stringData: { password: 'not a v1 Secret' } },
];
const outputs = [
  { password: refs.encode('pg', 'password'), url: `postgres://app:${refs.encode('pg', 'password')}@pg` },
  { nested: { list: [refs.encode('cache', 'password')] } },
  { unknown: refs.encode('gone', 'key'), other: refs.encode('other', 'password') },
];

describe('collectSecretValues', () => {
  const values = collectSecretValues(secrets, outputs, refs);

  it('gives the value behind each reference the outputs hold, from stringData or base64 data', () => {
    expect(values.get({ name: 'pg', key: 'password' })).toBe('p4ss');
    expect(values.get({ name: 'cache', key: 'password' })).toBe('r3dis');
  });

  it('keeps no value no output refers to, and none of a Secret that is not v1 or does not exist', () => {
    expect(values.get({ name: 'pg', key: 'username' })).toBeUndefined();
    expect(values.get({ name: 'other', key: 'password' })).toBeUndefined();
    expect(values.get({ name: 'gone', key: 'key' })).toBeUndefined();
  });

  it("gives the values of one resource's outputs, keyed NAME/KEY, for its record", () => {
    expect(values.forOutputs(outputs[0])).toEqual({ 'pg/password': 'p4ss' });
    expect(values.forOutputs(outputs[2])).toBeUndefined();
    expect(values.forOutputs({ host: 'pg' })).toBeUndefined();
  });
});
