/**
 * The template lexer: text and actions into tokens, with Go's trim markers (`{{- ` and ` -}}`), comments,
 * and its exact error texts. It runs to the first error, which ends the token list (the parser reports it
 * when it gets there, as Go's does).
 */
import { lexInsideAction } from './lex-action.js';

export type TokenType =
  | 'error' | 'bool' | 'char' | 'charConstant' | 'complex' | 'assign' | 'declare' | 'eof' | 'field'
  | 'identifier' | 'leftDelim' | 'leftParen' | 'number' | 'pipe' | 'rawString' | 'rightDelim' | 'rightParen'
  | 'space' | 'string' | 'text' | 'variable'
  // keywords
  | 'block' | 'break' | 'continue' | 'dot' | 'define' | 'else' | 'end' | 'if' | 'nil' | 'range' | 'template' | 'with';

export interface Token {
  readonly type: TokenType;
  /** Offset in the text (UTF-16 units). */
  readonly pos: number;
  readonly val: string;
  /** 1-based line of the token's start. */
  readonly line: number;
}

export const KEYWORDS: ReadonlyMap<string, TokenType> = new Map<string, TokenType>([
  ['block', 'block'], ['break', 'break'], ['continue', 'continue'], ['define', 'define'], ['else', 'else'],
  ['end', 'end'], ['if', 'if'], ['nil', 'nil'], ['range', 'range'], ['template', 'template'], ['with', 'with'],
]);

export function isKeyword(type: TokenType): boolean {
  return type === 'dot' || KEYWORDS.has(type);
}

const LEFT = '{{';
export const RIGHT = '}}';
export const EOF = -1;

export function isSpace(r: number): boolean {
  return r === 0x20 || r === 0x09 || r === 0x0d || r === 0x0a;
}

export type State = ((l: Lexer) => State) | null;

/** Lexes a whole template; `breakOK`/`continueOK` are false when functions of those names exist. */
export function lex(input: string, breakOK = true, continueOK = true): Token[] {
  const l = new Lexer(input, breakOK, continueOK);
  for (let state: State = lexText; state !== null; ) state = state(l);
  return l.tokens;
}

export class Lexer {
  readonly tokens: Token[] = [];
  pos = 0;
  start = 0;
  atEOF = false;
  parenDepth = 0;
  private lineAt = 0;
  private line = 1;

  constructor(
    readonly input: string,
    readonly breakOK: boolean,
    readonly continueOK: boolean,
  ) {}

  next(): number {
    if (this.pos >= this.input.length) {
      this.atEOF = true;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos)!;
    this.pos += r > 0xffff ? 2 : 1;
    return r;
  }

  peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  backup(): void {
    if (this.atEOF || this.pos === 0) return;
    const c = this.input.charCodeAt(this.pos - 1);
    const pair = c >= 0xdc00 && c <= 0xdfff && this.pos >= 2 && (this.input.charCodeAt(this.pos - 2) & 0xfc00) === 0xd800;
    this.pos -= pair ? 2 : 1;
  }

  /** The line of an offset: 1 + the newlines before it (offsets only grow, so count incrementally). */
  lineOf(pos: number): number {
    if (pos < this.lineAt) {
      this.lineAt = 0;
      this.line = 1;
    }
    for (let i = this.input.indexOf('\n', this.lineAt); i >= 0 && i < pos; i = this.input.indexOf('\n', i + 1)) this.line++;
    this.lineAt = pos;
    return this.line;
  }

  emit(type: TokenType): void {
    this.tokens.push({ type, pos: this.start, val: this.input.slice(this.start, this.pos), line: this.lineOf(this.start) });
    this.start = this.pos;
  }

  ignore(): void {
    this.start = this.pos;
  }

  accept(valid: string): boolean {
    const r = this.next();
    if (r !== EOF && valid.includes(String.fromCodePoint(r))) return true;
    this.backup();
    return false;
  }

  acceptRun(valid: string): void {
    for (let r = this.next(); r !== EOF && valid.includes(String.fromCodePoint(r)); r = this.next());
    this.backup();
  }

  errorf(message: string): State {
    this.tokens.push({ type: 'error', pos: this.start, val: message, line: this.lineOf(this.start) });
    return null;
  }

  /** At `}}`, possibly preceded by a trim marker " -". */
  atRightDelim(): { delim: boolean; trim: boolean } {
    if (hasRightTrimMarker(this.input, this.pos) && this.input.startsWith(RIGHT, this.pos + 2)) return { delim: true, trim: true };
    return { delim: this.input.startsWith(RIGHT, this.pos), trim: false };
  }

  /** Whether an identifier may end here: Go breaks `.X.Y` into pieces and rejects `$x+2`. */
  atTerminator(): boolean {
    const r = this.peek();
    if (isSpace(r)) return true;
    switch (r) {
      case EOF: case 0x2e: case 0x2c: case 0x7c: case 0x3a: case 0x29: case 0x28:
        return true;
    }
    return this.input.startsWith(RIGHT, this.pos);
  }
}

function hasLeftTrimMarker(s: string, at: number): boolean {
  return s.charCodeAt(at) === 0x2d && isSpace(s.charCodeAt(at + 1));
}

export function hasRightTrimMarker(s: string, at: number): boolean {
  return isSpace(s.charCodeAt(at)) && s.charCodeAt(at + 1) === 0x2d;
}

function leadingSpace(s: string, at: number): number {
  let n = 0;
  while (isSpace(s.charCodeAt(at + n))) n++;
  return n;
}

function trailingSpace(s: string, from: number, to: number): number {
  let n = 0;
  while (to - n > from && isSpace(s.charCodeAt(to - n - 1))) n++;
  return n;
}

function lexText(l: Lexer): State {
  const x = l.input.indexOf(LEFT, l.pos);
  if (x < 0) {
    l.pos = l.input.length;
    if (l.pos > l.start) l.emit('text');
    l.emit('eof');
    return null;
  }
  l.pos = x;
  const trim = hasLeftTrimMarker(l.input, x + LEFT.length) ? trailingSpace(l.input, l.start, x) : 0;
  l.pos -= trim;
  if (l.pos > l.start) l.emit('text');
  l.pos += trim;
  l.ignore();
  return lexLeftDelim;
}

function lexLeftDelim(l: Lexer): State {
  l.pos += LEFT.length;
  const afterMarker = hasLeftTrimMarker(l.input, l.pos) ? 2 : 0;
  if (l.input.startsWith('/*', l.pos + afterMarker)) {
    l.pos += afterMarker;
    l.ignore();
    return lexComment;
  }
  l.emit('leftDelim');
  l.pos += afterMarker;
  l.ignore();
  l.parenDepth = 0;
  return lexInsideAction;
}

function lexComment(l: Lexer): State {
  l.pos += 2;
  const i = l.input.indexOf('*/', l.pos);
  if (i < 0) return l.errorf('unclosed comment');
  l.pos = i + 2;
  const { delim, trim } = l.atRightDelim();
  if (!delim) return l.errorf('comment ends before closing delimiter');
  l.pos += (trim ? 2 : 0) + RIGHT.length;
  if (trim) l.pos += leadingSpace(l.input, l.pos);
  l.ignore();
  return lexText;
}

export function lexRightDelim(l: Lexer): State {
  const trim = hasRightTrimMarker(l.input, l.pos);
  if (trim) {
    l.pos += 2;
    l.ignore();
  }
  l.pos += RIGHT.length;
  l.emit('rightDelim');
  if (trim) {
    l.pos += leadingSpace(l.input, l.pos);
    l.ignore();
  }
  return lexText;
}
