/**
 * A copier for one piece of plain data, compiled to a function that returns it as one literal: V8 builds
 * such a literal about ten times faster than a walk that copies the data key by key, which matters for the
 * shapes of rendered YAML (rendered-shapes.ts) that every resource of a type is copied from.
 *
 * The function's text holds nothing but JSON literals of the data's own keys and values (JSON.stringify's
 * text is a JavaScript literal), numbers written by `numberCode`, and `h[i]` for the holes: the strings the
 * caller chose to fill in at each call, in the order of the walk. A key `__proto__` is written as a computed
 * key, which makes an own property as JSON.parse and YAML readers do, never a prototype. Where no function
 * is compiled, the copier walks the data instead, with the same result.
 */
import { setOwn } from '../base/plain-data.js';

/** A copier: `copy` gives a new copy, with `holeValues[i]` in place of the hole `holes[i]`. */
export interface CompiledCopy {
  readonly holes: readonly string[];
  readonly copy: (holeValues: readonly unknown[]) => unknown;
}

/** Copies larger than this are not compiled: a function's text this long would cost more than it saves. */
const MAX_CODE_LENGTH = 256 * 1024;

/**
 * The copier for `value`, with the strings `isHole` picks as holes. It is compiled unless the value holds
 * anything but maps, lists, strings, numbers, booleans and null, its code would be too long, or the code
 * cannot be compiled (Node.js run with --disallow-code-generation-from-strings); then it walks.
 */
export function compileCopy(value: unknown, isHole: (text: string) => boolean): CompiledCopy {
  const holes: string[] = [];
  const code = literalCode(value, isHole, holes);
  const copy = code !== undefined && code.length <= MAX_CODE_LENGTH ? compiled(code) : undefined;
  if (copy !== undefined) return { holes, copy };
  const walkedHoles: string[] = [];
  walk(value, (text) => {
    if (isHole(text)) walkedHoles.push(text);
    return text;
  });
  return {
    holes: walkedHoles,
    copy: (holeValues) => {
      let next = 0;
      return walk(value, (text) => (isHole(text) ? holeValues[next++] : text));
    },
  };
}

function compiled(code: string): CompiledCopy['copy'] | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the text is literals only (see the top of this file)
    return new Function('h', `'use strict';\nreturn ${code};`) as CompiledCopy['copy'];
  } catch {
    return undefined;
  }
}

/** A copy of the maps and lists in `node`, each string as `text` gives it; anything else is the same value. */
function walk(node: unknown, text: (s: string) => unknown): unknown {
  if (typeof node === 'string') return text(node);
  if (Array.isArray(node)) return node.map((item) => walk(item, text));
  if (typeof node !== 'object' || node === null || !isPlainObject(node)) return node;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(node)) setOwn(copy, key, walk((node as Record<string, unknown>)[key], text));
  return copy;
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
