/**
 * The part of shopspring/decimal that sprig's float math uses: a float64 becomes the shortest decimal that
 * reads back as it, sums and products are exact, quotients are rounded half away from zero to 16 places, and
 * the result is the float64 nearest to the decimal.
 */
import { GoFuncError } from '../errors.js';

/** value × 10^exp. */
export interface Decimal {
  readonly value: bigint;
  readonly exp: number;
}

const DIVISION_PRECISION = 16;

/** decimal.NewFromFloat: panics (a template error) on NaN and infinities, as Go's does. */
export function decimalFromFloat(f: number): Decimal {
  if (!Number.isFinite(f)) throw new GoFuncError(`Cannot create a Decimal from ${Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf'}`);
  if (f === 0) return { value: 0n, exp: 0 };
  const [mantissa = '', exponent = '0'] = f.toExponential().split('e');
  const digits = mantissa.replace('.', '').replace('-', '');
  const fraction = mantissa.includes('.') ? mantissa.length - mantissa.indexOf('.') - 1 : 0;
  const value = BigInt(digits);
  return { value: f < 0 ? -value : value, exp: Number(exponent) - fraction };
}

/** Decimal.Float64: the nearest float64. */
export function decimalToFloat(d: Decimal): number {
  return Number(`${d.value}e${d.exp}`);
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** Both operands scaled to the smaller exponent. */
function aligned(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const exp = Math.min(a.exp, b.exp);
  return [a.value * pow10(a.exp - exp), b.value * pow10(b.exp - exp), exp];
}

export function decimalAdd(a: Decimal, b: Decimal): Decimal {
  const [x, y, exp] = aligned(a, b);
  return { value: x + y, exp };
}

export function decimalSub(a: Decimal, b: Decimal): Decimal {
  const [x, y, exp] = aligned(a, b);
  return { value: x - y, exp };
}

export function decimalMul(a: Decimal, b: Decimal): Decimal {
  return { value: a.value * b.value, exp: a.exp + b.exp };
}

/** Decimal.Div: the quotient rounded half away from zero to 16 decimal places. */
export function decimalDiv(a: Decimal, b: Decimal): Decimal {
  if (b.value === 0n) throw new GoFuncError('decimal division by 0');
  const shift = a.exp - b.exp + DIVISION_PRECISION;
  const num = shift >= 0 ? a.value * pow10(shift) : a.value;
  const den = shift >= 0 ? b.value : b.value * pow10(-shift);
  let q = num / den;
  const r = num - q * den;
  const abs = (n: bigint): bigint => (n < 0n ? -n : n);
  if (2n * abs(r) >= abs(den)) q += num < 0n !== den < 0n ? -1n : 1n;
  return { value: q, exp: -DIVISION_PRECISION };
}
