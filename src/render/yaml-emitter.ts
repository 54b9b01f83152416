/**
 * A small YAML writer for the plain data score-ts emits (maps, lists, strings, numbers, booleans, null), in
 * block style with two-space indentation. Much faster than a general YAML library on large outputs. A string
 * is written plain only when it cannot be read back as anything else under YAML 1.1 (kubectl) or 1.2;
 * otherwise it is double-quoted, or written as a literal block when it spans lines.
 */

/** Text a YAML 1.1 or 1.2 reader would resolve to a non-string (bool, null, number, date, merge key). */
const NOT_A_STRING = [
  /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(null|Null|NULL|~|=|<<)$/,
  /^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$/,
  /^[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+][0-9]+)?$/, // YAML 1.1 floats, `.` included
  /^[-+]?0[xXoObB][0-9a-fA-F_]+$/,
  /^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$/,
  /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/,
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/,
];
/** Characters and shapes that are safe in a plain scalar in block context. */
const PLAIN = /^[A-Za-z0-9_/$(+=.^:-][A-Za-z0-9_/$()@%+=.^! ,:;'"\\{}[\]<>|&*?#~`-]*$/;
/** `: ` and ` #` end or start things; a leading `-` needs a non-space after it; `---` and `...` mark documents. */
const AMBIGUOUS = /: |:$| #|^[-:]( |$)|^---|^\.\.\.|\s$/;

export function isPlainSafe(text: string): boolean {
  return text !== '' && PLAIN.test(text) && !AMBIGUOUS.test(text) && !NOT_A_STRING.some((re) => re.test(text));
}

/** Keys are stricter: no leading `-` or `:`, which some readers take for indicators in keys. */
function isPlainKey(key: string): boolean {
  return isPlainSafe(key) && !/^[-:]/.test(key);
}

/** One YAML document (without `---`), ending in a newline. */
export function emitYaml(value: unknown): string {
  const lines: string[] = [];
  if (isCollection(value) && !isEmpty(value)) emitCollection(value, '', lines);
  else lines.push(scalar(value, ''));
  return `${lines.join('\n')}\n`;
}

type Collection = Record<string, unknown> | unknown[];

function isCollection(v: unknown): v is Collection {
  return typeof v === 'object' && v !== null;
}

function isEmpty(v: Collection): boolean {
  return Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0;
}

/** Writes a non-empty collection whose lines all start at `indent`. */
function emitCollection(value: Collection, indent: string, lines: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) emitEntry(`${indent}- `, item, `${indent}  `, lines);
  } else {
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      const head = `${indent}${isPlainKey(key) ? key : JSON.stringify(key)}:`;
      if (isCollection(item) && !isEmpty(item)) {
        lines.push(head);
        emitCollection(item, Array.isArray(item) ? `${indent}  ` : `${indent}  `, lines);
      } else {
        lines.push(`${head} ${scalar(item, `${indent}  `)}`);
      }
    }
  }
}

/** A list item: `- ` then the value; a map's first entry shares the dash's line. */
function emitEntry(dash: string, item: unknown, inner: string, lines: string[]): void {
  if (!isCollection(item) || isEmpty(item)) {
    lines.push(`${dash}${scalar(item, inner)}`);
    return;
  }
  const nested: string[] = [];
  emitCollection(item, inner, nested);
  lines.push(dash + nested[0]!.slice(inner.length), ...nested.slice(1));
}

function scalar(value: unknown, indent: string): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : value > 0 ? '.inf' : value < 0 ? '-.inf' : '.nan';
  if (Array.isArray(value)) return '[]';
  if (typeof value === 'object') return '{}';
  const text = String(value);
  if (isPlainSafe(text)) return text;
  return literalBlock(text, indent) ?? singleQuoted(text) ?? JSON.stringify(text);
}

/** Single quotes read better for text full of double quotes (shell commands); they escape nothing else. */
function singleQuoted(text: string): string | undefined {
  if (!text.includes('"') || /[\n\r\t\u0000-\u001f\u007f\u0085\u2028\u2029\ufeff]/.test(text)) return undefined;
  return `'${text.replace(/'/g, "''")}'`;
}

/** A multi-line string as `|` (with `-`/`+` chomping), when its lines allow it. */
function literalBlock(text: string, indent: string): string | undefined {
  if (!text.includes('\n') || /[\r\t\u0000-\u0008\u000b-\u001f\u007f\u0085\u2028\u2029\ufeff]/.test(text)) return undefined;
  const body = text.replace(/\n+$/, '');
  const trailing = text.length - body.length;
  const lines = body.split('\n');
  // The first non-empty line sets the block's indentation: it must not start with a space.
  const first = lines.find((l) => l !== '') ?? '';
  if (body === '' || lines.some((l) => / $/.test(l)) || first.startsWith(' ')) return undefined;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const extra = trailing > 1 ? '\n'.repeat(trailing - 1).split('\n').slice(1).map(() => '') : [];
  const content = [...lines, ...extra].map((l) => (l === '' ? '' : `${indent}${l}`));
  return `|${chomp}\n${content.join('\n')}`;
}
