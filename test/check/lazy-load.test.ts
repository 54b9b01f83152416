/**
 * The Kubernetes schemas load only when a custom provisioner or a patch template emitted objects: in a copy of
 * the package whose validators module (in the bundle) throws when loaded, a run with built-in provisioners
 * only still works.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempProject } from '../support/run-cli.js';

function packageWithExplodingValidators(): string {
  const copy = mkdtempSync(path.join(os.tmpdir(), 'score-ts-package-'));
  for (const part of ['bin', 'dist', 'provisioners', 'schemas', 'package.json'])
    cpSync(path.join(repoRoot, part), path.join(copy, part), { recursive: true });
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(copy, 'node_modules'));
  rmSync(path.join(copy, 'dist', '.cache'), { recursive: true, force: true });
  const bundle = path.join(copy, 'dist', 'score-ts.cjs');
  const module = /("dist\/generated\/kubernetes-validators\.cjs"\([^)]*\) \{)/;
  const code = readFileSync(bundle, 'latin1');
  expect(code).toMatch(module);
  writeFileSync(bundle, code.replace(module, "$1 throw new Error('the Kubernetes validators were loaded');"), 'latin1');
  return copy;
}

describe('loading the Kubernetes schemas', () => {
  const copy = packageWithExplodingValidators();
  const run = (project: string, args: string[]) =>
    spawnSync(process.execPath, [path.join(copy, 'bin', 'score-ts.js'), ...args], { cwd: project, encoding: 'utf8' });

  it.each([
    {
      name: 'built-in provisioners only: not loaded',
      dir: path.join(repoRoot, 'test', 'golden', 'builtin-postgres'),
      args: ['generate', 'score.yaml', '-o', '-'],
      loaded: false,
    },
    {
      name: 'a custom provisioner: loaded',
      dir: path.join(repoRoot, 'test', 'golden', 'check-custom-kind-unchecked'),
      args: ['generate', 'score.yaml', '--provisioners', 'platform.provisioners.yaml', '-o', '-'],
      loaded: true,
    },
  ])('$name', ({ dir, args, loaded }) => {
    const result = run(tempProject(dir), args);
    expect(result.stderr.includes('the Kubernetes validators were loaded'), result.stderr).toBe(loaded);
    expect(result.status).toBe(loaded ? 1 : 0);
  });
});
