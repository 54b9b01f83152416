/** YAML documents that remember where every value came from, so errors can point at file:line:column. */
import type { Document, LineCounter, Node } from 'yaml';
import { yamlLibrary } from './yaml-library.js';
import jsyaml from 'js-yaml';
import { InputError, type Location } from '../base/errors.js';
import { circularAliasMessage, findCircularAlias } from './circular-alias.js';
import { tooDeepReason, yamlErrorProblem } from './yaml-errors.js';
import { fieldName } from '../base/field-name.js';
import type { FieldPath } from '../base/types.js';

export type { FieldPath } from '../base/types.js';

export interface YamlSource {
  /** The path shown to the user (as given on the command line, or relative to the project). */
  readonly file: string;
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
  /** The plain JavaScript value of the document. */
  readonly value: unknown;
}

/** Aliases expanded beyond this count are rejected (defends against "billion laughs" documents). */
const MAX_ALIAS_COUNT = 1000;
/** Anchors, aliases and tags: documents using them always take the full parser, with its limits. */
const ANCHOR_ALIAS_OR_TAG = /(^|[\s,[{])[&*!][^\s]/m;

/** How a file names the one thing it holds, for the message about a second YAML document in it. */
export interface YamlSourceOptions {
  /** Said when the file holds a second document: what to do about it. */
  readonly secondDocument?: string;
}

const SECOND_DOCUMENT = 'a second YAML document (---) starts here, but this file holds one document; remove it or move it to a file of its own';

/**
 * Parses one YAML document (YAML 1.2 core schema). Plain documents are read with the fast js-yaml, and the
 * positions-keeping parser runs only when a location is asked for (an error); anything else, or any
 * document js-yaml refuses, goes through the full parser, which reports every syntax error with its line.
 * A `---` with nothing after it (an empty last document) is accepted.
 */
export function parseYamlSource(file: string, text: string, options: YamlSourceOptions = {}): YamlSource {
  if (!ANCHOR_ALIAS_OR_TAG.test(text)) {
    try {
      const value = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
      return lazySource(file, text, value ?? null, options);
    } catch {
      // Fall through: the full parser gives the diagnostics.
    }
  }
  const { doc, lineCounter } = parseWithPositions(file, text, options);
  refuseCircularAlias(file, text, doc, lineCounter);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const at = aliasOverLimit(doc);
    const reason = tooDeepReason(e) ?? `this alias makes the document too large: aliases may expand to at most ${MAX_ALIAS_COUNT} values; write the values out`;
    throw new InputError(`${file}: invalid YAML`, [{ location: { file, ...(at === undefined ? {} : linePos(lineCounter, at)) }, field: '', message: reason }]);
  }
  return { file, doc, lineCounter, value };
}

function parseWithPositions(file: string, text: string, options: YamlSourceOptions): { doc: Document.Parsed; lineCounter: LineCounter } {
  let { doc, lineCounter } = parseOne(text);
  const second = doc.errors.find((e) => e.code === 'MULTIPLE_DOCS');
  if (second) {
    const start = secondDocumentStart(text);
    if (start !== undefined) throw new InputError(`${file}: invalid YAML`, [{ location: { file, ...linePos(lineCounter, start) }, field: '', message: options.secondDocument ?? SECOND_DOCUMENT }]);
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
  // logLevel 'error': the library's warnings (a map used as a key) would reach stderr as Node warnings.
  return { doc: parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true, logLevel: 'error' }), lineCounter };
}

/** Where the first document after the first one starts, unless every later document is empty (a trailing `---`). */
function secondDocumentStart(text: string): number | undefined {
  const { parseAllDocuments, isScalar } = yamlLibrary();
  const [, ...rest] = parseAllDocuments(text, { logLevel: 'silent' }) as Document.Parsed[];
  const empty = (d: Document.Parsed) => d.errors.length === 0 && (d.contents === null || (isScalar(d.contents) && d.contents.value === null && d.contents.source === ''));
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
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
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
    { location: { file, ...linePos(lineCounter, found.aliasOffset) }, field: fieldName(found.path), message: circularAliasMessage(found, lineCounter) },
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
      if (!pair) return node as Node;
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
