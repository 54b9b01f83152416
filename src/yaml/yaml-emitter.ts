/**
 * A small YAML writer for the plain data score-ts emits (maps, lists, strings, numbers, booleans, null), in
 * block style with two-space indentation. Much faster than a general YAML library on large outputs. A string
 * is written plain only when it cannot be read back as anything else under YAML 1.1 (kubectl) or 1.2;
 * otherwise it is double-quoted (with the escapes of yaml-quote.ts), or written as a literal block when it
 * spans lines.
 */
import { needsEscapes, quoteYamlString } from './yaml-quote.js';

/** Text a YAML 1.1 or 1.2 reader would resolve to a non-string (bool, null, number, date, merge key). */
const NOT_A_STRING = [
  /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(null|Null|NULL|~|=|<<)$/,
  /^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$/,
  /^[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+]?[0-9]+)?$/, // YAML 1.1 floats, `.` included; some readers take an unsigned exponent
  /^[-+]?0[xXoObB][0-9a-fA-F_]+$/,
  /^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$/,
  /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/,
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/,
];
/** Characters and shapes that are safe in a plain scalar in block context. */
const PLAIN = /^[A-Za-z0-9_/$(+=.^:-][A-Za-z0-9_/$()@%+=.^! ,:;'"\\{}[\]<>|&*?#~`-]*$/;
/** `: ` and ` #` end or start things; a leading `-` needs a non-space after it; `---` and `...` mark documents. */
const AMBIGUOUS = /: |:$| #|^[-:]( |$)|^---|^\.\.\.|\s$/;

/** The first characters NOT_A_STRING's texts can start with: text starting otherwise skips its eight tests. */
const MAY_NOT_BE_A_STRING = /^[-+.0-9yYnNtTfFoO~=<]/;

export function isPlainSafe(text: string): boolean {
  if (text === '' || !PLAIN.test(text) || AMBIGUOUS.test(text)) return false;
  return !MAY_NOT_BE_A_STRING.test(text) || !NOT_A_STRING.some((re) => re.test(text));
}

/**
 * The same keys (`metadata`, `name`) and many values (labels, images) come back thousands of times in a large
 * output, so short strings' answers are remembered; the memo stops growing at a fixed size.
 */
const plainMemo = new Map<string, boolean>();
const MEMO_LIMIT = 20_000;
const MEMO_LONGEST = 200;

function isPlainSafeMemo(text: string): boolean {
  const known = plainMemo.get(text);
  if (known !== undefined) return known;
  const answer = isPlainSafe(text);
  if (text.length <= MEMO_LONGEST && plainMemo.size < MEMO_LIMIT) plainMemo.set(text, answer);
  return answer;
}

/** Keys are stricter: no leading `-` or `:`, which some readers take for indicators in keys. */
function isPlainKey(key: string): boolean {
  const head = key.charCodeAt(0);
  return isPlainSafeMemo(key) && head !== 0x2d && head !== 0x3a;
}

/** One YAML document (without `---`), ending in a newline. */
export function emitYaml(value: unknown): string {
  const out = { text: '' };
  if (hasEntries(value)) emitCollection(value, '', '', out);
  else out.text = `${scalar(value, '')}\n`;
  return out.text;
}

type Collection = Record<string, unknown> | unknown[];

/** Below libyaml's limit of 1024 characters for an implicit key, counted in UTF-16 units (never fewer than characters). */
export const MAX_IMPLICIT_KEY = 1000;

/** A non-empty list or map (an empty one is written inline as `[]` or `{}`); counts nothing, copies nothing. */
function hasEntries(v: unknown): v is Collection {
  if (typeof v !== 'object' || v === null) return false;
  if (Array.isArray(v)) return v.length > 0;
  for (const key in v) if (Object.hasOwn(v, key)) return true;
  return false;
}

/**
 * Writes a non-empty collection whose lines start at `indent`, except the first, which starts with `first`
 * (the same indent, or the `- ` of the list item it is in).
 */
function emitCollection(value: Collection, indent: string, first: string, out: { text: string }): void {
  let lead = first;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    for (const item of value) {
      const dash = `${lead}- `;
      if (hasEntries(item)) emitCollection(item, inner, dash, out);
      else out.text += `${dash}${scalar(item, inner)}\n`;
      lead = indent;
    }
    return;
  }
  for (const key in value) {
    const item = value[key];
    if (item === undefined || !Object.hasOwn(value, key)) continue;
    const written = isPlainKey(key) ? key : quoteYamlString(key);
    // YAML 1.1 readers take at most 1024 characters for an implicit key: a longer one is written `? key`.
    const head = written.length > MAX_IMPLICIT_KEY ? `${lead}? ${written}\n${indent}:` : `${lead}${written}:`;
    if (hasEntries(item)) {
      out.text += `${head}\n`;
      emitCollection(item, inner, inner, out);
    } else {
      out.text += `${head} ${scalar(item, inner)}\n`;
    }
    lead = indent;
  }
}

function scalar(value: unknown, indent: string): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : value > 0 ? '.inf' : value < 0 ? '-.inf' : '.nan';
  if (Array.isArray(value)) return '[]';
  if (typeof value === 'object') return '{}';
  const text = typeof value === 'string' ? value : (value as bigint | symbol).toString(); // what else data can hold
  if (isPlainSafeMemo(text)) return text;
  if (needsEscapes(text)) return quoteYamlString(text);
  return literalBlock(text, indent) ?? singleQuoted(text) ?? quoteYamlString(text);
}

/** Single quotes read better for text full of double quotes (shell commands); they escape nothing else. */
function singleQuoted(text: string): string | undefined {
  if (!text.includes('"') || text.includes('\n')) return undefined;
  return `'${text.replace(/'/g, "''")}'`;
}

/** A multi-line string as `|` (with `-`/`+` chomping), when its lines allow it. */
function literalBlock(text: string, indent: string): string | undefined {
  if (!text.includes('\n')) return undefined;
  const body = text.replace(/\n+$/, '');
  const trailing = text.length - body.length;
  const lines = body.split('\n');
  // The first non-empty line sets the block's indentation: it must not start with a space.
  const first = lines.find((l) => l !== '') ?? '';
  if (body === '' || lines.some((l) => / $/.test(l)) || first.startsWith(' ')) return undefined;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const extra =
    trailing > 1
      ? '\n'
          .repeat(trailing - 1)
          .split('\n')
          .slice(1)
          .map(() => '')
      : [];
  const content = [...lines, ...extra].map((l) => (l === '' ? '' : `${indent}${l}`));
  return `|${chomp}\n${content.join('\n')}`;
}
