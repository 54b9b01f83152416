/**
 * A regeneration from score-ts.yaml stays on the fast path: the file is read with the fast parser, and the
 * positions-keeping YAML library (the `yaml` package) loads only when a message needs a line.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot, tempProject } from '../support/run-cli.js';

const SCORE =
  'apiVersion: score.dev/v1b1\nmetadata: {name: web}\ncontainers: {main: {image: nginx:1.28}}\nresources: {db: {type: postgres}}\n';
/** Prints, at exit, the packages the process loaded from node_modules. */
const PRELOAD = `process.on('exit', () => process.stderr.write('loaded: ' + JSON.stringify([...new Set(Object.keys(require.cache).filter((k) => k.includes('node_modules')).map((k) => k.split('node_modules/').pop().split('/')[0]))].sort()) + '\\n'));`;

function loadedPackages(dir: string, args: string[]): { status: number | null; loaded: string[] } {
  const preload = path.join(dir, 'preload.cjs');
  writeFileSync(preload, PRELOAD);
  const run = spawnSync(process.execPath, ['-r', preload, path.join(repoRoot, 'bin', 'score-ts.js'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  const line = run.stderr.split('\n').find((l) => l.startsWith('loaded: '));
  return { status: run.status, loaded: JSON.parse(line!.slice('loaded: '.length)) as string[] };
}

it('generate from score-ts.yaml does not load the yaml package; an error in score-ts.yaml does, for its line', () => {
  const dir = tempProject();
  writeFileSync(path.join(dir, 'score.yaml'), SCORE);
  writeFileSync(path.join(dir, 'score-ts.yaml'), 'version: 1\nproject: p\nworkloads:\n  - file: score.yaml\n');
  // ajv's run-time helpers are part of the bundle: nothing is loaded from node_modules.
  expect(loadedPackages(dir, ['-q', 'generate'])).toEqual({ status: 0, loaded: [] });
  writeFileSync(path.join(dir, 'score-ts.yaml'), 'version: 1\nproject: p\nworkloads:\n  - file: missing.yaml\n');
  const failed = loadedPackages(dir, ['-q', 'generate']);
  expect(failed.status).toBe(1);
  expect(failed.loaded).toContain('yaml');
});
