/**
 * Typed reads of parsed YAML / JSON (manifests, command output), whose shape the tests do not declare.
 *
 * A path steps through mappings by key and through lists by index. A step that is absent (undefined or null)
 * makes the value undefined, as `a?.b?.c` would; a step of the wrong kind (a key into a string, an index into a
 * mapping) throws, so a malformed document fails the test instead of reading as empty. The typed readers take
 * null as absent: the `maybe` ones then give undefined, the others throw, as `a.b.c` on a missing step would.
 */

/** A mapping of parsed data, its values unchecked. */
export type Fields = Record<string, unknown>;

export type Step = string | number;

export function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : `a ${typeof value}`;
}

function where(path: readonly Step[]): string {
  return path.length === 0 ? 'the value' : path.map(String).join('.');
}

/** The value at `path` (null when it is null), or undefined when a step on the way is absent. */
export function at(value: unknown, ...path: Step[]): unknown {
  let current = value;
  for (const [i, step] of path.entries()) {
    if (current === undefined || current === null) return undefined;
    if (typeof step === 'number' ? !Array.isArray(current) : !isFields(current)) {
      throw new TypeError(
        `${where(path.slice(0, i))} is ${kindOf(current)}, expected ${typeof step === 'number' ? 'a list' : 'a mapping'}`,
      );
    }
    current =
      typeof step === 'number' ? (current as unknown[])[step] : Object.hasOwn(current, step) ? (current as Fields)[step] : undefined;
  }
  return current;
}

function typed<T>(found: unknown, path: readonly Step[], expected: string, test: (v: unknown) => v is T): T | undefined {
  if (found === undefined || found === null) return undefined;
  if (test(found)) return found;
  throw new TypeError(`${where(path)} is ${kindOf(found)}, expected ${expected}`);
}

function required<T>(found: T | undefined, path: readonly Step[]): T {
  if (found === undefined) throw new TypeError(`${where(path)} is missing`);
  return found;
}

const isList = (v: unknown): v is unknown[] => Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number';

export function maybeMapping(value: unknown, ...path: Step[]): Fields | undefined {
  return typed(at(value, ...path), path, 'a mapping', isFields);
}
export function mapping(value: unknown, ...path: Step[]): Fields {
  return required(maybeMapping(value, ...path), path);
}

export function maybeList(value: unknown, ...path: Step[]): unknown[] | undefined {
  return typed(at(value, ...path), path, 'a list', isList);
}
export function list(value: unknown, ...path: Step[]): unknown[] {
  return required(maybeList(value, ...path), path);
}

/** A list whose items must all be mappings (containers, volumes, env entries...); [] when absent. */
export function mappings(value: unknown, ...path: Step[]): Fields[] {
  return (maybeList(value, ...path) ?? []).map((item, i) => required(typed(item, [...path, i], 'a mapping', isFields), [...path, i]));
}

export function maybeText(value: unknown, ...path: Step[]): string | undefined {
  return typed(at(value, ...path), path, 'a string', isText);
}
export function text(value: unknown, ...path: Step[]): string {
  return required(maybeText(value, ...path), path);
}

export function maybeNumber(value: unknown, ...path: Step[]): number | undefined {
  return typed(at(value, ...path), path, 'a number', isNumber);
}
