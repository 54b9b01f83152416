/**
 * The function interface: the registry of named functions templates call (built-ins, sprig, score-k8s's own).
 *
 * A function declares its Go type, because Go converts each argument to the parameter's type before the call
 * and reports mismatches itself: a constant `3` becomes an int or a float64 depending on the parameter, a
 * missing value passed to a `string` parameter fails with `invalid value; expected string`, and a nil result
 * of a `map[string]interface{}` function prints `map[]` while a nil `interface{}` result prints `<no value>`.
 *
 * `fn` receives the arguments already converted (variadic ones last, flattened):
 * - an `interface{}` parameter gets any GoValue, `null` for nil (never undefined);
 * - a concrete parameter gets a value of exactly that type (`string` -> string, `int` -> bigint,
 *   `float64` -> number, `[]interface{}` -> array, `[]string` -> Typed, ...); nil of a map, slice, pointer
 *   or function type (the constant `nil`, or no value) comes as a Typed with a null payload;
 * - `T.reflectValue` parameters (the built-ins) get the raw execution value, undefined and Iface included.
 * It returns a value of its declared result type (null for a nil map, slice, pointer or interface{}; ints
 * wrap to their size), and throws GoFuncError for Go's error result or where Go's function would panic.
 */
import { T, funcType, type GoType } from './go-types.js';
import type { ExecValue, GoValue } from './values.js';

export interface GoFunc {
  /** A `func` GoType (see funcType in go-types.ts). */
  readonly type: GoType;
  readonly fn: (args: GoValue[]) => GoValue;
}

/** Functions by the name templates call them. */
export type FuncMap = ReadonlyMap<string, GoFunc>;

export interface GoFuncOptions {
  /** The last parameter is `...params[last]`. */
  readonly variadic?: boolean;
  /** Go's `(result, error)`: fn may throw GoFuncError. */
  readonly canFail?: boolean;
}

/** A template function from its Go signature and its body. */
export function goFunc(params: readonly GoType[], result: GoType, fn: (args: GoValue[]) => GoValue, options: GoFuncOptions = {}): GoFunc {
  return { type: funcType(params, result, options), fn };
}

/** A built-in taking reflect.Value parameters: it receives execution values unconverted. */
export function rawFunc(arity: number, variadic: boolean, result: GoType, fn: (args: ExecValue[]) => ExecValue, canFail = true): GoFunc {
  const params = Array.from({ length: arity }, () => T.reflectValue);
  return { type: funcType(params, result, { variadic, canFail }), fn: fn as (args: GoValue[]) => GoValue };
}

/** Whether a parameter type is the built-ins' reflect.Value. */
export function isReflectValue(type: GoType): boolean {
  return type === T.reflectValue;
}

function isFuncMap(m: Readonly<Record<string, GoFunc>> | FuncMap): m is FuncMap {
  return m instanceof Map;
}

/** A registry from a plain object of functions, later maps overriding earlier ones (as template.Funcs does). */
export function funcMap(...maps: ReadonlyArray<Readonly<Record<string, GoFunc>> | FuncMap>): FuncMap {
  const out = new Map<string, GoFunc>();
  for (const m of maps) {
    const entries: Iterable<[string, GoFunc]> = isFuncMap(m) ? m.entries() : Object.entries(m);
    for (const [name, f] of entries) out.set(name, f);
  }
  return out;
}
