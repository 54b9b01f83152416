/**
 * The operations a patch template renders: `set` a value or `delete` a field at a dotted path into the list
 * of manifests (`2.spec.replicas`, `0.metadata.labels.team`, `1.spec.template.spec.containers.-1` to append).
 * Paths use the --override-property grammar: `\.` for a dot inside a key, numbers index lists.
 */
import { isPlainMap, ownValue, setOwn } from '../base/plain-data.js';
import { parsePropertyPath, type PathSegment } from '../override/property-path.js';

export interface PatchOperation {
  readonly op: 'set' | 'delete';
  readonly path: string;
  readonly value?: unknown;
  readonly description?: string;
}

/**
 * Why an operation cannot be applied; the caller names the template and the operation. A patch template sees
 * every manifest, Secrets among them, so no message shows any rendered text: a path's parts are named by
 * their position (segment N), an op or a field by what it should be.
 */
export class PatchError extends Error {}

/** Checks one rendered list item; returns the operation or throws PatchError. */
export function toOperation(item: unknown): PatchOperation {
  if (!isPlainMap(item)) throw new PatchError('each operation must be a map with op and path');
  const { op, path, description } = item;
  if (op !== 'set' && op !== 'delete') throw new PatchError("op must be 'set' or 'delete'");
  if (typeof path !== 'string' || path === '') throw new PatchError('path must be a non-empty string such as 0.spec.replicas');
  if (op === 'set' && !Object.hasOwn(item, 'value')) throw new PatchError('a set operation needs a value');
  const extra = Object.keys(item).filter((k) => !['op', 'path', 'value', 'description'].includes(k)).length;
  if (extra > 0) throw new PatchError(`an operation has only the fields op, path, value and description (it has ${extra} other field${extra === 1 ? '' : 's'})`);
  return { op, path, ...(op === 'set' ? { value: item.value } : {}), ...(typeof description === 'string' ? { description } : {}) };
}

/** Applies one operation to the manifest list in place. */
export function applyOperation(manifests: unknown[], operation: PatchOperation): void {
  let segments: PathSegment[];
  try {
    segments = parsePropertyPath(operation.path);
  } catch (e) {
    // The parser's reason is fixed text; its message also quotes the path, which is left out.
    throw new PatchError(`the path is not valid: ${/ is not valid: (.*)$/s.exec((e as Error).message)?.[1] ?? 'it cannot be read'}`);
  }
  const parent = walk(manifests, segments.slice(0, -1), operation);
  if (parent === undefined) return; // deleting under a missing field: nothing to do
  const last = segments[segments.length - 1]!;
  if (operation.op === 'set') setIn(parent, last, segments.length - 1, structuredClone(operation.value));
  else deleteIn(parent, last, segments.length - 1);
}

/** The container the last segment addresses; for `set`, missing maps on the way are created. */
function walk(root: unknown[], segments: readonly PathSegment[], operation: PatchOperation): unknown[] | Record<string, unknown> | undefined {
  let node: unknown = root;
  for (const [i, segment] of segments.entries()) {
    let next: unknown;
    if (Array.isArray(node)) next = node[listIndex(node, segment, i, false)];
    else if (isPlainMap(node)) {
      next = ownValue(node, String(segment));
      if (next === undefined && operation.op === 'set') setOwn(node, String(segment), (next = {}));
    } else {
      throw new PatchError(intoScalar(i, node));
    }
    if (next === undefined) return undefined;
    node = next;
  }
  if (Array.isArray(node) || isPlainMap(node)) return node;
  if (node === undefined) return undefined;
  throw new PatchError(intoScalar(segments.length, node));
}

/** Segment `index` (0-based) cannot be applied: the value it goes into is a scalar. */
function intoScalar(index: number, node: unknown): string {
  return `segment ${index + 1} of the path goes into ${describe(node)}, which has no fields`;
}

function setIn(parent: unknown[] | Record<string, unknown>, segment: PathSegment, position: number, value: unknown): void {
  if (!Array.isArray(parent)) return setOwn(parent, String(segment), value);
  if (segment === '-1') parent.push(value);
  else parent[listIndex(parent, segment, position, true)] = value;
}

function deleteIn(parent: unknown[] | Record<string, unknown>, segment: PathSegment, position: number): void {
  if (!Array.isArray(parent)) {
    delete parent[String(segment)];
    return;
  }
  const index = segment === '-1' ? parent.length - 1 : listIndex(parent, segment, position, false);
  if (index >= 0) parent.splice(index, 1);
}

/** A list position: an index below the length (or equal to it, to append, when setting); `position` is the segment's, 0-based. */
function listIndex(list: unknown[], segment: PathSegment, position: number, forSet: boolean): number {
  const limit = forSet ? list.length : list.length - 1;
  if (typeof segment !== 'number' || segment > limit) {
    throw new PatchError(`segment ${position + 1} of the path is not an index of a list of ${list.length} item${list.length === 1 ? '' : 's'} (use -1 to append)`);
  }
  return segment;
}

function describe(value: unknown): string {
  return value === null ? 'null' : `a ${typeof value}`;
}
