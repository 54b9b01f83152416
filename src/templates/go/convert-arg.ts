/**
 * Arguments to functions: Go's validateType (a value must be assignable to the parameter's type, through one
 * interface or pointer at most) and the typing of constants (`3` is an int, a uint or a float64 argument
 * depending on the parameter).
 */
import { nodeString, type BoolNode, type NumberNode, type StringNode } from './ast.js';
import type { ExecState } from './exec-state.js';
import { isReflectValue } from './funcs.js';
import { isAssignable, isIntKind, isUintKind, type GoType } from './go-types.js';
import { canBeNil, execType, execTypeName, zeroValue } from './reflect.js';
import { Iface, Typed, typeOf, valueOfType, type ExecValue, type GoValue } from './values.js';

/** The evaluator's typing of a constant where no type is asked for (idealConstant). */
interface ConstantTyper extends ExecState {
  idealConstant(c: NumberNode): ExecValue;
}

/** validateType: a value for a parameter of `type` (no type: any value, unchanged). */
export function convertArg(s: ExecState, value: ExecValue, type: GoType | undefined, isNilConstant = false): ExecValue {
  if (isNilConstant) {
    if (type && canBeNil(type)) return zeroValue(type);
    return s.errorf(`cannot assign nil to ${type?.name ?? '<nil>'}`);
  }
  if (value === undefined) {
    if (!type) return undefined;
    if (canBeNil(type)) return zeroValue(type);
    s.errorf(`invalid value; expected ${type.name}`);
  }
  if (!type || isReflectValue(type) || isAssignable(execType(value)!, type)) return value;
  let v: ExecValue = value;
  if (v instanceof Iface && v.v !== null) {
    v = v.v;
    if (isAssignable(typeOf(v)!, type)) return v;
  }
  if (v instanceof Typed && v.type.kind === 'ptr' && isAssignable(v.type.elem!, type)) {
    if (v.v === null) s.errorf(`dereference of nil pointer of type ${type.name}`);
    return v.v as GoValue;
  }
  return s.errorf(`wrong type for value; expected ${type.name}; got ${execTypeName(v)}`);
}

/** A bool, number or string constant as an argument of `type`. */
export function convertLiteral(s: ConstantTyper, n: BoolNode | NumberNode | StringNode, type: GoType): ExecValue {
  const kind = type.kind;
  if (kind === 'interface' || isReflectValue(type)) {
    if (n.type === 'number') return s.idealConstant(n);
    return n.type === 'bool' ? n.value : n.text;
  }
  const found = nodeString(n);
  if (kind === 'bool') return n.type === 'bool' ? valueOfType(type, n.value) : s.errorf(`expected bool; found ${found}`);
  if (kind === 'string') return n.type === 'string' ? valueOfType(type, n.text) : s.errorf(`expected string; found ${found}`);
  if (kind === 'complex64' || kind === 'complex128') {
    return n.type === 'number' && n.isComplex ? new Typed(type, n.complex) : s.errorf(`expected complex; found ${found}`);
  }
  if (kind === 'float32' || kind === 'float64') {
    return n.type === 'number' && n.isFloat ? valueOfType(type, n.float64) : s.errorf(`expected float; found ${found}`);
  }
  if (isIntKind(kind)) return n.type === 'number' && n.isInt ? valueOfType(type, n.int64) : s.errorf(`expected integer; found ${found}`);
  if (isUintKind(kind)) {
    return n.type === 'number' && n.isUint ? valueOfType(type, n.uint64) : s.errorf(`expected unsigned integer; found ${found}`);
  }
  return s.errorf(`can't handle ${found} for arg of type ${type.name}`);
}
