/**
 * The state of one execution: the template set, the template being executed, the variable stack, the node
 * being evaluated (which errors point at), and the output so far.
 */
import { nodeString, type AnyNode } from './ast.js';
import { GoTemplateError } from './errors.js';
import { quote } from './fmt/quote.js';
import { utf8Length } from './fmt/utf8.js';
import type { FuncMap } from './funcs.js';
import type { Tree } from './parse.js';
import type { ExecValue } from './values.js';

export type MissingKey = 'invalid' | 'zero' | 'error';

/** The Go release whose template language is followed (see GoTemplateOptions.goVersion). */
export type GoVersion = '1.19' | '1.23';

/** A parsed template and its associated ones, ready to execute. */
export interface TemplateSet {
  readonly trees: ReadonlyMap<string, Tree>;
  /** The name the text was parsed under and the text: exec errors locate nodes in it. */
  readonly parseName: string;
  readonly text: string;
  readonly funcs: FuncMap;
  readonly missingKey: MissingKey;
  readonly goVersion: GoVersion;
}

/** Bounds on one execution (score-ts's renders): the output's length and the iterations of every range. */
export interface ExecLimits {
  readonly maxOutput: number;
  readonly maxIterations: number;
}

interface Variable {
  readonly name: string;
  value: ExecValue;
}

export class ExecState {
  out = '';
  node: AnyNode | undefined;
  depth = 0;
  vars: Variable[];
  /** Range iterations so far, counted against limits.maxIterations. */
  private iterations = 0;

  constructor(
    readonly set: TemplateSet,
    public tmpl: Tree | undefined,
    public tmplName: string,
    dot: ExecValue,
    readonly limits?: ExecLimits,
  ) {
    this.vars = [{ name: '$', value: dot }];
  }

  /** One range iteration, within the limits. */
  countIteration(node: AnyNode): void {
    if (this.limits && ++this.iterations > this.limits.maxIterations) {
      this.node = node;
      this.errorf(`range loops more than ${this.limits.maxIterations.toLocaleString('en-US')} times in one render; iterate over less data`);
    }
  }

  /** The output so far, within the limits. */
  checkOutput(): void {
    if (this.limits && this.out.length > this.limits.maxOutput) {
      this.errorf(`the output is longer than ${(this.limits.maxOutput / (1024 * 1024)).toLocaleString('en-US')} MiB; render less text`);
    }
  }

  push(name: string, value: ExecValue): void {
    this.vars.push({ name, value });
  }

  /** Assigns the innermost variable of that name. */
  setVar(name: string, value: ExecValue): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  varValue(name: string): ExecValue {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) return this.vars[i]!.value;
    }
    this.errorf(`undefined variable: ${name}`);
  }

  /** Stops execution: `template: NAME:LINE:COL: executing "NAME" at <NODE>: MESSAGE`. */
  errorf(message: string): never {
    const name = this.tmplName;
    if (this.node === undefined) throw this.failure(`template: ${name}: ${message}`, undefined, undefined);
    const before = this.set.text.slice(0, this.node.pos);
    const lineStart = before.lastIndexOf('\n') + 1;
    let line = 1;
    for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++;
    const column = utf8Length(before.slice(lineStart));
    const location = `${this.set.parseName}:${line}:${column}`;
    throw this.failure(`template: ${location}: executing ${quote(name)} at <${nodeString(this.node)}>: ${message}`, line, column);
  }

  private failure(message: string, line: number | undefined, column: number | undefined): GoTemplateError {
    const error = new GoTemplateError(message, 'exec', this.tmplName, line, column);
    error.partialOutput = this.out;
    return error;
  }
}
