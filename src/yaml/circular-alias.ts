/**
 * Circular YAML aliases: an alias inside the very value its anchor names (`metadata: &m {self: [*m]}`). Read
 * as plain data, that value would contain itself, and no stage could walk, copy or print it. Every reader of
 * YAML with aliases (the user's files, override values, rendered templates, the state) refuses them with
 * the alias's line. Nothing else can make a cycle: an alias only refers to an anchor before it, so an alias
 * outside its anchor's value refers to a value already complete.
 */
import type { Document, LineCounter } from 'yaml';
import { yamlLibrary } from './yaml-library.js';

export interface CircularAlias {
  /** Where the alias and the anchored value that holds it start (offsets in the text). */
  readonly aliasOffset: number;
  readonly anchorOffset: number;
  /** Map keys and list indexes from the document's root to the alias. */
  readonly path: ReadonlyArray<string | number>;
}

/**
 * The first alias (in reading order) that is inside the value it refers to, if any. With the document's
 * `text`, the anchor's offset is that of its `&name` (the value itself may start on the next line).
 */
export function findCircularAlias(doc: Document, text?: string): CircularAlias | undefined {
  const { visit, isAlias } = yamlLibrary();
  // As the reader resolves them: the latest anchor of each name before the alias.
  const anchored = new Map<string, unknown>();
  let found: CircularAlias | undefined;
  visit(doc, (_key, node, ancestors) => {
    if (isAlias(node)) {
      const target = anchored.get(node.source) as { range?: [number, number] } | undefined;
      if (target === undefined || !ancestors.includes(target as never)) return undefined;
      const valueOffset = target.range?.[0] ?? 0;
      const anchorOffset = text?.lastIndexOf(`&${node.source}`, valueOffset) ?? -1;
      found = {
        aliasOffset: node.range?.[0] ?? 0,
        anchorOffset: anchorOffset >= 0 ? anchorOffset : valueOffset,
        path: pathTo(ancestors, node),
      };
      return visit.BREAK;
    }
    const anchor = (node as { anchor?: string } | null)?.anchor;
    if (anchor) anchored.set(anchor, node);
    return undefined;
  });
  return found;
}

/** The message, in words of ours only (the text may be a rendered template holding secrets). */
export function circularAliasMessage(found: CircularAlias, lineCounter: LineCounter): string {
  const anchor = lineCounter.linePos(found.anchorOffset);
  return `this alias refers to the value it is inside of (anchored at line ${anchor.line}, column ${anchor.col}): a value cannot contain itself; write the values out instead of the alias`;
}

/** A circular alias, shaped like the yaml library's parse errors (a code and offsets). */
export class CircularAliasError extends Error {
  readonly code = 'CIRCULAR_ALIAS';
  readonly pos: [number, number];

  constructor(found: CircularAlias, lineCounter: LineCounter) {
    const alias = lineCounter.linePos(found.aliasOffset);
    super(`line ${alias.line}, column ${alias.col}: ${circularAliasMessage(found, lineCounter)}`);
    this.pos = [found.aliasOffset, found.aliasOffset + 1];
  }
}

/** Map keys and list indexes along `ancestors` down to `node`. */
function pathTo(ancestors: readonly unknown[], node: unknown): Array<string | number> {
  const { isPair, isScalar, isSeq } = yamlLibrary();
  const chain = [...ancestors, node];
  const path: Array<string | number> = [];
  for (let i = 0; i + 1 < chain.length; i++) {
    const [parent, child] = [chain[i], chain[i + 1]];
    if (isSeq(parent)) path.push(parent.items.indexOf(child));
    else if (isPair(parent) && parent.value === child) path.push(isScalar(parent.key) ? String(parent.key.value) : '?');
  }
  return path;
}
