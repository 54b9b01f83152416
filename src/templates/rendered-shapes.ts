/**
 * Reading each stage's rendered YAML is the largest cost of a big project, and most of it is the same work
 * again: two resources of one type render the same text apart from the values their templates `quote`. So a
 * template whose `quote`s are all inserted whole (`{{quote x}}`, never inside another helper's call) renders
 * with each quoted value replaced by a numbered marker. That marked text is parsed once per shape, and each
 * render gets a copy of the parsed shape with its own values in place of the markers.
 *
 * The result is exactly what parsing the real text gives: `quote` writes a JSON string, which YAML reads as
 * the value itself wherever it stands as a whole scalar, and a shape is used only when every marker came out
 * as a whole string value (not a key, not part of a longer string, not under an anchor). Anything else (a
 * parse error included, so its message and line are the real ones) parses the real text, rebuilt from the
 * marked one.
 */
import { setOwn } from '../base/plain-data.js';
import { needsFullParser } from '../yaml/yaml-source.js';

/** A template's render with markers: the text, the quoted values in marker order, and a plain render. */
export interface MarkedRender {
  readonly text: string;
  readonly quoted: readonly string[];
  /** Renders again without markers (needed only when the markers' characters also came from elsewhere). */
  readonly renderPlain: () => string;
}

const MARK_START = '\ue000';
const MARK_END = '\ue001';
const MARKER_TOKEN = /"\ue000(\d+)\ue001"/g;

/** What `quote` inserts for the value at `index` while markers are on: a double-quoted YAML scalar. */
export function quoteMarker(index: number): string {
  return `"${MARK_START}${index}${MARK_END}"`;
}

interface Shape {
  readonly value: unknown;
}
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
    return shape === NO_SHAPE ? parseReal(realText(marked)) : fill(shape.value, marked.quoted);
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
  return markersStandAlone(value, new Set()) ? { value } : NO_SHAPE;
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

/** Every string holding a marker is one whole marker, used once, and no key holds one. */
function markersStandAlone(value: unknown, seen: Set<string>): boolean {
  if (typeof value === 'string') {
    if (!value.includes(MARK_START) && !value.includes(MARK_END)) return true;
    if (!/^\ue000\d+\ue001$/.test(value) || seen.has(value)) return false;
    seen.add(value);
    return true;
  }
  if (Array.isArray(value)) return value.every((item) => markersStandAlone(item, seen));
  if (typeof value !== 'object' || value === null) return true;
  return Object.entries(value).every(
    ([key, item]) => !key.includes(MARK_START) && !key.includes(MARK_END) && markersStandAlone(item, seen),
  );
}

/** A copy of a shape with each marker replaced by its value. */
function fill(node: unknown, quoted: readonly string[]): unknown {
  if (typeof node === 'string') return node.charCodeAt(0) === 0xe000 ? quoted[Number(node.slice(1, -1))] : node;
  if (typeof node !== 'object' || node === null) return node;
  if (Array.isArray(node)) return node.map((item) => fill(item, quoted));
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(node)) {
    const value = fill((node as Record<string, unknown>)[key], quoted);
    // Plain assignment is much faster; only `__proto__` would reach the prototype that way.
    if (key === '__proto__') setOwn(copy, key, value);
    else copy[key] = value;
  }
  return copy;
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
