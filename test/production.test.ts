/**
 * The production replacement path: one score.yaml generates against the built-in development postgres and
 * against each production-style provisioner file of examples/production-postgres, without edits.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkManifests } from './support/k8s-check.js';
import { repoRoot, runIn, tempProject } from './support/run-cli.js';

const example = path.join(repoRoot, 'examples', 'production-postgres');

describe('production provisioners replace the built-in ones', () => {
  it.each([
    {
      name: 'cnpg',
      file: 'cnpg.provisioners.yaml',
      kinds: ['postgresql.cnpg.io/v1/Cluster'],
      secrets: ['orders-db-pg-app'],
      provisioner: 'template://acme/postgres-cnpg',
    },
    {
      name: 'managed',
      file: 'managed.provisioners.yaml',
      kinds: [],
      secrets: ['orders-db-credentials'],
      provisioner: 'template://acme/postgres-managed',
    },
  ])('$name', async ({ name, file, kinds, secrets, provisioner }) => {
    const dir = tempProject(example);
    const run = await runIn(dir, ['generate', 'score.yaml', '--provisioners', file, '-o', '-'], { SCORE_TS_SEED: 'production' });
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    await expect(run.stdout).toMatchFileSnapshot(path.join(example, `manifests.${name}.yaml`));
    expect(checkManifests(run.stdout, { customKinds: kinds, externalSecrets: secrets })).toEqual([]);
    expect(run.stdout).not.toContain('kind: StatefulSet');
    const list = await runIn(dir, ['resources', 'list', '--format', 'json']);
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ uid: 'postgres.default#orders.db', provisioner })]);
  });

  it('the development run of the same file uses the built-in postgres', async () => {
    const run = await runIn(tempProject(example), ['generate', 'score.yaml', '-o', '-'], { SCORE_TS_SEED: 'production' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('kind: StatefulSet');
  });
});
