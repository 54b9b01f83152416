/** Output formats for list commands: an aligned text table or JSON. */
import { UsageError } from '../errors.js';

export function checkFormat<T extends string>(value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--format must be one of: ${allowed.join(', ')}`);
  return value as T;
}

/** Columns padded to their widest cell; lists are joined with commas; empty cells show '-'. */
export function formatTable<T extends object>(rows: readonly T[], columns: ReadonlyArray<keyof T & string>): string {
  const cell = (v: unknown) => {
    const text = Array.isArray(v) ? v.join(',') : String(v ?? '');
    return text === '' ? '-' : text;
  };
  const table = [columns.map((c) => c.toUpperCase()), ...rows.map((r) => columns.map((c) => cell(r[c])))];
  const widths = columns.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  return table.map((row) => row.map((v, i) => (i === row.length - 1 ? v : v.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n') + '\n';
}
