/**
 * The hand-written tables: each built-in, each printf verb and error form, each action, error text and kind
 * of value, with the exact output (or error) Go 1.19 gives. oracle.test.ts checks the expected values
 * against Go itself; this file checks score-ts's engine against them, and needs no Go.
 */
import { describe, expect, it } from 'vitest';
import { renderCase } from './support/render.js';
import { rowCase, type Row } from './support/table.js';
import { TABLES } from './tables/index.js';

describe.each(Object.entries(TABLES))('%s', (_, rows: readonly Row[]) => {
  it.each(rows)('$name', (row) => {
    expect(renderCase(rowCase(row))).toEqual({ out: row.out, err: row.err ?? '' });
  });
});
