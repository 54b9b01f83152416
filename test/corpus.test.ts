/**
 * The Score project's own example files (../shared/corpus): each one that declares no resources
 * generates manifests that pass the Kubernetes schema and cross-reference checks.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkManifests } from './support/k8s-check.js';
import { runIn, sharedDir, tempProject } from './support/run-cli.js';

const corpusDir = path.join(sharedDir, 'corpus');
if (!existsSync(corpusDir)) throw new Error(`the Score corpus is missing: expected ${corpusDir} (the shared folder beside the checkout)`);

const all = ['specification', 'resources'].flatMap((group) =>
  readdirSync(path.join(corpusDir, group)).map((name) => ({ name: `${group}/${name}`, dir: path.join(corpusDir, group, name) })),
);
const withoutResources = all.filter(({ dir }) => {
  const doc = parse(readFileSync(path.join(dir, 'score.yaml'), 'utf8')) as { resources?: object };
  return !doc.resources || Object.keys(doc.resources).length === 0;
});

describe('Score corpus', () => {
  it('has the files that declare no resources', () => {
    expect(withoutResources.map((c) => c.name)).toEqual([
      'specification/annotations',
      'specification/command',
      'specification/files',
      'specification/limits-and-requests',
      'specification/probes',
      'specification/service',
      'specification/variables',
    ]);
  });

  it.each(withoutResources)('$name generates valid manifests', async ({ dir }) => {
    const project = tempProject(dir);
    const run = await runIn(project, ['generate', 'score.yaml', '-o', '-']);
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    expect(checkManifests(run.stdout)).toEqual([]);
  });
});
