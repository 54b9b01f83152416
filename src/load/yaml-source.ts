/** YAML documents that remember where every value came from, so errors can point at file:line:column. */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { InputError, type Location } from '../errors.js';
import type { FieldPath } from '../types.js';

export type { FieldPath } from '../types.js';

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

/** Parses one YAML document; every syntax error of the file is reported together. */
export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const problems = [...doc.errors];
  if (problems.length > 0) {
    const diagnostics = problems.map((e) => ({
      location: { file, ...linePos(lineCounter, e.pos[0]) },
      field: '',
      message: firstLine(e.message),
    }));
    throw new InputError(`${file}: invalid YAML`, diagnostics);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    throw new InputError(`${file}: invalid YAML`, [
      { location: { file }, field: '', message: `${firstLine((e as Error).message)} (too many alias expansions?)` },
    ]);
  }
  return { file, doc, lineCounter, value };
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

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
