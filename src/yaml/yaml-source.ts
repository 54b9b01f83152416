/**
 * How score-ts reads and writes YAML: this module reads, yaml-emitter.ts and output-formats.ts write.
 *
 * Reading. Two parsers: js-yaml (fast, data only) and the `yaml` package, the full parser (positions, alias
 * limits, exact diagnostics; loaded on first use by yaml-library.ts). Both read YAML 1.2's core schema (the Go
 * decoder brings yaml.v3's), within YAML_LIMITS. Every text is read by one of three entry points:
 * - parseYamlSource: a user's file (Score, overrides, provisioners, score-ts.yaml, the state) as one document
 *   whose values have positions, for messages at file:line:column. js-yaml reads it, unless it needs the full
 *   parser or js-yaml refuses it; positions are parsed only when a message asks for one.
 * - parseYamlData: text as plain data (rendered templates, override values, the Go decoder's YAML): js-yaml,
 *   unless it needs the full parser; the libraries' errors are thrown for the caller to word.
 * - parseYamlStream: every document of a manifests file, as far as it reads (generate --check).
 * needsFullParser says which parser reads a text. Circular aliases are refused (circular-alias.ts); errors are
 * told in words that never quote the text (yaml-errors.ts).
 *
 * Writing. yaml-emitter.ts writes block YAML that YAML 1.1 (kubectl) and 1.2 readers read alike, quoted by
 * yaml-quote.ts; output-formats.ts makes generate's yaml, json and kyaml, and the json or yaml of one value
 * (renderValue). Only score-ts.yaml is written by the `yaml` package, which keeps the user's comments
 * (project/project-file-edit.ts).
 */
import type { Document, LineCounter, Node } from 'yaml';
import jsyaml from 'js-yaml';
import { yamlLibrary } from './yaml-library.js';
import { InputError, type Location } from '../base/errors.js';
import { circularAliasMessage, CircularAliasError, findCircularAlias } from './circular-alias.js';
import { tooDeepReason, yamlErrorProblem } from './yaml-errors.js';
import { fieldName } from '../base/field-name.js';
import type { FieldPath } from '../base/types.js';

/** The bounds of every YAML read. */
export const YAML_LIMITS = {
  /**
   * Alias expansions (the full parser's count: each alias read, times the aliases inside its value). Stops
   * "billion laughs" documents, whose expansions multiply; a block may still be reused up to a thousand times.
   */
  maxAliasCount: 1000,
  /**
   * How deep js-yaml nests (its own default, stated). Kubernetes objects nest a few dozen levels at most.
   * Deeper data is refused; a source goes on to the full parser, bounded by the stack (tooDeepReason).
   */
  maxDepth: 100,
} as const;

/** Whose text is read: a user's file, kept with positions, or data. */
export type YamlReading = 'source' | 'data';

const ANCHOR_OR_ALIAS = /(^|[\s,[{])[&*][^\s]/m;
const ANCHOR_ALIAS_OR_TAG = /(^|[\s,[{])[&*!][^\s]/m;

/**
 * True when the full parser must read `text`: it has anchors or aliases, which only the full parser limits, or,
 * in a source, tags, which the two parsers read differently (a source's value must be the one its positions
 * show). Data leaves tags to js-yaml's core schema, which refuses any tag but those of JSON's types, where the
 * full parser would accept an unknown tag and make a Buffer, Set or Date of `!!binary`, `!!set`, `!!timestamp`.
 */
export function needsFullParser(text: string, reading: YamlReading): boolean {
  return (reading === 'source' ? ANCHOR_ALIAS_OR_TAG : ANCHOR_OR_ALIAS).test(text);
}

/** js-yaml, within the depth limit (an option its typings leave out). */
function readFast(text: string, schema: jsyaml.Schema = jsyaml.CORE_SCHEMA): unknown {
  const options: jsyaml.LoadOptions & { maxDepth: number } = { schema, maxDepth: YAML_LIMITS.maxDepth };
  return jsyaml.load(text, options);
}

/**
 * The full parser's options: duplicate keys and strict-mode problems are errors; logLevel 'error', as the
 * library's warnings (a map used as a key) would reach stderr as Node warnings.
 */
const FULL_PARSER = { prettyErrors: false, uniqueKeys: true, strict: true, logLevel: 'error' } as const;

export interface YamlSource {
  /** The path shown to the user (as given on the command line, or relative to the project). */
  readonly file: string;
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
  /** The plain JavaScript value of the document. */
  readonly value: unknown;
}

/** How a file names the one thing it holds, for the message about a second YAML document in it. */
export interface YamlSourceOptions {
  /** Said when the file holds a second document: what to do about it. */
  readonly secondDocument?: string;
}

const SECOND_DOCUMENT =
  'a second YAML document (---) starts here, but this file holds one document; remove it or move it to a file of its own';

/**
 * One YAML document with positions. js-yaml reads it unless it needs the full parser, and the positions are
 * parsed only when a location is asked for (an error); a document js-yaml refuses goes to the full parser,
 * which reports every syntax error with its line. A `---` with nothing after it (an empty last document) is
 * accepted.
 */
export function parseYamlSource(file: string, text: string, options: YamlSourceOptions = {}): YamlSource {
  if (!needsFullParser(text, 'source')) {
    try {
      return lazySource(file, text, readFast(text) ?? null, options);
    } catch {
      // Fall through: the full parser gives the diagnostics.
    }
  }
  const { doc, lineCounter } = parseWithPositions(file, text, options);
  refuseCircularAlias(file, text, doc, lineCounter);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount });
  } catch (e) {
    const at = aliasOverLimit(doc);
    const reason =
      tooDeepReason(e) ??
      `this alias makes the document too large: aliases may expand to at most ${YAML_LIMITS.maxAliasCount} values; write the values out`;
    throw new InputError(`${file}: invalid YAML`, [
      { location: { file, ...(at === undefined ? {} : linePos(lineCounter, at)) }, field: '', message: reason },
    ]);
  }
  return { file, doc, lineCounter, value };
}

/** How parseYamlData reads, where a caller needs it to read otherwise. */
export interface YamlDataOptions {
  /** js-yaml's schema (default: the YAML 1.2 core schema); the Go decoder brings yaml.v3's resolution. */
  readonly fastSchema?: jsyaml.Schema;
  /** The full parser reads integers as bigint (as the Go decoder's schema does). */
  readonly intAsBigInt?: boolean;
  /** Always the full parser, whose errors carry offsets (a short value whose error is then located). */
  readonly alwaysFull?: boolean;
}

/**
 * YAML text as plain data, without positions: js-yaml, unless it needs the full parser. Errors are the
 * libraries' own, or a CircularAliasError, for the caller to word without quoting the text (yaml-errors.ts).
 */
export function parseYamlData(text: string, options: YamlDataOptions = {}): unknown {
  if (options.alwaysFull || needsFullParser(text, 'data')) return readFully(text, options.intAsBigInt ?? false);
  return readFast(text, options.fastSchema);
}

function readFully(text: string, intAsBigInt: boolean): unknown {
  const { LineCounter, parseDocument } = yamlLibrary();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...FULL_PARSER, intAsBigInt, lineCounter });
  const [error] = doc.errors;
  if (error) throw error;
  const found = findCircularAlias(doc, text);
  if (found) throw new CircularAliasError(found, lineCounter);
  return doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount });
}

/**
 * The value of every document of a multi-document text, by the full parser, to compare with (not to take
 * as input): a syntax error is not refused, the document is what the parser made of it. A circular alias,
 * or aliases past the limit, throw.
 */
export function parseYamlStream(text: string): unknown[] {
  const { LineCounter, parseAllDocuments } = yamlLibrary();
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { logLevel: 'error', lineCounter });
  for (const doc of documents) {
    const found = findCircularAlias(doc, text);
    if (found) throw new CircularAliasError(found, lineCounter);
  }
  return documents.map((doc) => doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount }) as unknown);
}

function parseWithPositions(file: string, text: string, options: YamlSourceOptions): { doc: Document.Parsed; lineCounter: LineCounter } {
  let { doc, lineCounter } = parseOne(text);
  const second = doc.errors.find((e) => e.code === 'MULTIPLE_DOCS');
  if (second) {
    const start = secondDocumentStart(text);
    if (start !== undefined)
      throw new InputError(`${file}: invalid YAML`, [
        { location: { file, ...linePos(lineCounter, start) }, field: '', message: options.secondDocument ?? SECOND_DOCUMENT },
      ]);
    ({ doc, lineCounter } = parseOne(text.slice(0, second.pos[0])));
  }
  if (doc.errors.length > 0) {
    const diagnostics = doc.errors.map((e) => {
      const problem = yamlErrorProblem(e, doc, lineCounter);
      return { location: { file, ...linePos(lineCounter, problem.offset) }, field: '', message: tooDeepReason(e) ?? problem.message };
    });
    throw new InputError(`${file}: invalid YAML`, diagnostics);
  }
  return { doc, lineCounter };
}

function parseOne(text: string): { doc: Document.Parsed; lineCounter: LineCounter } {
  const { LineCounter, parseDocument } = yamlLibrary();
  const lineCounter = new LineCounter();
  return { doc: parseDocument(text, { ...FULL_PARSER, lineCounter }), lineCounter };
}

/** Where the first document after the first one starts, unless every later document is empty (a trailing `---`). */
function secondDocumentStart(text: string): number | undefined {
  const { parseAllDocuments, isScalar } = yamlLibrary();
  const [, ...rest] = parseAllDocuments(text, { logLevel: 'silent' }) as Document.Parsed[];
  const empty = (d: Document.Parsed) =>
    d.errors.length === 0 && (d.contents === null || (isScalar(d.contents) && d.contents.value === null && d.contents.source === ''));
  return rest.find((d) => !empty(d))?.range[0];
}

/**
 * The alias at which reading stopped for expanding too much: each alias notes itself as it is read, and the
 * last one noted is the one the library refused.
 */
function aliasOverLimit(doc: Document.Parsed): number | undefined {
  const { visit } = yamlLibrary();
  let last: number | undefined;
  visit(doc, {
    Alias(_key, alias) {
      const read = alias.toJSON.bind(alias);
      alias.toJSON = (arg?: unknown, ctx?: Parameters<typeof alias.toJSON>[1]) => {
        last = alias.range?.[0];
        return read(arg, ctx);
      };
    },
  });
  try {
    doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount });
  } catch {
    return last;
  }
  return undefined;
}

/** An alias inside the value it refers to would make a value that contains itself (see circular-alias.ts). */
function refuseCircularAlias(file: string, text: string, doc: Document.Parsed, lineCounter: LineCounter): void {
  const found = findCircularAlias(doc, text);
  if (!found) return;
  throw new InputError(`${file}: invalid YAML`, [
    {
      location: { file, ...linePos(lineCounter, found.aliasOffset) },
      field: fieldName(found.path),
      message: circularAliasMessage(found, lineCounter),
    },
  ]);
}

/** A source whose positions are parsed on first use. */
function lazySource(file: string, text: string, value: unknown, options: YamlSourceOptions): YamlSource {
  let parsed: { doc: Document.Parsed; lineCounter: LineCounter } | undefined;
  const positions = () => (parsed ??= parseWithPositions(file, text, options));
  return {
    file,
    value,
    get doc() {
      return positions().doc;
    },
    get lineCounter() {
      return positions().lineCounter;
    },
  };
}

/** The location of the value at `path`, or of its deepest existing ancestor. */
export function locateValue(source: YamlSource, path: FieldPath): Location {
  const node = deepestNode(source, path, false);
  return positionOf(source, node);
}

/** The location of the key that holds the value at `path` (for "unknown property" errors). */
export function locateKey(source: YamlSource, path: FieldPath): Location {
  return positionOf(source, deepestNode(source, path, true));
}

function deepestNode(source: YamlSource, path: FieldPath, wantKey: boolean): Node | null {
  const { isMap, isPair, isScalar, isSeq } = yamlLibrary();
  let node: unknown = source.doc.contents;
  for (const [i, segment] of path.entries()) {
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return node;
      if (last && wantKey) return pair.key as Node;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
      node = node.items[segment];
    } else {
      return (node as Node | null) ?? null;
    }
    if (isPair(node)) node = node.value;
  }
  return (node as Node | null) ?? null;
}

function positionOf(source: YamlSource, node: Node | null): Location {
  const offset = node?.range?.[0];
  if (offset === undefined) return { file: source.file, ...linePos(source.lineCounter, 0) };
  return { file: source.file, ...linePos(source.lineCounter, offset) };
}

function linePos(lineCounter: LineCounter, offset: number): { line: number; column: number } {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}
