/**
 * JSON Merge Patch (RFC 7386), the one deep merge: null deletes, a map merges into a map, anything else
 * replaces, and a map put where there was none is applied to an empty map (so its own nulls disappear).
 * score-k8s merges a provisioner's `shared` this way (internal/maps.go PatchMap); overrides files merge so too.
 */
import { ownValue, setOwn } from './plain-data.js';

/** A map of decoded data: a plain object (never a list, nor a class instance such as a typed Go value). */
export function isDecodedMap(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export interface MergePatchOptions {
  /** The value put for a patch's non-map value (default: the value itself); e.g. a copy. */
  readonly copy?: (value: unknown) => unknown;
  /** Called, after the key is done, for each path the patch set or deleted rather than merged into. */
  readonly onReplace?: (path: readonly string[]) => void;
  /**
   * Copy each map of `target` that the patch merges into, instead of changing it: given a shallow copy of a
   * map, leaves the original and all its maps as they were, and shares whatever the patch does not touch.
   */
  readonly copyOnWrite?: boolean;
}

/**
 * Applies `patch` to `target` in place; returns `target`. Keys are data: `__proto__` or `constructor` is set
 * as an own key (see setOwn) and never reaches a prototype.
 */
export function applyMergePatch(
  target: Record<string, unknown>,
  patch: Readonly<Record<string, unknown>>,
  options: MergePatchOptions = {},
  at: readonly string[] = [],
): Record<string, unknown> {
  for (const [key, value] of Object.entries(patch)) {
    const here = [...at, key];
    const current = ownValue(target, key);
    const mergesInto = isDecodedMap(value) && isDecodedMap(current);
    if (value === null) delete target[key];
    else if (isDecodedMap(value)) setOwn(target, key, applyMergePatch(mergesInto ? writable(current, options) : {}, value, options, here));
    else setOwn(target, key, options.copy ? options.copy(value) : value);
    if (!mergesInto) options.onReplace?.(here);
  }
  return target;
}

function writable(map: Record<string, unknown>, options: MergePatchOptions): Record<string, unknown> {
  return options.copyOnWrite ? { ...map } : map;
}
