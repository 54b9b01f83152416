/**
 * The parser's view of the tokens: Go's three-token lookahead (whose latest token gives parse errors their
 * line), and its error texts (`template: NAME:LINE: unexpected "x" in command`).
 */
import { GoTemplateError } from './errors.js';
import { quote } from './fmt/quote.js';
import { truncateRunes, utf8Length } from './fmt/utf8.js';
import { isKeyword, type Token, type TokenType } from './lexer.js';

/** What the trees of one parse share: the token list and where the next token is read from. */
export interface Source {
  readonly tokens: Token[];
  next: number;
  /** The name of the template being parsed (ParseName), used by every error. */
  readonly parseName: string;
}

/** After the lexer's last token, Go's closed channel yields zero tokens. */
const ZERO: Token = { type: 'error', pos: 0, val: '', line: 0 };

/** item.String(): how a token appears in an error. */
function tokenString(t: Token): string {
  if (t.type === 'eof') return 'EOF';
  if (t.type === 'error') return t.val;
  if (isKeyword(t.type)) return `<${t.val}>`;
  if (utf8Length(t.val) > 10) return `${quote(truncateRunes(t.val, 10))}...`;
  return quote(t.val);
}

export class TokenStream {
  private readonly token: Token[] = [ZERO, ZERO, ZERO];
  private peekCount = 0;
  /** Line of the `{{` of the action being parsed, 0 outside actions. */
  protected actionLine = 0;

  constructor(protected readonly source: Source) {}

  private lex(): Token {
    return this.source.tokens[this.source.next++] ?? ZERO;
  }

  protected next(): Token {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.lex();
    return this.token[this.peekCount]!;
  }

  protected backup(): void {
    this.peekCount++;
  }

  protected backup2(t1: Token): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }

  protected backup3(t2: Token, t1: Token): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }

  protected peek(): Token {
    if (this.peekCount > 0) return this.token[this.peekCount - 1]!;
    this.peekCount = 1;
    this.token[0] = this.lex();
    return this.token[0];
  }

  protected nextNonSpace(): Token {
    let token: Token;
    do token = this.next();
    while (token.type === 'space');
    return token;
  }

  protected peekNonSpace(): Token {
    const token = this.nextNonSpace();
    this.backup();
    return token;
  }

  /** Stops parsing: `template: NAME:LINE: MESSAGE`, LINE being that of the latest token read. */
  protected errorf(message: string): never {
    const line = this.token[0]!.line;
    throw new GoTemplateError(`template: ${this.source.parseName}:${line}: ${message}`, 'parse', this.source.parseName, line, undefined);
  }

  protected expect(expected: TokenType, context: string): Token {
    const token = this.nextNonSpace();
    if (token.type !== expected) this.unexpected(token, context);
    return token;
  }

  protected expectOneOf(a: TokenType, b: TokenType, context: string): Token {
    const token = this.nextNonSpace();
    if (token.type !== a && token.type !== b) this.unexpected(token, context);
    return token;
  }

  protected unexpected(token: Token, context: string): never {
    if (token.type === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.source.parseName}:${this.actionLine}`;
        if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${tokenString(token)}${extra}`);
    }
    this.errorf(`unexpected ${tokenString(token)} in ${context}`);
  }
}
