import { describe, expect, it } from 'vitest';
import { inspect } from 'node:util';
import { SecretRefCodec, SecretRefError, type SecretRef } from '../../src/base/secret-ref.js';
import { TEST_SECRET_REFS, TEST_TOKEN, testMarker as M, thrown } from './builders.js';

const codec = TEST_SECRET_REFS;
const encodeSecretRef = (name: string, key: string) => codec.encode(name, key);
const containsSecretRef = (text: string) => codec.contains(text);
const splitSecretRefs = (text: string) => codec.split(text);
const maskSecretRefs = (text: string) => codec.mask(text);
const fillSecretRefs = (text: string, lookup: (ref: SecretRef) => string | undefined, missing: (ref: SecretRef) => void) =>
  codec.fill(text, lookup, missing);

describe('encodeSecretRef', () => {
  it.each<{ name: string; secret: string; key: string }>([
    { name: 'simple', secret: 'db', key: 'password' },
    { name: 'dashes and digits', secret: 'pg-0-secret', key: 'pass-1' },
    { name: 'dotted subdomain name', secret: 'a.b-c.d1', key: 'x' },
    { name: 'key with dots, underscores and capitals', secret: 's', key: 'Tls_Key.pem' },
    { name: 'key starting with a dot', secret: 's', key: '.dockerconfigjson' },
    { name: '253-character name', secret: `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`, key: 'k' },
  ])('valid: $name', ({ secret, key }) => {
    const marker = encodeSecretRef(secret, key);
    expect(marker).toBe(M(secret, key));
    expect(containsSecretRef(marker)).toBe(true);
    expect(splitSecretRefs(marker)).toEqual([{ name: secret, key }]);
  });

  it.each<{ name: string; secret: string; key: string; message: string }>([
    { name: 'capitals in the name', secret: 'Db', key: 'k', message: "secretRef: 'Db' is not a valid Secret name" },
    { name: 'underscore in the name', secret: 'my_db', key: 'k', message: "secretRef: 'my_db' is not a valid Secret name" },
    { name: 'name starting with a dash', secret: '-db', key: 'k', message: "secretRef: '-db' is not a valid Secret name" },
    { name: 'name ending with a dash', secret: 'db-', key: 'k', message: "secretRef: 'db-' is not a valid Secret name" },
    { name: 'name with an empty label', secret: 'a..b', key: 'k', message: "secretRef: 'a..b' is not a valid Secret name" },
    { name: 'empty name', secret: '', key: 'k', message: "secretRef: '' is not a valid Secret name" },
    { name: 'colon in the name', secret: 'a:b', key: 'k', message: "secretRef: 'a:b' is not a valid Secret name" },
    {
      name: 'name over 253 characters',
      secret: `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`,
      key: 'k',
      message: `secretRef: '${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}' is not a valid Secret name`,
    },
    { name: 'space in the key', secret: 's', key: 'a b', message: "secretRef: 'a b' is not a valid Secret key" },
    { name: 'slash in the key', secret: 's', key: 'a/b', message: "secretRef: 'a/b' is not a valid Secret key" },
    { name: 'colon in the key', secret: 's', key: 'a:b', message: "secretRef: 'a:b' is not a valid Secret key" },
    { name: 'empty key', secret: 's', key: '', message: "secretRef: '' is not a valid Secret key" },
    { name: 'bad name is reported before a bad key', secret: 'X', key: ' ', message: "secretRef: 'X' is not a valid Secret name" },
    {
      name: 'key over 253 characters',
      secret: 's',
      key: 'k'.repeat(254),
      message: `secretRef: '${'k'.repeat(254)}' is not a valid Secret key`,
    },
  ])('invalid: $name', ({ secret, key, message }) => {
    const error = thrown(() => encodeSecretRef(secret, key));
    expect(error).toBeInstanceOf(SecretRefError);
    expect(error.message).toBe(message);
  });
});

describe('splitSecretRefs', () => {
  it.each<{ name: string; text: string; expected: Array<string | SecretRef> }>([
    { name: 'no marker', text: 'plain', expected: ['plain'] },
    { name: 'empty text', text: '', expected: [] },
    { name: 'marker only', text: M('db', 'pw'), expected: [{ name: 'db', key: 'pw' }] },
    {
      name: 'text around markers',
      text: `postgres://${M('db', 'user')}:${M('db', 'pw')}@host`,
      expected: ['postgres://', { name: 'db', key: 'user' }, ':', { name: 'db', key: 'pw' }, '@host'],
    },
    {
      name: 'adjacent markers',
      text: M('a', 'x') + M('b', 'y'),
      expected: [
        { name: 'a', key: 'x' },
        { name: 'b', key: 'y' },
      ],
    },
    {
      name: 'a malformed marker stays text',
      text: `\u27e6secret:${TEST_TOKEN}:Bad:k\u27e7`,
      expected: [`\u27e6secret:${TEST_TOKEN}:Bad:k\u27e7`],
    },
    { name: 'an unclosed marker stays text', text: `\u27e6secret:${TEST_TOKEN}:db:k`, expected: [`\u27e6secret:${TEST_TOKEN}:db:k`] },
    {
      name: 'a marker without a token (the old form) stays text',
      text: '\u27e6secret:db:pw\u27e7',
      expected: ['\u27e6secret:db:pw\u27e7'],
    },
    {
      name: 'a marker with another token stays text',
      text: `\u27e6secret:${'f'.repeat(32)}:db:pw\u27e7`,
      expected: [`\u27e6secret:${'f'.repeat(32)}:db:pw\u27e7`],
    },
  ])('$name', ({ text, expected }) => {
    expect(splitSecretRefs(text)).toEqual(expected);
    const found: SecretRef[] = [];
    codec.forEachRef(text, (ref) => found.push(ref));
    expect(found, 'forEachRef gives the references split finds').toEqual(expected.filter((part) => typeof part !== 'string'));
  });

  it.each<{ name: string; text: string; expected: boolean }>([
    { name: 'marker', text: `x${M('a', 'b')}`, expected: true },
    { name: 'plain', text: 'secret:a:b', expected: false },
    { name: 'opening bracket without secret:', text: '\u27e6a\u27e7', expected: false },
    { name: 'a forged marker without the token', text: '\u27e6secret:a:b\u27e7', expected: false },
    { name: 'a piece of a marker that holds the token', text: `${M('a', 'b').slice(0, 44)}`, expected: true },
  ])('containsSecretRef: $name', ({ text, expected }) => {
    expect(containsSecretRef(text)).toBe(expected);
  });
});

describe('maskSecretRefs and fillSecretRefs', () => {
  const values: Record<string, string> = { 'db/user': 'admin', 'db/pw': 'p@ss:w0rd$1', 'other/k': '' };
  const lookup = (ref: SecretRef) => values[`${ref.name}/${ref.key}`];

  it.each<{ name: string; text: string; masked: string; filled: string; missing: string[] }>([
    { name: 'plain text unchanged', text: 'no secrets', masked: 'no secrets', filled: 'no secrets', missing: [] },
    {
      name: 'two markers in a URL',
      text: `postgres://${M('db', 'user')}:${M('db', 'pw')}@db:5432`,
      masked: 'postgres://<secret db/user>:<secret db/pw>@db:5432',
      filled: 'postgres://admin:p@ss:w0rd$1@db:5432',
      missing: [],
    },
    {
      name: 'value with $ is inserted literally',
      text: `[${M('db', 'pw')}]`,
      masked: '[<secret db/pw>]',
      filled: '[p@ss:w0rd$1]',
      missing: [],
    },
    { name: 'empty value', text: `[${M('other', 'k')}]`, masked: '[<secret other/k>]', filled: '[]', missing: [] },
    {
      name: 'unknown reference is reported and kept',
      text: `a ${M('nope', 'k')} b ${M('db', 'user')}`,
      masked: 'a <secret nope/k> b <secret db/user>',
      filled: `a ${M('nope', 'k')} b admin`,
      missing: ['nope/k'],
    },
  ])('$name', ({ text, masked, filled, missing }) => {
    expect(maskSecretRefs(text)).toBe(masked);
    const reported: string[] = [];
    expect(fillSecretRefs(text, lookup, (ref) => reported.push(`${ref.name}/${ref.key}`))).toBe(filled);
    expect(reported).toEqual(missing);
  });

  it('round trip: encode, split and fill give the text with values', () => {
    const text = `u=${encodeSecretRef('db', 'user')};p=${encodeSecretRef('db', 'pw')}`;
    const rebuilt = splitSecretRefs(text)
      .map((p) => (typeof p === 'string' ? p : encodeSecretRef(p.name, p.key)))
      .join('');
    expect(rebuilt).toBe(text);
    expect(fillSecretRefs(rebuilt, lookup, () => expect.fail('nothing is missing'))).toBe('u=admin;p=p@ss:w0rd$1');
    expect(maskSecretRefs(rebuilt)).toBe('u=<secret db/user>;p=<secret db/pw>');
  });
});

describe('SecretRefCodec: tokens', () => {
  it('a fresh codec has a 128-bit random token, different each time, and reads only its own markers', () => {
    const [a, b] = [SecretRefCodec.fresh(), SecretRefCodec.fresh()];
    expect(a.tokenForState()).toMatch(/^[0-9a-f]{32}$/);
    expect(a.tokenForState()).not.toBe(b.tokenForState());
    const marker = a.encode('db', 'pw');
    expect(a.split(marker)).toEqual([{ name: 'db', key: 'pw' }]);
    expect(b.split(marker)).toEqual([marker]);
    expect(b.contains(marker)).toBe(false);
  });

  it('the token is not shown when the codec is printed or serialised', () => {
    const a = SecretRefCodec.fresh();
    const token = a.tokenForState()!;
    expect(JSON.stringify(a)).not.toContain(token);
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- what String() shows of the codec is what is tested
    expect(String(a)).not.toContain(token);
    expect(inspect(a, { showHidden: true, depth: 5 })).not.toContain(token);
  });

  it.each<{ name: string; text: string; masked: string }>([
    { name: 'a whole marker', text: `x=${M('db', 'pw')}`, masked: 'x=<secret db/pw>' },
    {
      name: 'a cut marker (a template took a substring) keeps no token',
      text: `x=${M('db', 'pw').slice(0, 45)}`,
      masked: 'x=\u27e6secret:<secret>:db:p',
    },
    { name: 'a forged marker is text', text: '\u27e6secret:db:pw\u27e7', masked: '\u27e6secret:db:pw\u27e7' },
  ])('mask: $name', ({ text, masked }) => {
    expect(codec.mask(text)).toBe(masked);
  });

  it('recode writes the same references with another token and leaves other text alone', () => {
    const other = new SecretRefCodec('f'.repeat(32));
    const text = `u=${M('db', 'user')} forged=\u27e6secret:db:pw\u27e7`;
    expect(codec.recode(text, other)).toBe(`u=${other.encode('db', 'user')} forged=\u27e6secret:db:pw\u27e7`);
  });

  it('a codec without a token (a state saved before tokens) reads no marker and writes none', () => {
    const none = new SecretRefCodec();
    expect(none.split(`\u27e6secret:db:pw\u27e7`)).toEqual(['\u27e6secret:db:pw\u27e7']);
    expect(none.contains(M('db', 'pw'))).toBe(false);
    expect(thrown(() => none.encode('db', 'pw')).message).toBe('secretRef cannot be used here');
  });

  it('a malformed token is refused', () => {
    expect(thrown(() => new SecretRefCodec('abc'))).toBeInstanceOf(SecretRefError);
  });
});
