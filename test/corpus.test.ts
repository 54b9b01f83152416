/**
 * The Score project's own example files (../shared/corpus): every one, resources included, generates with
 * the built-in provisioners alone, and the manifests pass the Kubernetes schema and cross-reference checks.
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
const withResources = all.filter(({ dir }) => {
  const doc = parse(readFileSync(path.join(dir, 'score.yaml'), 'utf8')) as { resources?: object };
  return doc.resources && Object.keys(doc.resources).length > 0;
});

describe('Score corpus', () => {
  it('has the specification and resource examples', () => {
    expect(all.length).toBe(13);
    expect(withResources.map((c) => c.name).sort()).toEqual(['resources/amqp', 'resources/dns', 'resources/mysql', 'resources/postgres', 'resources/redis', 'specification/volumes']);
  });

  it.each(all)('$name generates valid manifests', async ({ dir }) => {
    const project = tempProject(dir);
    const run = await runIn(project, ['generate', 'score.yaml', '-o', '-'], { SCORE_TS_SEED: 'corpus' });
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    expect(checkManifests(run.stdout)).toEqual([]);
  });
});
