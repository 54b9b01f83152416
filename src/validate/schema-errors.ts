/** Turns ajv's raw errors into one readable diagnostic per problem. */
import type { ErrorObject } from 'ajv';
import type { Diagnostic, Location } from '../errors.js';
import type { FieldPath } from '../load/yaml-source.js';

/** Finds the location of a field: `key` asks for the key itself rather than its value. */
export type Locate = (path: FieldPath, key: boolean) => Location;

export function schemaErrorsToDiagnostics(errors: readonly ErrorObject[], locate: Locate): Diagnostic[] {
  const relevant = foldKeyNameErrors(dropBranchNoise(errors));
  const byPath = new Map<string, Diagnostic>();
  for (const group of groupTypeErrors(relevant)) {
    const d = toDiagnostic(group, locate);
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
  const ambiguous = errors.filter((e) => e.keyword === 'oneOf' && (e.params as { passingSchemas?: unknown }).passingSchemas && !typeErrorAt(e.instancePath));
  const insideAmbiguous = (e: ErrorObject) => ambiguous.some((a) => e.instancePath === a.instancePath && e.schemaPath.startsWith(a.schemaPath + '/'));
  const pruned = kept.filter((e) => !(e.keyword === 'type' && deeper(e)) && !insideAmbiguous(e));
  return [...pruned, ...ambiguous];
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
      const reasons = inner.filter((i) => i.instancePath === e.instancePath && i.propertyName === name).map((i) => i.message ?? i.keyword);
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

function toDiagnostic(group: readonly ErrorObject[], locate: Locate): Diagnostic {
  const e = group[0]!;
  const path = pointerToPath(e.instancePath);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type': {
      const types = [...new Set(group.map((g) => String((g.params as { type: string }).type)))];
      return { location: locate(path, false), field: fieldName(path), message: `must be ${types.join(' or ')}` };
    }
    case 'additionalProperties': {
      const child = [...path, String(params.additionalProperty)];
      return { location: locate(child, true), field: fieldName(child), message: 'unknown field; remove it or check its spelling' };
    }
    case 'required': {
      const child = [...path, String(params.missingProperty)];
      // Locating the missing child finds the override that deleted it, or else its parent.
      return { location: locate(child, false), field: fieldName(child), message: 'is required' };
    }
    case 'false schema': {
      const hint = path[path.length - 1] === 'target' ? '; in the map form the key is the target path' : '';
      return { location: locate(path, true), field: fieldName(path), message: `is not allowed here${hint}` };
    }
    case 'oneOf':
      return { location: locate(path, false), field: fieldName(path), message: 'matches more than one allowed form; set only one of the alternative fields' };
    case 'pattern':
      return { location: locate(path, false), field: fieldName(path), message: `must match the pattern ${String(params.pattern)}` };
    case 'enum':
      return { location: locate(path, false), field: fieldName(path), message: `must be one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}` };
    case 'propertyNames': {
      const name = String(params.propertyName);
      const child = [...path, name];
      return { location: locate(child, true), field: fieldName(child), message: `'${name}' is not an allowed name: ${e.message ?? 'invalid'}` };
    }
    default:
      return { location: locate(path, false), field: fieldName(path), message: e.message ?? `fails ${e.keyword}` };
  }
}

export function pointerToPath(pointer: string): Array<string | number> {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * Field names in the --override-property syntax, so a user can paste them: dots inside keys are escaped
 * (`metadata.annotations.k8s\.score\.dev/kind`) and list items are `[index]`.
 */
export function fieldName(path: FieldPath): string {
  return path
    .map((s) => (typeof s === 'number' ? `[${s}]` : s.replace(/\\/g, '\\\\').replace(/\./g, '\\.').replace(/\[/g, '\\[')))
    .join('.')
    .replace(/\.\[/g, '[');
}
