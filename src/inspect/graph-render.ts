/**
 * The project graph as Mermaid (`flowchart LR`) or Graphviz dot text. Node ids are generated (`w1`, `r1`),
 * so only labels carry user text, always quoted and escaped: a name, uri or param cannot change the diagram.
 */
import type { GraphEdge, GraphResource, GraphWorkload, ProjectGraph } from './graph.js';

export type GraphFormat = 'mermaid' | 'dot';

export function renderGraph(graph: ProjectGraph, format: GraphFormat): string {
  return format === 'dot' ? renderDot(graph) : renderMermaid(graph);
}

/** Mermaid entity codes for the characters that are syntax inside a quoted label or HTML in a rendered one. */
const MERMAID_ENTITIES: Readonly<Record<string, string>> = {
  '"': '#quot;',
  '#': '#35;',
  '&': '#amp;',
  '<': '#lt;',
  '>': '#gt;',
  '\\': '#92;',
  '`': '#96;',
};

/**
 * Text for inside `"..."` in Mermaid: `"` would end the label, `#...;` is an entity code, `<` starts HTML,
 * `\n` and `<br>` break lines and a leading backtick makes a Markdown string; line breaks become spaces.
 */
export function escapeMermaidLabel(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters in a label become spaces
  return text.replace(/["#&<>\\`]|[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => MERMAID_ENTITIES[c] ?? ' ');
}

/**
 * Text for inside `"..."` in dot: `"` and `\` are escaped (`\n`, `\N` are label escapes), `&` too (Graphviz
 * reads `&lt;` as an HTML entity even in a plain label); line breaks become spaces.
 */
export function escapeDotLabel(text: string): string {
  return (
    text
      .replace(/["\\]/g, (c) => `\\${c}`)
      .replace(/&/g, '&amp;')
      // eslint-disable-next-line no-control-regex -- control characters in a label become spaces
      .replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ')
  );
}

/** The lines of a node's label: the name, then what it is served by or why it is marked. */
function workloadLabel(w: GraphWorkload): string[] {
  return w.inProject ? [w.name] : [w.name, '(not in the project)'];
}

function resourceLabel(r: GraphResource): string[] {
  return [r.uid, r.provisioner ?? '(no provisioner)'];
}

/** Nodes drawn dashed and red: unmatched resources and workloads that are not in the project. */
function isMarked(node: GraphWorkload | GraphResource): boolean {
  return 'inProject' in node ? !node.inProject : node.provisioner === undefined;
}

function renderMermaid(graph: ProjectGraph): string {
  const label = (lines: readonly string[]) => `"${lines.map(escapeMermaidLabel).join('<br/>')}"`;
  const arrow = (e: GraphEdge) => (e.kind === 'link' ? '-.->' : '-->');
  const marked = [...graph.workloads, ...graph.resources].filter(isMarked).map((n) => n.id);
  return [
    'flowchart LR',
    ...graph.workloads.map((w) => `  ${w.id}[${label(workloadLabel(w))}]`),
    ...graph.resources.map((r) => `  ${r.id}(${label(resourceLabel(r))})`),
    ...graph.edges.map((e) => `  ${e.from} ${arrow(e)}|${label([e.label])}| ${e.to}`),
    ...(marked.length > 0
      ? ['  classDef marked stroke:#c00,stroke-width:2px,stroke-dasharray:5 5', `  class ${marked.join(',')} marked`]
      : []),
    '',
  ].join('\n');
}

function renderDot(graph: ProjectGraph): string {
  const label = (lines: readonly string[]) => `label="${lines.map(escapeDotLabel).join('\\n')}"`;
  const attributes = (parts: readonly string[]) => `[${parts.join(', ')}]`;
  return [
    'digraph score {',
    '  rankdir=LR;',
    '  node [shape=box];',
    ...graph.workloads.map((w) => `  ${w.id} ${attributes([label(workloadLabel(w)), ...dotStyle(w, [])])};`),
    ...graph.resources.map((r) => `  ${r.id} ${attributes([label(resourceLabel(r)), ...dotStyle(r, ['rounded'])])};`),
    ...graph.edges.map((e) => `  ${e.from} -> ${e.to} ${attributes([label([e.label]), ...(e.kind === 'link' ? ['style=dashed'] : [])])};`),
    '}',
    '',
  ].join('\n');
}

/** A node's style attributes: its shape's styles, plus dashed and red when marked. */
function dotStyle(node: GraphWorkload | GraphResource, styles: readonly string[]): string[] {
  const all = isMarked(node) ? [...styles, 'dashed'] : styles;
  return [...(all.length > 0 ? [`style="${all.join(',')}"`] : []), ...(isMarked(node) ? ['color=red'] : [])];
}
