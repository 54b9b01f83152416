/** resources prune (lists resources no current workload uses; --yes drops them) and the project label. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runIn, tempProject } from '../support/run-cli.js';

const withBoth =
  'apiVersion: score.dev/v1b1\nmetadata: {name: shop}\ncontainers: {main: {image: nginx:1.28}}\nresources:\n  db: {type: postgres}\n  cache: {type: redis}\n';
const stateResources = (dir: string): string[] => {
  const text = readFileSync(path.join(dir, '.score-ts', 'state.yaml'), 'utf8');
  return Object.keys((JSON.parse(text.slice(text.indexOf('\n') + 1)) as { resources: object }).resources);
};

describe('resources prune', () => {
  it('lists, then with --yes drops, the resources no workload uses any more', async () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), withBoth);
    expect((await runIn(dir, ['generate', 'score.yaml'])).code).toBe(0);
    expect((await runIn(dir, ['resources', 'prune'])).stderr).toBe('every resource in the state is used by a current workload\n');
    writeFileSync(path.join(dir, 'score.yaml'), withBoth.replace('  cache: {type: redis}\n', ''));
    expect((await runIn(dir, ['generate'])).code).toBe(0);
    expect(stateResources(dir)).toContain('redis.default#shop.cache');

    const dry = await runIn(dir, ['resources', 'prune']);
    expect(dry.code).toBe(0);
    // The same table as resources list (80 columns wide when stdout is no terminal), and one resource is "it".
    expect(dry.stdout).toBe(
      [
        'UID                       WORKLOAD  PROVISIONER                OUTPUTS',
        'redis.default#shop.cache  shop      template://score-ts/redis  host,password,',
        '                                                               port,url,username',
        '',
      ].join('\n'),
    );
    expect(dry.stderr).toBe('1 unused resource; run `score-ts resources prune --yes` to drop it from the state\n');
    const headers = (stdout: string) => stdout.split('\n')[0]!.split(/ +/);
    expect(headers((await runIn(dir, ['resources', 'list'])).stdout)).toEqual(headers(dry.stdout));
    expect(stateResources(dir)).toContain('redis.default#shop.cache');

    const run = await runIn(dir, ['resources', 'prune', '--yes']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(dry.stdout);
    expect(run.stderr).toBe('dropped 1 resource from the state\n');
    expect(stateResources(dir)).toEqual(['postgres.default#shop.db']);
  });

  it('says "them" for two, and nothing is unused in a project without state', async () => {
    const dir = tempProject();
    expect(await runIn(dir, ['resources', 'prune'])).toEqual({
      code: 0,
      stdout: '',
      stderr: 'the project has no state yet, so no resources to prune\n',
    });
    writeFileSync(path.join(dir, 'score.yaml'), withBoth);
    expect((await runIn(dir, ['generate', 'score.yaml'])).code).toBe(0);
    writeFileSync(path.join(dir, 'score.yaml'), withBoth.replace(/resources:[\s\S]*$/, ''));
    expect((await runIn(dir, ['generate'])).code).toBe(0);
    const dry = await runIn(dir, ['resources', 'prune']);
    expect(
      dry.stdout
        .split('\n')
        .filter((line) => /^\S/.test(line))
        .map((line) => line.split(' ')[0]),
    ).toEqual(['UID', 'postgres.default#shop.db', 'redis.default#shop.cache']);
    expect(dry.stderr).toBe('2 unused resources; run `score-ts resources prune --yes` to drop them from the state\n');
  });

  it('refuses to decide from a broken Score file', async () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), withBoth);
    await runIn(dir, ['generate', 'score.yaml']);
    writeFileSync(path.join(dir, 'score.yaml'), 'apiVersion: [\n');
    const run = await runIn(dir, ['resources', 'prune', '--yes']);
    expect(run.code).toBe(1);
    expect(stateResources(dir)).toHaveLength(2);
  });
});

describe('resources get-outputs of an unknown uid', () => {
  it('names the first five known uids, then how many more', async () => {
    const dir = tempProject();
    const volumes = Array.from({ length: 7 }, (_, i) => `  v${i}: {type: volume}\n`).join('');
    writeFileSync(
      path.join(dir, 'score.yaml'),
      `apiVersion: score.dev/v1b1\nmetadata: {name: shop}\ncontainers: {main: {image: nginx:1.28}}\nresources:\n${volumes}`,
    );
    expect((await runIn(dir, ['generate', 'score.yaml'])).code).toBe(0);
    const run = await runIn(dir, ['resources', 'get-outputs', 'volume.default#shop.nope']);
    expect(run.stderr).toBe(
      "error: no resource 'volume.default#shop.nope' in the project state; known: volume.default#shop.v0, volume.default#shop.v1, volume.default#shop.v2, volume.default#shop.v3, volume.default#shop.v4 and 2 more (score-ts resources list shows them all)\n",
    );
  });
});

describe('the project label', () => {
  it('is on every object but the Namespace, on claim templates too; --project changes it for one run, with --save for good', async () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), withBoth);
    const docs = async (args: string[]) =>
      parseAllDocuments(
        (await runIn(dir, ['generate', 'score.yaml', '-n', 'shop', '--generate-namespace', ...args, '-o', '-'])).stdout,
      ).map((d) => d.toJS() as Labelled);
    for (const doc of await docs([])) {
      if (doc.kind === 'Namespace') expect(doc.metadata.labels?.['score-ts.dev/project']).toBeUndefined();
      else expect(doc.metadata.labels?.['score-ts.dev/project'], `${doc.kind} ${doc.metadata.name}`).toBe('project');
      for (const claim of doc.spec?.volumeClaimTemplates ?? []) expect(claim.metadata.labels?.['score-ts.dev/project']).toBe('project');
    }
    const once = await docs(['--project', 'shop-once']);
    expect(once.filter((d) => d.kind !== 'Namespace').every((d) => d.metadata.labels?.['score-ts.dev/project'] === 'shop-once')).toBe(true);
    expect(
      (await docs([])).filter((d) => d.kind !== 'Namespace').every((d) => d.metadata.labels?.['score-ts.dev/project'] === 'project'),
    ).toBe(true);
    await docs(['--project', 'shop-prod', '--save']);
    const later = await docs([]);
    expect(later.filter((d) => d.kind !== 'Namespace').every((d) => d.metadata.labels?.['score-ts.dev/project'] === 'shop-prod')).toBe(
      true,
    );
    expect((await runIn(dir, ['generate', 'score.yaml', '--project', 'not a label'])).code).toBe(2);
  });
});

interface Labelled {
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: { volumeClaimTemplates?: Array<{ metadata: { labels?: Record<string, string> } }> };
}
