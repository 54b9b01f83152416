/**
 * copystructure.Copy (sprig's deepCopy): maps, slices, arrays, pointers and structs copied all the way down,
 * so changing the copy (set, unset, merge) leaves the original alone. Unexported struct fields come out as
 * their zero value, as copystructure leaves them; nil panics as it does in Go.
 */
import { GoFuncError } from '../errors.js';
import { isExported } from '../go-types.js';
import { Typed, isGoMap, zeroOf, type GoValue, type MapKey } from '../values.js';
import { newMap } from './text-values.js';

export function deepCopy(v: GoValue): GoValue {
  if (v === null || v === undefined) throw new GoFuncError('reflect: call of reflect.Value.Type on zero Value');
  return copyValue(v);
}

function copyValue(v: GoValue): GoValue {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(copyValue);
  if (isGoMap(v))
    return newMap(
      Object.entries(v)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => [k, copyValue(x)]),
    );
  const t = v;
  if (t.v === null) return t;
  switch (t.type.kind) {
    case 'slice':
    case 'array':
      return new Typed(t.type, (t.v as GoValue[]).map(copyValue));
    case 'map':
      return new Typed(t.type, new Map([...(t.v as Map<MapKey, GoValue>)].map(([k, x]) => [k, copyValue(x)])));
    case 'ptr':
      return new Typed(t.type, copyValue(t.v as GoValue));
    case 'struct':
      return new Typed(
        t.type,
        (t.type.fields ?? []).map((f, i) => (isExported(f.name) ? copyValue((t.v as GoValue[])[i]) : zeroOf(f.type))),
      );
  }
  return t;
}
