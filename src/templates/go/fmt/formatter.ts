/**
 * The raw formatter of Go's fmt (its format.go): flags, width and precision, padding, and the formatting of
 * one integer, float, string or rune into the output buffer.
 */
import { formatFloat } from './format-float.js';
import { canBackquote, quote, quoteRune } from './quote.js';
import { isPrint } from './unicode.js';
import { runeCount, runeToString, truncateRunes, utf8Bytes } from './utf8.js';

const UINT64_MASK = (1n << 64n) - 1n;

export class Formatter {
  buf = '';
  wid = 0;
  prec = 0;
  widPresent = false;
  precPresent = false;
  minus = false;
  plus = false;
  sharp = false;
  space = false;
  zero = false;
  /** %+v and %#v: set instead of plus and sharp, which then read as false. */
  plusV = false;
  sharpV = false;

  clearFlags(): void {
    this.widPresent = this.precPresent = this.minus = this.plus = this.sharp = false;
    this.space = this.zero = this.plusV = this.sharpV = false;
    this.wid = this.prec = 0;
  }

  writePadding(n: number): void {
    if (n > 0) this.buf += (this.zero ? '0' : ' ').repeat(n);
  }

  /** Appends s padded to the width (counted in runes), on the left unless the minus flag is set. */
  pad(s: string): void {
    if (!this.widPresent || this.wid === 0) {
      this.buf += s;
      return;
    }
    const width = this.wid - runeCount(s);
    if (this.minus) {
      this.buf += s;
      this.writePadding(width);
    } else {
      this.writePadding(width);
      this.buf += s;
    }
  }

  fmtBoolean(v: boolean): void {
    this.pad(v ? 'true' : 'false');
  }

  /** %U: U+0078, or with # U+0078 'x'. */
  fmtUnicode(u: bigint): void {
    let prec = 4;
    if (this.precPresent && this.prec > 4) prec = this.prec;
    let s = 'U+' + u.toString(16).toUpperCase().padStart(prec, '0');
    if (this.sharp && u <= 0x10ffffn && isPrint(Number(u))) s += ` '${String.fromCodePoint(Number(u))}'`;
    this.withoutZero(() => this.pad(s));
  }

  /** Formats an integer (v is the value; negative only for signed kinds). */
  fmtInteger(v: bigint, base: number, verb: string, upper: boolean): void {
    const negative = v < 0n;
    const u = negative ? -v : v;
    let prec = 0;
    if (this.precPresent) {
      prec = this.prec;
      if (prec === 0 && u === 0n) {
        this.withoutZero(() => this.writePadding(this.wid));
        return;
      }
    } else if (this.zero && this.widPresent) {
      prec = this.wid;
      if (negative || this.plus || this.space) prec--;
    }
    let digits = u.toString(base);
    if (upper) digits = digits.toUpperCase();
    digits = digits.padStart(prec, '0');
    if (this.sharp) {
      if (base === 2) digits = '0b' + digits;
      else if (base === 8 && digits[0] !== '0') digits = '0' + digits;
      else if (base === 16) digits = (upper ? '0X' : '0x') + digits;
    }
    if (verb === 'O') digits = '0o' + digits;
    if (negative) digits = '-' + digits;
    else if (this.plus) digits = '+' + digits;
    else if (this.space) digits = ' ' + digits;
    this.withoutZero(() => this.pad(digits));
  }

  private withoutZero(write: () => void): void {
    const zero = this.zero;
    this.zero = false;
    write();
    this.zero = zero;
  }

  fmtS(s: string): void {
    this.pad(this.precPresent ? truncateRunes(s, this.prec) : s);
  }

  /** %x on a string or bytes: two hex digits a byte, optionally 0x-prefixed and space-separated. */
  fmtSbx(bytes: Uint8Array, upper: boolean): void {
    let length = bytes.length;
    if (this.precPresent && this.prec < length) length = this.prec;
    let width = 2 * length;
    if (width === 0) {
      if (this.widPresent) this.writePadding(this.wid);
      return;
    }
    if (this.space) {
      if (this.sharp) width *= 2;
      width += length - 1;
    } else if (this.sharp) width += 2;
    if (this.widPresent && this.wid > width && !this.minus) this.writePadding(this.wid - width);
    const prefix = upper ? '0X' : '0x';
    let out = this.sharp ? prefix : '';
    for (let i = 0; i < length; i++) {
      if (this.space && i > 0) out += this.sharp ? ' ' + prefix : ' ';
      const h = bytes[i]!.toString(16).padStart(2, '0');
      out += upper ? h.toUpperCase() : h;
    }
    this.buf += out;
    if (this.widPresent && this.wid > width && this.minus) this.writePadding(this.wid - width);
  }

  fmtSx(s: string, upper: boolean): void {
    this.fmtSbx(utf8Bytes(s), upper);
  }

  /** %q: a Go string literal, or with # a raw one when it can be. */
  fmtQ(s: string): void {
    if (this.precPresent) s = truncateRunes(s, this.prec);
    if (this.sharp && canBackquote(s)) this.pad('`' + s + '`');
    else this.pad(quote(s, this.plus));
  }

  /** %c: the rune (U+FFFD when not a valid code point). */
  fmtC(c: bigint): void {
    this.pad(runeToString(toRune(c)));
  }

  /** %q on an integer: a Go character literal. */
  fmtQc(c: bigint): void {
    this.pad(quoteRune(toRune(c), this.plus));
  }

  /** Formats a float with strconv's verb and default precision, then Go's sign, # and zero-padding rules. */
  fmtFloat(v: number, size: 32 | 64, verb: string, defaultPrec: number): void {
    const prec = this.precPresent ? this.prec : defaultPrec;
    let num = formatFloat(v, verb, prec, size);
    if (num[0] !== '-' && num[0] !== '+') num = '+' + num;
    if (this.space && num[0] === '+' && !this.plus) num = ' ' + num.slice(1);
    if (num[1] === 'I' || num[1] === 'N') {
      if (num[1] === 'N' && !this.space && !this.plus) num = num.slice(1);
      this.withoutZero(() => this.pad(num));
      return;
    }
    if (this.sharp && verb !== 'b') num = keepPoint(num, verb, prec);
    if (this.plus || num[0] !== '+') {
      if (this.zero && this.widPresent && this.wid > num.length) {
        this.buf += num[0];
        this.writePadding(this.wid - num.length);
        this.buf += num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }
}

/** rune(c) for %c and %q: the low 32 bits as a signed rune; anything past U+10FFFF reads as U+FFFD. */
function toRune(c: bigint): number {
  const u = c & UINT64_MASK;
  return u > 0x10ffffn ? 0xfffd : Number(u);
}

/** The # flag on floats: always a decimal point, and %g's trailing zeros kept up to the precision. */
function keepPoint(num: string, verb: string, prec: number): string {
  let digits = verb === 'v' || verb === 'g' || verb === 'G' || verb === 'x' ? (prec === -1 ? 6 : prec) : 0;
  let tail = '';
  let hasPoint = false;
  let sawNonzero = false;
  let body = num;
  for (let i = 1; i < body.length; i++) {
    const c = body[i]!;
    if (c === '.') hasPoint = true;
    else if (c === 'p' || c === 'P' || ((c === 'e' || c === 'E') && verb !== 'x' && verb !== 'X')) {
      tail = body.slice(i);
      body = body.slice(0, i);
      break;
    } else {
      if (c !== '0') sawNonzero = true;
      if (sawNonzero) digits--;
    }
  }
  if (!hasPoint) {
    if (body.length === 2 && body[1] === '0') digits--;
    body += '.';
  }
  if (digits > 0) body += '0'.repeat(digits);
  return body + tail;
}
