/**
 * Checks every record of a loaded project state field by field. A damaged record must be reported, never
 * read as "nothing known": a resource whose `state` no longer reads as a map would otherwise be provisioned
 * afresh, with new passwords that no longer match the running databases.
 */
import type { Diagnostic } from '../base/errors.js';
import { locateValue, parseYamlSource } from '../yaml/yaml-source.js';
import { isPlainMap } from '../base/plain-data.js';
import type { FieldPath } from '../base/types.js';
import { fieldName } from '../base/field-name.js';

type Check = (value: unknown) => boolean;

const isString: Check = (v) => typeof v === 'string';
const isMap: Check = isPlainMap;
const isStringMap: Check = (v) => isPlainMap(v) && Object.values(v).every(isString);
const isStringList: Check = (v) => Array.isArray(v) && v.every(isString);

interface FieldRule {
  readonly check: Check;
  readonly want: string;
  readonly optional?: boolean;
}

const textField: FieldRule = { check: isString, want: 'a string' };
const mapField: FieldRule = { check: isMap, want: 'a map' };

/** The fields of a resource record that score-ts reads (see ResourceRecord). */
const RESOURCE_FIELDS: Readonly<Record<string, FieldRule>> = {
  type: textField,
  class: textField,
  id: textField,
  guid: textField,
  provisioner: textField,
  sourceWorkload: textField,
  state: mapField,
  outputs: mapField,
  secretValues: { check: isStringMap, want: 'a map of strings', optional: true },
};

/** The fields of a workload record that score-ts reads (see WorkloadRecord). */
const WORKLOAD_FIELDS: Readonly<Record<string, FieldRule>> = {
  file: textField,
  image: { ...textField, optional: true },
  overridesFile: { ...textField, optional: true },
  overrideProperties: { check: isStringList, want: 'a list of strings', optional: true },
};

/** Problems in the records of a state whose top level is already known to be sound, with their lines. */
export function checkStateRecords(display: string, text: string, state: Record<string, unknown>): Diagnostic[] {
  const found: Array<{ path: FieldPath; message: string }> = [];
  if (state.project !== undefined && !isString(state.project))
    found.push({ path: ['project'], message: `must be a string (${describe(state.project)})` });
  if (state.outputFiles !== undefined && !isStringList(state.outputFiles))
    found.push({ path: ['outputFiles'], message: `must be a list of strings (${describeMismatch(state.outputFiles, 'a list')})` });
  for (const [section, rules] of [
    ['workloads', WORKLOAD_FIELDS],
    ['resources', RESOURCE_FIELDS],
  ] as const) {
    const records = state[section];
    if (!isPlainMap(records)) continue;
    for (const [name, record] of Object.entries(records)) found.push(...checkRecord([section, name], record, rules));
  }
  if (found.length === 0) return [];
  const source = parseYamlSource(display, text);
  return found.map(({ path, message }) => ({ location: locateValue(source, path), field: fieldName(path), message }));
}

function checkRecord(
  at: FieldPath,
  record: unknown,
  rules: Readonly<Record<string, FieldRule>>,
): Array<{ path: FieldPath; message: string }> {
  if (!isPlainMap(record)) return [{ path: at, message: `must be a map (${describe(record)})` }];
  const problems: Array<{ path: FieldPath; message: string }> = [];
  for (const [field, rule] of Object.entries(rules)) {
    const value = Object.hasOwn(record, field) ? record[field] : undefined;
    if (value === undefined && rule.optional) continue;
    if (!rule.check(value))
      problems.push({ path: [...at, field], message: `must be ${rule.want} (${describeMismatch(value, rule.want)})` });
  }
  return problems;
}

/** Why a value is not what `want` says: a list or map of the right kind holds a value that is not a string. */
function describeMismatch(value: unknown, want: string): string {
  const rightKind = (Array.isArray(value) && want.startsWith('a list')) || (isPlainMap(value) && want.startsWith('a map'));
  return rightKind ? 'some of its values are not strings' : describe(value);
}

/** What a value is, never the value itself (it may be a password). */
function describe(value: unknown): string {
  if (value === undefined) return 'it is missing';
  if (value === null) return 'it is null';
  if (Array.isArray(value)) return 'it is a list';
  if (isPlainMap(value)) return 'it is a map';
  return `it is a ${typeof value}`;
}
