/**
 * Issue 15, item 2: the committable files of a project (Score files, score-ts.yaml, manifests.yaml, provisioner
 * files; never .score-ts/) give the same manifests in any checkout, in a folder of any name, with the same
 * SCORE_TS_SEED: `generate --check` there passes, and fails once a Score file changes.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runIn, tempProject } from '../support/run-cli.js';

const SEED = { SCORE_TS_SEED: 'reproducible-checkout' };
const API = `apiVersion: score.dev/v1b1
metadata: {name: api}
containers:
  main:
    image: .
    variables:
      DATABASE_URL: \${resources.db.url}
      CACHE_HOST: \${resources.cache.host}
      QUEUE_URL: \${resources.queue.url}
resources:
  db: {type: postgres}
  cache: {type: redis}
  queue: {type: queue}
`;
const WEB = `apiVersion: score.dev/v1b1
metadata: {name: web}
containers:
  main:
    image: nginx:1.28
    variables:
      MODE: prod
resources:
  cache: {type: redis, id: shared-cache}
`;
const QUEUE = `- uri: template://platform/queue
  type: queue
  state: |
    password: {{ randAlphaNum 16 | quote }}
  outputs: |
    url: {{ printf "amqp://app:%s@queue-%s" .State.password .Guid | quote }}
`;
const COMMITTED = ['api/score.yaml', 'web/score.yaml', 'platform/queue.provisioners.yaml', 'score-ts.yaml', 'manifests.yaml'];

function write(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
}

/** The built command, as CI runs it. */
function runBin(cwd: string, args: readonly string[]) {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'score-ts.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...SEED },
  });
  return { code: result.status, stderr: result.stderr };
}

describe('a project checked out elsewhere', () => {
  it('generate --check passes there with the same seed, and fails once a Score file changes', async () => {
    const dir = tempProject();
    write(dir, { 'api/score.yaml': API, 'web/score.yaml': WEB, 'platform/queue.provisioners.yaml': QUEUE });
    expect((await runIn(dir, ['init', '--no-sample', '--provisioners', 'platform/queue.provisioners.yaml'], SEED)).code).toBe(0);
    expect((await runIn(dir, ['generate', 'api/score.yaml', '--image', 'ghcr.io/acme/api:1.2.3'], SEED)).code).toBe(0);
    const last = await runIn(dir, ['generate', 'web/score.yaml', '--override-property', 'containers.main.variables.MODE=debug'], SEED);
    expect(last.code, last.stderr).toBe(0);

    const clone = path.join(path.dirname(tempProject()), 'another-name');
    for (const file of COMMITTED) cpSync(path.join(dir, file), path.join(clone, file), { recursive: true });
    const check = runBin(clone, ['generate', '--check']);
    expect(check, check.stderr).toEqual({ code: 0, stderr: 'manifests.yaml is up to date (14 objects)\n' });
    expect(existsSync(path.join(clone, '.score-ts'))).toBe(false);
    const manifests = readFileSync(path.join(clone, 'manifests.yaml'), 'utf8');
    for (const expected of ['image: ghcr.io/acme/api:1.2.3', 'value: debug', 'score-ts.dev/project: project', 'amqp://app:'])
      expect(manifests).toContain(expected);

    writeFileSync(path.join(clone, 'web/score.yaml'), WEB.replace('nginx:1.28', 'nginx:1.29'));
    const stale = runBin(clone, ['generate', '--check']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toBe(
      'error: manifests.yaml is out of date: run score-ts generate to update it\n  ~ Deployment web: spec.template.spec.containers[0].image\n',
    );
  });
});
