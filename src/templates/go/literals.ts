/**
 * Go's literal syntax, as the parser reads constants: strconv.Unquote and UnquoteChar for strings and
 * characters, ParseInt/ParseUint with base 0 and ParseFloat for numbers (underscores, 0x 0o 0b prefixes,
 * leading-zero octal, hex floats). Errors carry strconv's texts.
 */
import { decodeGoBytes, utf8Bytes } from './fmt/utf8.js';

const SYNTAX = 'invalid syntax';

export class LiteralError extends Error {}

interface Unquoted {
  /** The rune, or for \x and octal escapes of strings a single byte. */
  readonly value: number;
  readonly isByte: boolean;
  readonly tail: string;
}

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };

/** strconv.UnquoteChar: the first character of s, escapes decoded, inside a literal quoted by `quote`. */
export function unquoteChar(s: string, quote: string): Unquoted {
  const c = s[0];
  if (c === undefined || (c === quote && (quote === "'" || quote === '"'))) throw new LiteralError(SYNTAX);
  if (c !== '\\') {
    const r = s.codePointAt(0)!;
    return { value: r, isByte: false, tail: s.slice(r > 0xffff ? 2 : 1) };
  }
  const e = s[1];
  if (e === undefined) throw new LiteralError(SYNTAX);
  const simple = SIMPLE_ESCAPES[e];
  if (simple !== undefined) return { value: simple, isByte: false, tail: s.slice(2) };
  if (e === 'x' || e === 'u' || e === 'U') {
    const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
    const hex = s.slice(2, 2 + n);
    if (hex.length < n || !/^[0-9a-fA-F]+$/.test(hex)) throw new LiteralError(SYNTAX);
    const v = parseInt(hex, 16);
    if (e !== 'x' && (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))) throw new LiteralError(SYNTAX);
    return { value: v, isByte: e === 'x', tail: s.slice(2 + n) };
  }
  if (e >= '0' && e <= '7') {
    const oct = s.slice(1, 4);
    if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) throw new LiteralError(SYNTAX);
    return { value: parseInt(oct, 8), isByte: true, tail: s.slice(4) };
  }
  if ((e === "'" || e === '"') && e === quote) return { value: e.charCodeAt(0), isByte: false, tail: s.slice(2) };
  throw new LiteralError(SYNTAX);
}

/** strconv.Unquote for "..." and `...` literals (the lexer has checked their ends). */
export function unquote(quoted: string): string {
  const q = quoted[0];
  const body = quoted.slice(1, -1);
  if (quoted.length < 2 || quoted[quoted.length - 1] !== q) throw new LiteralError(SYNTAX);
  if (q === '`') {
    if (body.includes('`')) throw new LiteralError(SYNTAX);
    return body.includes('\r') ? body.replaceAll('\r', '') : body;
  }
  if (q !== '"') throw new LiteralError(SYNTAX);
  if (!body.includes('\\') && !body.includes('"') && !body.includes('\n')) return body;
  const bytes: number[] = [];
  let rest = body;
  let sawByte = false;
  while (rest.length > 0) {
    const { value, isByte, tail } = unquoteChar(rest, '"');
    if (isByte) {
      bytes.push(value);
      sawByte = true;
    } else bytes.push(...utf8Bytes(String.fromCodePoint(value)));
    rest = tail;
  }
  return sawByte ? decodeGoBytes(Uint8Array.from(bytes)) : new TextDecoder().decode(Uint8Array.from(bytes));
}

/** Go's strconv underscoreOK: underscores only between digits (a base prefix counts as a digit); a sign is skipped. */
export function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s[0] === '-' || s[0] === '+') s = s.slice(1);
  const prefix = s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1]!);
  const hex = prefix && (s[1] === 'x' || s[1] === 'X');
  if (prefix) [i, saw] = [2, '0'];
  for (; i < s.length; i++) {
    const c = s[i]!;
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) saw = '0';
    else if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
    } else {
      if (saw === '_') return false;
      saw = '!';
    }
  }
  return saw !== '_';
}

const MAX_UINT64 = (1n << 64n) - 1n;

/** strconv.ParseUint(s, 0, 64); undefined on any error. */
export function parseUint(s: string): bigint | undefined {
  if (s === '') return undefined;
  let base = 10;
  let digits = s;
  if (s[0] === '0') {
    const p = s[1];
    if (s.length >= 3 && (p === 'x' || p === 'X')) [base, digits] = [16, s.slice(2)];
    else if (s.length >= 3 && (p === 'o' || p === 'O')) [base, digits] = [8, s.slice(2)];
    else if (s.length >= 3 && (p === 'b' || p === 'B')) [base, digits] = [2, s.slice(2)];
    else [base, digits] = [8, s.slice(1)];
  }
  let n = 0n;
  let underscores = false;
  for (const c of digits) {
    if (c === '_') {
      underscores = true;
      continue;
    }
    const d = parseInt(c, 36);
    if (Number.isNaN(d) || d >= base) return undefined;
    n = n * BigInt(base) + BigInt(d);
    if (n > MAX_UINT64) return undefined;
  }
  if (underscores && !underscoreOK(s)) return undefined;
  return n;
}

/** strconv.ParseInt(s, 0, 64); undefined on any error. */
export function parseInt64(s: string): bigint | undefined {
  const neg = s[0] === '-';
  const u = parseUint(s[0] === '-' || s[0] === '+' ? s.slice(1) : s);
  if (u === undefined) return undefined;
  if (!neg && u >= 1n << 63n) return undefined;
  if (neg && u > 1n << 63n) return undefined;
  return neg ? -u : u;
}

/** strconv.ParseFloat(s, 64); undefined on a syntax error or an overflow. */
export function parseFloat64(s: string): number | undefined {
  const hex = /^([+-]?)0[xX]([0-9a-fA-F_]*)(?:\.([0-9a-fA-F_]*))?[pP]([+-]?[0-9_]+)$/.exec(s);
  const dec = hex ? null : /^([+-]?)([0-9_]*)(?:\.([0-9_]*))?(?:[eE]([+-]?[0-9_]+))?$/.exec(s);
  const m = hex ?? dec;
  if (!m) return undefined;
  const [, sign, intPart = '', frac = '', exp = '0'] = m;
  const clean = (x: string): string => x.replaceAll('_', '');
  if (clean(intPart + frac) === '' || (s.includes('_') && !underscoreOK(s))) return undefined;
  const v = hex
    ? scaleByPowerOfTwo(Number(BigInt('0x' + clean(intPart + frac))), Number(clean(exp)) - 4 * clean(frac).length)
    : Number(`${clean(intPart) || '0'}.${clean(frac) || '0'}e${clean(exp)}`);
  if (!Number.isFinite(v)) return undefined;
  return sign === '-' ? -v : v;
}

function scaleByPowerOfTwo(v: number, exp: number): number {
  while (exp > 1000) [v, exp] = [v * 2 ** 1000, exp - 1000];
  while (exp < -1000) [v, exp] = [v * 2 ** -1000, exp + 1000];
  return v * 2 ** exp;
}
