/**
 * fmt.Sprint, Sprintln and Sprintf, over interface{} operands (null is nil). These back the print, println
 * and printf built-ins and the printing of every {{action}}.
 */
import { isIntKind, isUintKind } from '../go-types.js';
import { typeOf, type GoValue } from '../values.js';
import { Printer } from './printer.js';

/** fmt.Sprint: operands printed with %v, a space between two operands when neither is a string. */
export function sprint(args: readonly GoValue[]): string {
  const p = new Printer();
  let prevString = false;
  args.forEach((arg, i) => {
    const isString = arg !== null && arg !== undefined && typeOf(arg)?.kind === 'string';
    if (i > 0 && !isString && !prevString) p.buf += ' ';
    p.printArg(arg, 'v');
    prevString = isString;
  });
  return p.buf;
}

/** fmt.Sprintln: operands printed with %v, always space-separated, and a newline. */
export function sprintln(args: readonly GoValue[]): string {
  const p = new Printer();
  args.forEach((arg, i) => {
    if (i > 0) p.buf += ' ';
    p.printArg(arg, 'v');
  });
  return p.buf + '\n';
}

/** Formats one value as {{.}} prints it (fmt.Fprint of a single operand), with a fast path for strings. */
export function printOne(arg: GoValue): string {
  if (typeof arg === 'string') return arg;
  const p = new Printer();
  p.printArg(arg, 'v');
  return p.buf;
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: readonly GoValue[]): string {
  return new PrintfState(format, args).run();
}

/** The walk through a format string: flags, [n] argument indexes, * widths and precisions, verbs. */
class PrintfState {
  private readonly p = new Printer();
  private argNum = 0;
  private i = 0;
  private reordered = false;
  private goodArgNum = true;

  constructor(
    private readonly format: string,
    private readonly args: readonly GoValue[],
  ) {}

  run(): string {
    const { format, p } = this;
    while (this.i < format.length) {
      const next = format.indexOf('%', this.i);
      const end = next < 0 ? format.length : next;
      p.buf += format.slice(this.i, end);
      if (next < 0) break;
      this.i = next + 1;
      if (!this.verb()) break;
    }
    if (!this.reordered && this.argNum < this.args.length) this.extra();
    return p.buf;
  }

  /** One directive after its '%'; false when the format ended inside it. */
  private verb(): boolean {
    const { p, format, args } = this;
    this.goodArgNum = true;
    p.clearFlags();
    this.flags();
    let afterIndex = this.argIndex();
    afterIndex = this.width(afterIndex);
    if (this.i + 1 < format.length && format[this.i] === '.') {
      this.i++;
      if (afterIndex) this.goodArgNum = false;
      afterIndex = this.precision(this.argIndex());
    }
    if (!afterIndex) this.argIndex();
    if (this.i >= format.length) {
      p.buf += '%!(NOVERB)';
      return false;
    }
    const verb = String.fromCodePoint(format.codePointAt(this.i)!);
    this.i += verb.length;
    if (verb === '%') p.buf += '%';
    else if (!this.goodArgNum) p.buf += `%!${verb}(BADINDEX)`;
    else if (this.argNum >= args.length) p.buf += `%!${verb}(MISSING)`;
    else {
      if (verb === 'v') {
        [p.sharpV, p.sharp, p.plusV, p.plus] = [p.sharp, false, p.plus, false];
      }
      p.printArg(args[this.argNum], verb);
      this.argNum++;
    }
    return true;
  }

  /** A width: digits or `*` (an operand); returns whether an argument index still applies. */
  private width(afterIndex: boolean): boolean {
    const { p } = this;
    if (this.format[this.i] !== '*') {
      [p.wid, p.widPresent] = this.parseNum();
      if (afterIndex && p.widPresent) this.goodArgNum = false;
      return afterIndex;
    }
    this.i++;
    [p.wid, p.widPresent] = this.intArg();
    if (!p.widPresent) p.buf += '%!(BADWIDTH)';
    if (p.wid < 0) [p.wid, p.minus, p.zero] = [-p.wid, true, false];
    return false;
  }

  /** A precision after its '.': digits (none is 0) or `*`. */
  private precision(afterIndex: boolean): boolean {
    const { p } = this;
    if (this.format[this.i] !== '*') {
      [p.prec, p.precPresent] = this.parseNum();
      if (!p.precPresent) [p.prec, p.precPresent] = [0, true];
      return afterIndex;
    }
    this.i++;
    [p.prec, p.precPresent] = this.intArg();
    if (p.prec < 0) [p.prec, p.precPresent] = [0, false];
    if (!p.precPresent) p.buf += '%!(BADPREC)';
    return false;
  }

  private flags(): void {
    const { p, format } = this;
    for (; this.i < format.length; this.i++) {
      const c = format[this.i];
      if (c === '#') p.sharp = true;
      else if (c === '0') p.zero = !p.minus;
      else if (c === '+') p.plus = true;
      else if (c === '-') [p.minus, p.zero] = [true, false];
      else if (c === ' ') p.space = true;
      else return;
    }
  }

  /** parsenum: a decimal number (a too large one is no number and ends the format), and whether there was one. */
  private parseNum(): [number, boolean] {
    const { format } = this;
    const start = this.i;
    while (this.i < format.length && format[this.i]! >= '0' && format[this.i]! <= '9') this.i++;
    if (this.i === start) return [0, false];
    const num = parseDecimal(format.slice(start, this.i));
    if (num === undefined) this.i = format.length;
    return num === undefined ? [0, false] : [num, true];
  }

  /** An explicit [n] argument index, if present; whether one was read (even when out of range). */
  private argIndex(): boolean {
    const { format } = this;
    if (format[this.i] !== '[') return false;
    this.reordered = true;
    const close = format.length - this.i < 3 ? -1 : format.indexOf(']', this.i + 1);
    const digits = close < 0 ? '' : format.slice(this.i + 1, close);
    const num = /^[0-9]+$/.test(digits) ? parseDecimal(digits) : undefined;
    this.i = close < 0 ? this.i + 1 : close + 1;
    if (num !== undefined && num - 1 >= 0 && num - 1 < this.args.length) {
      this.argNum = num - 1;
      return true;
    }
    this.goodArgNum = false;
    return num !== undefined;
  }

  /** intFromArg: the next operand as an int width or precision. */
  private intArg(): [number, boolean] {
    const arg = this.args[this.argNum];
    if (this.argNum >= this.args.length) return [0, false];
    this.argNum++;
    const kind = arg === null || arg === undefined ? undefined : typeOf(arg)?.kind;
    if (kind === undefined || !(isIntKind(kind) || isUintKind(kind))) return [0, false];
    const n = typeof arg === 'bigint' ? arg : (arg as { v: bigint }).v;
    if (n > 1000000n || n < -1000000n) return [0, false];
    return [Number(n), true];
  }

  private extra(): void {
    const { p } = this;
    p.clearFlags();
    p.buf += '%!(EXTRA ';
    this.args.slice(this.argNum).forEach((arg, i) => {
      if (i > 0) p.buf += ', ';
      if (arg === null || arg === undefined) p.buf += '<nil>';
      else {
        p.buf += `${typeOf(arg)!.name}=`;
        p.printArg(arg, 'v');
      }
    });
    p.buf += ')';
  }
}

/** Go's parsenum limit: digits stop counting once the number passed a million. */
function parseDecimal(digits: string): number | undefined {
  let num = 0;
  for (let k = 0; k < digits.length; k++) {
    if (num > 1e6) return undefined;
    num = num * 10 + (digits.charCodeAt(k) - 48);
  }
  return num;
}
