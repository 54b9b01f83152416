/**
 * mergo's Merge and MergeWithOverwrite as sprig's merge functions call them on map[string]interface{}
 * (mergo 1.0.2, the version score-k8s links with sprig 3.3.0). Maps merge in place, key by key:
 * - a nil source value is copied only when overwriting;
 * - a map merges into a non-empty map of the destination, recursively and in place;
 * - otherwise the source value replaces a missing or empty destination value, or any value when overwriting,
 *   except that a non-empty destination keeps its value against a slice.
 * mergo 0.3.12 (sprig 3.2.3) also kept a non-empty destination value against a source map when that value was
 * not a map; 1.0.2 replaces it when overwriting.
 * Structs merge field by field (maps in their fields in place; the fields themselves only through pointers,
 * where Go can set them), as mergo does. Go visits keys in random order, which decides the error when two
 * keys of one merge fail differently; here keys go in sorted order.
 */
import { GoFuncError } from '../errors.js';
import { T, isExported, type GoKind, type GoType } from '../go-types.js';
import { Typed, isGoMap, typeOf, type GoMap, type GoValue, type MapKey } from '../values.js';
import { isEmpty, mapEntries, newMap, rawKey, setEntry } from './text-values.js';

/** An error mergo returns (merge swallows it; mustMerge reports it); its panics are plain GoFuncErrors. */
export class MergoError extends GoFuncError {}

/** mergo's ErrDifferentArgumentsTypes. */
const DIFFERENT_TYPES = 'src and dst must be of same type';

/** A map as mergo sees it: entries by key, the type of its slots, and a setter (SetMapIndex). */
interface MapView {
  readonly entries: ReadonlyArray<readonly [GoValue, GoValue]>;
  readonly slot: GoType;
  readonly key: GoType;
  size(): number;
  get(key: GoValue): GoValue;
  set(key: GoValue, value: GoValue, valueType: GoType): void;
}

/** Merges src into dst (a new map when dst is nil and src is not); returns dst. Throws GoFuncError. */
export function mergeInto(dst: GoMap | null, src: GoMap | null, overwrite: boolean): GoMap | null {
  if (src === null) return dst;
  const target = dst ?? newMap();
  mergeMap(viewOf(target)!, viewOf(src)!, overwrite);
  return target;
}

function viewOf(m: GoValue): MapView | undefined {
  if (isGoMap(m)) {
    return {
      entries: mapEntries(m),
      slot: T.any,
      key: T.string,
      size: () => Object.keys(m).filter((k) => m[k] !== undefined).length,
      get: (k) => (Object.hasOwn(m, k as string) ? m[k as string] : undefined),
      set: (k, v) => setEntry(m, k as string, v),
    };
  }
  if (!(m instanceof Typed) || m.type.kind !== 'map' || m.v === null) return undefined;
  const payload = m.v as Map<MapKey, GoValue>;
  const type = m.type;
  return {
    entries: [...payload].map(([k, v]) => [k, v] as const),
    slot: type.elem!,
    key: type.key!,
    size: () => payload.size,
    get: (k) => payload.get(rawKey(k)),
    set: (k, v, valueType) => {
      if (type.elem!.kind !== 'interface' && valueType.name !== type.elem!.name) {
        throw new GoFuncError(`reflect.Value.SetMapIndex: value of type ${valueType.name} is not assignable to type ${type.elem!.name}`);
      }
      payload.set(rawKey(k), v);
    },
  };
}

function mergeMap(dst: MapView, src: MapView, overwrite: boolean): void {
  for (const [key, srcValue] of src.entries) {
    if (src.key.name !== dst.key.name) {
      throw new GoFuncError(`reflect.Value.MapIndex: value of type ${src.key.name} is not assignable to type ${dst.key.name}`);
    }
    mergeEntry(dst, key, srcValue, src.slot, overwrite);
  }
}

const NILLABLE: ReadonlySet<GoKind> = new Set(['func', 'map', 'interface', 'slice']);

function mergeEntry(dst: MapView, key: GoValue, srcValue: GoValue, slot: GoType, overwrite: boolean): void {
  const dstValue = dst.get(key);
  if (slot.kind === 'interface' ? srcValue === null : NILLABLE.has(slot.kind) && isNilSlot(srcValue)) {
    if (overwrite) dst.set(key, srcValue, slot);
    return;
  }
  const srcKind = typeOf(srcValue)!.kind;
  if (srcKind === 'map' || srcKind === 'struct' || srcKind === 'ptr') deepMerge(dynamic(dstValue), dynamic(srcValue)!, overwrite);
  else if (srcKind === 'slice') dst.set(key, mergedSlice(dst, dstValue, srcValue, overwrite), typeOf(srcValue)!);
  if (dstValue !== undefined && !emptyValue(dstValue)) {
    if (srcKind === 'slice') return;
    if (srcKind === 'map' && typeOf(dstValue)?.kind === 'map') return;
  }
  if ((slot.kind !== 'ptr' && overwrite) || dstValue === undefined || emptyValue(dstValue)) dst.set(key, srcValue, slot);
}

function isNilSlot(v: GoValue): boolean {
  return v === null || (v instanceof Typed && v.v === null);
}

/** The slice mergo stores before deciding on the entry (the entry's final value is set after). */
function mergedSlice(dst: MapView, dstValue: GoValue, srcValue: GoValue, overwrite: boolean): GoValue {
  if (overwrite || dst.size() === 0) return srcValue;
  if (dstValue === undefined || isNilSlot(dstValue)) return Array.isArray(srcValue) ? [] : new Typed(typeOf(srcValue)!, []);
  return dstValue;
}

/** mergo's isEmptyValue, looking through pointers. */
function emptyValue(v: GoValue): boolean {
  if (v instanceof Typed && v.type.kind === 'ptr' && v.v !== null) return emptyValue(v.v as GoValue);
  return isEmpty(v);
}

/** A value where mergo sees it: its static type (interface{} slots hold any value) and, if settable, a setter. */
interface Slot {
  readonly value: GoValue;
  readonly type: GoType;
  readonly set?: ((v: GoValue) => void) | undefined;
}

/** reflect.Value.Set: the value's type must be assignable to the slot's. */
function assign(dst: Slot, src: Slot): void {
  if (dst.type.kind !== 'interface' && dst.type.name !== src.type.name) {
    throw new GoFuncError(`reflect.Set: value of type ${src.type.name} is not assignable to type ${dst.type.name}`);
  }
  dst.set!(src.value);
}

/** A value read out of a map or an interface: its dynamic type, not settable; undefined for nil. */
function dynamic(v: GoValue): Slot | undefined {
  return v === null || v === undefined ? undefined : { value: v, type: typeOf(v)! };
}

/** mergo's deepMerge below the top level: maps merge in place, settable slots (struct fields through pointers) are set. */
function deepMerge(dst: Slot | undefined, src: Slot, overwrite: boolean): void {
  if (dst === undefined) return;
  switch (dst.type.kind) {
    case 'struct':
      return mergeStruct(dst, src, overwrite);
    case 'map':
      return mergeMapSlot(dst, src, overwrite);
    case 'slice':
      if (dst.set && !emptyValue(src.value) && (overwrite || emptyValue(dst.value))) assign(dst, src);
      return;
    case 'ptr':
    case 'interface':
      return mergePointer(dst, src, overwrite);
  }
  if (dst.set && (emptyValue(dst.value) || overwrite) && !emptyValue(src.value)) assign(dst, src);
}

function mergeStruct(dst: Slot, src: Slot, overwrite: boolean): void {
  const fields = dst.type.fields ?? [];
  if (!fields.some((f) => isExported(f.name))) {
    if (dst.set && overwrite && !emptyValue(src.value)) assign(dst, src);
    return;
  }
  if (src.type.kind !== 'struct') throw new GoFuncError(`reflect: call of reflect.Value.Field on ${src.type.kind} Value`);
  const d = (dst.value as Typed).v as GoValue[];
  const s = (src.value as Typed).v as GoValue[];
  const srcFields = src.type.fields ?? [];
  fields.forEach((f, i) => {
    if (i >= srcFields.length) throw new GoFuncError('reflect: Field index out of range');
    if (!isExported(f.name)) return;
    const set = dst.set ? (v: GoValue): void => void (d[i] = v) : undefined;
    deepMerge({ value: d[i], type: f.type, set }, { value: s[i], type: srcFields[i]!.type }, overwrite);
  });
}

function mergeMapSlot(dst: Slot, src: Slot, overwrite: boolean): void {
  let target = dst.value;
  if (isNilSlot(target) && !isNil(src)) {
    if (!dst.set) return;
    target = dst.type.name === T.mapAny.name ? newMap() : new Typed(dst.type, new Map());
    dst.set(target);
  }
  if (src.type.kind !== 'map') {
    if (overwrite && dst.set) assign(dst, src);
    return;
  }
  if (!isNilSlot(src.value)) mergeMap(viewOf(target)!, viewOf(src.value)!, overwrite);
}

/** reflect.Value.IsNil, which panics for kinds that cannot be nil. */
function isNil(slot: Slot): boolean {
  if (!NILLABLE.has(slot.type.kind) && slot.type.kind !== 'ptr') {
    throw new GoFuncError(`reflect: call of reflect.Value.IsNil on ${slot.type.kind} Value`);
  }
  return isNilSlot(slot.value);
}

/** Pointers and interface slots: set when nil (or overwriting), else merge what they point at. */
function mergePointer(dst: Slot, src: Slot, overwrite: boolean): void {
  if (isNilSlot(src.value)) return;
  const dstNil = isNilSlot(dst.value);
  const setIt = (): void => {
    if (dst.set && (overwrite || emptyValue(dst.value))) assign(dst, src);
  };
  if (src.type.kind !== 'interface') {
    if (dstNil || (src.type.kind !== 'ptr' && overwrite)) return setIt();
    if (src.type.kind === 'ptr') return deepMerge(pointee(dst), pointee(src)!, overwrite);
    const inner = pointee(dst);
    if (inner?.type.name !== src.type.name) throw new MergoError(DIFFERENT_TYPES);
    return deepMerge(inner, src, overwrite);
  }
  if (dstNil || overwrite) return setIt();
  const [d, s] = [pointee(dst), pointee(src)];
  if (d && s && d.type.kind === s.type.kind) deepMerge(d, s, overwrite);
}

/** What a pointer points at (settable: a pointer's target can be written) or an interface holds. */
function pointee(slot: Slot): Slot | undefined {
  if (slot.type.kind === 'interface') return dynamic(slot.value);
  const ptr = slot.value as Typed;
  return { value: ptr.v as GoValue, type: slot.type.elem!, set: (v) => void ((ptr as { v: unknown }).v = v) };
}
