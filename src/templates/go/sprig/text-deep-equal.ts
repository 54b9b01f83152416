/**
 * reflect.DeepEqual over interface{} values: identical types, then element by element; nil and empty maps or
 * slices differ, NaN differs from itself, functions are equal only when both are nil, and a container is
 * equal to itself without a look inside (Go compares pointers first).
 */
import { typeOf, Typed, isGoMap, type GoComplex, type GoMap, type GoValue, type MapKey } from '../values.js';

export function deepEqual(a: GoValue, b: GoValue): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  const ta = typeOf(a)!;
  const tb = typeOf(b)!;
  return ta.name === tb.name && valuesEqual(a, b);
}

/** Two values of one type. */
function valuesEqual(a: GoValue, b: GoValue): boolean {
  if (a === b && !(a instanceof Typed)) return typeof a !== 'number' || !Number.isNaN(a);
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return false;
  if (Array.isArray(a)) return listsEqual(a, b as GoValue[]);
  if (isGoMap(a)) return plainMapsEqual(a, b as GoMap);
  return typedEqual(a, b as Typed);
}

function listsEqual(a: readonly GoValue[], b: readonly GoValue[]): boolean {
  return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
}

function plainMapsEqual(a: GoMap, b: GoMap): boolean {
  const keys = Object.keys(a).filter((k) => a[k] !== undefined);
  const other = Object.keys(b).filter((k) => b[k] !== undefined);
  return keys.length === other.length && keys.every((k) => Object.hasOwn(b, k) && b[k] !== undefined && deepEqual(a[k], b[k]));
}

function typedEqual(a: Typed, b: Typed): boolean {
  const { kind, elem } = a.type;
  if (a.v === b.v && kind !== 'struct' && kind !== 'array') {
    if (kind === 'func') return a.v === null;
    return (kind !== 'float32' && kind !== 'float64') || !Number.isNaN(a.v);
  }
  switch (kind) {
    case 'slice':
    case 'array':
    case 'struct':
      if (a.v === null || b.v === null) return false;
      return (
        (a.v as GoValue[]).length === (b.v as GoValue[]).length &&
        (a.v as GoValue[]).every((x, i) =>
          slotEqual(x, (b.v as GoValue[])[i], kind === 'struct' ? a.type.fields![i]!.type.kind : elem!.kind),
        )
      );
    case 'map':
      return a.v !== null && b.v !== null && typedMapsEqual(a.v as Map<MapKey, GoValue>, b.v as Map<MapKey, GoValue>, elem!.kind);
    case 'ptr':
      return a.v !== null && b.v !== null && slotEqual(a.v as GoValue, b.v as GoValue, elem!.kind);
    case 'complex64':
    case 'complex128':
      return (a.v as GoComplex).re === (b.v as GoComplex).re && (a.v as GoComplex).im === (b.v as GoComplex).im;
    case 'func':
      return false;
  }
  return false;
}

/** Elements of a typed container: interface{} slots compare as interfaces, others by value. */
function slotEqual(a: GoValue, b: GoValue, kind: string): boolean {
  return kind === 'interface' ? deepEqual(a, b) : valuesEqual(a, b);
}

function typedMapsEqual(a: Map<MapKey, GoValue>, b: Map<MapKey, GoValue>, elemKind: string): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (!b.has(k) || !slotEqual(v, b.get(k), elemKind)) return false;
  return true;
}
