/**
 * Golden cases: each folder in test/golden/ holds the inputs of one run, `case.yaml` (args, expected exit
 * code), `expected.yaml` (stdout of a successful `-o -` run) and `expected.stderr`. Update with `npx vitest run -u` and review the diff.
 */
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkManifests } from './support/k8s-check.js';
import { repoRoot, runIn, tempProject } from './support/run-cli.js';

interface GoldenCase {
  args: string[];
  exit?: number;
  env?: Record<string, string>;
  externalClaims?: string[];
  externalSecrets?: string[];
  /** Custom resources (`apiVersion/kind`) the output holds, checked for shape and names only. */
  customKinds?: string[];
  /** Files of test/golden/_shared/ to copy into the project (shared provisioner files). */
  shared?: string[];
  /** The command prints data other than manifests (a list): compare stdout with expected.stdout. */
  stdout?: boolean;
  /** A command run first in the same project (for commands that read the state). */
  setup?: string[];
}

const goldenDir = path.join(repoRoot, 'test', 'golden');
const cases = readdirSync(goldenDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
  .map((d) => d.name)
  .sort();

describe('golden cases', () => {
  it('finds the cases', () => {
    expect(cases.length).toBeGreaterThan(10);
  });

  it.each(cases)('%s', async (name) => {
    const dir = path.join(goldenDir, name);
    const spec = parse(readFileSync(path.join(dir, 'case.yaml'), 'utf8')) as GoldenCase;
    const project = tempProject(dir);
    for (const file of spec.shared ?? []) cpSync(path.join(goldenDir, '_shared', file), path.join(project, file));
    if (spec.setup) expect((await runIn(project, spec.setup, spec.env)).code).toBe(0);
    const run = await runIn(project, spec.args, spec.env);
    const expectedExit = spec.exit ?? 0;
    if (spec.stdout) await expect(run.stdout).toMatchFileSnapshot(path.join(dir, 'expected.stdout'));
    else if (expectedExit === 0 && spec.args.includes('-')) await expect(run.stdout).toMatchFileSnapshot(path.join(dir, 'expected.yaml'));
    else expect(run.stdout).toBe('');
    await expect(normalise(run.stderr, project)).toMatchFileSnapshot(path.join(dir, 'expected.stderr'));
    expect(run.code).toBe(expectedExit);
    if (expectedExit === 0 && spec.args.includes('-') && !spec.stdout) {
      expect(
        checkManifests(run.stdout, {
          externalClaims: spec.externalClaims ?? [],
          externalSecrets: spec.externalSecrets ?? [],
          customKinds: spec.customKinds ?? [],
        }),
      ).toEqual([]);
      const againDir = tempProject(dir);
      for (const file of spec.shared ?? []) cpSync(path.join(goldenDir, '_shared', file), path.join(againDir, file));
      if (spec.setup) expect((await runIn(againDir, spec.setup, spec.env)).code).toBe(0);
      const again = await runIn(againDir, spec.args, spec.env);
      expect(again.stdout).toBe(run.stdout);
    }
  });
});

/** Temporary folder names differ per run; nothing else may. */
function normalise(text: string, project?: string): string {
  return project ? text.split(project).join('<project>') : text;
}
