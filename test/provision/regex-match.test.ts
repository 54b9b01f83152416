/**
 * regexMatch has RE2 semantics and runs in linear time: re2js for every pattern but the built-in files' own,
 * which run as JavaScript RegExps only after the checks here (each is RE2, matches as RE2 does, and does not
 * backtrack badly), so a usual run never loads re2js.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_PATTERNS, re2jsLoaded, regexMatch } from '../../src/templates/regex-match.js';
import { compileTemplate } from '../../src/templates/template-engine.js';
import { repoRoot } from '../support/run-cli.js';
import { templateData } from './builders.js';

const require = (await import('node:module')).createRequire(import.meta.url);
const { RE2JS } = require('re2js') as { RE2JS: { compile(p: string): { test(v: string): boolean } } };

// First in the file: later tests load re2js.
describe('re2js is loaded only for a pattern of a provisioner file of the user', () => {
  it('built-in patterns do not load it; another pattern does', () => {
    expect(re2jsLoaded()).toBe(false);
    expect(regexMatch(BUILT_IN_PATTERNS[0]!, '/api')).toBe(true);
    expect(re2jsLoaded()).toBe(false);
    expect(regexMatch('^api$', 'api')).toBe(true);
    expect(re2jsLoaded()).toBe(true);
  });
});

describe('regexMatch: RE2 semantics', () => {
  it.each([
    { name: 'finds a match anywhere, as Go regexp.MatchString', pattern: 'b+', value: 'abbc', expected: true },
    { name: 'anchors', pattern: '^a[0-9]{2}$', value: 'a12', expected: true },
    { name: 'anchors, no match', pattern: '^a[0-9]{2}$', value: 'a123', expected: false },
    { name: 'an inline flag (not JavaScript syntax)', pattern: '(?i)^HELLO$', value: 'hello', expected: true },
    { name: 'a Unicode class (not JavaScript syntax without u)', pattern: '^\\pL+$', value: 'Grüße', expected: true },
    { name: 'a POSIX class', pattern: '^[[:digit:]]+$', value: '0042', expected: true },
    { name: 'dot does not match a line break', pattern: '^a.b$', value: 'a\nb', expected: false },
    { name: '$ is the end of the text, not of a line', pattern: 'a$', value: 'a\n', expected: false },
    {
      name: 'nested repetition on a long near-miss: linear, no backtracking',
      pattern: '^(a+)+$',
      value: `${'a'.repeat(100_000)}!`,
      expected: false,
    },
    { name: 'alternation under repetition on a long near-miss', pattern: '^(a|aa)*$', value: `${'a'.repeat(100_000)}!`, expected: false },
  ])('$name', ({ pattern, value, expected }) => {
    expect(regexMatch(pattern, value)).toBe(expected);
  });

  it('a template on a hostile params value answers at once (this hung before re2js)', () => {
    const template = compileTemplate({ text: '{{#if (regexMatch "^([a-z0-9]+-?)*$" params.name)}}ok{{else}}no{{/if}}', firstLine: 1 });
    expect(template({ params: { name: `${'a-'.repeat(50_000)}!` } }, templateData())).toBe('no');
  });
});

/** Every literal pattern the built-in provisioner files pass to regexMatch, as Handlebars reads the string. */
function patternsInBuiltInFiles(): { patterns: Set<string>; nonLiteral: number } {
  const dir = path.join(repoRoot, 'provisioners');
  const texts = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => readFileSync(path.join(dir, f), 'utf8'));
  const patterns = new Set<string>();
  let nonLiteral = 0;
  for (const text of texts) {
    for (const match of text.matchAll(/regexMatch\s+("((?:\\"|[^"])*)"|\S+)/g)) {
      if (match[2] === undefined) nonLiteral++;
      else patterns.add(match[2].replace(/\\"/g, '"'));
    }
  }
  return { patterns, nonLiteral };
}

describe('the built-in patterns that run as JavaScript RegExps', () => {
  it('are exactly the literal patterns of the built-in files (add a new one to BUILT_IN_PATTERNS after these checks)', () => {
    const { patterns, nonLiteral } = patternsInBuiltInFiles();
    expect(nonLiteral).toBe(0);
    expect([...BUILT_IN_PATTERNS].sort()).toEqual([...patterns].sort());
  });

  // Strings that probe each pattern's edges: empty, line breaks, the characters the patterns name, Unicode.
  const SAMPLES = [
    '',
    'a',
    'A',
    '0',
    '_',
    '-',
    '.',
    '/',
    '*',
    '*.a',
    'a.b',
    'a..b',
    '-a',
    'a-',
    'a\n',
    '\na',
    'a\r',
    'a\u2028',
    'abc',
    'ABC',
    'a_b',
    'a b',
    'é',
    'ß',
    '\u{1F600}',
    '1Gi',
    '500Mi',
    '1.5',
    '1.',
    '.5',
    '250m',
    '1e3',
    '2Pi',
    '3k',
    '8080',
    '0080',
    '65535',
    'db-1',
    'my.app',
    'x'.repeat(64),
    'x'.repeat(250),
    'a.'.repeat(95) + 'a',
    'a'.repeat(190),
    '/',
    '/api',
    '/api/',
    '//',
    '/a b',
    '/~user/x',
    'http',
    'grpc+tls',
    'HTTP',
    'API_URL',
    '1ABC',
    'topic.name-1',
  ];

  it.each(BUILT_IN_PATTERNS.map((pattern) => ({ pattern })))('$pattern is RE2 and matches as RE2 does', ({ pattern }) => {
    const re2 = RE2JS.compile(pattern);
    const js = new RegExp(pattern);
    for (const sample of SAMPLES) expect(js.test(sample), JSON.stringify(sample)).toBe(re2.test(sample));
  });

  it.each(BUILT_IN_PATTERNS.map((pattern) => ({ pattern })))('$pattern does not backtrack badly', ({ pattern }) => {
    expect(backtracksBadly(new RegExp(pattern))).toBe(false);
  });

  it('the backtracking check does catch bad patterns', () => {
    for (const bad of ['^(a+)+$', '^(a|a)*$', '^([a-z0-9]+-?)*$', '^[a-z]*[a-z]*[a-z]*$'])
      expect(backtracksBadly(new RegExp(bad)), bad).toBe(true);
  });
});

/**
 * Times the pattern on inputs built to make a backtracking engine retry: a short piece repeated, then a
 * character that fails the match. Lengths grow slowly from 16 to 32,768 and the check stops at the first that
 * takes over 50 ms: an exponential pattern gets there within a few dozen characters, a quadratic one by a few
 * thousand, while a linear one takes well under a millisecond at 32,768.
 */
function backtracksBadly(re: RegExp): boolean {
  const alphabet = ['a', '0', '-', '.', '/', '_', 'A', '*', 'i'];
  const pieces = [...alphabet, ...alphabet.flatMap((x) => alphabet.map((y) => x + y))];
  for (const length of [16, 18, 20, 22, 24, 26, 28, 30, 32, 64, 128, 256, 512, 1_024, 2_048, 4_096, 8_192, 16_384, 32_768]) {
    for (const piece of pieces) {
      const input = piece.repeat(Math.ceil(length / piece.length)) + '\u0000';
      const start = performance.now();
      re.test(input);
      if (performance.now() - start > 50) return true;
    }
  }
  return false;
}
