/**
 * The template lexer: text and actions into tokens, with Go's trim markers (`{{- ` and ` -}}`), comments,
 * and its exact error texts. It runs to the first error, which ends the token list (the parser reports it
 * when it gets there, as Go's does). The states for text and those inside an action (spaces, operators,
 * strings, characters, numbers, fields, variables, identifiers) call each other, so they live in this one file.
 */
import { quote as goQuote } from './fmt/quote.js';
import { formatRuneU } from './fmt/runes.js';
import { isAlphaNumeric } from './fmt/unicode.js';

export type TokenType =
  | 'error'
  | 'bool'
  | 'char'
  | 'charConstant'
  | 'complex'
  | 'assign'
  | 'declare'
  | 'eof'
  | 'field'
  | 'identifier'
  | 'leftDelim'
  | 'leftParen'
  | 'number'
  | 'pipe'
  | 'rawString'
  | 'rightDelim'
  | 'rightParen'
  | 'space'
  | 'string'
  | 'text'
  | 'variable'
  // keywords
  | 'block'
  | 'break'
  | 'continue'
  | 'dot'
  | 'define'
  | 'else'
  | 'end'
  | 'if'
  | 'nil'
  | 'range'
  | 'template'
  | 'with';

export interface Token {
  readonly type: TokenType;
  /** Offset in the text (UTF-16 units). */
  readonly pos: number;
  readonly val: string;
  /** 1-based line of the token's start. */
  readonly line: number;
}

const KEYWORDS: ReadonlyMap<string, TokenType> = new Map<string, TokenType>([
  ['block', 'block'],
  ['break', 'break'],
  ['continue', 'continue'],
  ['define', 'define'],
  ['else', 'else'],
  ['end', 'end'],
  ['if', 'if'],
  ['nil', 'nil'],
  ['range', 'range'],
  ['template', 'template'],
  ['with', 'with'],
]);

export function isKeyword(type: TokenType): boolean {
  return type === 'dot' || KEYWORDS.has(type);
}

const LEFT = '{{';
const RIGHT = '}}';
export const EOF = -1;

export function isSpace(r: number): boolean {
  return r === 0x20 || r === 0x09 || r === 0x0d || r === 0x0a;
}

export type State = ((l: Lexer) => State) | null;

/** Lexes a whole template; `breakOK`/`continueOK` are false when functions of those names exist. */
export function lex(input: string, breakOK = true, continueOK = true): Token[] {
  const l = new Lexer(input, breakOK, continueOK);
  for (let state: State = lexText; state !== null;) state = state(l);
  return l.tokens;
}

class Lexer {
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
      case EOF:
      case 0x2e:
      case 0x2c:
      case 0x7c:
      case 0x3a:
      case 0x29:
      case 0x28:
        return true;
    }
    return this.input.startsWith(RIGHT, this.pos);
  }
}

function hasLeftTrimMarker(s: string, at: number): boolean {
  return s.charCodeAt(at) === 0x2d && isSpace(s.charCodeAt(at + 1));
}

function hasRightTrimMarker(s: string, at: number): boolean {
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

function lexRightDelim(l: Lexer): State {
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

// Inside an action, between `{{` and `}}`.

function lexInsideAction(l: Lexer): State {
  if (l.atRightDelim().delim) return l.parenDepth === 0 ? lexRightDelim : l.errorf('unclosed left paren');
  const r = l.next();
  switch (r) {
    case EOF:
      return l.errorf('unclosed action');
    case 0x3d: // =
      l.emit('assign');
      return lexInsideAction;
    case 0x3a: // :
      if (l.next() !== 0x3d) return l.errorf('expected :=');
      l.emit('declare');
      return lexInsideAction;
    case 0x7c: // |
      l.emit('pipe');
      return lexInsideAction;
    case 0x22: // "
      return lexQuote;
    case 0x60: // `
      return lexRawQuote;
    case 0x24: // $
      return lexVariable;
    case 0x27: // '
      return lexChar;
    case 0x28: // (
      l.emit('leftParen');
      l.parenDepth++;
      return lexInsideAction;
    case 0x29: // )
      l.emit('rightParen');
      l.parenDepth--;
      return l.parenDepth < 0 ? l.errorf(`unexpected right paren ${formatRuneU(r)}`) : lexInsideAction;
  }
  if (isSpace(r)) {
    l.backup(); // put the space back, in case of " -}}"
    return lexSpace;
  }
  if (r === 0x2e) {
    // ".field" unless a digit follows ('.' can start a number)
    const c = l.input.charCodeAt(l.pos);
    if (l.pos < l.input.length && (c < 0x30 || c > 0x39)) return lexField;
  }
  if (r === 0x2e || r === 0x2b || r === 0x2d || (r >= 0x30 && r <= 0x39)) {
    l.backup();
    return lexNumber;
  }
  if (isAlphaNumeric(r)) {
    l.backup();
    return lexIdentifier;
  }
  if (r < 0x80 && r >= 0x20 && r < 0x7f) {
    l.emit('char');
    return lexInsideAction;
  }
  return l.errorf(`unrecognized character in action: ${formatRuneU(r)}`);
}

function lexSpace(l: Lexer): State {
  let spaces = 0;
  while (isSpace(l.peek())) {
    l.next();
    spaces++;
  }
  // A trim-marked right delimiter starts with a space: leave that space to it.
  if (hasRightTrimMarker(l.input, l.pos - 1) && l.input.startsWith(RIGHT, l.pos + 1)) {
    l.backup();
    if (spaces === 1) return lexRightDelim;
  }
  l.emit('space');
  return lexInsideAction;
}

function lexIdentifier(l: Lexer): State {
  let r: number;
  do r = l.next();
  while (isAlphaNumeric(r));
  l.backup();
  const word = l.input.slice(l.start, l.pos);
  if (!l.atTerminator()) return l.errorf(`bad character ${formatRuneU(r)}`);
  const keyword = KEYWORDS.get(word);
  if (keyword && !((keyword === 'break' && !l.breakOK) || (keyword === 'continue' && !l.continueOK))) l.emit(keyword);
  else l.emit(word === 'true' || word === 'false' ? 'bool' : 'identifier');
  return lexInsideAction;
}

function lexField(l: Lexer): State {
  return lexFieldOrVariable(l, 'field');
}

function lexVariable(l: Lexer): State {
  if (l.atTerminator()) {
    l.emit('variable');
    return lexInsideAction;
  }
  return lexFieldOrVariable(l, 'variable');
}

function lexFieldOrVariable(l: Lexer, type: 'field' | 'variable'): State {
  if (l.atTerminator()) {
    l.emit(type === 'variable' ? 'variable' : 'dot');
    return lexInsideAction;
  }
  let r: number;
  do r = l.next();
  while (isAlphaNumeric(r));
  l.backup();
  if (!l.atTerminator()) return l.errorf(`bad character ${formatRuneU(r)}`);
  l.emit(type);
  return lexInsideAction;
}

function lexChar(l: Lexer): State {
  for (;;) {
    let r = l.next();
    if (r === 0x5c) {
      r = l.next();
      if (r !== EOF && r !== 0x0a) continue;
    }
    if (r === EOF || r === 0x0a) return l.errorf('unterminated character constant');
    if (r === 0x27) break;
  }
  l.emit('charConstant');
  return lexInsideAction;
}

function lexNumber(l: Lexer): State {
  if (!scanNumber(l)) return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
  const sign = l.peek();
  if (sign === 0x2b || sign === 0x2d) {
    if (!scanNumber(l) || l.input[l.pos - 1] !== 'i') return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
    l.emit('complex');
  } else l.emit('number');
  return lexInsideAction;
}

/** Scans a number loosely (strconv rejects what is wrong); false when a letter or digit follows it. */
function scanNumber(l: Lexer): boolean {
  l.accept('+-');
  let digits = '0123456789_';
  if (l.accept('0')) {
    if (l.accept('xX')) digits = '0123456789abcdefABCDEF_';
    else if (l.accept('oO')) digits = '01234567_';
    else if (l.accept('bB')) digits = '01_';
  }
  l.acceptRun(digits);
  if (l.accept('.')) l.acceptRun(digits);
  if (digits.length === 11 && l.accept('eE')) {
    l.accept('+-');
    l.acceptRun('0123456789_');
  }
  if (digits.length === 23 && l.accept('pP')) {
    l.accept('+-');
    l.acceptRun('0123456789_');
  }
  l.accept('i');
  if (isAlphaNumeric(l.peek())) {
    l.next();
    return false;
  }
  return true;
}

function lexQuote(l: Lexer): State {
  for (;;) {
    let r = l.next();
    if (r === 0x5c) {
      r = l.next();
      if (r !== EOF && r !== 0x0a) continue;
    }
    if (r === EOF || r === 0x0a) return l.errorf('unterminated quoted string');
    if (r === 0x22) break;
  }
  l.emit('string');
  return lexInsideAction;
}

function lexRawQuote(l: Lexer): State {
  for (;;) {
    const r = l.next();
    if (r === EOF) return l.errorf('unterminated raw quoted string');
    if (r === 0x60) break;
  }
  l.emit('rawString');
  return lexInsideAction;
}
