/**
 * The exact oracle (issue 14, item 3): score-ts's Go template engine against Go's own text/template, byte for
 * byte, output and error text alike. Every hand-written table row, then thousands of generated templates and
 * data (fast-check, fixed seeds) go through both engines; each batch costs one Go process.
 *
 * Needs Debian's golang-go and golang-github-masterminds-sprig-dev; skipped (one line) without them, except
 * under CI=true, where their absence fails the run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dataArb, valueArb } from './support/gen-data.js';
import { formatArb, templateArb } from './support/gen-template.js';
import { oracleBinary, runOracle, type OracleCase } from './support/oracle.js';
import { renderCase } from './support/render.js';
import { rowCase } from './support/table.js';
import { tag } from './support/tagged.js';
import { TABLES } from './tables/index.js';

const binary = oracleBinary('the Go template oracle tests');

interface Mismatch {
  readonly text: string;
  readonly data: string;
  readonly go: unknown;
  readonly ours: unknown;
}

/** The cases where the two engines differ (the first few, for the report). */
function mismatches(cases: readonly OracleCase[]): Mismatch[] {
  const go = runOracle(binary!, cases);
  const out: Mismatch[] = [];
  cases.forEach((c, i) => {
    const ours = renderCase(c);
    if (ours.out !== go[i]!.out || ours.err !== go[i]!.err) {
      out.push({ text: c.text, data: JSON.stringify(c.data ?? null).slice(0, 400), go: go[i], ours });
    }
  });
  return out.slice(0, 5);
}

const generated = fc.record({
  text: templateArb,
  data: dataArb,
  missingkey: fc.constantFrom<OracleCase['missingkey']>(undefined, undefined, undefined, 'zero', 'error'),
});

/** printf directives over random numbers and values: fmt's corners. */
const number = fc.oneof(
  fc.double().map(tag.float),
  fc.integer({ min: -100, max: 100 }).map((n) => tag.float(n / 8)),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(tag.int),
  fc.integer({ min: -1000, max: 1000 }).map(tag.int),
);
const printfCase = fc
  .record({ format: formatArb, a: fc.oneof(number, valueArb(1)), b: fc.oneof(number, valueArb(1)), c: number })
  .map(({ format, a, b, c }): OracleCase => ({ text: `{{printf ${JSON.stringify(format)} .a .b .c}}`, data: tag.map({ a, b, c }) }));

/** Fixed precisions from 0 to 40 on exact halves and random floats: rounding of the exact decimal value. */
const precisionCase = fc
  .record({
    v: fc.oneof(
      fc.double(),
      fc.integer({ min: -100000, max: 100000 }).map((n) => n / 1024),
    ),
    verb: fc.constantFrom('e', 'E', 'f', 'g', 'G', 'x', 'v'),
    prec: fc.integer({ min: 0, max: 40 }),
    width: fc.integer({ min: 0, max: 30 }),
    flags: fc.constantFrom('', '#', '+', '-', ' ', '0', '#0'),
  })
  .map(({ v, verb, prec, width, flags }): OracleCase => ({
    text: `{{printf "%${flags}${width}.${prec}${verb}|%${flags}${verb}" .a .a}}`,
    data: tag.map({ a: tag.float(v) }),
  }));

describe.skipIf(!binary)('Go template engine = Go 1.19 text/template', () => {
  it('gives what each hand-written table row expects', () => {
    const rows = Object.values(TABLES).flat();
    const go = runOracle(binary!, rows.map(rowCase));
    const wrong = rows.flatMap((row, i) =>
      go[i]!.out === row.out && go[i]!.err === (row.err ?? '') ? [] : [{ row: row.name, go: go[i] }],
    );
    expect(wrong).toEqual([]);
  });

  it.each([1, 2, 3, 4])(
    'matches Go on 2500 generated templates (seed %i)',
    (seed) => {
      const cases = fc.sample(generated, { seed, numRuns: 2500 });
      expect(mismatches(cases)).toEqual([]);
    },
    120_000,
  );

  it('matches Go on 5000 generated printf calls', () => {
    expect(mismatches(fc.sample(printfCase, { seed: 5, numRuns: 5000 }))).toEqual([]);
  }, 120_000);

  it('matches Go on 5000 float formats with fixed precision', () => {
    expect(mismatches(fc.sample(precisionCase, { seed: 6, numRuns: 5000 }))).toEqual([]);
  }, 120_000);
});
