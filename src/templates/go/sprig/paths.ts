/**
 * sprig's path functions: Go's path package (slash-separated paths) and path/filepath, which is the same on
 * Linux and macOS, where score-k8s runs; the os* functions follow Unix rules on every platform, so a
 * provisioner renders the same everywhere.
 */
import { goFunc, type GoFunc } from '../funcs.js';
import { T } from '../go-types.js';

/** path.Clean: the shortest equivalent path (no //, no . elements, .. resolved where possible). */
export function clean(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const out: string[] = [];
  let dotdot = 0;
  for (const element of path.split('/')) {
    if (element === '' || element === '.') continue;
    if (element !== '..') out.push(element);
    else if (out.length > dotdot) out.pop();
    else if (!rooted) {
      out.push('..');
      dotdot = out.length;
    }
  }
  const joined = out.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

/** path.Base: the last element, trailing slashes removed ("/" for only slashes, "." for ""). */
export function base(path: string): string {
  if (path === '') return '.';
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** path.Dir: everything but the last element, cleaned. */
export function dir(path: string): string {
  return clean(path.slice(0, path.lastIndexOf('/') + 1));
}

/** path.Ext: the last element's suffix from its last dot, or "". */
export function ext(path: string): string {
  for (let i = path.length - 1; i >= 0 && path[i] !== '/'; i--) if (path[i] === '.') return path.slice(i);
  return '';
}

const str = T.string;
const fn = (f: (p: string) => string): GoFunc => goFunc([str], str, ([p]) => f(p as string));
const isAbs = goFunc([str], T.bool, ([p]) => (p as string).startsWith('/'));

export const PATH_FUNCS: Readonly<Record<string, GoFunc>> = {
  base: fn(base),
  dir: fn(dir),
  clean: fn(clean),
  ext: fn(ext),
  isAbs,
  osBase: fn(base),
  osDir: fn(dir),
  osClean: fn(clean),
  osExt: fn(ext),
  osIsAbs: isAbs,
};
