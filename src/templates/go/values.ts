/**
 * The value model: JavaScript values standing for Go values, each knowing its Go type.
 *
 * The data score-k8s hands its templates is Go data decoded from YAML or JSON into interface{}, so the common
 * Go types are plain JavaScript values, and decoded data needs no conversion:
 *
 * | JavaScript                     | Go                                  | comes from                          |
 * | ------------------------------ | ----------------------------------- | ----------------------------------- |
 * | `string`, `boolean`            | string, bool                        |                                     |
 * | `bigint`                       | int (64-bit)                        | YAML ints (`yaml` with intAsBigInt) |
 * | `number`                       | float64                             | YAML floats, every JSON number      |
 * | `null`                         | nil (an empty interface{} slot)     | YAML/JSON null                      |
 * | array                          | []interface{}                       |                                     |
 * | plain object                   | map[string]interface{}              |                                     |
 * | `Typed`                        | any other type: int8, uint64, named | structs, typed maps and slices,     |
 * |                                | types, []string, structs, pointers  | nil maps, functions, complex        |
 * | `undefined`                    | no value (an invalid reflect.Value) | a missing map key                   |
 *
 * Values inside a container are themselves in this form (an element of a `[]uint8` is a `Typed` uint8). `null`
 * appears only where Go has a nil interface: as an element of a container whose element type is interface{}.
 */
import { isDecodedMap } from '../../base/merge-patch.js';
import { setOwn } from '../../base/plain-data.js';
import { bitSize, isIntKind, isUintKind, pointerTo, T, type GoKind, type GoType } from './go-types.js';
import type { GoFunc } from './funcs.js';

export type GoValue = undefined | null | boolean | string | number | bigint | GoValue[] | GoMap | Typed;

/** map[string]interface{}: own enumerable properties only. */
export interface GoMap {
  [key: string]: GoValue;
}

export interface GoComplex {
  readonly re: number;
  readonly im: number;
}

/** A key of a typed map (its Go type is the map's key type). */
export type MapKey = string | bigint | number | boolean;

/**
 * Payload by kind: bigint (integers), number (floats), GoComplex, string, boolean, GoValue[] (slices, arrays,
 * struct fields in declaration order), Map<MapKey, GoValue> (maps), the target GoValue (pointers), GoFunc
 * (functions); `null` for a nil map, slice, pointer or function.
 */
export type TypedPayload = GoValue | GoComplex | Map<MapKey, GoValue> | GoFunc; // GoValue: the scalars, GoValue[] and null

/** A value of a type the plain JavaScript forms cannot tell apart. */
export class Typed {
  constructor(
    readonly type: GoType,
    readonly v: TypedPayload,
  ) {}
}

/**
 * Interface-ness, seen only during execution: a value read from an interface{} slot (a map or slice element,
 * a range element) is an interface value until a pipeline ends, which matters for nil and for error texts.
 */
export class Iface {
  constructor(readonly v: GoValue) {}
}

/** The nil interface{} value. */
export const NIL_IFACE = new Iface(null);

/** What execution passes around: a value, an interface holding one, or undefined for "no value". */
export type ExecValue = GoValue | Iface;

/** A plain object (prototype Object.prototype or null): a map[string]interface{}. */
export function isGoMap(v: unknown): v is GoMap {
  return isDecodedMap(v);
}

/** The dynamic Go type of a value; undefined for nil and for no value. */
export function typeOf(v: GoValue): GoType | undefined {
  switch (typeof v) {
    case 'string':
      return T.string;
    case 'boolean':
      return T.bool;
    case 'number':
      return T.float64;
    case 'bigint':
      return T.int;
    case 'object':
      if (v === null) return undefined;
      if (Array.isArray(v)) return T.sliceAny;
      return v instanceof Typed ? v.type : T.mapAny;
    default:
      return undefined;
  }
}

export function kindOf(v: GoValue): GoKind | undefined {
  return typeOf(v)?.kind;
}

/** A Typed value of an integer kind, wrapped to its size as Go's conversions do. */
export function typedInt(type: GoType, n: bigint): Typed {
  const bits = bitSize(type.kind);
  return new Typed(type, isUintKind(type.kind) ? BigInt.asUintN(bits, n) : BigInt.asIntN(bits, n));
}

/** A value of `type` in its canonical form: plain JavaScript for the types that have one, else Typed. */
export function valueOfType(type: GoType, payload: TypedPayload): GoValue {
  switch (type.name) {
    case 'int':
      return BigInt.asIntN(64, payload as bigint);
    case 'string':
    case 'bool':
    case 'float64':
    case 'interface {}':
      return payload as GoValue;
    case '[]interface {}':
      if (Array.isArray(payload)) return payload;
      break;
    case 'map[string]interface {}':
      if (isGoMap(payload)) return payload;
  }
  if (isIntKind(type.kind) || isUintKind(type.kind)) return typedInt(type, payload as bigint);
  if (type.kind === 'float32') return new Typed(type, Math.fround(payload as number));
  return new Typed(type, payload);
}

/** Go's zero value of a type (a nil interface is null). */
export function zeroOf(type: GoType): GoValue {
  switch (type.kind) {
    case 'interface':
      return null;
    case 'bool':
      return valueOfType(type, false);
    case 'string':
      return valueOfType(type, '');
    case 'float32':
    case 'float64':
      return valueOfType(type, 0);
    case 'complex64':
    case 'complex128':
      return new Typed(type, { re: 0, im: 0 });
    case 'struct':
      return new Typed(
        type,
        (type.fields ?? []).map((f) => zeroOf(f.type)),
      );
    case 'array':
      return new Typed(
        type,
        Array.from({ length: type.len ?? 0 }, () => zeroOf(type.elem ?? T.any)),
      );
    case 'map':
    case 'slice':
    case 'ptr':
    case 'func':
      return new Typed(type, null);
    default:
      return valueOfType(type, 0n);
  }
}

/** A struct value from named fields; fields left out get their zero value. */
export function structValue(type: GoType, fields: Readonly<Record<string, GoValue>>): Typed {
  return new Typed(
    type,
    (type.fields ?? []).map((f) => (Object.hasOwn(fields, f.name) ? fields[f.name] : zeroOf(f.type))),
  );
}

/** A pointer to a value (a nil pointer when `target` is undefined and `type` is given). */
export function pointerValue(target: GoValue, type?: GoType): Typed {
  const targetType = type ?? typeOf(target);
  if (!targetType) throw new TypeError('pointerValue: a nil target needs its type');
  return new Typed(pointerTo(targetType), target === undefined ? null : target);
}

/** A typed slice such as []string from its elements (already of the element type). */
export function sliceValue(type: GoType, items: readonly GoValue[] | null): Typed {
  return new Typed(type, items === null ? null : [...items]);
}

/** A typed map such as map[string]string from entries (keys and values already of their types). */
export function mapValue(type: GoType, entries: Iterable<readonly [MapKey, GoValue]> | null): Typed {
  return new Typed(type, entries === null ? null : new Map(entries));
}

const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/**
 * Plain data decoded from YAML (with the `yaml` package's `intAsBigInt: true`) or JSON, typed as Go's yaml.v3
 * and encoding/json decode into interface{}: ints beyond int64 become uint64, beyond uint64 float64; JSON
 * numbers are float64 already; undefined entries are dropped.
 */
export function fromDecoded(v: unknown): GoValue {
  if (typeof v === 'bigint') {
    if (v >= -(1n << 63n) && v <= INT64_MAX) return v;
    return v > 0n && v <= UINT64_MAX ? typedInt(T.uint64, v) : Number(v);
  }
  if (Array.isArray(v)) return v.map(fromDecoded);
  if (v instanceof Typed || typeof v !== 'object' || v === null) return v as GoValue;
  const out: GoMap = {};
  for (const [k, x] of Object.entries(v)) if (x !== undefined) setOwn(out, k, fromDecoded(x));
  return out;
}
