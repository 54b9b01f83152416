/**
 * Applies --overrides-file (a deep merge where null deletes) and --override-property (set or delete one
 * path) to a Score document, remembering which override set each path so later errors can name it.
 */
import { InputError, UsageError, type Location } from '../base/errors.js';
import { locateKey, locateValue, type FieldPath, type YamlSource } from '../yaml/yaml-source.js';
import { parseYamlData } from '../yaml/circular-alias.js';
import { yamlErrorProblem, type LibraryYamlError } from '../yaml/yaml-errors.js';
import { yamlLibrary } from '../yaml/yaml-library.js';
import { counted } from '../base/text-lists.js';
import { isPlainMap as isMap, ownValue, setOwn } from '../base/plain-data.js';
import { parsePropertyPath, type PathSegment } from './property-path.js';

export interface OverrideOrigin {
  readonly path: FieldPath;
  readonly locate: (path: FieldPath, key: boolean) => Location;
}

/** The overrides for one workload, in the order they apply: the file first, then each property. */
export interface Overrides {
  readonly file?: YamlSource;
  readonly properties: readonly string[];
}

export interface OverrideResult {
  readonly value: unknown;
  readonly origins: readonly OverrideOrigin[];
}

type Json = unknown;
type JsonMap = Record<string, Json>;

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
  const merge = (target: Json, patch: JsonMap, at: PathSegment[]): JsonMap => {
    const result: JsonMap = isMap(target) ? target : {};
    for (const [k, v] of Object.entries(patch)) {
      const here = [...at, k];
      const existing = ownValue(result, k);
      const mergedInto = isMap(v) && isMap(existing);
      if (v === null) delete result[k];
      // A map merges (into an empty one when new, so its nulls delete nothing and vanish); copies keep
      // later overrides from changing the overrides file's own data.
      else if (isMap(v)) setOwn(result, k, merge(mergedInto ? existing : {}, v, here));
      else setOwn(result, k, structuredClone(v));
      if (!mergedInto) origins.record({ path: here, locate });
    }
    return result;
  };
  return merge(value, file.value, []);
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
    return parseYamlData(raw, { strict: true, uniqueKeys: true, logLevel: 'error' }) as Json;
  } catch (e) {
    const hint = /^\s*["']/.test(raw) || (e as { code?: string }).code === 'CIRCULAR_ALIAS' ? '' : '; to set a string, put it in quotes';
    throw new InputError(`${origin}: the value is not valid YAML: ${valueProblem(raw, e)}${hint}`);
  }
}

/** `line 1, column 1: reason`, pointing where the problem starts (a circular alias says so itself). */
function valueProblem(raw: string, e: unknown): string {
  if ((e as { code?: string }).code === 'CIRCULAR_ALIAS') return (e as Error).message;
  const { LineCounter, parseDocument } = yamlLibrary();
  const lineCounter = new LineCounter();
  const doc = parseDocument(raw, { lineCounter, strict: true, uniqueKeys: true, prettyErrors: false, logLevel: 'silent' });
  const problem = yamlErrorProblem(doc.errors[0] ?? (e as LibraryYamlError), doc, lineCounter);
  const { line, col } = lineCounter.linePos(problem.offset);
  return `line ${line}, column ${col}: ${problem.message}`;
}

function setPath(root: Json, path: PathSegment[], newValue: Json, origin: string): Json {
  if (path.length === 0) return newValue;
  const base: Json = root ?? {};
  let node = base;
  for (const [i, segment] of path.entries()) {
    const last = i === path.length - 1;
    if (Array.isArray(node)) {
      const index = arrayIndex(node, segment, origin, path.slice(0, i), true);
      if (last) node[index] = newValue;
      else node = node[index] = isContainer(node[index]) ? node[index] : {};
    } else if (isMap(node)) {
      const key = String(segment);
      const existing = ownValue(node, key) as Json;
      const next = last ? newValue : isContainer(existing) ? existing : {};
      setOwn(node, key, next);
      node = next;
    } else {
      throw new InputError(`${origin}: cannot set a field inside a ${typeof node} value at '${path.slice(0, i).join('.')}'`);
    }
  }
  return base;
}

function deletePath(root: Json, path: PathSegment[], origin: string): Json {
  let node = root;
  for (const [i, segment] of path.entries()) {
    const last = i === path.length - 1;
    if (Array.isArray(node)) {
      const index = arrayIndex(node, segment, origin, path.slice(0, i), false);
      if (last) node.splice(index, 1);
      else node = node[index];
    } else if (isMap(node)) {
      const key = String(segment);
      if (last) delete node[key];
      else node = ownValue(node, key) as Json;
    } else {
      return root; // Deleting something that is not there leaves the document as it is.
    }
  }
  return root;
}

/** `at`: the path of the list, for the message. */
function arrayIndex(array: Json[], segment: PathSegment, origin: string, at: PathSegment[], forSet: boolean): number {
  const limit = forSet ? array.length : array.length - 1;
  if (typeof segment !== 'number' || segment > limit) {
    throw new InputError(`${origin}: '${String(segment)}' is not an index of the list at '${at.join('.')}' (it has ${counted(array.length, 'item')})`);
  }
  return segment;
}

function isContainer(v: Json): v is JsonMap | Json[] {
  return typeof v === 'object' && v !== null;
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
