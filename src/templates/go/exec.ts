/**
 * Execution: walks a tree writing text and the values of actions, running if, with, range (with break and
 * continue) and template calls with Go's scoping of variables.
 */
import { nodeString, type BranchNode, type Node, type TemplateNode } from './ast.js';
import { Evaluator } from './eval.js';
import type { ExecLimits, TemplateSet } from './exec-state.js';
import { quote } from './fmt/quote.js';
import { printOne, sprintf } from './fmt/print.js';
import { sortedEntries } from './order.js';
import { execTypeName, fromSlot, indirect, isTrue } from './reflect.js';
import { Typed, typeOf, valueOfType, type ExecValue, type GoValue } from './values.js';
import { isIntKind, isUintKind, type GoType } from './go-types.js';

/** What a walk ends with: normally, or by {{break}} or {{continue}} inside a range. */
const enum Flow {
  Next,
  Break,
  Continue,
}

/** Go's limit on nested template calls (reported as Go does when the JavaScript stack runs out first). */
const MAX_EXEC_DEPTH = 100000;

/** Executes the named template of a set on `data`; returns the output or throws GoTemplateError. */
export function executeTemplate(set: TemplateSet, name: string, data: GoValue, limits?: ExecLimits): string {
  const tree = set.trees.get(name);
  const dot = data === null ? undefined : data;
  const state = new Executor(set, tree, name, dot, limits);
  if (!tree) return state.errorf(`${quote(name)} is an incomplete or empty template`);
  state.walk(dot, tree.root);
  return state.out;
}

class Executor extends Evaluator {
  walk(dot: ExecValue, node: Node): Flow {
    this.node = node;
    switch (node.type) {
      case 'text':
        this.out += node.text;
        if (this.limits) this.checkOutput();
        return Flow.Next;
      case 'action': {
        const value = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, value);
        if (this.limits) this.checkOutput();
        return Flow.Next;
      }
      case 'list':
        for (const n of node.nodes) {
          const flow = this.walk(dot, n);
          if (flow !== Flow.Next) return flow;
        }
        return Flow.Next;
      case 'if':
      case 'with':
        return this.walkIfOrWith(dot, node);
      case 'range':
        return this.walkRange(dot, node);
      case 'template':
        this.walkTemplate(dot, node);
        return Flow.Next;
      case 'break':
        return Flow.Break;
      case 'continue':
        return Flow.Continue;
    }
  }

  private walkIfOrWith(dot: ExecValue, node: BranchNode): Flow {
    const mark = this.vars.length;
    try {
      const value = this.evalPipeline(dot, node.pipe);
      if (isTrue(value)) return this.walk(node.type === 'with' ? value : dot, node.list);
      return node.elseList ? this.walk(dot, node.elseList) : Flow.Next;
    } finally {
      this.vars.length = mark;
    }
  }

  private walkRange(dot: ExecValue, r: BranchNode): Flow {
    this.node = r;
    const mark = this.vars.length;
    try {
      const [value] = indirect(this.evalPipeline(dot, r.pipe));
      const items = this.rangeItems(value, r.pipe.decl.length);
      const bodyMark = this.vars.length;
      const decls = r.pipe.decl.length;
      let ran = false;
      for (const [key, elem] of items) {
        ran = true;
        this.countIteration(r.pipe);
        if (decls > 0) this.vars[this.vars.length - 1]!.value = elem;
        if (decls > 1) this.vars[this.vars.length - 2]!.value = key;
        const flow = this.walk(elem, r.list);
        this.vars.length = bodyMark;
        if (flow === Flow.Break) break;
      }
      if (!ran && r.elseList) return this.walk(dot, r.elseList);
      return Flow.Next;
    } finally {
      this.vars.length = mark;
    }
  }

  /** The (key, element) pairs a range visits; none for no value (like an empty map). */
  private rangeItems(value: ExecValue, decls: number): Iterable<[ExecValue, ExecValue]> {
    if (value === undefined) return [];
    const type = typeOf(value as GoValue);
    if (type?.kind === 'slice' || type?.kind === 'array') {
      const items = Array.isArray(value) ? value : (((value as Typed).v as GoValue[] | null) ?? []);
      return items.map((item, i) => [BigInt(i), fromSlot(type.elem, item)]);
    }
    if (type?.kind === 'map') {
      const entries = sortedEntries(value as GoValue) ?? [];
      return entries.map(([k, v]) => [k, fromSlot(type.elem, v)]);
    }
    if (type && this.set.goVersion === '1.23' && (isIntKind(type.kind) || isUintKind(type.kind))) {
      if (decls > 1) this.errorf(`can't use ${sprintf('%v', [value as GoValue])} to iterate over more than one variable`);
      return countTo(type, typeof value === 'bigint' ? value : ((value as Typed).v as bigint));
    }
    return this.errorf(`range can't iterate over ${sprintf('%v', [value as GoValue])}`);
  }

  private walkTemplate(dot: ExecValue, t: TemplateNode): void {
    this.node = t;
    const tree = this.set.trees.get(t.name);
    if (!tree) this.errorf(`template ${quote(t.name)} not defined`);
    if (this.depth === MAX_EXEC_DEPTH) this.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
    const value = this.evalPipeline(dot, t.pipe);
    // A template call sees only its own $; the caller's state comes back afterwards.
    const { tmpl, tmplName, vars, node, depth } = this;
    [this.tmpl, this.tmplName, this.vars, this.depth] = [tree, t.name, [{ name: '$', value }], depth + 1];
    try {
      this.walk(value, tree.root);
    } catch (e) {
      if (!(e instanceof RangeError) || !e.message.includes('call stack')) throw e;
      // The JavaScript stack ends before Go's limit: report it as Go reports its limit.
      [this.tmpl, this.tmplName, this.node] = [tmpl, tmplName, t];
      this.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
    } finally {
      [this.tmpl, this.tmplName, this.vars, this.node, this.depth] = [tmpl, tmplName, vars, node, depth];
    }
  }

  /** Writes a value as fmt.Print does; pointers are followed, functions cannot be printed. */
  private printValue(node: Node, value: ExecValue): void {
    this.node = node;
    if (typeof value === 'string') {
      this.out += value;
      return;
    }
    if (value === undefined) {
      this.out += '<no value>';
      return;
    }
    const printable = printableOf(value);
    const kind = typeOf(printable as GoValue)?.kind;
    if (kind === 'func' && !(printable as Typed).type.methods?.['String']) {
      this.errorf(`can't print ${nodeString(node)} of type ${execTypeName(printable)}`);
    }
    this.out += printable === undefined ? '<no value>' : printOne(printable as GoValue);
  }
}

/** Go 1.22's range over an integer N: 0 to N-1, of N's type, each as the element (there is no key). */
function* countTo(type: GoType, n: bigint): Generator<[ExecValue, ExecValue]> {
  for (let i = 0n; i < n; i++) yield [undefined, valueOfType(type, i)];
}

/** printableValue: a pointer is followed to what it points at (a nil one stays, and prints <nil>). */
function printableOf(value: ExecValue): ExecValue {
  if (value instanceof Typed && value.type.kind === 'ptr') return indirect(value)[0];
  return value;
}
