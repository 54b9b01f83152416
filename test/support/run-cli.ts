/** Runs the CLI in-process against a folder, capturing stdout and stderr. */
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runIn(cwd: string, args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    cwd,
    env: { NO_COLOR: '1', ...env },
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    stderrIsTTY: false,
  });
  return { code, stdout, stderr };
}

/** A fresh temporary project folder, optionally seeded with a copy of `from` (and named like it). */
export function tempProject(from?: string): string {
  // The folder keeps the source's name (it is the default project label), or is called 'project'.
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'score-ts-test-')), from ? path.basename(from) : 'project');
  mkdirSync(dir);
  // A developer's local run may have left project state in the source folder: never copy it.
  if (from) cpSync(from, dir, { recursive: true, filter: (src) => path.basename(src) !== '.score-ts' });
  return dir;
}

export const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const sharedDir = path.resolve(repoRoot, '..', 'shared');
