/**
 * The Score project's own example files (../shared/corpus): every one, resources included, generates with
 * the built-in provisioners alone, and the manifests pass the Kubernetes schema and cross-reference checks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkManifests } from './support/k8s-check.js';
import { runIn, tempProject } from './support/run-cli.js';
import { sharedData } from './support/shared-data.js';

const corpusDir = sharedData('the Score corpus tests', 'corpus');

const all = corpusDir === undefined ? [] : corpusCases(corpusDir);
const withResources = all.filter(({ dir }) => {
  const doc = parse(readFileSync(path.join(dir, 'score.yaml'), 'utf8')) as { resources?: object };
  return doc.resources && Object.keys(doc.resources).length > 0;
});

describe.skipIf(corpusDir === undefined)('Score corpus', () => {
  it('has the specification and resource examples', () => {
    expect(all.length).toBe(13);
    expect(withResources.map((c) => c.name).sort()).toEqual([
      'resources/amqp',
      'resources/dns',
      'resources/mysql',
      'resources/postgres',
      'resources/redis',
      'specification/volumes',
    ]);
  });

  it.each(all)('$name generates valid manifests', async ({ dir }) => {
    const project = tempProject(dir);
    const run = await runIn(project, ['generate', 'score.yaml', '-o', '-'], { SCORE_TS_SEED: 'corpus' });
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    expect(checkManifests(run.stdout)).toEqual([]);
  });
});

function corpusCases(dir: string): Array<{ name: string; dir: string }> {
  return ['specification', 'resources'].flatMap((group) =>
    readdirSync(path.join(dir, group)).map((name) => ({ name: `${group}/${name}`, dir: path.join(dir, group, name) })),
  );
}
