/**
 * The folders of src/ in dependency order (ARCHITECTURE.md explains each): a file may import from its own
 * folder and from folders listed before it, never from one listed after it, not even a type; and no files
 * load each other in a circle. (Types may refer to each other across files of one folder: the Go engine's
 * values and types are one recursive data type, split for reading; a type costs nothing at run time.)
 * The orchestrators at the top level of src/ count as one layer, `(top)`.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, layerOf, sourceFiles, sourceImports, upwardImports } from './source-imports.js';

export const LAYERS = [
  'base',
  'yaml',
  'sources',
  'validate',
  'check',
  'override',
  'project',
  'load',
  'convert',
  'templates',
  'provision',
  'render',
  'patch',
  'inspect',
  '(top)',
  'cli',
  'build',
] as const;

const srcDir = path.resolve(import.meta.dirname, '../../src');

describe('import direction', () => {
  const imports = sourceImports(srcDir);

  it('every file of src/ is in a listed layer', () => {
    const unlisted = sourceFiles(srcDir).filter((file) => !(LAYERS as readonly string[]).includes(layerOf(file)));
    expect(unlisted).toEqual([]);
  });

  it('no file imports from a later layer', () => {
    expect(upwardImports(imports, LAYERS)).toEqual([]);
  });

  it('no files load each other in a circle', () => {
    expect(importCycles(imports.filter((i) => !i.typeOnly))).toEqual([]);
  });

  const table = [
    ...readFileSync(path.resolve(srcDir, '../ARCHITECTURE.md'), 'utf8').matchAll(/^\| `src\/([a-z-]+\/|\(top\))` \|.*\| ([^|]+) \|$/gm),
  ].map((match) => ({ layer: match[1]!.replace(/\/$/, ''), importsFrom: match[2]!.trim() }));

  it('ARCHITECTURE.md lists the layers in this order', () => {
    expect(table.map((row) => row.layer)).toEqual([...LAYERS]);
  });

  it('ARCHITECTURE.md names every folder each layer imports from', () => {
    const unlisted = table.flatMap(({ layer, importsFrom }) => {
      if (importsFrom === 'every folder above') return [];
      const listed = importsFrom === 'Node only' ? [] : importsFrom.split(', ');
      const used = new Set(imports.filter((i) => layerOf(i.from) === layer && layerOf(i.to) !== layer).map((i) => layerOf(i.to)));
      return [...used].filter((other) => !listed.includes(other)).map((other) => `${layer} imports from ${other}`);
    });
    expect(unlisted).toEqual([]);
  });
});

describe('the checks themselves', () => {
  it('find an upward import (a type too) and a circle of loads, not a circle of types', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'layers-'));
    const write = (file: string, text: string): void => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    };
    write('base/a.ts', "import type { B } from '../yaml/b.js';\nexport const a = 1;\n");
    write('yaml/b.ts', "import { c } from './c.js';\nexport type B = 1;\n");
    write('yaml/c.ts', "export { b } from './b.js';\nimport type { D } from './d.js';\n");
    write('yaml/d.ts', "import type { C } from './c.js';\n");
    const imports = sourceImports(dir);
    expect(upwardImports(imports, ['base', 'yaml'])).toEqual(['src/base/a.ts:1 imports src/yaml/b.ts']);
    expect(importCycles(imports.filter((i) => !i.typeOnly))).toEqual([['yaml/b.ts', 'yaml/c.ts']]);
  });
});
