/**
 * Checks the objects a custom provisioner or a patch template emits against their kind's Kubernetes schema,
 * as the API server's strict decoding and validation would: unknown fields, wrong types, missing required
 * fields, values outside an enum. Kinds without a schema here (custom resources) pass unchecked.
 * Cost is linear in the objects' size; each object's problems are capped (MAX_PROBLEMS, then a count).
 */
import type { ErrorObject } from 'ajv';
import { isPlainMap } from '../base/plain-data.js';
import { loadKindValidators, type FieldTable, type KindValidators } from './kubernetes-validators.js';
import { closestField, knownFields } from './suggest-field.js';

export const MAX_PROBLEMS = 20;

export interface ObjectProblem {
  /** `manifests[0] (Deployment web): spec.replica: unknown field (did you mean replicas?)`. */
  readonly message: string;
  /** The field name a template would write for it (`replica`), to find its line; none for the count of the rest. */
  readonly key?: string;
}

export interface ObjectsCheck {
  readonly problems: ObjectProblem[];
  /** `apiVersion kind` of the objects that were not checked, once each. */
  readonly unchecked: string[];
}

let loaded: { validators: KindValidators; fields: FieldTable } | undefined;

export function checkObjects(objects: readonly unknown[]): ObjectsCheck {
  loaded ??= loadKindValidators();
  const { validators, fields } = loaded;
  const problems: ObjectProblem[] = [];
  const unchecked = new Set<string>();
  objects.forEach((object, index) => {
    if (!isPlainMap(object)) return;
    const kind = `${String(object.apiVersion)}/${String(object.kind)}`;
    const validate = validators[kind];
    if (!validate) {
      unchecked.add(`${String(object.apiVersion)} ${String(object.kind)}`);
      return;
    }
    const data = withoutNulls(object);
    if (validate(data)) return;
    const name = isPlainMap(object.metadata) ? String(object.metadata.name) : '';
    const found = new Map<string, string | undefined>();
    for (const e of validate.errors ?? [])
      found.set(
        problemMessage(e, data, (at) => knownFields(fields, kind, segments(at), data)),
        problemKey(e),
      );
    const shown: ObjectProblem[] = [...found]
      .slice(0, MAX_PROBLEMS)
      .map(([message, key]) => (key === undefined ? { message } : { message, key }));
    if (found.size > MAX_PROBLEMS) shown.push({ message: `and ${found.size - MAX_PROBLEMS} more problems` });
    problems.push(...shown.map((p) => ({ ...p, message: `manifests[${index}] (${String(object.kind)} ${name}): ${p.message}` })));
  });
  return { problems, unchecked: [...unchecked].sort() };
}

/** Deeper than any schema looks (free-form maps such as status are not looked into): left as it is. */
const SCHEMA_DEPTH = 64;

/** A null field is an absent one, as Kubernetes decodes it (a required one is then missing). */
function withoutNulls(value: unknown, depth = 0): unknown {
  if (depth > SCHEMA_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => withoutNulls(item, depth + 1));
  if (!isPlainMap(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== null) copy[key] = withoutNulls(item, depth + 1);
  return copy;
}

/** The problem without the value (it may be a Secret's): the field and what it must be. */
function problemMessage(error: ErrorObject, data: unknown, fieldsAt: (instancePath: string) => string[]): string {
  const at = fieldPath(error.instancePath, data);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const meant = closestField(String(params.additionalProperty), fieldsAt(error.instancePath));
      return `${joinField(at, String(params.additionalProperty))}: unknown field${meant ? ` (did you mean ${meant}?)` : ''}`;
    }
    case 'required':
      return `${joinField(at, String(params.missingProperty))}: required field is missing`;
    case 'type':
      return `${at || 'the object'}: must be ${typeWords(params.type)}, not ${kindOf(valueAt(error.instancePath, data))}`;
    case 'enum':
      return `${at}: must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'const':
      return `${at}: must be ${String(params.allowedValue)}`;
    default:
      return `${at}: ${error.message ?? error.keyword}`;
  }
}

/** The last field name of the problem's path (the missing field's parent: the missing one is not written). */
function problemKey(error: ErrorObject): string | undefined {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') return String(params.additionalProperty);
  return segments(error.instancePath)
    .filter((s) => !/^\d+$/.test(s))
    .at(-1);
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean',
  object: 'a map',
  array: 'a list',
};

function typeWords(type: unknown): string {
  return (Array.isArray(type) ? type : [type]).map((t) => TYPE_WORDS[String(t)] ?? String(t)).join(' or ');
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isPlainMap(value)) return 'a map';
  return typeof value === 'number' ? (Number.isInteger(value) ? 'an integer' : 'a number') : `a ${typeof value}`;
}

function segments(instancePath: string): string[] {
  return instancePath === ''
    ? []
    : instancePath
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function valueAt(instancePath: string, data: unknown): unknown {
  return segments(instancePath).reduce<unknown>((v, s) => (Array.isArray(v) ? v[Number(s)] : isPlainMap(v) ? v[s] : undefined), data);
}

/** `spec.template.spec.containers[0].ports`, a key with dots or slashes quoted: `metadata.labels["app.kubernetes.io/name"]`. */
function fieldPath(instancePath: string, data: unknown): string {
  let path = '';
  let value = data;
  for (const s of segments(instancePath)) {
    path = Array.isArray(value) ? `${path}[${s}]` : joinField(path, s);
    value = Array.isArray(value) ? value[Number(s)] : isPlainMap(value) ? value[s] : undefined;
  }
  return path;
}

function joinField(path: string, key: string): string {
  if (!/^[A-Za-z_$][\w$-]*$/.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}
