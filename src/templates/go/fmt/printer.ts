/**
 * Go's fmt printer (its print.go): one operand printed for a verb, recursing through maps, slices, structs
 * and pointers, with Go's `%!verb(type=value)` text for a verb that does not fit the operand.
 */
import { isIntKind, isUintKind, type GoType } from '../go-types.js';
import { sortedEntries } from '../order.js';
import { Typed, isGoMap, typeOf, type GoComplex, type GoValue } from '../values.js';
import { VerbPrinter } from './verb-printer.js';
import { decodeGoBytes } from './utf8.js';

/** Go prints addresses for %p and for nested pointers; these have none, so every address reads as this. */
const FAKE_ADDRESS = 0xc000010000n;

export class Printer extends VerbPrinter {
  /** Prints an interface{} operand (null is nil). */
  printArg(arg: GoValue, verb: string): void {
    this.operand = arg;
    if (arg === null || arg === undefined) {
      if (verb === 'T' || verb === 'v') this.pad('<nil>');
      else this.badVerb(verb);
      return;
    }
    if (verb === 'T') {
      this.fmtS(typeOf(arg)!.name);
      return;
    }
    if (verb === 'p') {
      this.fmtPointer(arg, 'p');
      return;
    }
    if (arg instanceof Typed && arg.type.name === '[]uint8') this.fmtBytes(arg, verb, '[]byte');
    else if (!this.handleMethods(arg, verb)) this.printValue(arg, verb, 0);
  }

  /** Prints a value found inside another (depth > 0) or an operand without methods (depth 0). */
  override printValue(value: GoValue, verb: string, depth: number): void {
    if (depth > 0 && this.handleMethods(value, verb)) return;
    this.operand = value;
    switch (typeof value) {
      case 'string':
        return this.fmtString(value, verb);
      case 'boolean':
        return this.fmtBool(value, verb);
      case 'number':
        return this.fmtFloatVerb(value, 64, verb);
      case 'bigint':
        return this.fmtIntegerVerb(value, true, verb);
      case 'undefined':
        if (depth === 0) this.buf += '<invalid reflect.Value>';
        else if (verb === 'v') this.buf += '<nil>';
        else this.badVerb(verb);
        return;
    }
    if (value === null) {
      this.buf += this.sharpV ? 'interface {}(nil)' : '<nil>';
      return;
    }
    if (Array.isArray(value)) return this.printList(typeOf(value)!, value, false, verb, depth);
    if (isGoMap(value)) return this.printMap(value, verb, depth);
    this.printTyped(value, verb, depth);
  }

  private printTyped(value: Typed, verb: string, depth: number): void {
    const { type } = value;
    const kind = type.kind;
    if (isIntKind(kind)) return this.fmtIntegerVerb(value.v as bigint, true, verb);
    if (isUintKind(kind)) return this.fmtIntegerVerb(value.v as bigint, false, verb);
    switch (kind) {
      case 'float32':
      case 'float64':
        return this.fmtFloatVerb(value.v as number, kind === 'float32' ? 32 : 64, verb);
      case 'complex64':
      case 'complex128':
        return this.fmtComplex(value.v as GoComplex, kind === 'complex64' ? 32 : 64, verb);
      case 'string':
        return this.fmtString(value.v as string, verb);
      case 'bool':
        return this.fmtBool(value.v as boolean, verb);
      case 'map':
        return this.printMap(value, verb, depth);
      case 'struct':
        return this.printStruct(value, verb, depth);
      case 'slice':
      case 'array':
        return this.printList(type, value.v as GoValue[] | null, true, verb, depth);
      case 'ptr':
        if (depth === 0 && value.v !== null) {
          const target = value.v as GoValue;
          const k = typeOf(target)?.kind;
          if (k === 'array' || k === 'slice' || k === 'struct' || k === 'map') {
            this.buf += '&';
            return this.printValue(target, verb, depth + 1);
          }
        }
        return this.fmtPointer(value, verb);
      default:
        return this.fmtPointer(value, verb);
    }
  }

  private printMap(value: GoValue, verb: string, depth: number): void {
    const type = typeOf(value)!;
    if (this.sharpV) {
      this.buf += type.name;
      if (value instanceof Typed && value.v === null) {
        this.buf += '(nil)';
        return;
      }
      this.buf += '{';
    } else this.buf += 'map[';
    const entries = sortedEntries(value) ?? [];
    entries.forEach(([k, v], i) => {
      if (i > 0) this.buf += this.sharpV ? ', ' : ' ';
      this.printValue(k, verb, depth + 1);
      this.buf += ':';
      this.printValue(v, verb, depth + 1);
    });
    this.buf += this.sharpV ? '}' : ']';
  }

  private printStruct(value: Typed, verb: string, depth: number): void {
    if (this.sharpV) this.buf += value.type.name;
    this.buf += '{';
    const fields = value.type.fields ?? [];
    (value.v as GoValue[]).forEach((field, i) => {
      if (i > 0) this.buf += this.sharpV ? ', ' : ' ';
      if (this.plusV || this.sharpV) this.buf += `${fields[i]?.name}:`;
      this.printValue(field, verb, depth + 1);
    });
    this.buf += '}';
  }

  private printList(type: GoType, items: GoValue[] | null, typed: boolean, verb: string, depth: number): void {
    if (typed && type.elem?.kind === 'uint8' && (verb === 's' || verb === 'q' || verb === 'x' || verb === 'X')) {
      return this.fmtBytes(new Typed(type, items), verb, type.name);
    }
    if (this.sharpV) {
      this.buf += type.name;
      if (items === null && type.kind === 'slice') {
        this.buf += '(nil)';
        return;
      }
      this.buf += '{';
    } else this.buf += '[';
    (items ?? []).forEach((item, i) => {
      if (i > 0) this.buf += this.sharpV ? ', ' : ' ';
      this.printValue(item, verb, depth + 1);
    });
    this.buf += this.sharpV ? '}' : ']';
  }

  /** A value whose type has a String method prints as its result for the string-like verbs. */
  private handleMethods(value: GoValue, verb: string): boolean {
    if (this.erroring || this.sharpV || !(value instanceof Typed)) return false;
    const method = value.type.methods?.['Error'] ?? value.type.methods?.['String'];
    if (!method || (verb !== 'v' && verb !== 's' && verb !== 'x' && verb !== 'X' && verb !== 'q')) return false;
    this.fmtString(method.fn([value]) as string, verb);
    return true;
  }

  /** A []byte (or other byte slice): as a string for %s %q %x, as numbers otherwise. */
  private fmtBytes(value: Typed, verb: string, typeName: string): void {
    const items = (value.v as GoValue[] | null) ?? [];
    const bytes = Uint8Array.from(items.map((b) => Number((b as Typed).v)));
    const text = decodeGoBytes(bytes);
    if (verb === 'v' || verb === 'd') {
      if (this.sharpV) {
        this.buf += typeName;
        if (value.v === null) this.buf += '(nil)';
        else {
          this.buf += '{';
          bytes.forEach((b, i) => {
            if (i > 0) this.buf += ', ';
            this.fmt0x64(BigInt(b), true);
          });
          this.buf += '}';
        }
        return;
      }
      this.buf += '[';
      bytes.forEach((b, i) => {
        if (i > 0) this.buf += ' ';
        this.fmtInteger(BigInt(b), 10, verb, false);
      });
      this.buf += ']';
    } else if (verb === 's') this.fmtS(text);
    else if (verb === 'x' || verb === 'X') this.fmtSbx(bytes, verb === 'X');
    else if (verb === 'q') this.fmtQ(text);
    else this.printList(value.type, value.v as GoValue[] | null, false, verb, 0);
  }

  /** Pointers, maps, slices and functions print as addresses (fake here) for %p, and nil as <nil>. */
  private fmtPointer(value: GoValue, verb: string): void {
    const kind = typeOf(value)?.kind;
    if (kind !== 'func' && kind !== 'map' && kind !== 'ptr' && kind !== 'slice') return this.badVerb(verb);
    const isNil = value instanceof Typed && value.v === null;
    const u = isNil ? 0n : FAKE_ADDRESS;
    switch (verb) {
      case 'v':
        if (this.sharpV) this.buf += `(${typeOf(value)!.name})(${isNil ? 'nil' : '0x' + u.toString(16)})`;
        else if (isNil) this.pad('<nil>');
        else this.fmt0x64(u, !this.sharp);
        return;
      case 'p':
        return this.fmt0x64(u, !this.sharp);
      case 'b':
      case 'o':
      case 'd':
      case 'x':
      case 'X':
        return this.fmtIntegerVerb(u, false, verb);
      default:
        return this.badVerb(verb);
    }
  }
}
