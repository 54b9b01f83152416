/**
 * Go's time.Duration (nanoseconds in an int64): ParseDuration ("1h30m", "-1.5s", "300ms") with Go's error
 * texts, String ("1h30m0s", "1.5µs", "0s") and Round.
 */

const NANOSECOND = 1n;
const MICROSECOND = 1000n;
const MILLISECOND = 1_000_000n;
export const SECOND = 1_000_000_000n;
export const MINUTE = 60n * SECOND;
export const HOUR = 60n * MINUTE;

export const MIN_DURATION = -(1n << 63n);
export const MAX_DURATION = (1n << 63n) - 1n;

const UNITS: Readonly<Record<string, bigint>> = {
  ns: NANOSECOND,
  us: MICROSECOND,
  µs: MICROSECOND,
  μs: MICROSECOND,
  ms: MILLISECOND,
  s: SECOND,
  m: MINUTE,
  h: HOUR,
};

/** An error of ParseDuration; the message is Go's. */
export class DurationError extends Error {}

/** Go's time-package quoting: `"`, with non-ASCII and control bytes as \x escapes. */
export function timeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x80 || c < 0x20) {
      for (const b of Buffer.from(ch, 'utf8')) out += `\\x${b.toString(16).padStart(2, '0')}`;
    } else out += ch === '"' || ch === '\\' ? `\\${ch}` : ch;
  }
  return `${out}"`;
}

const LIMIT = 1n << 63n;

/** time.ParseDuration. */
export function parseDuration(orig: string): bigint {
  const invalid = (): DurationError => new DurationError(`time: invalid duration ${timeQuote(orig)}`);
  let s = orig;
  let neg = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw invalid();
  let d = 0n;
  while (s !== '') {
    if (!/^[0-9.]/.test(s)) throw invalid();
    const int = /^[0-9]*/.exec(s)![0];
    let v = 0n;
    for (const c of int) {
      if (v > LIMIT / 10n) throw invalid();
      v = v * 10n + BigInt(c);
      if (v > LIMIT) throw invalid();
    }
    s = s.slice(int.length);
    let fraction = { f: 0n, scale: 1, digits: '' };
    if (s.startsWith('.')) {
      fraction = leadingFraction(s.slice(1));
      s = s.slice(1 + fraction.digits.length);
    }
    if (int === '' && fraction.digits === '') throw invalid();
    const unitText = /^[^.0-9]*/.exec(s)![0];
    if (unitText === '') throw new DurationError(`time: missing unit in duration ${timeQuote(orig)}`);
    s = s.slice(unitText.length);
    const unit = UNITS[unitText];
    if (unit === undefined) throw new DurationError(`time: unknown unit ${timeQuote(unitText)} in duration ${timeQuote(orig)}`);
    if (v > LIMIT / unit) throw invalid();
    v *= unit;
    if (fraction.f > 0n) {
      v += BigInt(Math.trunc(Number(fraction.f) * (Number(unit) / fraction.scale)));
      if (v > LIMIT) throw invalid();
    }
    d += v;
    if (d > LIMIT) throw invalid();
  }
  if (neg) return BigInt.asIntN(64, -d);
  if (d > MAX_DURATION) throw invalid();
  return d;
}

/** The digits after a '.', as an integer and its power-of-ten scale (digits past int64 are skipped). */
function leadingFraction(s: string): { f: bigint; scale: number; digits: string } {
  const digits = /^[0-9]*/.exec(s)![0];
  let f = 0n;
  let scale = 1;
  let overflow = false;
  for (const c of digits) {
    if (overflow) continue;
    if (f > MAX_DURATION / 10n) {
      overflow = true;
      continue;
    }
    const y = f * 10n + BigInt(c);
    if (y > LIMIT) {
      overflow = true;
      continue;
    }
    f = y;
    scale *= 10;
  }
  return { f, scale, digits };
}

/** Duration.String. */
export function durationString(d: bigint): string {
  const neg = d < 0n;
  let u = neg ? -d : d;
  let out: string;
  if (u < SECOND) {
    if (u === 0n) return '0s';
    const [unit, prec] = u < MICROSECOND ? ['ns', 0] : u < MILLISECOND ? ['µs', 3] : ['ms', 6];
    const [frac, rest] = fraction(u, prec);
    out = `${rest}${frac}${unit}`;
  } else {
    const [frac, secs] = fraction(u, 9);
    u = secs;
    out = `${u % 60n}${frac}s`;
    u /= 60n;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}

/** The last `prec` digits of v as ".ddd" without trailing zeros, and v with them removed. */
function fraction(v: bigint, prec: number): [string, bigint] {
  const scale = 10n ** BigInt(prec);
  const digits = (v % scale).toString().padStart(prec, '0').replace(/0+$/, '');
  return [digits === '' ? '' : `.${digits}`, v / scale];
}

/** Duration.Round: to the nearest multiple of m, halves away from zero, saturating on overflow. */
export function roundDuration(d: bigint, m: bigint): bigint {
  if (m <= 0n) return d;
  let r = d % m;
  const lessThanHalf = (x: bigint): boolean => x + x < m;
  if (d < 0n) {
    r = -r;
    if (lessThanHalf(r)) return d + r;
    const d1 = d - m + r;
    return d1 < d && d1 >= MIN_DURATION ? d1 : MIN_DURATION;
  }
  if (lessThanHalf(r)) return d - r;
  const d1 = d + m - r;
  return d1 > d && d1 <= MAX_DURATION ? d1 : MAX_DURATION;
}
