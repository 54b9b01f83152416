/**
 * Evaluation of pipelines, commands, fields, variables and function calls, as Go's exec.go does it, down to
 * which node an error points at.
 */
import {
  nodeString,
  type ArgNode,
  type ChainNode,
  type CommandNode,
  type FieldNode,
  type IdentifierNode,
  type NumberNode,
  type PipeNode,
  type VariableNode,
} from './ast.js';
import { BUILTINS } from './builtins.js';
import { convertArg, convertLiteral } from './convert-arg.js';
import { GoFuncError } from './errors.js';
import { ExecState } from './exec-state.js';
import { asExecValue, lookupField, type Found } from './field.js';
import { quote } from './fmt/quote.js';
import { isReflectValue, type GoFunc } from './funcs.js';
import { T, type GoType } from './go-types.js';
import { resultValue, truth } from './reflect.js';
import { Iface, Typed, type ExecValue, type GoValue } from './values.js';

/** No value from a previous pipeline command (Go's missingVal): distinct from "no value". */
export const MISSING = Symbol('missing');
export type Final = ExecValue | typeof MISSING;

export class Evaluator extends ExecState {
  evalPipeline(dot: ExecValue, pipe: PipeNode | undefined): ExecValue {
    if (!pipe) return undefined;
    this.node = pipe;
    let value: Final = MISSING;
    const { cmds, decl } = pipe;
    for (let i = 0; i < cmds.length; i++) {
      value = this.evalCommand(dot, cmds[i]!, value);
      // An interface{} result becomes the value inside it (nil becomes no value).
      if (value instanceof Iface) value = value.v === null ? undefined : value.v;
    }
    const result = value as ExecValue;
    for (let i = 0; i < decl.length; i++) {
      if (pipe.isAssign) this.setVar(decl[i]!.ident[0]!, result);
      else this.push(decl[i]!.ident[0]!, result);
    }
    return result;
  }

  private notAFunction(args: readonly ArgNode[] | undefined, final: Final): void {
    if ((args && args.length > 1) || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args![0]!)}`);
  }

  private evalCommand(dot: ExecValue, cmd: CommandNode, final: Final): ExecValue {
    const first = cmd.args[0]!;
    switch (first.type) {
      case 'field':
        return this.opened(this.evalFieldNode(dot, first, cmd.args, final));
      case 'chain':
        return this.opened(this.evalChainNode(dot, first, cmd.args, final));
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.node = first;
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        return this.errorf('nil is not a command');
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
  }

  /** A number constant with no type to go to: complex, float64 or int by its syntax. */
  idealConstant(c: NumberNode): ExecValue {
    this.node = c;
    if (c.isComplex) return new Typed(T.complex128, c.complex);
    if (c.isFloat && c.floatSyntax) return c.float64;
    if (c.isInt) return c.int64;
    if (c.isUint) this.errorf(`${c.text} overflows int`);
    return undefined;
  }

  /** A field chain's raw result, interface-ness in this.found.iface (see field.ts). */
  private readonly found: Found = { iface: false, method: undefined };

  /** A chain result where a pipeline ends: interface{} values opened (nil is no value). */
  private opened(v: GoValue): ExecValue {
    return v === null ? undefined : v;
  }

  evalFieldNode(dot: ExecValue, field: FieldNode, args: readonly ArgNode[] | undefined, final: Final): GoValue {
    this.node = field;
    return this.evalFieldChain(dot, dot, field, field.ident, 0, args, final);
  }

  evalChainNode(dot: ExecValue, chain: ChainNode, args: readonly ArgNode[] | undefined, final: Final): GoValue {
    this.node = chain;
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const receiver = this.evalArg(dot, undefined, chain.node);
    return this.evalFieldChain(dot, receiver, chain, chain.field, 0, args, final);
  }

  evalVariableNode(dot: ExecValue, v: VariableNode, args: readonly ArgNode[] | undefined, final: Final): ExecValue {
    this.node = v;
    const value = this.varValue(v.ident[0]!);
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return asExecValue(this.evalFieldChain(dot, value, v, v.ident, 1, args, final), this.found.iface);
  }

  /** .X.Y.Z from ident[from] on; the last field gets the arguments (when it is a method). */
  private evalFieldChain(
    dot: ExecValue,
    receiver: ExecValue,
    node: FieldNode | ChainNode | VariableNode,
    ident: readonly string[],
    from: number,
    args: readonly ArgNode[] | undefined,
    final: Final,
  ): GoValue {
    let recv: GoValue;
    let iface = false;
    if (receiver instanceof Iface) [recv, iface] = [receiver.v, true];
    else recv = receiver;
    const last = ident.length - 1;
    for (let i = from; i < last; i++) {
      recv = this.evalField(dot, ident[i]!, node, undefined, MISSING, recv, iface);
      iface = this.found.iface;
    }
    return this.evalField(dot, ident[last]!, node, args, final, recv, iface);
  }

  /** `.Name` on a receiver: a method call, a struct field or a map key. */
  private evalField(
    dot: ExecValue,
    name: string,
    node: FieldNode | ChainNode | VariableNode,
    args: readonly ArgNode[] | undefined,
    final: Final,
    receiver: GoValue,
    iface: boolean,
  ): GoValue {
    const hasArgs = (args !== undefined && args.length > 1) || final !== MISSING;
    const value = lookupField(this, receiver, iface, name, hasArgs, this.found);
    const method = this.found.method;
    if (!method) return value;
    const result = this.evalCall(dot, method, false, node, name, args, final);
    this.found.iface = result instanceof Iface;
    return result instanceof Iface ? result.v : result;
  }

  evalFunction(
    dot: ExecValue,
    node: IdentifierNode,
    cmd: CommandNode | IdentifierNode,
    args: readonly ArgNode[] | undefined,
    final: Final,
  ): ExecValue {
    this.node = node;
    const name = node.ident;
    const own = this.set.funcs.get(name);
    const fn = own ?? BUILTINS.get(name);
    if (!fn) this.errorf(`${quote(name)} is not a defined function`);
    return this.evalCall(dot, fn, own === undefined, cmd, name, args, final);
  }

  /** Calls a function or method with the command's arguments (and the previous command's value last). */
  evalCall(
    dot: ExecValue,
    fn: GoFunc,
    isBuiltin: boolean,
    node: CommandNode | IdentifierNode | FieldNode | ChainNode | VariableNode,
    name: string,
    allArgs: readonly ArgNode[] | undefined,
    final: Final,
  ): ExecValue {
    const nargs = allArgs ? allArgs.length - 1 : 0;
    const sig = fn.type.signature!;
    const numIn = nargs + (final !== MISSING ? 1 : 0);
    let numFixed = nargs;
    if (sig.variadic) {
      numFixed = sig.params.length - 1;
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${numFixed} got ${nargs}`);
    } else if (numIn !== sig.params.length) this.errorf(`wrong number of args for ${name}: want ${sig.params.length} got ${numIn}`);
    if (isBuiltin && (name === 'and' || name === 'or')) return this.andOr(dot, name, allArgs ? allArgs.slice(1) : [], final);
    const argv = new Array<ExecValue>(numIn);
    const last = sig.params[sig.params.length - 1]!;
    for (let i = 0; i < nargs; i++) {
      const type = i < numFixed ? sig.params[i]! : last;
      argv[i] = toParam(this.evalArg(dot, type, allArgs![i + 1]!), type);
    }
    if (final !== MISSING) {
      const type = sig.variadic && numIn - 1 < numFixed ? sig.params[numIn - 1]! : last;
      argv[nargs] = toParam(convertArg(this, final, type), type);
    }
    let result: ExecValue;
    try {
      result = fn.fn(argv as GoValue[]);
    } catch (e) {
      if (!(e instanceof GoFuncError)) throw e;
      this.node = node;
      this.errorf(`error calling ${name}: ${e.message}`);
    }
    return resultValue(sig.result, result);
  }

  /** and/or evaluate their arguments only until the result is known, and return that argument. */
  private andOr(dot: ExecValue, name: string, args: readonly ArgNode[], final: Final): ExecValue {
    let v: ExecValue;
    for (const arg of args) {
      v = this.evalArg(dot, T.reflectValue, arg);
      if (truth(v) === (name === 'or')) return v;
    }
    if (final !== MISSING) v = convertArg(this, final, T.reflectValue);
    return v;
  }

  /** One argument, evaluated and converted to the parameter's type (undefined: no type, as for chains). */
  evalArg(dot: ExecValue, type: GoType | undefined, n: ArgNode): ExecValue {
    this.node = n;
    switch (n.type) {
      case 'dot':
        return convertArg(this, dot, type);
      case 'nil':
        return convertArg(this, null, type, true);
      case 'field':
        return convertArg(this, asExecValue(this.evalFieldNode(dot, n, undefined, MISSING), this.found.iface), type);
      case 'variable':
        return convertArg(this, this.evalVariableNode(dot, n, undefined, MISSING), type);
      case 'pipe':
        return convertArg(this, this.evalPipeline(dot, n), type);
      case 'identifier':
        return convertArg(this, this.evalFunction(dot, n, n, undefined, MISSING), type);
      case 'chain':
        return convertArg(this, asExecValue(this.evalChainNode(dot, n, undefined, MISSING), this.found.iface), type);
    }
    return convertLiteral(this, n, type!);
  }
}

/** What a function body receives: interface values opened (nil as null), unless it takes reflect.Value. */
function toParam(v: ExecValue, type: GoType): ExecValue {
  if (isReflectValue(type)) return v;
  if (v instanceof Iface) return v.v;
  return v === undefined && type.kind === 'interface' ? null : v;
}
