/**
 * Go's strconv.ParseInt and ParseFloat, which sprig's conversions (and the cast library under them) rely on:
 * base prefixes and underscores for base 0, octal for a leading 0, Go's float syntax (hex floats with a `p`
 * exponent, inf and nan). Results say whether parsing failed and how, as Go's errors do.
 */

import { underscoreOK } from '../literals.js';

export type ParseError = 'syntax' | 'range';

export interface IntResult {
  /** The value; on a range error, the bound Go clamps to. */
  readonly value: bigint;
  readonly error?: ParseError;
}

const lower = (c: string): string => c.toLowerCase();

function digitValue(c: string): number {
  if (c >= '0' && c <= '9') return c.charCodeAt(0) - 48;
  const l = lower(c);
  return l >= 'a' && l <= 'z' ? l.charCodeAt(0) - 87 : 99;
}

/** strconv.ParseUint for base 0, 8, 10 or 16 and the given bit size. */
function parseUint(s0: string, base: number, bitSize = 64): IntResult {
  if (s0 === '') return { value: 0n, error: 'syntax' };
  const base0 = base === 0;
  let s = s0;
  if (base0) {
    base = 10;
    if (s[0] === '0') {
      const p = s.length >= 3 ? lower(s[1]!) : '';
      base = p === 'b' ? 2 : p === 'o' ? 8 : p === 'x' ? 16 : 8;
      s = s.slice(p === 'b' || p === 'o' || p === 'x' ? 2 : 1);
    }
  }
  const max = (1n << BigInt(bitSize)) - 1n;
  let n = 0n;
  let underscores = false;
  for (const c of s) {
    if (c === '_' && base0) {
      underscores = true;
      continue;
    }
    const d = digitValue(c);
    if (d >= base) return { value: 0n, error: 'syntax' };
    n = n * BigInt(base) + BigInt(d);
    if (n > max) return { value: max, error: 'range' };
  }
  if (underscores && !underscoreOK(s0)) return { value: 0n, error: 'syntax' };
  return { value: n };
}

/** strconv.ParseInt. */
export function parseInt(s: string, base: number, bitSize = 64): IntResult {
  if (s === '') return { value: 0n, error: 'syntax' };
  const neg = s[0] === '-';
  const body = s[0] === '+' || s[0] === '-' ? s.slice(1) : s;
  const u = parseUint(body, base, bitSize);
  if (u.error === 'syntax') return { value: 0n, error: 'syntax' };
  const cutoff = 1n << BigInt(bitSize - 1);
  if (u.error === 'range' || (!neg && u.value >= cutoff)) return { value: neg ? -cutoff : cutoff - 1n, error: 'range' };
  if (neg && u.value > cutoff) return { value: -cutoff, error: 'range' };
  return { value: neg ? -u.value : u.value };
}

export interface FloatResult {
  readonly value: number;
  readonly error?: ParseError;
}

const DECIMAL = /^[+-]?(?=[._]*\d)[\d_]*(?:\.[\d_]*)?(?:[eE][+-]?[\d_]+)?$/;
const HEX = /^[+-]?0[xX](?=[._]*[\da-fA-F])[\da-fA-F_]*(?:\.[\da-fA-F_]*)?[pP][+-]?[\d_]+$/;

/** strconv.ParseFloat(s, 64). */
export function parseFloat(s: string): FloatResult {
  const special = parseSpecial(s);
  if (special !== undefined) return { value: special };
  const hex = HEX.test(s);
  if (!hex && !DECIMAL.test(s)) return { value: 0, error: 'syntax' };
  if (s.includes('_') && !underscoreOK(mantissaOf(s, hex))) return { value: 0, error: 'syntax' };
  const clean = s.replaceAll('_', '');
  const value = hex ? hexFloat(clean) : Number(clean);
  return Number.isFinite(value) ? { value } : { value, error: 'range' };
}

/** The part of a float literal underscoreOK looks at: everything before the exponent's digits end. */
function mantissaOf(s: string, hex: boolean): string {
  const e = hex ? /[pP]/.exec(s) : /[eE]/.exec(s);
  return e ? s.slice(0, e.index) : s;
}

function parseSpecial(s: string): number | undefined {
  const sign = s[0] === '-' ? -1 : 1;
  const body = s[0] === '+' || s[0] === '-' ? s.slice(1) : s;
  const l = body.toLowerCase();
  if (l === 'inf' || l === 'infinity') return sign * Infinity;
  if (l === 'nan' && body === s) return NaN;
  return undefined;
}

function hexFloat(s: string): number {
  const m = /^([+-]?)0x([\da-f]*)(?:\.([\da-f]*))?p([+-]?\d+)$/i.exec(s)!;
  const digits = `${m[2]}${m[3] ?? ''}`;
  const exp = Number(m[4]) - 4 * (m[3] ?? '').length;
  const mantissa = Number(BigInt(`0x${digits || '0'}`));
  const value = exp > 1000 || exp < -1200 ? mantissa * 2 ** Math.sign(exp) * Infinity : mantissa * 2 ** exp;
  return (m[1] === '-' ? -1 : 1) * (Number.isNaN(value) ? 0 : value);
}
