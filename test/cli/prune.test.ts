/** resources prune: lists resources no current workload uses; --yes drops them from the state. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIn, tempProject } from '../support/run-cli.js';

const withBoth = 'apiVersion: score.dev/v1b1\nmetadata: {name: shop}\ncontainers: {main: {image: nginx:1.28}}\nresources:\n  db: {type: postgres}\n  cache: {type: redis}\n';
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
    expect(dry.stdout).toBe('redis.default#shop.cache\tshop\ttemplate://score-ts/redis\n');
    expect(dry.stderr).toContain('run `score-ts resources prune --yes` to drop them');
    expect(stateResources(dir)).toContain('redis.default#shop.cache');

    const run = await runIn(dir, ['resources', 'prune', '--yes']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('dropped 1 resource from the state');
    expect(stateResources(dir)).toEqual(['postgres.default#shop.db']);
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
