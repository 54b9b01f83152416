/**
 * Go types, as far as templates can observe them: a kind (reflect.Kind), the name Go prints (`%T`, error
 * messages), and the parts of composite types. Values carry these (see values.ts); functions declare them
 * for their parameters and result (see funcs.ts).
 */

import type { GoFunc } from './funcs.js';

export type GoKind =
  | 'bool'
  | 'int'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'uintptr'
  | 'float32'
  | 'float64'
  | 'complex64'
  | 'complex128'
  | 'string'
  | 'map'
  | 'slice'
  | 'array'
  | 'struct'
  | 'ptr'
  | 'func'
  | 'interface';

export interface GoField {
  readonly name: string;
  readonly type: GoType;
}

/** A function type's signature; `params` ends with the element type of a `...` parameter when variadic. */
export interface GoSignature {
  readonly params: readonly GoType[];
  readonly variadic: boolean;
  readonly result: GoType;
  /** Go's `(T, error)` results. */
  readonly canFail: boolean;
}

export interface GoType {
  readonly kind: GoKind;
  /** As Go prints it (reflect.Type.String): `int`, `map[string]interface {}`, `*main.Data`. */
  readonly name: string;
  /** Element type of slices, arrays, maps and pointers. */
  readonly elem?: GoType;
  /** Key type of maps. */
  readonly key?: GoType;
  /** Length of arrays. */
  readonly len?: number;
  readonly fields?: readonly GoField[];
  readonly signature?: GoSignature;
  /** For a defined (named) type: the type it is defined on. Unnamed types have none. */
  readonly underlying?: GoType;
  /**
   * Methods by name, callable on values of the type and on pointers to them. A method's fn receives the
   * receiver first; its type lists the other parameters. A `String() string` method makes fmt print with it.
   */
  readonly methods?: Readonly<Record<string, GoFunc>>;
}

function basic(kind: GoKind): GoType {
  return { kind, name: kind };
}

/** A type that is only the marker for builtins taking reflect.Value: they receive values unconverted. */
const reflectValue: GoType = { kind: 'struct', name: 'reflect.Value', fields: [] };
const any: GoType = { kind: 'interface', name: 'interface {}' };

/** The predeclared types, and the two containers decoded data is made of. */
export const T = {
  bool: basic('bool'),
  int: basic('int'),
  int8: basic('int8'),
  int16: basic('int16'),
  int32: basic('int32'),
  int64: basic('int64'),
  uint: basic('uint'),
  uint8: basic('uint8'),
  uint16: basic('uint16'),
  uint32: basic('uint32'),
  uint64: basic('uint64'),
  uintptr: basic('uintptr'),
  float32: basic('float32'),
  float64: basic('float64'),
  complex64: basic('complex64'),
  complex128: basic('complex128'),
  string: basic('string'),
  any,
  mapAny: { kind: 'map', name: 'map[string]interface {}', key: basic('string'), elem: any } as GoType,
  sliceAny: { kind: 'slice', name: '[]interface {}', elem: any } as GoType,
  reflectValue,
} as const;

export function sliceOf(elem: GoType): GoType {
  return { kind: 'slice', name: `[]${elem.name}`, elem };
}

export function arrayOf(len: number, elem: GoType): GoType {
  return { kind: 'array', name: `[${len}]${elem.name}`, elem, len };
}

export function mapOf(key: GoType, elem: GoType): GoType {
  return { kind: 'map', name: `map[${key.name}]${elem.name}`, key, elem };
}

export function pointerTo(elem: GoType): GoType {
  return { kind: 'ptr', name: `*${elem.name}`, elem };
}

/** A defined type such as `type Protocol string`: same kind and parts as `underlying`, its own name. */
export function namedType(name: string, underlying: GoType, methods?: Readonly<Record<string, GoFunc>>): GoType {
  const { methods: _inherited, ...parts } = underlying;
  return { ...parts, name, underlying, ...(methods ? { methods } : {}) };
}

/** A struct type; Go's struct types in data are named (`main.Port`), fields in declaration order. */
export function structType(name: string, fields: readonly GoField[], methods?: Readonly<Record<string, GoFunc>>): GoType {
  const unnamed: GoType = { kind: 'struct', name: `struct { ${fields.map((f) => `${f.name} ${f.type.name}`).join('; ')} }`, fields };
  return namedType(name, unnamed, methods);
}

export function funcType(params: readonly GoType[], result: GoType, options: { variadic?: boolean; canFail?: boolean } = {}): GoType {
  const signature: GoSignature = { params, result, variadic: options.variadic ?? false, canFail: options.canFail ?? false };
  const names = params.map((p, i) => (signature.variadic && i === params.length - 1 ? `...${p.name}` : p.name));
  const results = signature.canFail ? ` (${result.name}, error)` : ` ${result.name}`;
  return { kind: 'func', name: `func(${names.join(', ')})${results}`, signature };
}

/** Whether a struct field is exported (starts with an upper-case letter), as Go decides. */
export function isExported(name: string): boolean {
  return /^\p{Lu}/u.test(name);
}

function sameType(a: GoType, b: GoType): boolean {
  return a === b || a.name === b.name;
}

/** Defined types: named ones and the predeclared bool, numeric and string types. */
function isDefined(t: GoType): boolean {
  return (
    t.underlying !== undefined ||
    (t.kind !== 'map' &&
      t.kind !== 'slice' &&
      t.kind !== 'array' &&
      t.kind !== 'ptr' &&
      t.kind !== 'func' &&
      t.kind !== 'struct' &&
      t.kind !== 'interface')
  );
}

/** Go's assignability: identical types, anything to interface{}, or one underlying type with one side unnamed. */
export function isAssignable(from: GoType, to: GoType): boolean {
  if (to.kind === 'interface' || sameType(from, to)) return true;
  if (isDefined(from) && isDefined(to)) return false;
  return sameType(from.underlying ?? from, to.underlying ?? to);
}

export function isIntKind(kind: GoKind): boolean {
  return kind === 'int' || kind === 'int8' || kind === 'int16' || kind === 'int32' || kind === 'int64';
}

export function isUintKind(kind: GoKind): boolean {
  return kind === 'uint' || kind === 'uint8' || kind === 'uint16' || kind === 'uint32' || kind === 'uint64' || kind === 'uintptr';
}

/** The bit size of a sized numeric kind (int and uint are 64-bit, as on every platform score-k8s ships for). */
export function bitSize(kind: GoKind): number {
  return BIT_SIZES[kind] ?? 64;
}

const BIT_SIZES: Partial<Record<GoKind, number>> = {
  int8: 8,
  int16: 16,
  int32: 32,
  uint8: 8,
  uint16: 16,
  uint32: 32,
  float32: 32,
  complex64: 32,
};
