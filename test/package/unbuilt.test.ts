/** A checkout or git install without dist/ says how to build it, instead of a stack trace. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const copy = mkdtempSync(path.join(os.tmpdir(), 'score-ts-unbuilt-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

it('the command without its build says to run the build, exit 1, no stack trace', () => {
  cpSync(path.join(root, 'bin'), path.join(copy, 'bin'), { recursive: true });
  cpSync(path.join(root, 'package.json'), path.join(copy, 'package.json'));
  const run = spawnSync(process.execPath, [path.join(copy, 'bin', 'score-ts.js'), 'generate'], { cwd: copy, encoding: 'utf8' });
  expect(run.status).toBe(1);
  expect(run.stderr).toBe(`error: score-ts is not built (dist/score-ts.cjs is missing): run \`npm ci && npm run build\` in ${copy}\n`);
  expect(run.stdout).toBe('');
});
