/**
 * sprig's reflection functions: typeOf (fmt's %T: "int", "map[string]interface {}", "*main.Data", "<nil>"),
 * typeIs, typeIsLike (the type or a pointer to it), kindOf (reflect's kind: "int", "map", "ptr", "invalid"
 * for nil), kindIs and deepEqual (reflect.DeepEqual).
 */
import { sprintf } from '../fmt/print.js';
import { goFunc, type GoFunc } from '../funcs.js';
import { T } from '../go-types.js';
import type { GoValue } from '../values.js';
import { deepEqual } from './text-deep-equal.js';
import { kindName } from './text-values.js';

const { any, string: str, bool } = T;

const typeName = (v: GoValue): string => sprintf('%T', [v]);

export const REFLECTION_FUNCS: Readonly<Record<string, GoFunc>> = {
  typeOf: goFunc([any], str, ([v]) => typeName(v)),
  typeIs: goFunc([str, any], bool, ([target, v]) => target === typeName(v)),
  typeIsLike: goFunc([str, any], bool, ([target, v]) => target === typeName(v) || `*${target as string}` === typeName(v)),
  kindOf: goFunc([any], str, ([v]) => kindName(v)),
  kindIs: goFunc([str, any], bool, ([target, v]) => target === kindName(v)),
  deepEqual: goFunc([any, any], bool, ([a, b]) => deepEqual(a, b)),
};
