/**
 * Reads the relative imports of every source file under src/: static imports and re-exports, `import()` and
 * `require()`, each marked whether it brings types only (`import type`, or every name marked `type`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface SourceImport {
  readonly from: string;
  readonly to: string;
  readonly line: number;
  readonly typeOnly: boolean;
}

const IMPORT =
  /(?:\b(?:import|export)\s+(type\s+)?(?:(\{[^}]*\})|[^'"]*?)\s*from\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)(['"])(\.{1,2}\/[^'"]+)\3/gm;

function isTypeOnly(typeKeyword: string | undefined, names: string | undefined): boolean {
  if (typeKeyword) return true;
  if (!names) return false;
  const list = names
    .slice(1, -1)
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return list.length > 0 && list.every((name) => name.startsWith('type '));
}

export function sourceFiles(srcDir: string): string[] {
  return (readdirSync(srcDir, { recursive: true }) as string[])
    .filter((name) => /\.(ts|cjs)$/.test(name) && !name.endsWith('.d.ts'))
    .map((name) => name.split(path.sep).join('/'))
    .sort();
}

/** Every relative import in src/, as paths relative to src/ (a `.js` specifier names its `.ts` file). */
export function sourceImports(srcDir: string): SourceImport[] {
  const files = new Set(sourceFiles(srcDir));
  const imports: SourceImport[] = [];
  for (const from of files) {
    const text = readFileSync(path.join(srcDir, from), 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(from), match[4]!));
      const to = [resolved, resolved.replace(/\.js$/, '.ts')].find((candidate) => files.has(candidate));
      // The build's code requires its output (dist/) and writes code that requires generated files: not sources.
      if (to === undefined && from.startsWith('build/')) continue;
      if (to === undefined) throw new Error(`src/${from}: import of ${match[4]} names no file of src/`);
      imports.push({ from, to, line: text.slice(0, match.index).split('\n').length, typeOnly: isTypeOnly(match[1], match[2]) });
    }
  }
  return imports;
}

/** The cycles among files, each as the files in import order (one entry per strongly connected group). */
export function importCycles(imports: readonly SourceImport[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of imports) next.set(from, [...(next.get(from) ?? []), to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    for (let member = stack.pop()!; ; member = stack.pop()!) {
      onStack.delete(member);
      group.push(member);
      if (member === node) break;
    }
    if (group.length > 1 || (next.get(node) ?? []).includes(node)) groups.push(group.sort());
  };
  for (const node of [...next.keys()].sort()) if (!index.has(node)) visit(node);
  return groups;
}

/** A file's layer: its folder under src/, or `(top)` for the files directly in src/. */
export function layerOf(file: string): string {
  return file.includes('/') ? file.slice(0, file.indexOf('/')) : '(top)';
}

/** Imports that go from a layer to one listed after it. */
export function upwardImports(imports: readonly SourceImport[], layers: readonly string[]): string[] {
  const rank = (file: string): number => layers.indexOf(layerOf(file));
  return imports.filter(({ from, to }) => rank(to) > rank(from)).map(({ from, to, line }) => `src/${from}:${line} imports src/${to}`);
}
