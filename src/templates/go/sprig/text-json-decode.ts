/**
 * encoding/json's Unmarshal into interface{} (sprig's fromJson and mustFromJson): objects become
 * map[string]interface{}, arrays []interface{}, numbers float64. Syntax errors carry Go's scanner texts
 * ("invalid character 'x' looking for beginning of value", "unexpected end of JSON input"); a number beyond
 * float64 decodes as nil with Go's "cannot unmarshal" error.
 */
import { quote } from '../fmt/quote.js';
import { utf8Bytes } from '../fmt/utf8.js';
import type { GoValue } from '../values.js';
import { newMap } from './text-values.js';

export interface JsonResult {
  readonly value: GoValue;
  /** Go's error text, or undefined. */
  readonly error?: string;
}

export function unmarshalJson(text: string): JsonResult {
  const scan = new Scanner(utf8Bytes(text));
  const syntax = scan.run();
  if (syntax) return { value: null, error: syntax };
  const value = toGo(JSON.parse(text));
  return scan.overflow ? { value, error: `json: cannot unmarshal number ${scan.overflow} into Go value of type float64` } : { value };
}

function toGo(x: unknown): GoValue {
  if (typeof x === 'string') return x.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  if (typeof x === 'number') return Number.isFinite(x) ? x : null;
  if (Array.isArray(x)) return x.map(toGo);
  if (x === null || typeof x === 'boolean') return x;
  return newMap(Object.entries(x as object).map(([k, v]) => [toGo(k) as string, toGo(v)]));
}

const MAX_DEPTH = 10000;
const LITERALS: Readonly<Record<string, string>> = { t: 'true', f: 'false', n: 'null' };

/** Go's scanner (encoding/json/scanner.go), checking the whole text before anything is decoded. */
class Scanner {
  private i = 0;
  /** Open containers: '{' or '['. */
  private readonly stack: string[] = [];
  /** A container was just opened: its first element or its close comes next. */
  private opened = false;
  /** The first number literal too large for a float64. */
  overflow: string | undefined;

  constructor(private readonly b: Uint8Array) {}

  /** The syntax error, or undefined for valid JSON. */
  run(): string | undefined {
    try {
      this.value();
      while (this.stack.length > 0) {
        if (this.opened) this.first();
        else this.afterValue();
      }
      this.space();
      if (this.i < this.b.length) this.fail('after top-level value');
      return undefined;
    } catch (e) {
      if (e instanceof SyntaxFailure) return e.message;
      throw e;
    }
  }

  /**
   * The byte at the cursor. At the end Go's scanner reads one more space: where a space is an error (inside a
   * literal, a number, an escape) that error is reported; where white space may come, the input ended early.
   */
  private peek(): number {
    return this.i < this.b.length ? this.b[this.i]! : 0x20;
  }

  /** Where white space may come: the end of the input is "unexpected end". */
  private more(): void {
    if (this.i >= this.b.length) throw new SyntaxFailure('unexpected end of JSON input');
  }

  private fail(context: string): never {
    throw new SyntaxFailure(`invalid character ${quoteChar(this.peek())} ${context}`);
  }

  private space(): void {
    while (this.i < this.b.length && [0x20, 0x09, 0x0a, 0x0d].includes(this.b[this.i]!)) this.i++;
  }

  /** A value, or the opening of a container (whose rest afterValue reads). */
  private value(): void {
    this.space();
    this.more();
    const c = String.fromCharCode(this.peek());
    if (c === '{' || c === '[') return this.open(c);
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    const literal = LITERALS[c];
    if (!literal) this.fail('looking for beginning of value');
    this.literal(literal);
  }

  private open(c: string): void {
    this.stack.push(c);
    if (this.stack.length > MAX_DEPTH) this.fail('exceeded max depth');
    this.i++;
    this.opened = true;
  }

  /** The first element of the container just opened, or its close. */
  private first(): void {
    this.opened = false;
    this.space();
    this.more();
    const inObject = this.stack[this.stack.length - 1] === '{';
    if (this.peek() === (inObject ? 0x7d : 0x5d)) {
      this.i++;
      this.stack.pop();
    } else if (inObject) this.key();
    else this.value();
  }

  private key(): void {
    this.space();
    this.more();
    if (this.peek() !== 0x22) this.fail('looking for beginning of object key string');
    this.string();
    this.space();
    this.more();
    if (this.peek() !== 0x3a) this.fail('after object key');
    this.i++;
    this.value();
  }

  /** After a value inside the innermost container: a comma and the next element, or the close. */
  private afterValue(): void {
    this.space();
    this.more();
    const inObject = this.stack[this.stack.length - 1] === '{';
    const c = this.peek();
    if (c === 0x2c) {
      this.i++;
      if (inObject) this.key();
      else this.value();
    } else if (c === (inObject ? 0x7d : 0x5d)) {
      this.i++;
      this.stack.pop();
    } else this.fail(inObject ? 'after object key:value pair' : 'after array element');
  }

  private string(): void {
    this.i++;
    for (;;) {
      this.more();
      const c = this.peek();
      this.i++;
      if (c === 0x22) return;
      if (c === 0x5c) this.escape();
      else if (c < 0x20) {
        this.i--;
        this.fail('in string literal');
      }
    }
  }

  private escape(): void {
    const c = String.fromCharCode(this.peek());
    if ('"\\/bfnrt'.includes(c)) {
      this.i++;
      return;
    }
    if (c !== 'u') this.fail('in string escape code');
    this.i++;
    for (let k = 0; k < 4; k++) {
      if (!/[0-9a-fA-F]/.test(String.fromCharCode(this.peek()))) this.fail('in \\u hexadecimal character escape');
      this.i++;
    }
  }

  private number(): void {
    const start = this.i;
    if (this.peek() === 0x2d) this.i++;
    if (this.peek() === 0x30) this.i++;
    else if (isDigit(this.peek())) this.digits();
    else this.fail('in numeric literal');
    if (this.at(0x2e)) {
      this.i++;
      if (!isDigit(this.peek())) this.fail('after decimal point in numeric literal');
      this.digits();
    }
    if (this.at(0x65) || this.at(0x45)) {
      this.i++;
      if (this.peek() === 0x2b || this.peek() === 0x2d) this.i++;
      if (!isDigit(this.peek())) this.fail('in exponent of numeric literal');
      this.digits();
    }
    const literal = String.fromCharCode(...this.b.subarray(start, this.i));
    if (this.overflow === undefined && !Number.isFinite(Number(literal))) this.overflow = literal;
  }

  private at(c: number): boolean {
    return this.i < this.b.length && this.b[this.i] === c;
  }

  private digits(): void {
    while (this.i < this.b.length && isDigit(this.b[this.i]!)) this.i++;
  }

  private literal(word: string): void {
    this.i++;
    for (const expect of word.slice(1)) {
      if (this.peek() !== expect.charCodeAt(0)) this.fail(`in literal ${word} (expecting ${quoteChar(expect.charCodeAt(0))})`);
      this.i++;
    }
  }
}

class SyntaxFailure extends Error {}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** encoding/json's quoteChar: a byte as a quoted character (a byte >= 0x80 reads as that Latin-1 rune). */
function quoteChar(c: number): string {
  if (c === 0x27) return `'\\''`;
  if (c === 0x22) return `'"'`;
  const s = quote(String.fromCharCode(c));
  return `'${s.slice(1, -1)}'`;
}
