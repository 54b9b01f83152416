/**
 * The parse tree, node for node as Go's text/template/parse builds it, and each node's source form as Go
 * prints it (`String()`), which execution errors quote: `executing "t" at <.a.b>`.
 */
import { quote } from './fmt/quote.js';

interface At {
  /** Offset in the template text (UTF-16 units). */
  readonly pos: number;
}

export interface ListNode extends At {
  readonly type: 'list';
  readonly nodes: Node[];
}

export interface TextNode extends At {
  readonly type: 'text';
  readonly text: string;
}

export interface ActionNode extends At {
  readonly type: 'action';
  readonly line: number;
  readonly pipe: PipeNode;
}

export interface PipeNode extends At {
  readonly type: 'pipe';
  readonly line: number;
  isAssign: boolean;
  readonly decl: VariableNode[];
  readonly cmds: CommandNode[];
}

export interface CommandNode extends At {
  readonly type: 'command';
  readonly args: ArgNode[];
}

export interface BranchNode extends At {
  readonly type: 'if' | 'range' | 'with';
  readonly line: number;
  readonly pipe: PipeNode;
  readonly list: ListNode;
  readonly elseList: ListNode | undefined;
}

export interface TemplateNode extends At {
  readonly type: 'template';
  readonly line: number;
  readonly name: string;
  readonly pipe: PipeNode | undefined;
}

export interface LoopControlNode extends At {
  readonly type: 'break' | 'continue';
  readonly line: number;
}

export interface IdentifierNode extends At {
  readonly type: 'identifier';
  readonly ident: string;
}

/** `$x` or `$x.a.b`: the variable name (with its `$`) and the fields after it. */
export interface VariableNode extends At {
  readonly type: 'variable';
  readonly ident: string[];
}

export interface DotNode extends At {
  readonly type: 'dot';
}

export interface NilNode extends At {
  readonly type: 'nil';
}

/** `.a.b`: field names without their dots. */
export interface FieldNode extends At {
  readonly type: 'field';
  readonly ident: string[];
}

/** `(pipeline).a.b` or `fn.a`: a term followed by fields. */
export interface ChainNode extends At {
  readonly type: 'chain';
  readonly node: ArgNode;
  readonly field: string[];
}

export interface BoolNode extends At {
  readonly type: 'bool';
  readonly value: boolean;
}

/** A number constant under every type that can represent it (Go's ideal constants). */
export interface NumberNode extends At {
  readonly type: 'number';
  readonly text: string;
  readonly isInt: boolean;
  readonly isUint: boolean;
  readonly isFloat: boolean;
  readonly isComplex: boolean;
  readonly int64: bigint;
  readonly uint64: bigint;
  readonly float64: number;
  readonly complex: { readonly re: number; readonly im: number };
  /** Written as a float (a point or exponent, not hex or a rune): such a constant becomes a float64. */
  readonly floatSyntax: boolean;
}

export interface StringNode extends At {
  readonly type: 'string';
  readonly quoted: string;
  readonly text: string;
}

/** Parse-time only: {{end}} and {{else}} end item lists and never reach the tree. */
export interface EndOrElseNode extends At {
  readonly type: 'end' | 'else';
  readonly line: number;
}

export type Node = ListNode | TextNode | ActionNode | BranchNode | TemplateNode | LoopControlNode;
export type ArgNode =
  PipeNode | IdentifierNode | VariableNode | DotNode | NilNode | FieldNode | ChainNode | BoolNode | NumberNode | StringNode;
export type AnyNode = Node | ArgNode | CommandNode | EndOrElseNode;

/** A node's source form, as Go's String() methods write it. */
export function nodeString(n: AnyNode): string {
  switch (n.type) {
    case 'list':
      return n.nodes.map(nodeString).join('');
    case 'text':
      return n.text;
    case 'action':
      return `{{${nodeString(n.pipe)}}}`;
    case 'pipe': {
      const decl = n.decl.length > 0 ? `${n.decl.map(nodeString).join(', ')} := ` : '';
      return decl + n.cmds.map(nodeString).join(' | ');
    }
    case 'command':
      return n.args.map((a) => (a.type === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case 'if':
    case 'range':
    case 'with': {
      const elseList = n.elseList ? `{{else}}${nodeString(n.elseList)}` : '';
      return `{{${n.type} ${nodeString(n.pipe)}}}${nodeString(n.list)}${elseList}{{end}}`;
    }
    case 'template':
      return `{{template ${quote(n.name)}${n.pipe ? ` ${nodeString(n.pipe)}` : ''}}}`;
    case 'break':
    case 'continue':
    case 'end':
    case 'else':
      return `{{${n.type}}}`;
    case 'identifier':
      return n.ident;
    case 'variable':
      return n.ident.join('.');
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'field':
      return n.ident.map((f) => `.${f}`).join('');
    case 'chain': {
      const head = n.node.type === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node);
      return head + n.field.map((f) => `.${f}`).join('');
    }
    case 'bool':
      return n.value ? 'true' : 'false';
    case 'number':
      return n.text;
    case 'string':
      return n.quoted;
  }
}
