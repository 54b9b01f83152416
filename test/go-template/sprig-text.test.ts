/**
 * The text half of sprig (strings, lists, dicts, defaults, conversions, reflection, paths): the tables with
 * exact output or error text, checked against score-ts and against Go itself (the oracle: Go 1.19, sprig
 * 3.2.3, where rows say how score-k8s's sprig 3.3.0 differs), the random functions by their form, and
 * thousands of generated calls compared with Go byte for byte.
 *
 * The Go parts need Debian's golang-go and golang-github-masterminds-sprig-dev; they skip (one line) without
 * them, except under CI=true, where their absence fails the run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oracleBinary, runOracle, type OracleCase } from './support/oracle.js';
import { sprigCallArb } from './sprig-text/generate.js';
import { SPRIG_TEXT_TABLES } from './sprig-text/index.js';
import { renderSprig, sprigFuncs } from './sprig-text/render.js';
import { oracleExpects, sprigCase, type SprigRow } from './sprig-text/row.js';

const binary = oracleBinary('the sprig text-function oracle tests');

describe.each(Object.entries(SPRIG_TEXT_TABLES))('sprig %s', (_, rows: readonly SprigRow[]) => {
  it.each(rows)('$name', (row) => {
    expect(renderSprig(sprigCase(row))).toEqual({ out: row.out, err: row.err ?? '' });
  });
});

const ALPHANUMERIC = /^[0-9A-Za-z]*$/;
const RANDOM = [
  { name: 'randAlphaNum', text: '{{ randAlphaNum 40 }}', form: ALPHANUMERIC, length: 40 },
  { name: 'randAlpha', text: '{{ randAlpha 33 }}', form: /^[A-Za-z]*$/, length: 33 },
  { name: 'randNumeric', text: '{{ randNumeric 25 }}', form: /^[0-9]*$/, length: 25 },
  { name: 'randAscii', text: '{{ randAscii 64 }}', form: /^[\x20-\x7e]*$/, length: 64 },
  { name: 'randAlphaNum of 0', text: '{{ randAlphaNum 0 }}', form: /^$/, length: 0 },
  { name: 'randAlpha of a negative count', text: '{{ randAlpha -3 }}', form: /^$/, length: 0 },
  { name: 'shuffle keeps the runes', text: '{{ shuffle "héllo wörld😀" }}', form: /^[hélo wörd😀]*$/u, length: 12 },
] as const;

describe('sprig random functions', () => {
  it.each(RANDOM)('$name has the form sprig gives', ({ text, form, length }) => {
    const { out, err } = renderSprig({ text, sprig: true });
    expect({ err, form: form.test(out), length: Array.from(out).length }).toEqual({ err: '', form: true, length });
  });

  it('gives the same text for the same seed and another for another seed', () => {
    const text = '{{ randAlphaNum 16 }} {{ randAscii 16 }} {{ shuffle "abcdefghijklmnop" }}';
    const run = (seed: string): string => renderSprig({ text, sprig: true }, sprigFuncs(seed)).out;
    expect(run('one')).toBe(run('one'));
    expect(run('one')).not.toBe(run('two'));
  });

  it('shuffles every rune of a string into every position', () => {
    const seen = new Set<string>();
    const funcs = sprigFuncs('positions');
    for (let i = 0; i < 200; i++) seen.add(renderSprig({ text: '{{ shuffle "abc" }}', sprig: true }, funcs).out);
    expect([...seen].sort()).toEqual(['abc', 'acb', 'bac', 'bca', 'cab', 'cba']);
  });
});

/** The cases where score-ts and Go differ (the first few, for the report). */
function mismatches(cases: readonly OracleCase[]): unknown[] {
  const go = runOracle(binary!, cases);
  const out: unknown[] = [];
  cases.forEach((c, i) => {
    const ours = renderSprig(c);
    if (ours.out !== go[i]!.out || ours.err !== go[i]!.err) out.push({ text: c.text, data: JSON.stringify(c.data), go: go[i], ours });
  });
  return out.slice(0, 5);
}

describe.skipIf(!binary)('sprig text functions = Go 1.19 with sprig 3.2.3', () => {
  it('gives what each table row expects of the oracle', () => {
    const rows = Object.values(SPRIG_TEXT_TABLES).flat();
    const go = runOracle(binary!, rows.map(sprigCase));
    const wrong = rows.flatMap((row, i) =>
      go[i]!.out === oracleExpects(row).out && go[i]!.err === oracleExpects(row).err ? [] : [{ row: row.name, go: go[i] }],
    );
    expect(wrong).toEqual([]);
  });

  it('gives the random functions the same form', () => {
    const go = runOracle(
      binary!,
      RANDOM.map(({ text }) => ({ text, sprig: true })),
    );
    expect(go.map(({ out, err }, i) => ({ err, form: RANDOM[i]!.form.test(out), length: Array.from(out).length }))).toEqual(
      RANDOM.map(({ length }) => ({ err: '', form: true, length })),
    );
  });

  it.each([1, 2, 3, 4])(
    'matches Go on 3000 generated calls (seed %i)',
    (seed) => {
      expect(mismatches(fc.sample(sprigCallArb, { seed, numRuns: 3000 }))).toEqual([]);
    },
    120_000,
  );
});
