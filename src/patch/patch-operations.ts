/**
 * The operations a patch template renders: `set` a value or `delete` a field at a dotted path into the list
 * of manifests (`2.spec.replicas`, `0.metadata.labels.team`, `1.spec.template.spec.containers.-1` to append).
 * Paths use the --override-property grammar: `\.` for a dot inside a key, numbers index lists.
 */
import { isPlainMap } from '../base/plain-data.js';
import { deleteAtPath, setAtPath, type PathProblem } from '../base/data-path.js';
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
  if (extra > 0)
    throw new PatchError(
      `an operation has only the fields op, path, value and description (it has ${extra} other field${extra === 1 ? '' : 's'})`,
    );
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
  const rules = { minusOneIsEnd: true, fail: patchPathError };
  if (operation.op === 'set') setAtPath(manifests, segments, structuredClone(operation.value), rules);
  else deleteAtPath(manifests, segments, rules);
}

/** A path's part is named by its position (segment N), never quoted. */
function patchPathError(problem: PathProblem): PatchError {
  const segment = problem.position + 1;
  if (problem.kind === 'into-scalar')
    return new PatchError(`segment ${segment} of the path goes into ${describe(problem.value)}, which has no fields`);
  const items = problem.list.length;
  return new PatchError(
    `segment ${segment} of the path is not an index of a list of ${items} item${items === 1 ? '' : 's'} (use -1 to append)`,
  );
}

function describe(value: unknown): string {
  return value === null ? 'null' : `a ${typeof value}`;
}
