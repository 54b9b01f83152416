/**
 * Reading each stage's rendered YAML is the largest cost of a big project, and most of it is the same work
 * again: two resources of one type render the same text apart from the values their templates `quote`. So a
 * template whose `quote`s are all inserted whole (`{{quote x}}`, never inside another helper's call) renders
 * with each quoted value replaced by a numbered marker. That marked text is parsed once per shape, and each
 * render gets a copy of the parsed shape with its own values in place of the markers (by the shape's
 * copier, compiled-copy.ts).
 *
 * The result is exactly what parsing the real text gives: `quote` writes a JSON string, which YAML reads as
 * the value itself wherever it stands as a whole scalar, and a shape is used only when every marker came out
 * as a whole string value, or inside a longer string with its quotes and all its characters (not a key, not
 * under an anchor). A marker holds ` #` and `'`, so it comes out whole inside a string only from a block
 * scalar (`|`, `>`): a plain scalar ends at ` #`, a single-quoted one at `'`, a double-quoted one at `"`. A
 * block scalar's line is taken as written, so there the JSON string `quote` writes for the value (one line:
 * JSON escapes line breaks) stands in the string where the marker stood. Anything else (a parse error
 * included, so its message and line are the real ones) parses the real text, rebuilt from the marked one.
 */
import { needsFullParser } from '../yaml/yaml-source.js';
import { compileCopy, type CompiledCopy } from './compiled-copy.js';

/** A template's render with markers: the text, the quoted values in marker order, and a plain render. */
export interface MarkedRender {
  readonly text: string;
  readonly quoted: readonly string[];
  /** Renders again without markers (needed only when the markers' characters also came from elsewhere). */
  readonly renderPlain: () => string;
}

const MARK_START = '\ue000';
const MARK_END = '\ue001';
/** What proves a marker was taken as written: a plain scalar cannot hold ` #`, a single-quoted one `'`. */
const PROBE = " #'";
const MARKER_TOKEN = /"\ue000(\d+) #'\ue001"/g;
/** A marker read as a whole double-quoted scalar. */
const WHOLE_MARKER = /^\ue000(\d+) #'\ue001$/;

/** What `quote` inserts for the value at `index` while markers are on: a double-quoted YAML scalar. */
export function quoteMarker(index: number): string {
  return (MARKERS[index] ??= `"${MARK_START}${index}${PROBE}${MARK_END}"`);
}

/** The markers made so far, by index: every resource of a type asks for the same ones. */
const MARKERS: string[] = [];

interface Shape {
  /** The markers inside longer strings (block scalars), by index. */
  readonly embedded: readonly number[];
  /** The shape's copier, whose holes are its strings with markers. */
  readonly copier: CompiledCopy;
  /** For each hole: the index of the marker it is whole, or its text with markers inside. */
  readonly holeFills: ReadonlyArray<number | string>;
}
/**
 * Characters YAML refuses outside a double-quoted scalar that a JSON string leaves raw: a value holding one
 * makes the real text fail where it stands in a block scalar, so such a render is read as text.
 */
const REFUSED_IN_BLOCKS = /[\x7f-\x84\x86-\x9f\ufffe\uffff]/;
/** Marked text whose markers do not all stand for whole values: parse the real text. */
const NO_SHAPE = Symbol('no shape');

/** The shapes one template has rendered, and whether marking pays off for it. */
export class RenderedShapes {
  private readonly shapes = new Map<string, Shape | typeof NO_SHAPE>();
  private asked = 0;
  private renders = 0;
  private reuses = 0;

  /**
   * Marking costs a little, and pays only when a shape comes again: a template's first render is read as
   * plain text, and a template whose marked renders all differ in shape stops marking.
   */
  worthMarking(): boolean {
    if (this.asked++ === 0) return false;
    return this.reuses > 0 || this.renders < TRIAL_RENDERS;
  }

  /** The rendered value; `parseReal` parses rendered YAML text (and throws its errors). */
  parse(marked: MarkedRender, parseReal: (text: string) => unknown): unknown {
    this.renders++;
    let shape = this.shapes.get(marked.text);
    if (shape === undefined) {
      shape = readShape(marked, parseReal);
      if (this.shapes.size < MAX_SHAPES) this.shapes.set(marked.text, shape);
    } else {
      this.reuses++;
    }
    if (shape === NO_SHAPE || shape.embedded.some((i) => REFUSED_IN_BLOCKS.test(marked.quoted[i]!))) return parseReal(realText(marked));
    return shape.copier.copy(shape.holeFills.map((f) => (typeof f === 'number' ? marked.quoted[f] : fillEmbedded(f, marked.quoted))));
  }
}

const TRIAL_RENDERS = 8;
/** Shapes kept per template; a template with more distinct shapes than this parses the rest as text. */
const MAX_SHAPES = 64;

function readShape(marked: MarkedRender, parse: (text: string) => unknown): Shape | typeof NO_SHAPE {
  // Text the full parser reads (anchors and aliases, which it limits) is parsed as the real text.
  if (!markersAreQuoteTokens(marked) || needsFullParser(marked.text, 'data')) return NO_SHAPE;
  let value: unknown;
  try {
    value = parse(marked.text);
  } catch {
    return NO_SHAPE;
  }
  const embedded: number[] = [];
  if (!markersStandAlone(value, new Set(), embedded)) return NO_SHAPE;
  const copier = compileCopy(value, (text) => text.includes(MARK_START));
  const holeFills = copier.holes.map((text) => wholeMarkerIndex(text) ?? text);
  return { embedded, copier, holeFills };
}

/** True when the marker characters in the text are exactly the `quote` tokens, each index once. */
function markersAreQuoteTokens(marked: MarkedRender): boolean {
  const starts = marked.text.split(MARK_START).length - 1;
  const ends = marked.text.split(MARK_END).length - 1;
  if (starts !== marked.quoted.length || ends !== starts) return false;
  const seen = new Set<number>();
  for (const match of marked.text.matchAll(MARKER_TOKEN)) seen.add(Number(match[1]));
  return seen.size === starts && [...seen].every((i) => i < starts);
}

/**
 * Every string holding a marker is one whole marker, or holds whole markers with their quotes (from a block
 * scalar) and no other marker character; each marker is used once, and no key holds one.
 */
function markersStandAlone(value: unknown, seen: Set<number>, embedded: number[]): boolean {
  if (typeof value === 'string') {
    if (!value.includes(MARK_START) && !value.includes(MARK_END)) return true;
    const whole = WHOLE_MARKER.exec(value);
    const indexes = whole ? [Number(whole[1])] : [...value.matchAll(MARKER_TOKEN)].map((m) => Number(m[1]));
    const rest = whole ? '' : value.replace(MARKER_TOKEN, '');
    if (rest.includes(MARK_START) || rest.includes(MARK_END) || indexes.some((i) => seen.has(i))) return false;
    for (const i of indexes) seen.add(i);
    if (!whole) embedded.push(...indexes);
    return indexes.length > 0;
  }
  if (Array.isArray(value)) return value.every((item) => markersStandAlone(item, seen, embedded));
  if (typeof value !== 'object' || value === null) return true;
  return Object.entries(value).every(
    ([key, item]) => !key.includes(MARK_START) && !key.includes(MARK_END) && markersStandAlone(item, seen, embedded),
  );
}

function wholeMarkerIndex(text: string): number | undefined {
  const whole = WHOLE_MARKER.exec(text);
  return whole ? Number(whole[1]) : undefined;
}

/** A longer string holding markers (from a block scalar), with each one's value as a JSON string in its place. */
function fillEmbedded(text: string, quoted: readonly string[]): string {
  return text.replace(MARKER_TOKEN, (_, index: string) => JSON.stringify(quoted[Number(index)]));
}

/** The text a plain render gives: each marker token back to the quoted value it stands for. */
function realText(marked: MarkedRender): string {
  if (!markersAreQuoteTokens(marked)) return marked.renderPlain();
  return marked.text.replace(MARKER_TOKEN, (_, index: string) => JSON.stringify(marked.quoted[Number(index)]));
}

/**
 * True when `quote` is only ever inserted whole into a template's text (the `{{quote x}}` form), so a marker
 * in its place cannot change anything but the text itself. `ast` is the template's Handlebars parse tree.
 */
export function quoteInsertedWhole(ast: unknown): boolean {
  const misused = (node: unknown, isMustacheHead: boolean): boolean => {
    if (Array.isArray(node)) return node.some((item) => misused(item, false));
    if (typeof node !== 'object' || node === null) return false;
    const n = node as { type?: string; original?: unknown; blockParams?: unknown };
    if (n.type === 'PathExpression' && n.original === 'quote') return !isMustacheHead;
    if (Array.isArray(n.blockParams) && n.blockParams.includes('quote')) return true;
    return Object.entries(node).some(([key, child]) => key !== 'loc' && misused(child, n.type === 'MustacheStatement' && key === 'path'));
  };
  return !misused(ast, false);
}
