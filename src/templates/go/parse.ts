/**
 * The parser: tokens into one tree per template (the main one, each {{define}} and each {{block}}), with
 * Go's checks at parse time (undefined functions and variables, break outside range, a template defined
 * twice) and its error texts.
 */
import {
  nodeString,
  type ActionNode,
  type BranchNode,
  type EndOrElseNode,
  type ListNode,
  type Node,
  type PipeNode,
  type TemplateNode,
} from './ast.js';
import { quote } from './fmt/quote.js';
import { lex, type Token } from './lexer.js';
import { unquote } from './literals.js';
import { PipelineParser } from './parse-pipeline.js';
import type { Source } from './token-stream.js';
import type { GoVersion } from './exec-state.js';

export interface Tree {
  readonly name: string;
  readonly root: ListNode;
}

/** Parses a template text into its trees by name; throws GoTemplateError. */
export function parseTrees(
  name: string,
  text: string,
  hasFunction: (name: string) => boolean,
  goVersion: GoVersion = '1.19',
): Map<string, Tree> {
  const source: Source = { tokens: lex(text, !hasFunction('break'), !hasFunction('continue')), next: 0, parseName: name };
  const trees = new Map<string, Tree>();
  new TreeParser(source, name, trees, hasFunction, goVersion === '1.23').parseTop();
  return trees;
}

class TreeParser extends PipelineParser {
  private root: ListNode = { type: 'list', pos: 0, nodes: [] };
  private rangeDepth = 0;

  constructor(
    source: Source,
    private name: string,
    private readonly trees: Map<string, Tree>,
    hasFunction: (name: string) => boolean,
    /** Go 1.23's `{{else with}}`. */
    private readonly elseWith: boolean,
  ) {
    super(source, hasFunction);
  }

  private sub(name: string): TreeParser {
    return new TreeParser(this.source, name, this.trees, this.hasFunction, this.elseWith);
  }

  parseTop(): void {
    this.root = { type: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().type !== 'eof') {
      if (this.peek().type === 'leftDelim') {
        const delim = this.next();
        if (this.nextNonSpace().type === 'define') {
          this.sub('definition').parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') this.errorf(`unexpected ${nodeString(n)}`);
      this.root.nodes.push(n as Node);
    }
    this.add();
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const name = this.expectOneOf('string', 'rawString', context);
    this.name = this.literal(() => unquote(name.val));
    this.expect('rightDelim', context);
    const [root, end] = this.itemList();
    if (end.type !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.root = root;
    this.add();
  }

  /** Installs this tree, unless it would replace a non-empty one (an error when it is not empty itself). */
  private add(): void {
    const existing = this.trees.get(this.name);
    if (!existing || isEmptyTree(existing.root)) {
      this.trees.set(this.name, { name: this.name, root: this.root });
      return;
    }
    if (!isEmptyTree(this.root)) this.errorf(`template: multiple definition of template ${quote(this.name)}`);
  }

  /** Nodes up to an {{end}} or {{else}}, which is returned separately. */
  private itemList(): [ListNode, EndOrElseNode] {
    const list: ListNode = { type: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().type !== 'eof') {
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') return [list, n];
      list.nodes.push(n as Node);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Node | EndOrElseNode {
    const token = this.nextNonSpace();
    if (token.type === 'text') return { type: 'text', pos: token.pos, text: token.val };
    if (token.type !== 'leftDelim') this.unexpected(token, 'input');
    this.actionLine = token.line;
    try {
      return this.action();
    } finally {
      this.actionLine = 0;
    }
  }

  private action(): Node | EndOrElseNode {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'block':
        return this.blockControl();
      case 'break':
      case 'continue':
        return this.loopControl(token);
      case 'else':
        return this.elseControl();
      case 'end':
        return { type: 'end', pos: this.expect('rightDelim', 'end').pos, line: 0 };
      case 'if':
      case 'range':
      case 'with':
        return this.branch(token.type);
      case 'template':
        return this.templateControl();
    }
    this.backup();
    const start = this.peek();
    const action: ActionNode = { type: 'action', pos: start.pos, line: start.line, pipe: this.pipeline('command', 'rightDelim') };
    return action;
  }

  private loopControl(keyword: Token): Node {
    const type = keyword.type as 'break' | 'continue';
    const token = this.nextNonSpace();
    if (token.type !== 'rightDelim') this.unexpected(token, `{{${type}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${type}}} outside {{range}}`);
    return { type, pos: keyword.pos, line: keyword.line };
  }

  private elseControl(): EndOrElseNode {
    const peek = this.peekNonSpace();
    // `{{else if}}`, and in Go 1.23 `{{else with}}`, leave the keyword for branch() to read.
    if (peek.type === 'if' || (peek.type === 'with' && this.elseWith)) return { type: 'else', pos: peek.pos, line: peek.line };
    const token = this.expect('rightDelim', 'else');
    return { type: 'else', pos: token.pos, line: token.line };
  }

  /** if, range and with: a pipeline, a list, and an optional else list (else-if chains for if). */
  private branch(type: BranchNode['type']): BranchNode {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(type, 'rightDelim');
      if (type === 'range') this.rangeDepth++;
      const [list, next] = this.itemList();
      if (type === 'range') this.rangeDepth--;
      let elseList: ListNode | undefined;
      if (next.type === 'else') {
        const chained = this.peek().type;
        if ((type === 'if' && chained === 'if') || (type === 'with' && chained === 'with' && this.elseWith)) {
          this.next();
          elseList = { type: 'list', pos: next.pos, nodes: [this.branch(type)] };
        } else {
          const [rest, end] = this.itemList();
          if (end.type !== 'end') this.errorf(`expected end; found ${nodeString(end)}`);
          elseList = rest;
        }
      }
      return { type, pos: pipe.pos, line: pipe.line, pipe, list, elseList };
    } finally {
      this.vars.length = mark;
    }
  }

  private blockControl(): TemplateNode {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    const pipe = this.pipeline(context, 'rightDelim');
    const block = this.sub(name);
    const [root, end] = block.itemList();
    if (end.type !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    block.root = root;
    block.add();
    return { type: 'template', pos: token.pos, line: token.line, name, pipe };
  }

  private templateControl(): TemplateNode {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().type !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { type: 'template', pos: token.pos, line: token.line, name, pipe };
  }

  private templateName(token: Token, context: string): string {
    if (token.type !== 'string' && token.type !== 'rawString') this.unexpected(token, context);
    return this.literal(() => unquote(token.val));
  }
}

/** Whether a tree holds nothing but white space (such a definition may be replaced by another). */
function isEmptyTree(n: Node): boolean {
  if (n.type === 'list') return n.nodes.every(isEmptyTree);
  if (n.type === 'text') return n.text.replace(GO_SPACE, '') === '';
  return false;
}

/** unicode.IsSpace, which bytes.TrimSpace trims. */
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/g;
