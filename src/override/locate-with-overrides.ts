/** Locates a field in whichever input last set it: an override, or else the Score file itself. */
import { locateKey, locateValue, type YamlSource } from '../yaml/yaml-source.js';
import type { FieldPath, Locator } from '../base/types.js';
import { pathKey, type OverrideOrigin } from './apply-overrides.js';

export function locateInSource(source: YamlSource): Locator {
  return (path, key) => (key ? locateKey(source, path) : locateValue(source, path));
}

export function locateWithOverrides(source: YamlSource, origins: readonly OverrideOrigin[]): Locator {
  const base = locateInSource(source);
  if (origins.length === 0) return base;
  const byKey = new Map(origins.map((o) => [pathKey(o.path), o]));
  return (path, key) => {
    for (let depth = path.length; depth > 0; depth--) {
      const origin = byKey.get(pathKey(path.slice(0, depth)));
      if (origin) return origin.locate(path, key);
    }
    // A field the Score file lacks was made by the override that set something inside it.
    const inside = origins.find((o) => o.path.length > path.length && path.every((s, i) => String(o.path[i]) === String(s)));
    return inside && !hasPath(source.value, path) ? inside.locate(path, key) : base(path, key);
  };
}

function hasPath(value: unknown, path: FieldPath): boolean {
  let node = value;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null || !Object.prototype.hasOwnProperty.call(node, segment)) return false;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return true;
}
