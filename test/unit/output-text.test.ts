import { describe, expect, it } from 'vitest';
import { ConvertError } from '../../src/base/errors.js';
import { SecretRefCodec } from '../../src/base/secret-ref.js';
import type { Manifest } from '../../src/base/types.js';
import { outputTexts } from '../../src/render/output-text.js';
import { shownError } from '../provision/builders.js';

const configMap = (name: string, data: Record<string, string> = {}): Manifest => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name },
  data,
});
const secret = (name: string, stringData: Record<string, string>): Manifest => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name },
  stringData,
});

describe('outputTexts', () => {
  it('makes the objects as the pieces are read, and then tells how many it wrote and whether one holds Secret data', () => {
    const refs = SecretRefCodec.fresh();
    const made: string[] = [];
    function* objects() {
      for (const name of ['a', 'b']) {
        made.push(name);
        yield configMap(name);
      }
      made.push('s');
      yield secret('s', { password: 'x' });
    }
    const heard: unknown[] = [];
    const { output } = outputTexts(objects, 'yaml', undefined, refs, (written) => heard.push(written));
    expect(() => output.written()).toThrow('not been written');
    const pieces = output.text();
    expect(pieces.next().value).toBe('---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata: {}\n');
    expect(made).toEqual(['a']);
    expect([...pieces]).toHaveLength(2);
    expect(output.written()).toEqual({ count: 3, holdsSecretData: true });
    expect(heard).toEqual([{ count: 3, holdsSecretData: true }]);
  });

  it('an empty Secret holds no Secret data', () => {
    const { output } = outputTexts(() => [configMap('a'), secret('s', {})], 'kyaml', undefined, SecretRefCodec.fresh());
    expect([...output.text()]).toHaveLength(2);
    expect(output.written()).toEqual({ count: 2, holdsSecretData: false });
  });

  it.each(['yaml', 'kyaml', 'json'] as const)(
    '%s: names every object holding a secret reference, and never gives out a piece that holds one',
    (format) => {
      const refs = SecretRefCodec.fresh();
      const leak = (name: string) => configMap(name, { url: `postgres://${refs.encode('pg', 'password')}@db` });
      const given: string[] = [];
      const error = shownError(() => {
        for (const piece of outputTexts(
          () => [configMap('fine'), leak('one'), configMap('after'), leak('two')],
          format,
          undefined,
          refs,
        ).output.text())
          given.push(piece);
      }, ConvertError);
      expect(error).toEqual({
        message: 'secret outputs were used where they cannot be kept secret',
        diagnostics: [
          'ConfigMap one holds a secret reference; a provisioner may use secretRef only in outputs',
          'ConfigMap two holds a secret reference; a provisioner may use secretRef only in outputs',
        ],
      });
      expect(given.some((piece) => refs.contains(piece))).toBe(false);
    },
  );

  it('with a Secrets file, the Secrets go there and every other object to the output, each counted', () => {
    const { output, secrets } = outputTexts(
      () => [configMap('a'), secret('s', { p: 'x' }), configMap('b')],
      'yaml',
      'secrets.yaml',
      SecretRefCodec.fresh(),
    );
    expect([...output.text()].join('')).not.toContain('kind: Secret');
    expect([...secrets!.text()].join('')).toContain('kind: Secret');
    expect([output.written().count, secrets!.written().count, secrets!.file]).toEqual([2, 1, 'secrets.yaml']);
  });
});
