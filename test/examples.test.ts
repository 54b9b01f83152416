/**
 * Every folder in examples/ is generated here: its `score-ts.args` (one argument per line; default
 * `generate score.yaml`) runs in a copy of the folder with SCORE_TS_SEED=examples, and the output must equal
 * its manifests.yaml.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_SCORE_FILE } from '../src/init.js';
import { checkManifests } from './support/k8s-check.js';
import { repoRoot, runIn, tempProject } from './support/run-cli.js';

const examplesDir = path.join(repoRoot, 'examples');
const examples = readdirSync(examplesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

/** PersistentVolumeClaims an example expects to exist in the cluster already. */
const EXTERNAL_CLAIMS: Record<string, string[]> = { 'files-and-volumes': ['site-media'] };

function exampleArgs(dir: string): string[] {
  const file = path.join(dir, 'score-ts.args');
  if (!existsSync(file)) return ['generate', 'score.yaml'];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '');
}

describe('examples', () => {
  it.each(examples)('%s', async (name) => {
    const dir = path.join(examplesDir, name);
    // The seed makes generated names and passwords repeatable, so manifests.yaml can be compared.
    const run = await runIn(tempProject(dir), [...exampleArgs(dir), '-o', '-'], { SCORE_TS_SEED: 'examples' });
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    await expect(run.stdout).toMatchFileSnapshot(path.join(dir, 'manifests.yaml'));
    expect(checkManifests(run.stdout, { externalClaims: EXTERNAL_CLAIMS[name] ?? [] })).toEqual([]);
  });

  it('hello-world is the sample that `score-ts init` writes', () => {
    expect(readFileSync(path.join(examplesDir, 'hello-world', 'score.yaml'), 'utf8')).toBe(SAMPLE_SCORE_FILE);
  });
});
