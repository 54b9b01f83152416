/**
 * score-k8s's patch operations: `set` and `delete` at a path as github.com/tidwall/sjson applies them to the
 * JSON of the manifest list. A path is keys separated by dots, `\` escapes the next character (`a\.b` is the
 * key `a.b`); a key indexes a list when it is all digits, `-1` appends to a list (or, deleting, removes its
 * last item), and a leading `:` makes the key an object key even when it is all digits (`:123`). Setting goes
 * through missing or scalar values by creating them: a list when the next key is all digits or `-1`, else a
 * map; an index past a list's end pads it with nulls. Deleting what is not there changes nothing.
 */

/** Why an operation cannot be applied, in words that quote nothing of the path (it is rendered text). */
export class SjsonError extends Error {}

interface Part {
  /** The key, escapes removed. */
  readonly key: string;
  /** Written with a leading `:`: always an object key. */
  readonly force: boolean;
}

/** Characters that make a gjson query rather than a path (score-ts applies plain paths only). */
const QUERY_CHARS = new Set(['|', '#', '@', '*', '?']);

/** The parts of a path (sjson's parsePath, repeated). */
export function parseSjsonPath(path: string): Part[] {
  if (path === '') throw new SjsonError('the path is empty');
  const parts: Part[] = [];
  let rest = path;
  for (;;) {
    const force = rest.startsWith(':');
    if (force) rest = rest.slice(1);
    let key = '';
    let i = 0;
    let more = false;
    for (; i < rest.length; i++) {
      const ch = rest[i]!;
      if (ch === '.') {
        more = true;
        break;
      }
      if (QUERY_CHARS.has(ch))
        throw new SjsonError(
          `segment ${parts.length + 1} of the path is a query (|, #, @, *, ?), which score-ts does not apply: name each key`,
        );
      if (ch === '\\') {
        i++;
        if (i < rest.length) key += rest[i];
        continue;
      }
      key += ch;
    }
    parts.push({ key, force });
    if (!more) return parts;
    rest = rest.slice(i + 1);
  }
}

type Json = unknown;

/** The document with `value` set at `path` (the document itself is changed where it can be). */
export function sjsonSet(doc: Json, path: string, value: Json): Json {
  return setIn(doc, parseSjsonPath(path), 0, value);
}

/** The document without the value at `path`; unchanged when there is none. */
export function sjsonDelete(doc: Json, path: string): Json {
  const parts = parseSjsonPath(path);
  return deleteIn(doc, parts, 0) ?? doc;
}

/** sjson's atoui: all digits (and not forced) is an index. */
function indexOf(part: Part): number | undefined {
  if (part.force || !/^[0-9]*$/.test(part.key)) return undefined;
  return part.key === '' ? 0 : Number(part.key);
}

const isAppend = (part: Part) => !part.force && part.key === '-1';
const isMap = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** gjson's lookup of one key: a map's own key, or a list's index (digits only); undefined when missing. */
function lookup(node: Json, part: Part): { found: true; at: string | number } | undefined {
  if (isMap(node)) return Object.hasOwn(node, part.key) ? { found: true, at: part.key } : undefined;
  if (Array.isArray(node) && /^[0-9]+$/.test(part.key)) {
    const i = Number(part.key);
    return i < node.length ? { found: true, at: i } : undefined;
  }
  return undefined;
}

function setIn(node: Json, parts: readonly Part[], at: number, value: Json): Json {
  const part = parts[at]!;
  const last = at === parts.length - 1;
  const hit = lookup(node, part);
  if (hit) {
    const container = node as Record<string | number, Json>;
    container[hit.at] = last ? value : setIn(container[hit.at], parts, at + 1, value);
    return node;
  }
  const index = indexOf(part);
  const target: Json = isMap(node) || Array.isArray(node) ? node : index !== undefined ? [] : {};
  if (isMap(target)) {
    Object.defineProperty(target, part.key, { value: build(parts, at, value), enumerable: true, writable: true, configurable: true });
    return target;
  }
  const list = target as Json[];
  if (index === undefined) {
    if (!isAppend(part)) throw new SjsonError(`segment ${at + 1} of the path goes into a list but is not an index (use -1 to append)`);
    list.push(build(parts, at, value));
    return list;
  }
  while (list.length < index) list.push(null);
  list.push(build(parts, at, value));
  return list;
}

/** What sjson builds below a missing key: lists for indexes and -1, maps otherwise, then the value. */
function build(parts: readonly Part[], at: number, value: Json): Json {
  if (at === parts.length - 1) return value;
  const next = parts[at + 1]!;
  const index = indexOf(next);
  if (index !== undefined || isAppend(next)) return [...Array.from({ length: index ?? 0 }, () => null), build(parts, at + 1, value)];
  const map: Record<string, Json> = {};
  Object.defineProperty(map, next.key, { value: build(parts, at + 1, value), enumerable: true, writable: true, configurable: true });
  return map;
}

/** The document without the value; undefined when nothing was there (sjson leaves the whole document as it was). */
function deleteIn(node: Json, parts: readonly Part[], at: number): Json {
  const part = parts[at]!;
  const last = at === parts.length - 1;
  const hit = isAppend(part) && Array.isArray(node) && node.length > 0 ? { at: node.length - 1 } : lookup(node, part);
  if (!hit) return undefined;
  const container = node as Record<string | number, Json>;
  if (!last) {
    const changed = deleteIn(container[hit.at], parts, at + 1);
    if (changed === undefined) return undefined;
    container[hit.at] = changed;
    return node;
  }
  if (Array.isArray(node)) node.splice(hit.at as number, 1);
  else delete container[hit.at];
  return node;
}
