/** Score `files` and `volumes` come as a map keyed by target, or (deprecated) as a list with `target`. */
import type { FieldPath } from './types.js';

export interface TargetEntry<T> {
  readonly target: string;
  readonly value: T;
  /** Where the entry was written, for error messages. */
  readonly path: FieldPath;
}

export function entriesByTarget<T extends object>(
  field: Record<string, T> | Array<T & { target?: string }> | undefined,
  basePath: FieldPath,
  onMissingTarget: (path: FieldPath) => void,
): TargetEntry<T>[] {
  if (field === undefined) return [];
  if (!Array.isArray(field)) {
    return Object.entries(field).map(([target, value]) => ({ target, value, path: [...basePath, target] }));
  }
  const entries: TargetEntry<T>[] = [];
  field.forEach((item, index) => {
    const path = [...basePath, index];
    if (typeof item.target !== 'string' || item.target === '') onMissingTarget(path);
    else entries.push({ target: item.target, value: item, path });
  });
  return entries;
}
