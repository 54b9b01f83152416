/**
 * The parser of pipelines (Go's parse.go, second half): declarations, commands, operands and terms, with
 * the checks made while parsing them (undefined functions and variables, literals read by strconv's rules).
 */
import { nodeString, type ArgNode, type CommandNode, type PipeNode, type VariableNode } from './ast.js';
import { quote } from './fmt/quote.js';
import { LiteralError, unquote } from './literals.js';
import { numberNode } from './number-node.js';
import { TokenStream, type Source } from './token-stream.js';

const OPERAND_START = new Set<string>([
  'bool',
  'charConstant',
  'complex',
  'dot',
  'field',
  'identifier',
  'number',
  'nil',
  'rawString',
  'string',
  'variable',
  'leftParen',
]);

export class PipelineParser extends TokenStream {
  /** The variables in scope at this point of the parse. */
  protected readonly vars: string[] = ['$'];

  constructor(
    source: Source,
    protected readonly hasFunction: (name: string) => boolean,
  ) {
    super(source);
  }

  /** A parse failure of a literal reads as its bare message. */
  protected literal<T>(read: () => T): T {
    try {
      return read();
    } catch (e) {
      if (e instanceof LiteralError) this.errorf(e.message);
      throw e;
    }
  }

  /** Pipeline: declarations? command ('|' command)*, up to `end`. */
  protected pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
    const start = this.peekNonSpace();
    const pipe: PipeNode = { type: 'pipe', pos: start.pos, line: start.line, isAssign: false, decl: [], cmds: [] };
    this.declarations(pipe, context);
    for (;;) {
      const token = this.nextNonSpace();
      if (token.type === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      if (!OPERAND_START.has(token.type)) this.unexpected(token, context);
      this.backup();
      pipe.cmds.push(this.command());
    }
  }

  private declarations(pipe: PipeNode, context: string): void {
    for (let v = this.peekNonSpace(); v.type === 'variable'; v = this.peekNonSpace()) {
      this.next();
      const afterVariable = this.peek();
      const next = this.peekNonSpace();
      const variable: VariableNode = { type: 'variable', pos: v.pos, ident: v.val.split('.') };
      if (next.type === 'assign' || next.type === 'declare') {
        pipe.isAssign = next.type === 'assign';
        this.nextNonSpace();
        pipe.decl.push(variable);
        this.vars.push(v.val);
        return;
      }
      if (next.type === 'char' && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push(variable);
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const t = this.peekNonSpace().type;
          if (t === 'variable' || t === 'rightDelim' || t === 'rightParen') continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      }
      if (afterVariable.type === 'space') this.backup3(v, afterVariable);
      else this.backup2(v);
      return;
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      const t = c.args[0]!.type;
      if (t === 'bool' || t === 'dot' || t === 'nil' || t === 'number' || t === 'string') {
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  /** Space-separated operands up to '|' (consumed) or a right delimiter or paren (left for the caller). */
  private command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.next();
      if (token.type === 'space') continue;
      if (token.type === 'rightDelim' || token.type === 'rightParen') this.backup();
      else if (token.type !== 'pipe') this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  /** A term and the fields after it: `.a.b`, `$x.a`, `(pipeline).a`, `fn.a`. */
  private operand(): ArgNode | undefined {
    const node = this.term();
    if (!node || this.peek().type !== 'field') return node;
    const pos = this.peek().pos;
    const field: string[] = [];
    while (this.peek().type === 'field') field.push(this.next().val.slice(1));
    switch (node.type) {
      case 'field':
        return { type: 'field', pos, ident: [...node.ident, ...field] };
      case 'variable':
        return { type: 'variable', pos, ident: [...node.ident, ...field] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        this.errorf(`unexpected . after term ${quote(nodeString(node))}`);
    }
    return { type: 'chain', pos, node, field };
  }

  private term(): ArgNode | undefined {
    const token = this.nextNonSpace();
    const { pos, val } = token;
    switch (token.type) {
      case 'identifier':
        if (!this.hasFunction(val)) this.errorf(`function ${quote(val)} not defined`);
        return { type: 'identifier', pos, ident: val };
      case 'dot':
        return { type: 'dot', pos };
      case 'nil':
        return { type: 'nil', pos };
      case 'variable':
        if (!this.vars.includes(val.split('.')[0]!)) this.errorf(`undefined variable ${quote(val.split('.')[0]!)}`);
        return { type: 'variable', pos, ident: val.split('.') };
      case 'field':
        return { type: 'field', pos, ident: val.slice(1).split('.') };
      case 'bool':
        return { type: 'bool', pos, value: val === 'true' };
      case 'charConstant':
      case 'complex':
      case 'number':
        return this.literal(() => numberNode(pos, val, token.type as 'number'));
      case 'leftParen':
        return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string':
      case 'rawString':
        return { type: 'string', pos, quoted: val, text: this.literal(() => unquote(val)) };
    }
    this.backup();
    return undefined;
  }
}
