/**
 * A table row for sprig's data functions: a template, its data, and what score-ts must give, which is what
 * score-k8s gives (sprig 3.3.0 with semver 3.3, cast 1.9 and x/crypto 0.39, built with Go 1.23). The oracle
 * runs Go 1.19 with sprig 3.2.3: where that differs, `oracle` holds its output and the reason.
 */
import type { OracleCase, OracleResult } from '../support/oracle.js';
import type { Tagged } from '../support/tagged.js';

export interface DataRow {
  readonly name: string;
  readonly text: string;
  readonly data?: Tagged;
  /** The IANA zone time.Local stands for (score-ts's localZone; the oracle's TZ). Default UTC. */
  readonly local?: string;
  /** What execution wrote (before an error too). */
  readonly out: string;
  /** The error text, when there is one. */
  readonly err?: string;
  /** What the oracle (Go 1.19, sprig 3.2.3) gives where it differs from score-k8s, and why. */
  readonly oracle?: { readonly out: string; readonly err?: string; readonly why: string };
}

export function dataCase(row: DataRow): OracleCase {
  return { text: row.text, data: row.data, sprig: true };
}

/** What the oracle must give for a row. */
export function oracleExpects(row: DataRow): OracleResult {
  const expected = row.oracle ?? row;
  return { out: expected.out, err: expected.err ?? '' };
}
