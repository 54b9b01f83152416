/**
 * Setting and deleting a value in place at a path of map keys and list indexes (--override-property and
 * patch templates). Keys are data: a map's own keys only, `__proto__` included, and no prototype is touched.
 */
import { isPlainMap, ownValue, setOwn } from './plain-data.js';

export type PathSegment = string | number;

/** Why a step cannot be taken; `position` is the 0-based index of the segment that takes it. */
export type PathProblem =
  | { readonly kind: 'not-an-index'; readonly list: readonly unknown[]; readonly segment: PathSegment; readonly position: number }
  | { readonly kind: 'into-scalar'; readonly value: unknown; readonly position: number };

export interface PathRules {
  /** The error for a step that cannot be taken (each caller words its own). */
  readonly fail: (problem: PathProblem) => Error;
  /**
   * --override-property's way: on the way to the last segment, a scalar, null or the item just past a list's
   * end counts as missing, so setting puts a map there and deleting finds nothing. Otherwise stepping into a
   * scalar fails, and so does an index past a list's end.
   */
  readonly forgiving?: boolean;
  /** The segment `-1` appends to a list when setting, and names its last item when deleting. */
  readonly minusOneIsEnd?: boolean;
}

type Container = unknown[] | Record<string, unknown>;
type Op = 'set' | 'delete';

/** Sets `value` at `path` (not empty) inside `root`; maps missing on the way are made. */
export function setAtPath(root: unknown, path: readonly PathSegment[], value: unknown, rules: PathRules): void {
  const parent = parentOf(root, path, 'set', rules);
  const last = path[path.length - 1]!;
  if (parent === undefined) return;
  if (!Array.isArray(parent)) setOwn(parent, String(last), value);
  else if (rules.minusOneIsEnd && last === '-1') parent.push(value);
  else parent[listIndex(parent, last, path.length - 1, true, rules)] = value;
}

/** Deletes what is at `path` (not empty) inside `root`; deleting under something missing changes nothing. */
export function deleteAtPath(root: unknown, path: readonly PathSegment[], rules: PathRules): void {
  const parent = parentOf(root, path, 'delete', rules);
  const last = path[path.length - 1]!;
  if (parent === undefined) return;
  if (!Array.isArray(parent)) delete parent[String(last)];
  else if (rules.minusOneIsEnd && last === '-1') parent.pop();
  else parent.splice(listIndex(parent, last, path.length - 1, false, rules), 1);
}

/** The map or list the last segment addresses; undefined when something on the way is missing. */
function parentOf(root: unknown, path: readonly PathSegment[], op: Op, rules: PathRules): Container | undefined {
  let node = root;
  for (const [position, segment] of path.entries()) {
    if (!isContainer(node)) {
      if (node === undefined || (rules.forgiving && op === 'delete')) return undefined;
      throw rules.fail({ kind: 'into-scalar', value: node, position });
    }
    if (position === path.length - 1) return node;
    node = step(node, segment, position, op, rules);
  }
  return undefined;
}

/** The value one segment down; setting makes a map where one is missing (and, forgiving, where a scalar is). */
function step(node: Container, segment: PathSegment, position: number, op: Op, rules: PathRules): unknown {
  const forgivingSet = op === 'set' && rules.forgiving === true;
  if (Array.isArray(node)) {
    const index = listIndex(node, segment, position, forgivingSet, rules);
    if (forgivingSet && !isContainer(node[index])) node[index] = {};
    return node[index];
  }
  const key = String(segment);
  const child = ownValue(node, key);
  const missing = rules.forgiving ? !isContainer(child) : child === undefined;
  if (op === 'delete' || !missing) return child;
  setOwn(node, key, {});
  return node[key];
}

/** A list position: an index below the length (or equal to it, to append, when `upToEnd`). */
function listIndex(list: unknown[], segment: PathSegment, position: number, upToEnd: boolean, rules: PathRules): number {
  const limit = upToEnd ? list.length : list.length - 1;
  if (typeof segment !== 'number' || segment > limit) throw rules.fail({ kind: 'not-an-index', list, segment, position });
  return segment;
}

function isContainer(value: unknown): value is Container {
  return Array.isArray(value) || isPlainMap(value);
}
