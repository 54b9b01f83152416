/** Hand-written table rows: a template, its data and options, and what Go 1.19 gives (output, error). */
import type { OracleCase } from './oracle.js';
import type { Tagged } from './tagged.js';

export interface Row {
  readonly name: string;
  readonly text: string;
  /** The template's name (default `t`; score-k8s uses the empty name). */
  readonly template?: string;
  readonly data?: Tagged;
  readonly missingkey?: 'default' | 'invalid' | 'zero' | 'error';
  /** What execution wrote (before an error too). */
  readonly out: string;
  /** Go's error text, when there is one. */
  readonly err?: string;
}

export function rowCase(row: Row): OracleCase {
  return { name: row.template ?? 't', text: row.text, data: row.data, missingkey: row.missingkey };
}
