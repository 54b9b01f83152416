/**
 * The part of Go's fmt printer that applies a verb to one basic value (bool, integer, float, complex,
 * string), and writes `%!verb(type=value)` when the verb does not fit.
 */
import { typeOf, type GoComplex, type GoValue } from '../values.js';
import { Formatter } from './formatter.js';

const UINT64_MASK = (1n << 64n) - 1n;

export abstract class VerbPrinter extends Formatter {
  /** The operand being printed, for badVerb (Go's p.arg / p.value); null when it is nil. */
  protected operand: GoValue = null;
  protected erroring = false;

  /** Prints a value found inside another (depth > 0) or an operand (depth 0). */
  abstract printValue(value: GoValue, verb: string, depth: number): void;

  protected badVerb(verb: string): void {
    this.erroring = true;
    const operand = this.operand;
    this.buf += `%!${verb}(`;
    if (operand === null || operand === undefined) this.buf += '<nil>';
    else {
      this.buf += `${typeOf(operand)!.name}=`;
      this.printValue(operand, 'v', 0);
    }
    this.buf += ')';
    this.erroring = false;
  }

  protected fmtBool(v: boolean, verb: string): void {
    if (verb === 't' || verb === 'v') this.fmtBoolean(v);
    else this.badVerb(verb);
  }

  protected fmt0x64(v: bigint, leading0x: boolean): void {
    const sharp = this.sharp;
    this.sharp = leading0x;
    this.fmtInteger(v, 16, 'v', false);
    this.sharp = sharp;
  }

  protected fmtIntegerVerb(v: bigint, signed: boolean, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.sharpV && !signed) this.fmt0x64(v, true);
        else this.fmtInteger(v, 10, verb, false);
        return;
      case 'd':
        return this.fmtInteger(v, 10, verb, false);
      case 'b':
        return this.fmtInteger(v, 2, verb, false);
      case 'o':
      case 'O':
        return this.fmtInteger(v, 8, verb, false);
      case 'x':
      case 'X':
        return this.fmtInteger(v, 16, verb, verb === 'X');
      case 'c':
        return this.fmtC(v);
      case 'q':
        return this.fmtQc(v);
      case 'U':
        return this.fmtUnicode(v & UINT64_MASK);
      default:
        return this.badVerb(verb);
    }
  }

  protected fmtFloatVerb(v: number, size: 32 | 64, verb: string): void {
    if (verb === 'v') this.fmtFloat(v, size, 'g', -1);
    else if ('bgGxX'.includes(verb)) this.fmtFloat(v, size, verb, -1);
    else if (verb === 'f' || verb === 'e' || verb === 'E') this.fmtFloat(v, size, verb, 6);
    else if (verb === 'F') this.fmtFloat(v, size, 'f', 6);
    else this.badVerb(verb);
  }

  protected fmtComplex(v: GoComplex, size: 32 | 64, verb: string): void {
    if (!'vbgGxXfFeE'.includes(verb)) return this.badVerb(verb);
    const plus = this.plus;
    this.buf += '(';
    this.fmtFloatVerb(v.re, size, verb);
    this.plus = true;
    this.fmtFloatVerb(v.im, size, verb);
    this.buf += 'i)';
    this.plus = plus;
  }

  protected fmtString(v: string, verb: string): void {
    switch (verb) {
      case 'v':
        return this.sharpV ? this.fmtQ(v) : this.fmtS(v);
      case 's':
        return this.fmtS(v);
      case 'x':
      case 'X':
        return this.fmtSx(v, verb === 'X');
      case 'q':
        return this.fmtQ(v);
      default:
        return this.badVerb(verb);
    }
  }
}
