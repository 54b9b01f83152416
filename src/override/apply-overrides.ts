/**
 * Applies --overrides-file (a deep merge where null deletes) and --override-property (set or delete one
 * path) to a Score document, remembering which override set each path so later errors can name it.
 */
import { InputError, UsageError, type Location } from '../base/errors.js';
import { locateKey, locateValue, parseYamlData, type YamlSource } from '../yaml/yaml-source.js';
import type { FieldPath } from '../base/types.js';
import { yamlTextProblem } from '../yaml/yaml-errors.js';
import { counted } from '../base/text-lists.js';
import { isPlainMap as isMap } from '../base/plain-data.js';
import { deleteAtPath, setAtPath, type PathProblem } from '../base/data-path.js';
import { applyMergePatch } from '../base/merge-patch.js';
import { parsePropertyPath, type PathSegment } from './property-path.js';

export interface OverrideOrigin {
  readonly path: FieldPath;
  readonly locate: (path: FieldPath, key: boolean) => Location;
}

/** The overrides for one workload, in the order they apply: the file first, then each property. */
export interface Overrides {
  readonly file?: YamlSource | undefined;
  readonly properties: readonly string[];
}

export interface OverrideResult {
  readonly value: unknown;
  readonly origins: readonly OverrideOrigin[];
}

type Json = unknown;

export function applyOverrides(document: unknown, overrides: Overrides): OverrideResult {
  let value = structuredClone(document);
  const origins = new OriginMap();
  if (overrides.file) value = mergeOverridesFile(value, overrides.file, origins);
  for (const property of overrides.properties) value = applyProperty(value, property, origins);
  return { value, origins: origins.list() };
}

function mergeOverridesFile(value: Json, file: YamlSource, origins: OriginMap): Json {
  if (!isMap(file.value)) {
    throw new InputError(`${file.file}: an overrides file must be a YAML map of Score fields`, [
      { location: locateValue(file, []), field: '', message: 'must be a map, like a partial score.yaml' },
    ]);
  }
  const locate = (p: FieldPath, key: boolean) => (key ? locateKey(file, p) : locateValue(file, p));
  // A new map merges into an empty one, so its nulls delete nothing and vanish; copies keep later overrides
  // from changing the overrides file's own data.
  return applyMergePatch(isMap(value) ? value : {}, file.value, {
    copy: (v) => structuredClone(v),
    onReplace: (path) => origins.record({ path, locate }),
  });
}

/** Splits `path=value`; a malformed flag is a usage error. */
export function splitOverrideProperty(property: string): { path: PathSegment[]; raw: string } {
  const eq = property.indexOf('=');
  if (eq < 0) throw new UsageError(`--override-property '${property}' must look like path=value (an empty value deletes the field)`);
  return { path: parsePropertyPath(property.slice(0, eq)), raw: property.slice(eq + 1) };
}

function applyProperty(value: Json, property: string, origins: OriginMap): Json {
  const { path, raw } = splitOverrideProperty(property);
  const origin = `--override-property '${property}'`;
  const result = raw === '' ? deletePath(value, path, origin) : setPath(value, path, parseValue(raw, origin), origin);
  origins.record({ path, locate: () => ({ origin }) });
  return result;
}

function parseValue(raw: string, origin: string): Json {
  try {
    return parseYamlData(raw, { alwaysFull: true });
  } catch (e) {
    const hint = /^\s*["']/.test(raw) || (e as { code?: string }).code === 'CIRCULAR_ALIAS' ? '' : '; to set a string, put it in quotes';
    throw new InputError(`${origin}: the value is not valid YAML: ${yamlTextProblem(raw, e)}${hint}`);
  }
}

function setPath(root: Json, path: PathSegment[], newValue: Json, origin: string): Json {
  if (path.length === 0) return newValue;
  const base: Json = root ?? {};
  setAtPath(base, path, newValue, { forgiving: true, fail: (problem) => pathError(problem, path, origin) });
  return base;
}

function deletePath(root: Json, path: PathSegment[], origin: string): Json {
  deleteAtPath(root, path, { forgiving: true, fail: (problem) => pathError(problem, path, origin) });
  return root; // Deleting something that is not there leaves the document as it is.
}

function pathError(problem: PathProblem, path: PathSegment[], origin: string): InputError {
  const at = path.slice(0, problem.position).join('.');
  if (problem.kind === 'into-scalar')
    return new InputError(`${origin}: cannot set a field inside a ${typeof problem.value} value at '${at}'`);
  const count = counted(problem.list.length, 'item');
  return new InputError(`${origin}: '${String(problem.segment)}' is not an index of the list at '${at}' (it has ${count})`);
}

/** Origins keyed by path; a new origin replaces those it covers, so the latest override wins. */
class OriginMap {
  private readonly byKey = new Map<string, OverrideOrigin>();

  record(origin: OverrideOrigin): void {
    const key = pathKey(origin.path);
    for (const existing of this.byKey.keys()) {
      if (existing === key || existing.startsWith(key + '\u0000')) this.byKey.delete(existing);
    }
    this.byKey.set(key, origin);
  }

  list(): OverrideOrigin[] {
    return [...this.byKey.values()];
  }
}

export function pathKey(path: FieldPath): string {
  return path.map(String).join('\u0000');
}
