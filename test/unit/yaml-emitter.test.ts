/** The YAML writer against both YAML readers kubectl and others use, on generated tricky values. */
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { emitYaml } from '../../src/yaml/yaml-emitter.js';

/** A small deterministic generator (mulberry32), so a failure always reproduces. */
function generator(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'a',
  'Z',
  '0',
  '7',
  '-',
  ':',
  ' ',
  '#',
  '"',
  "'",
  '\n',
  '\t',
  '.',
  '|',
  '>',
  '!',
  '&',
  '*',
  '?',
  '{',
  '}',
  '[',
  ']',
  ',',
  '%',
  '@',
  '`',
  '~',
  '=',
  '<<',
  'yes',
  'on',
  'null',
  '0x1',
  '1e3',
  '0o7',
  '.inf',
  '---',
  '...',
  '\\',
  'é',
  '😀',
  '$(',
  '${',
  '\r',
  '\u0085',
  '\u2028',
];

function randomString(next: () => number): string {
  const length = Math.floor(next() * 6);
  return Array.from({ length }, () => PIECES[Math.floor(next() * PIECES.length)]).join('');
}

function randomValue(next: () => number, depth: number): unknown {
  const pick = next();
  if (depth > 2 || pick < 0.5) {
    if (pick < 0.05) return Math.floor(next() * 1000) - 500;
    if (pick < 0.08) return next() < 0.5;
    if (pick < 0.1) return null;
    return randomString(next);
  }
  const size = Math.floor(next() * 4);
  if (pick < 0.75) return Array.from({ length: size }, () => randomValue(next, depth + 1));
  return Object.fromEntries(Array.from({ length: size }, () => [randomString(next), randomValue(next, depth + 1)]));
}

describe('emitYaml', () => {
  it.each(Array.from({ length: 20 }, (_, i) => ({ name: `seed ${i}`, seed: 1000 + i })))(
    '$name: 100 random documents read back the same in YAML 1.1 and 1.2',
    ({ seed }) => {
      const next = generator(seed);
      for (let n = 0; n < 100; n++) {
        const value = { root: randomValue(next, 0) };
        const text = emitYaml(value);
        expect(parse(text, { version: '1.1', uniqueKeys: false }), JSON.stringify(text)).toEqual(value);
        expect(parse(text, { version: '1.2', uniqueKeys: false }), JSON.stringify(text)).toEqual(value);
      }
    },
  );

  it.each([
    { name: 'empty collections', value: { a: {}, b: [] }, text: 'a: {}\nb: []\n' },
    { name: 'list of maps', value: { a: [{ x: 1, w: 'z' }] }, text: 'a:\n  - x: 1\n    w: z\n' },
    { name: 'a YAML 1.1 boolean key is quoted', value: { y: 'n' }, text: '"y": "n"\n' },
    { name: 'literal block keeps one trailing newline', value: { a: 'x\ny\n' }, text: 'a: |\n  x\n  y\n' },
    { name: 'literal block without trailing newline', value: { a: 'x\ny' }, text: 'a: |-\n  x\n  y\n' },
    { name: 'a leading dash with text is plain', value: { a: ['-c', '--quick'] }, text: 'a:\n  - -c\n  - --quick\n' },
    { name: 'double quotes inside: single-quoted', value: { a: 'say "hi"' }, text: 'a: say "hi"\n' },
    { name: 'quotes and a colon-space: single-quoted', value: { a: 'k: "v"' }, text: 'a: \'k: "v"\'\n' },
  ])('$name', ({ value, text }) => {
    expect(emitYaml(value)).toBe(text);
  });
});

describe('emitYaml: word-like text', () => {
  // Letters, digits and -._/ take a quicker path to plain: these words are the ones it must get right.
  const WORD_PIECES = [
    'a',
    'Z',
    'y',
    'N',
    '0',
    '9',
    '-',
    '.',
    '/',
    '_',
    'on',
    'Off',
    'yes',
    'NO',
    'true',
    'False',
    'null',
    'NULL',
    '1e3',
    '0x1',
    'inf',
    'nan',
  ];

  it.each(Array.from({ length: 10 }, (_, i) => ({ name: `seed ${i}`, seed: 2000 + i })))(
    '$name: 300 random words as keys and values read back the same in YAML 1.1 and 1.2',
    ({ seed }) => {
      const next = generator(seed);
      for (let n = 0; n < 300; n++) {
        const length = 1 + Math.floor(next() * 4);
        const word = Array.from({ length }, () => WORD_PIECES[Math.floor(next() * WORD_PIECES.length)]).join('');
        const value = { [word]: word, list: [word] };
        const text = emitYaml(value);
        expect(parse(text, { version: '1.1', uniqueKeys: false }), JSON.stringify(text)).toEqual(value);
        expect(parse(text, { version: '1.2', uniqueKeys: false }), JSON.stringify(text)).toEqual(value);
      }
    },
  );

  it.each([
    ['svc-0001', 'svc-0001'],
    ['app.kubernetes.io/name', 'app.kubernetes.io/name'],
    ['yes', '"yes"'],
    ['Off', '"Off"'],
    ['y', '"y"'],
    ['nULL', 'nULL'],
    ['1.0', '"1.0"'],
    ['_x', '_x'],
    ['._1e3', '"._1e3"'],
  ])('%j is written %s', (word, written) => {
    expect(emitYaml({ v: word })).toBe(`v: ${written}\n`);
  });
});

describe('emitYaml: text a YAML reader takes for something else is quoted, whatever it starts with', () => {
  it.each([
    'y',
    'No',
    'TRUE',
    'off',
    'On',
    'null',
    'Null',
    '~',
    '=',
    '<<',
    '.5',
    '-1',
    '+2',
    '+.inf',
    '.NaN',
    '0x1f',
    '0o17',
    '1_000',
    '1:30',
    '2001-01-01',
    '1e3',
    '._1e3',
  ])('%j', (text) => {
    const written = emitYaml({ v: text });
    expect(written).not.toBe(`v: ${text}\n`);
    expect(parse(written, { version: '1.1' })).toEqual({ v: text });
    expect(parse(written, { version: '1.2' })).toEqual({ v: text });
  });
});
