/**
 * strconv.FormatFloat: %e %f %g use the shortest digits that read back as the same float (precision -1) or
 * the exact decimal value rounded half to even; %b and %x print the binary mantissa and exponent.
 */

/** Decimal digits without leading or trailing zeros; the value is 0.DIGITS × 10^dp. Zero has no digits. */
interface Digits {
  readonly d: string;
  readonly dp: number;
}

export function formatFloat(v: number, fmt: string, prec: number, bitSize: 32 | 64): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const neg = v < 0 || Object.is(v, -0);
  if (fmt === 'b') return formatBinary(v, bitSize);
  if (fmt === 'x' || fmt === 'X') return formatHex(v, fmt, prec, bitSize);
  const abs = Math.abs(v);
  const shortest = prec < 0;
  let digs: Digits;
  if (shortest) {
    digs = shortestDigits(abs, bitSize);
    const nd = digs.d.length;
    prec = fmt === 'e' || fmt === 'E' ? Math.max(nd - 1, 0) : fmt === 'f' ? Math.max(nd - digs.dp, 0) : nd;
  } else {
    digs = exactDigits(abs, bitSize);
    if (fmt === 'e' || fmt === 'E') digs = roundDigits(digs, prec + 1);
    else if (fmt === 'f') digs = roundDigits(digs, digs.dp + prec);
    else {
      if (prec === 0) prec = 1;
      digs = roundDigits(digs, prec);
    }
  }
  return formatDigits(neg, digs, prec, fmt, shortest);
}

function formatDigits(neg: boolean, digs: Digits, prec: number, fmt: string, shortest: boolean): string {
  if (fmt === 'e' || fmt === 'E') return formatE(neg, digs, prec, fmt);
  if (fmt === 'f') return formatF(neg, digs, prec);
  const nd = digs.d.length;
  let eprec = prec;
  if (eprec > nd && nd >= digs.dp) eprec = nd;
  if (shortest) eprec = 6;
  const exp = digs.dp - 1;
  if (exp < -4 || exp >= eprec) return formatE(neg, digs, Math.min(prec, nd) - 1, fmt === 'g' ? 'e' : 'E');
  return formatF(neg, digs, Math.max((prec > digs.dp ? nd : prec) - digs.dp, 0));
}

function formatE(neg: boolean, digs: Digits, prec: number, e: string): string {
  const { d } = digs;
  let out = (neg ? '-' : '') + (d[0] ?? '0');
  if (prec > 0) out += '.' + d.slice(1, Math.min(d.length, prec + 1)).padEnd(prec, '0');
  let exp = d.length === 0 ? 0 : digs.dp - 1;
  const sign = exp < 0 ? '-' : '+';
  exp = Math.abs(exp);
  return out + e + sign + (exp < 10 ? '0' : '') + String(exp);
}

function formatF(neg: boolean, digs: Digits, prec: number): string {
  const { d, dp } = digs;
  let out = neg ? '-' : '';
  out += dp > 0 ? d.slice(0, Math.min(d.length, dp)).padEnd(dp, '0') : '0';
  if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) out += d[dp + i] ?? '0';
  }
  return out;
}

/** Rounds to nd digits, half to even on the exact value (strconv's decimal.Round). */
function roundDigits(digs: Digits, nd: number): Digits {
  const { d, dp } = digs;
  if (nd < 0 || nd >= d.length) return digs;
  const half = d[nd] === '5' && nd + 1 === d.length;
  const up = half ? nd > 0 && (d.charCodeAt(nd - 1) - 48) % 2 === 1 : d[nd]! >= '5';
  if (!up) {
    const kept = d.slice(0, nd).replace(/0+$/, '');
    return { d: kept, dp: kept === '' ? 0 : dp };
  }
  for (let i = nd - 1; i >= 0; i--) {
    if (d[i] !== '9') return { d: d.slice(0, i) + String.fromCharCode(d.charCodeAt(i) + 1), dp };
  }
  return { d: '1', dp: dp + 1 };
}

/** The shortest digits that read back as v (JavaScript's Number-to-String picks the same ones as Go's Ryū). */
function shortestDigits(v: number, bitSize: 32 | 64): Digits {
  if (v === 0) return { d: '', dp: 0 };
  let text = String(v);
  if (bitSize === 32) {
    for (let p = 1; p <= 9; p++) {
      text = v.toPrecision(p);
      if (Math.fround(Number(text)) === v) break;
    }
  }
  return parseDigits(text);
}

function parseDigits(text: string): Digits {
  const e = text.search(/e/i);
  const mantissa = e < 0 ? text : text.slice(0, e);
  const exp = e < 0 ? 0 : Number(text.slice(e + 1));
  const point = mantissa.indexOf('.');
  const all = mantissa.replace('.', '');
  const lead = all.length - all.replace(/^0+/, '').length;
  const d = all.slice(lead).replace(/0+$/, '');
  return { d, dp: (point < 0 ? mantissa.length : point) + exp - lead };
}

/** The exact decimal value of a float: mantissa × 2^exp written out with big integers. */
function exactDigits(v: number, bitSize: 32 | 64): Digits {
  const { mant, exp } = decompose(v, bitSize);
  if (mant === 0n) return { d: '', dp: 0 };
  const exp2 = exp - mantissaBits(bitSize);
  const text = exp2 >= 0 ? (mant << BigInt(exp2)).toString() : (mant * 5n ** BigInt(-exp2)).toString();
  return { d: text.replace(/0+$/, ''), dp: exp2 >= 0 ? text.length : text.length + exp2 };
}

function mantissaBits(bitSize: 32 | 64): number {
  return bitSize === 64 ? 52 : 23;
}

/** The integer mantissa (with its implicit bit) and the unbiased binary exponent of a float's bits. */
function decompose(v: number, bitSize: 32 | 64): { mant: bigint; exp: number; neg: boolean } {
  const view = new DataView(new ArrayBuffer(8));
  let raw: bigint;
  let expBits: number;
  let bias: number;
  if (bitSize === 64) {
    view.setFloat64(0, v);
    raw = view.getBigUint64(0);
    [expBits, bias] = [11, 1023];
  } else {
    view.setFloat32(0, v);
    raw = BigInt(view.getUint32(0));
    [expBits, bias] = [8, 127];
  }
  const mbits = mantissaBits(bitSize);
  const neg = raw >> BigInt(mbits + expBits) !== 0n;
  let exp = Number((raw >> BigInt(mbits)) & ((1n << BigInt(expBits)) - 1n));
  let mant = raw & ((1n << BigInt(mbits)) - 1n);
  if (exp === 0) exp++;
  else mant |= 1n << BigInt(mbits);
  return { mant, exp: exp - bias, neg };
}

/** %b: decimal mantissa, 'p', binary exponent. */
function formatBinary(v: number, bitSize: 32 | 64): string {
  const { mant, exp, neg } = decompose(v, bitSize);
  const e = exp - mantissaBits(bitSize);
  return `${neg ? '-' : ''}${mant}p${e >= 0 ? '+' : ''}${e}`;
}

const MASK64 = (1n << 64n) - 1n;

/** %x: -0x1.hhhhp±dd, rounded to prec hex digits (half to even) when prec is given. */
function formatHex(v: number, fmt: string, prec: number, bitSize: 32 | 64): string {
  let { mant, exp } = decompose(v, bitSize);
  const { neg } = decompose(v, bitSize);
  if (mant === 0n) exp = 0;
  mant <<= BigInt(60 - mantissaBits(bitSize));
  while (mant !== 0n && (mant & (1n << 60n)) === 0n) {
    mant <<= 1n;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & ((1n << 60n) - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const digits = fmt === 'X' ? '0123456789ABCDEF' : '0123456789abcdef';
  let out = `${neg ? '-' : ''}0${fmt}${(mant >> 60n) & 1n}`;
  mant = (mant << 4n) & MASK64;
  const count = prec < 0 ? (mant !== 0n ? Infinity : 0) : prec;
  if (count > 0) out += '.';
  for (let i = 0; i < count && (prec >= 0 || mant !== 0n); i++) {
    out += digits[Number((mant >> 60n) & 15n)];
    mant = (mant << 4n) & MASK64;
  }
  const sign = exp < 0 ? '-' : '+';
  return out + (fmt === 'X' ? 'P' : 'p') + sign + String(Math.abs(exp)).padStart(2, '0');
}
