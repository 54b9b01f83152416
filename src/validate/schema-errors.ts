/** Turns ajv's raw errors into one readable diagnostic per problem. */
import { fieldName } from '../base/field-name.js';
import type { ErrorObject } from 'ajv';
import type { Diagnostic, Location } from '../base/errors.js';
import type { FieldPath } from '../base/types.js';
import { describeValue, limitMessage, patternMessage, typeMessage } from './schema-messages.js';

/** Finds the location of a field: `key` asks for the key itself rather than its value. */
export type Locate = (path: FieldPath, key: boolean) => Location;

/** `document` is the validated value: type errors say what the value is. */
export function schemaErrorsToDiagnostics(errors: readonly ErrorObject[], locate: Locate, document?: unknown): Diagnostic[] {
  const relevant = foldKeyNameErrors(dropPatternLengthTwins(dropBranchNoise(errors)));
  const byPath = new Map<string, Diagnostic>();
  for (const group of groupTypeErrors(relevant)) {
    const d = toDiagnostic(group, locate, document);
    const id = `${d.field}\u0000${d.message}`;
    if (!byPath.has(id)) byPath.set(id, d);
  }
  return [...byPath.values()];
}

/**
 * `oneOf`/`anyOf` report every failed branch. Keep the errors of the branch that got furthest into the
 * document (the one the user meant), and drop the summary errors of the combinators themselves.
 */
function dropBranchNoise(errors: readonly ErrorObject[]): ErrorObject[] {
  const kept = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && e.keyword !== 'if');
  // A type error with errors below it comes from a branch the user did not mean: the value has the type
  // another branch wanted, or there would be nothing below it to complain about.
  const deeper = (e: ErrorObject) => kept.some((o) => o.instancePath.startsWith(e.instancePath + '/'));
  const typeErrorAt = (at: string) => kept.some((o) => o.keyword === 'type' && o.instancePath === at);
  // A oneOf that failed because several branches matched is the one problem there: the errors of its
  // other branches would ask for yet another alternative. A value of the wrong type matches vacuously.
  const ambiguous = errors.filter(
    (e) => e.keyword === 'oneOf' && (e.params as { passingSchemas?: unknown }).passingSchemas && !typeErrorAt(e.instancePath),
  );
  const insideAmbiguous = (e: ErrorObject) =>
    ambiguous.some((a) => e.instancePath === a.instancePath && e.schemaPath.startsWith(a.schemaPath + '/'));
  const pruned = kept.filter((e) => !(e.keyword === 'type' && deeper(e)) && !insideAmbiguous(e));
  return [...pruned, ...ambiguous];
}

/** A described pattern says the length too: a length error beside it at the same place says it twice. */
function dropPatternLengthTwins(errors: readonly ErrorObject[]): ErrorObject[] {
  const patternAt = new Set(errors.filter((e) => e.keyword === 'pattern').map((e) => `${e.instancePath}\u0000${e.propertyName ?? ''}`));
  return errors.filter(
    (e) => !((e.keyword === 'minLength' || e.keyword === 'maxLength') && patternAt.has(`${e.instancePath}\u0000${e.propertyName ?? ''}`)),
  );
}

/**
 * A bad key name gives one `propertyNames` error plus the inner errors about the name (marked with
 * `propertyName`): fold the inner messages into the outer one.
 */
function foldKeyNameErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const inner = errors.filter((e) => e.propertyName !== undefined);
  return errors
    .filter((e) => e.propertyName === undefined)
    .map((e) => {
      if (e.keyword !== 'propertyNames') return e;
      const name = (e.params as { propertyName: string }).propertyName;
      const reasons = inner.filter((i) => i.instancePath === e.instancePath && i.propertyName === name).map((i) => keywordMessage(i, name));
      return { ...e, message: reasons.join('; ') };
    });
}

/** "must be object" and "must be array" at one path read better as "must be object or array". */
function groupTypeErrors(errors: readonly ErrorObject[]): ErrorObject[][] {
  const groups: ErrorObject[][] = [];
  const typeGroups = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    if (e.keyword === 'type') {
      const existing = typeGroups.get(e.instancePath);
      if (existing) {
        existing.push(e);
        continue;
      }
      const group = [e];
      typeGroups.set(e.instancePath, group);
      groups.push(group);
    } else {
      groups.push([e]);
    }
  }
  return groups;
}

function toDiagnostic(group: readonly ErrorObject[], locate: Locate, document: unknown): Diagnostic {
  const e = group[0]!;
  const path = pointerToPath(e.instancePath);
  const params = e.params as Record<string, unknown>;
  const at = (p: FieldPath, key: boolean, message: string): Diagnostic => ({ location: locate(p, key), field: fieldName(p), message });
  switch (e.keyword) {
    case 'type': {
      const types = [...new Set(group.map((g) => String((g.params as { type: string }).type)))];
      const actual = valueAt(document, path);
      const location = locate(path, false);
      return { location, field: fieldName(path), message: typeMessage(types, actual) + quoteHint(types, actual, location.origin, path) };
    }
    case 'additionalProperties':
      return at([...path, String(params.additionalProperty)], true, 'unknown field; remove it or check its spelling');
    case 'required':
      // Locating the missing child finds the override that deleted it, or else its parent.
      return at([...path, String(params.missingProperty)], false, 'is required');
    case 'false schema':
      return at(
        path,
        true,
        `is not allowed here${path[path.length - 1] === 'target' ? '; in the map form the key is the target path' : ''}`,
      );
    case 'oneOf':
      return at(path, false, 'matches more than one allowed form; set only one of the alternative fields');
    case 'propertyNames': {
      const name = String(params.propertyName);
      return at([...path, name], true, `'${name}' is not an allowed name: ${e.message || 'invalid'}`);
    }
    default:
      return at(path, false, keywordMessage(e, valueAt(document, path)));
  }
}

/** The words for a keyword that checks one value. */
function keywordMessage(e: ErrorObject, actual: unknown): string {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'pattern':
      return patternMessage(String(params.pattern));
    case 'enum':
      return `must be one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'const': {
      const allowed = String(params.allowedValue);
      const why = allowed === 'score.dev/v1b1' ? ' (the Score version score-ts reads)' : '';
      return `must be ${allowed}${why}, not ${typeof actual === 'string' && actual.length <= 40 ? actual : describeValue(actual)}`;
    }
    case 'uniqueItems':
      return `lists the same value twice (items [${Math.min(Number(params.i), Number(params.j))}] and [${Math.max(Number(params.i), Number(params.j))}])`;
    default:
      return limitMessage(e.keyword, Number(params.limit)) ?? `does not satisfy the schema's ${e.keyword} rule`;
  }
}

/** A number or boolean where a string is wanted: how to write it as a string, in a file or in the flag. */
function quoteHint(types: readonly string[], actual: unknown, origin: string | undefined, path: FieldPath): string {
  if (!types.includes('string') || (typeof actual !== 'number' && typeof actual !== 'boolean')) return '';
  if (origin?.startsWith('--override-property'))
    return ` (the value is read as YAML); quote it to pass a string: --override-property '${fieldName(path)}="${String(actual)}"'`;
  return `; quote it to make it a string: "${String(actual)}"`;
}

/** The value at `path` in the document, if there is one. */
function valueAt(document: unknown, path: FieldPath): unknown {
  let node = document;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null || !Object.prototype.hasOwnProperty.call(node, segment)) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

export function pointerToPath(pointer: string): Array<string | number> {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
