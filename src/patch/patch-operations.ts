/**
 * The operations a patch template renders: `set` a value or `delete` a field at a dotted path into the list
 * of manifests (`2.spec.replicas`, `0.metadata.labels.team`, `1.spec.template.spec.containers.-1` to append).
 * Paths use the --override-property grammar: `\.` for a dot inside a key, numbers index lists.
 */
import { isPlainMap, ownValue, setOwn } from '../plain-data.js';
import { parsePropertyPath, type PathSegment } from '../override/property-path.js';

export interface PatchOperation {
  readonly op: 'set' | 'delete';
  readonly path: string;
  readonly value?: unknown;
  readonly description?: string;
}

/** Why an operation cannot be applied; the caller names the template and the operation. */
export class PatchError extends Error {}

/** Checks one rendered list item; returns the operation or throws PatchError. */
export function toOperation(item: unknown): PatchOperation {
  if (!isPlainMap(item)) throw new PatchError('each operation must be a map with op and path');
  const { op, path, description } = item;
  if (op !== 'set' && op !== 'delete') throw new PatchError(`op must be 'set' or 'delete', not ${JSON.stringify(op)}`);
  if (typeof path !== 'string' || path === '') throw new PatchError('path must be a non-empty string such as 0.spec.replicas');
  if (op === 'set' && !Object.hasOwn(item, 'value')) throw new PatchError(`'set ${path}' needs a value`);
  const extra = Object.keys(item).filter((k) => !['op', 'path', 'value', 'description'].includes(k));
  if (extra.length > 0) throw new PatchError(`unknown field ${extra.map((k) => `'${k}'`).join(', ')}: an operation has op, path, value and description`);
  return { op, path, ...(op === 'set' ? { value: item.value } : {}), ...(typeof description === 'string' ? { description } : {}) };
}

/** Applies one operation to the manifest list in place. */
export function applyOperation(manifests: unknown[], operation: PatchOperation): void {
  let segments: PathSegment[];
  try {
    segments = parsePropertyPath(operation.path);
  } catch (e) {
    throw new PatchError((e as Error).message.replace(/^--override-property path/, 'path'));
  }
  const parent = walk(manifests, segments.slice(0, -1), operation);
  if (parent === undefined) return; // deleting under a missing field: nothing to do
  const last = segments[segments.length - 1]!;
  if (operation.op === 'set') setIn(parent, last, structuredClone(operation.value));
  else deleteIn(parent, last);
}

/** The container the last segment addresses; for `set`, missing maps on the way are created. */
function walk(root: unknown[], segments: readonly PathSegment[], operation: PatchOperation): unknown[] | Record<string, unknown> | undefined {
  let node: unknown = root;
  for (const [i, segment] of segments.entries()) {
    let next: unknown;
    if (Array.isArray(node)) next = node[listIndex(node, segment, false)];
    else if (isPlainMap(node)) {
      next = ownValue(node, String(segment));
      if (next === undefined && operation.op === 'set') setOwn(node, String(segment), (next = {}));
    } else {
      throw new PatchError(`'${segments.slice(0, i).join('.')}' is ${describe(node)}, so it has no field '${segment}'`);
    }
    if (next === undefined) return undefined;
    node = next;
  }
  if (Array.isArray(node) || isPlainMap(node)) return node;
  if (node === undefined) return undefined;
  throw new PatchError(`'${segments.join('.')}' is ${describe(node)}, so it has no fields`);
}

function setIn(parent: unknown[] | Record<string, unknown>, segment: PathSegment, value: unknown): void {
  if (!Array.isArray(parent)) return setOwn(parent, String(segment), value);
  if (segment === '-1') parent.push(value);
  else parent[listIndex(parent, segment, true)] = value;
}

function deleteIn(parent: unknown[] | Record<string, unknown>, segment: PathSegment): void {
  if (!Array.isArray(parent)) {
    delete parent[String(segment)];
    return;
  }
  const index = segment === '-1' ? parent.length - 1 : listIndex(parent, segment, false);
  if (index >= 0) parent.splice(index, 1);
}

/** A list position: an index below the length (or equal to it, to append, when setting). */
function listIndex(list: unknown[], segment: PathSegment, forSet: boolean): number {
  const limit = forSet ? list.length : list.length - 1;
  if (typeof segment !== 'number' || segment > limit) {
    throw new PatchError(`'${String(segment)}' is not an index of a list of ${list.length} item${list.length === 1 ? '' : 's'} (use -1 to append)`);
  }
  return segment;
}

function describe(value: unknown): string {
  return value === null ? 'null' : `a ${typeof value}`;
}
