/** Output formats for list commands: a text table that fits the terminal, or the full data as JSON or YAML. */
import { Option } from 'commander';
import { UsageError } from '../base/errors.js';
import { orList } from '../base/text-lists.js';
import { completeWith } from './completion/command-tree.js';

/** The width of a table when stdout is not a terminal. */
export const DEFAULT_WIDTH = 80;
/** A column never shrinks below this (or its header, or its widest cell when that is narrower). */
const MIN_WIDTH = 6;
/** Text cut narrower than this says too little: a column that may leave the table leaves instead. */
const READABLE_WIDTH = 16;
const GAP = '  ';

/** `--format <format>`, whose values shell completion offers; the command checks the value with checkFormat. */
export function formatOption(values: readonly string[], defaultValue: string | undefined, description: string): Option {
  const option = new Option('--format <format>', description);
  return completeWith(defaultValue === undefined ? option : option.default(defaultValue), values);
}

export function checkFormat<T extends string>(value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--format ${value} is not known: use ${orList(allowed)}`);
  return value as T;
}

export interface Column<T> {
  readonly key: keyof T & string;
  /** Never cut (the key of a row: a type, a uid). */
  readonly keep?: boolean;
  /** Cut at the start, keeping the end (a file:line). By default the end is cut. */
  readonly keepEnd?: boolean;
  /** May leave a narrow table rather than be cut unreadable; columns with lower numbers leave first. */
  readonly leaveOrder?: number;
}

/** What a table's cell holds: text, a list of texts (which wraps at its commas), or nothing. */
export type Cell = string | readonly string[] | null | undefined;

/** A row of a table: each field a cell. */
export type TableRow<T> = { readonly [K in keyof T]: Cell };

export interface Table {
  readonly text: string;
  /** Some cells were cut to fit: the full text is in `--format json` or `yaml`. */
  readonly cut: boolean;
  /** The headers of the columns left out to fit. */
  readonly hidden: readonly string[];
}

/**
 * Columns padded to their widest cell, within `width` characters. When the cells do not fit, the widest
 * columns that may shrink are held to one width: a list wraps onto more lines at its commas, other text is
 * cut with '…'. When that would cut text below a readable width, the columns that may leave do so first, in
 * their order. Empty cells show '-'.
 */
export function formatTable<T extends TableRow<T>>(rows: readonly T[], columns: ReadonlyArray<Column<T>>, width = DEFAULT_WIDTH): Table {
  const shown = [...columns];
  let layout = tableLayout(rows, shown, width);
  for (const leaving of leavingOrder(columns)) {
    if (!layout.unreadable) break;
    shown.splice(shown.indexOf(leaving), 1);
    layout = tableLayout(rows, shown, width);
  }
  const hidden = columns.filter((c) => !shown.includes(c)).map((c) => c.key.toUpperCase());
  return { ...renderTable(layout), hidden };
}

interface Layout {
  readonly headers: string[];
  readonly cells: string[][][];
  readonly widths: number[];
  readonly keepEnd: boolean[];
  /** Some text cell would be cut below READABLE_WIDTH. */
  readonly unreadable: boolean;
}

function tableLayout<T extends TableRow<T>>(rows: readonly T[], columns: ReadonlyArray<Column<T>>, width: number): Layout {
  const cells = rows.map((r) => columns.map((c) => cellItems(r[c.key])));
  const headers = columns.map((c) => c.key.toUpperCase());
  const natural = columns.map((_, i) => Math.max(headers[i]!.length, ...cells.map((row) => row[i]!.join(',').length)));
  const minimum = columns.map((c, i) =>
    c.keep ? natural[i]! : Math.min(natural[i]!, Math.max(MIN_WIDTH, c.key.length, ...cells.map((row) => longestItem(row[i]!)))),
  );
  const widths = fitWidths(natural, minimum, width - GAP.length * (columns.length - 1));
  const unreadable = cells.some((row) =>
    row.some((items, i) => items.length === 1 && items[0]!.length > widths[i]! && widths[i]! < READABLE_WIDTH),
  );
  return { headers, cells, widths, keepEnd: columns.map((c) => c.keepEnd === true), unreadable };
}

function leavingOrder<T>(columns: ReadonlyArray<Column<T>>): Array<Column<T>> {
  return columns.filter((c) => c.leaveOrder !== undefined).sort((a, b) => a.leaveOrder! - b.leaveOrder!);
}

function renderTable({ headers, cells, widths, keepEnd }: Layout): { text: string; cut: boolean } {
  let cut = false;
  const lines = [headers.map((h) => [h]), ...cells].flatMap((row) => {
    const parts = row.map((items, i) => {
      const wraps = items.length > 1;
      cut ||= wraps ? items.some((item) => item.length + 1 > widths[i]!) : items[0]!.length > widths[i]!;
      return wraps ? wrapItems(items, widths[i]!) : [fitCell(items[0]!, widths[i]!, keepEnd[i]!)];
    });
    const height = Math.max(...parts.map((p) => p.length));
    return Array.from({ length: height }, (_, n) =>
      parts
        .map((p, i) => (i === parts.length - 1 ? (p[n] ?? '') : (p[n] ?? '').padEnd(widths[i]!)))
        .join(GAP)
        .trimEnd(),
    );
  });
  return { text: `${lines.join('\n')}\n`, cut };
}

/** A cell as its items: a list's, or one text; '-' for nothing. */
function cellItems(value: Cell): string[] {
  const items = typeof value === 'string' || value === null || value === undefined ? [value ?? ''] : [...value];
  return items.length === 0 || (items.length === 1 && items[0] === '') ? ['-'] : items;
}

/** Only a list wraps, so only its longest item bounds how narrow its column may get. */
function longestItem(items: readonly string[]): number {
  return items.length > 1 ? Math.max(...items.map((item) => item.length + 1)) : 0;
}

/** A list's items, comma-separated, on as few lines of `width` as they fit; an item too long is cut. */
function wrapItems(items: readonly string[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  items.forEach((item, n) => {
    const piece = n < items.length - 1 ? `${item},` : item;
    if (line !== '' && line.length + piece.length > width) {
      lines.push(line);
      line = '';
    }
    line += piece;
  });
  lines.push(line);
  return lines.map((l) => fitCell(l, width, false));
}

/**
 * The widths within `budget`: the natural ones when they fit; else every column that may shrink is held to
 * one cap (the largest that fits), never below its minimum.
 */
function fitWidths(natural: readonly number[], minimum: readonly number[], budget: number): number[] {
  const total = (cap: number) => natural.reduce((sum, w, i) => sum + Math.min(w, Math.max(cap, minimum[i]!)), 0);
  if (total(Infinity) <= budget) return [...natural];
  let cap = Math.max(...natural);
  while (cap > 1 && total(cap) > budget) cap--;
  return natural.map((w, i) => Math.min(w, Math.max(cap, minimum[i]!)));
}

function fitCell(text: string, width: number, keepEnd: boolean): string {
  if (text.length <= width) return text;
  return keepEnd ? `…${text.slice(text.length - width + 1)}` : `${text.slice(0, width - 1)}…`;
}
