/**
 * Number constants (parse.NewNumber): a literal is read as every type that can hold it exactly, like Go's
 * untyped constants, so that `3` can later become an int, a uint or a float64 argument.
 */
import type { NumberNode } from './ast.js';
import { quote } from './fmt/quote.js';
import { LiteralError, parseFloat64, parseInt64, parseUint, unquoteChar } from './literals.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const TWO_63 = 2 ** 63;
const TWO_64 = 2 ** 64;

/** Reads a number, character or complex constant token; throws LiteralError with Go's message. */
export function numberNode(pos: number, text: string, kind: 'number' | 'charConstant' | 'complex'): NumberNode {
  const n: Mutable<NumberNode> = {
    type: 'number',
    pos,
    text,
    isInt: false,
    isUint: false,
    isFloat: false,
    isComplex: false,
    int64: 0n,
    uint64: 0n,
    float64: 0,
    complex: { re: 0, im: 0 },
    floatSyntax: hasFloatSyntax(text),
  };
  if (kind === 'charConstant') {
    const { value, tail } = unquoteChar(text.slice(1), text[0]!);
    if (tail !== "'") throw new LiteralError(`malformed character constant: ${text}`);
    return { ...n, isInt: true, isUint: true, isFloat: true, int64: BigInt(value), uint64: BigInt(value), float64: value };
  }
  if (kind === 'complex') return simplifyComplex({ ...n, isComplex: true, complex: scanComplex(text) });
  if (text.endsWith('i')) {
    const im = parseFloat64(text.slice(0, -1));
    if (im !== undefined) return simplifyComplex({ ...n, isComplex: true, complex: { re: 0, im } });
  }
  const u = parseUint(text);
  if (u !== undefined) [n.isUint, n.uint64] = [true, u];
  const i = parseInt64(text);
  if (i !== undefined) {
    [n.isInt, n.int64] = [true, i];
    if (i === 0n) [n.isUint, n.uint64] = [true, u ?? 0n];
  }
  if (n.isInt) [n.isFloat, n.float64] = [true, Number(n.int64)];
  else if (n.isUint) [n.isFloat, n.float64] = [true, Number(n.uint64)];
  else {
    const f = parseFloat64(text);
    if (f !== undefined) {
      if (!/[.eEpP]/.test(text)) throw new LiteralError(`integer overflow: ${quote(text)}`);
      [n.isFloat, n.float64] = [true, f];
      setIntegers(n, f);
    }
  }
  if (!n.isInt && !n.isUint && !n.isFloat) throw new LiteralError(`illegal number syntax: ${quote(text)}`);
  return n;
}

/** Go's idealConstant test: a float unless hex (without p), a rune, or without any of ".eEpP". */
function hasFloatSyntax(text: string): boolean {
  const hexInt = text.length > 2 && text[0] === '0' && (text[1] === 'x' || text[1] === 'X') && !/[pP]/.test(text);
  return !hexInt && text[0] !== "'" && /[.eEpP]/.test(text);
}

/** A float that is also an int64 or a uint64 (Go checks that converting there and back is lossless). */
function setIntegers(n: Mutable<NumberNode>, f: number): void {
  if (!n.isInt && Number.isInteger(f) && f >= -TWO_63 && f < TWO_63) [n.isInt, n.int64] = [true, BigInt(f)];
  if (!n.isUint && Number.isInteger(f) && f >= 0 && f < TWO_64) [n.isUint, n.uint64] = [true, BigInt(f)];
}

function simplifyComplex(n: Mutable<NumberNode>): NumberNode {
  n.isFloat = n.complex.im === 0;
  if (n.isFloat) {
    n.float64 = n.complex.re;
    setIntegers(n, n.float64);
  }
  return n;
}

/** fmt.Sscan of a complex literal `R+Ii` (the lexer has checked its shape). */
function scanComplex(text: string): { re: number; im: number } {
  const hex = /^[+-]?0[xX]/.test(text);
  const first = hex ? /^[+-]?0[xX][0-9a-fA-F_]*(\.[0-9a-fA-F_]*)?([pP][+-]?[0-9_]*)?/ : /^[+-]?[0-9_]*(\.[0-9_]*)?([eEpP][+-]?[0-9_]*)?/;
  const realText = first.exec(text)?.[0] ?? '';
  const imagText = text.slice(realText.length, -1);
  const re = parseFloat64(realText);
  const im = parseFloat64(imagText);
  if (re === undefined || im === undefined || !text.endsWith('i')) throw new LiteralError('syntax error scanning complex number');
  return { re, im };
}
