/**
 * JSON Merge Patch (RFC 7386), as score-k8s merges a provisioner's `shared` into the shared state
 * (internal/maps.go PatchMap): null deletes, a map merges into a map, anything else replaces, and a map put
 * where there was none is applied to an empty map (so its own nulls disappear).
 */

/** A map of decoded data (a plain object: never a list, nor a typed Go value). */
function isPlainMap(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Keys a patch never sets: shared state comes from templates and programs, and must not reach a prototype. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Applies `patch` to `target` in place; returns `target`. */
export function applyMergePatch(target: Record<string, unknown>, patch: Readonly<Record<string, unknown>>): Record<string, unknown> {
  for (const [key, value] of Object.entries(patch)) {
    if (UNSAFE_KEYS.has(key)) continue;
    if (value === null) {
      delete target[key];
    } else if (isPlainMap(value)) {
      const current = Object.hasOwn(target, key) ? target[key] : undefined;
      target[key] = applyMergePatch(isPlainMap(current) ? current : {}, value);
    } else {
      target[key] = value;
    }
  }
  return target;
}
