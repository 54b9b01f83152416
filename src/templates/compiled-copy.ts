/**
 * A copier for one piece of plain data, compiled to a function that returns it as one literal: V8 builds
 * such a literal about ten times faster than a walk that copies the data key by key, which matters for the
 * shapes of rendered YAML (rendered-shapes.ts) that every resource of a type is copied from.
 *
 * The function's text holds nothing but JSON literals of the data's own keys and values (JSON.stringify's
 * text is a JavaScript literal), numbers written by `numberCode`, and `h[i]` for the holes: the strings the
 * caller chose to fill in at each call, in the order of the walk. A key `__proto__` is written as a computed
 * key, which makes an own property as JSON.parse and YAML readers do, never a prototype.
 */

/** A compiled copier: the copy, with `holeValues[i]` in place of the hole `holes[i]`. */
export interface CompiledCopy {
  readonly holes: readonly string[];
  readonly copy: (holeValues: readonly unknown[]) => unknown;
}

/** Copies larger than this are not compiled: a function's text this long would cost more than it saves. */
const MAX_CODE_LENGTH = 256 * 1024;

/**
 * The copier for `value`, with the strings `isHole` picks as holes; undefined when the value holds anything
 * but maps, lists, strings, finite or infinite numbers, booleans and null, or when the code cannot be
 * compiled (Node.js run with --disallow-code-generation-from-strings): the caller then copies by walking.
 */
export function compileCopy(value: unknown, isHole: (text: string) => boolean): CompiledCopy | undefined {
  const holes: string[] = [];
  const code = literalCode(value, isHole, holes);
  if (code === undefined || code.length > MAX_CODE_LENGTH) return undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the text is literals only (see the top of this file)
    const copy = new Function('h', `'use strict';\nreturn ${code};`) as CompiledCopy['copy'];
    return { holes, copy };
  } catch {
    return undefined;
  }
}

function literalCode(node: unknown, isHole: (text: string) => boolean, holes: string[]): string | undefined {
  if (typeof node === 'string') {
    if (!isHole(node)) return JSON.stringify(node);
    holes.push(node);
    return `h[${holes.length - 1}]`;
  }
  if (typeof node === 'number') return numberCode(node);
  if (typeof node === 'boolean' || node === null) return String(node);
  if (Array.isArray(node)) return listCode(node, isHole, holes);
  if (typeof node === 'object' && isPlainObject(node)) return mapCode(node as Record<string, unknown>, isHole, holes);
  return undefined;
}

function listCode(list: readonly unknown[], isHole: (text: string) => boolean, holes: string[]): string | undefined {
  const items: string[] = [];
  for (let i = 0; i < list.length; i++) {
    if (!(i in list)) return undefined; // a hole in the list: not plain data
    const item = literalCode(list[i], isHole, holes);
    if (item === undefined) return undefined;
    items.push(item);
  }
  return `[${items.join(',')}]`;
}

function mapCode(map: Record<string, unknown>, isHole: (text: string) => boolean, holes: string[]): string | undefined {
  const entries: string[] = [];
  for (const key of Object.keys(map)) {
    const item = literalCode(map[key], isHole, holes);
    if (item === undefined) return undefined;
    entries.push(`${key === '__proto__' ? '["__proto__"]' : JSON.stringify(key)}:${item}`);
  }
  return `{${entries.join(',')}}`;
}

function isPlainObject(node: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(node);
  return prototype === Object.prototype || prototype === null;
}

/** A number as code that gives it back exactly: -0, NaN and the infinities included. */
function numberCode(n: number): string {
  if (Object.is(n, -0)) return '-0';
  if (Number.isFinite(n)) return String(n);
  return Number.isNaN(n) ? '(0/0)' : n > 0 ? '(1/0)' : '(-1/0)';
}
