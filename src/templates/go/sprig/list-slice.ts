/**
 * sprig's slice: list[start:end] by reflect, indices converted as cast does ("1" and 1.5 are 1); the result
 * keeps the list's type, an empty list gives nil, and bounds out of range panic as reflect.Value.Slice does.
 */
import { GoFuncError } from '../errors.js';
import { Typed, type GoValue } from '../values.js';
import { toInt64 } from './cast.js';
import { kindOrPanic, listItems } from './text-values.js';

export function sliceList(list: GoValue, indices: readonly GoValue[]): GoValue {
  const kind = kindOrPanic(list);
  const items = listItems(list);
  if (!items) throw new GoFuncError(`list should be type of slice or array but ${kind}`);
  if (items.length === 0) return null;
  const start = indices.length > 0 ? toInt64(indices[0]) : 0n;
  const end = indices.length < 2 ? BigInt(items.length) : toInt64(indices[1]);
  if (kind === 'array') throw new GoFuncError('reflect.Value.Slice: slice of unaddressable array');
  if (start < 0n || end < start || end > BigInt(items.length)) throw new GoFuncError('reflect.Value.Slice: slice index out of bounds');
  const part = items.slice(Number(start), Number(end));
  return list instanceof Typed ? new Typed(list.type, part) : part;
}
