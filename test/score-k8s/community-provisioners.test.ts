/**
 * The proof of issue 14: the Score community's own test loop (community-provisioners/.scripts/
 * test-provisioners.sh) with score-ts in place of score-k8s. For every resource type folder and every
 * score-k8s provisioner file the script does not skip: `init --no-sample --provisioners FILE`, then `generate`
 * the folder's score*.yaml, in a fresh project; the output must pass the Kubernetes schema checks the tests
 * use (Dapr's custom resources aside). Also score-k8s's own default provisioners, with every type they serve.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkManifests } from '../support/k8s-check.js';
import { runIn, tempProject } from '../support/run-cli.js';
import { sharedData } from '../support/shared-data.js';

const corpus = sharedData('the score-k8s community provisioner tests', 'corpus', 'score-k8s');

/** Files this loop skips beyond the script's own: they run helm, mikefarah's yq and the network. */
const NEEDS_HELM = ['score-k8s/10-redis-helm-template.provisioners.yaml', 'score-k8s/10-redis-helm-upgrade.provisioners.yaml'];

/** Dapr's custom resources have no schema here. */
const CUSTOM_KINDS = ['dapr.io/v1alpha1/Component', 'dapr.io/v2alpha1/Subscription'];

/** The files the community script skips, read from the script itself. */
function skippedByScript(script: string): string[] {
  return [...script.matchAll(/"\$provisioner" = "(score-k8s\/[^"]+)"/g)].map((m) => m[1]!);
}

interface LoopCase {
  readonly type: string;
  readonly file: string;
}

/** The script's loop: each type folder, then its score-k8s provisioner files, in name order (as ls lists them). */
function loopCases(community: string): LoopCase[] {
  return readdirSync(community, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort()
    .flatMap((type) => {
      const dir = path.join(community, type, 'score-k8s');
      let names: string[];
      try {
        names = readdirSync(dir)
          .filter((n) => n.endsWith('.provisioners.yaml'))
          .sort();
      } catch {
        return [];
      }
      return names.map((n) => ({ type, file: `score-k8s/${n}` }));
    });
}

async function runLoopStep(community: string, { type, file }: LoopCase): Promise<string> {
  const dir = tempProject(path.join(community, type));
  const init = await runIn(dir, ['init', '--no-sample', '--provisioners', file]);
  expect(init.code, init.stderr).toBe(0);
  const scoreFiles = readdirSync(dir)
    .filter((n) => /^score.*\.yaml$/.test(n))
    .sort();
  const generate = await runIn(dir, ['generate', ...scoreFiles]);
  expect(generate.code, generate.stderr).toBe(0);
  return readFileSync(path.join(dir, 'manifests.yaml'), 'utf8');
}

describe.skipIf(!corpus)('the community test loop with score-ts in place of score-k8s', () => {
  const community = path.join(corpus ?? '', 'community-provisioners');
  const script = corpus ? readFileSync(path.join(community, '.scripts', 'test-provisioners.sh'), 'utf8') : '';
  const skipped = corpus ? skippedByScript(script) : [];
  const cases = corpus ? loopCases(community) : [];
  const runnable = cases.filter((c) => !skipped.includes(c.file) && !NEEDS_HELM.includes(c.file));

  it('runs every file but those the script skips and the helm ones', () => {
    expect(skipped).toEqual([
      'score-k8s/10-dns-in-codespace.provisioners.yaml',
      'score-k8s/10-endpoint-with-microcks-cli.provisioners.yaml',
    ]);
    expect(cases.filter((c) => !runnable.includes(c)).map((c) => `${c.type}/${c.file}`)).toEqual([
      'dns/score-k8s/10-dns-in-codespace.provisioners.yaml',
      'endpoint/score-k8s/10-endpoint-with-microcks-cli.provisioners.yaml',
      'redis/score-k8s/10-redis-helm-template.provisioners.yaml',
      'redis/score-k8s/10-redis-helm-upgrade.provisioners.yaml',
    ]);
  });

  it.each(runnable.map((c) => ({ ...c, name: `${c.type}/${c.file}` })))('$name', async (c) => {
    const manifests = await runLoopStep(community, c);
    expect(checkManifests(manifests, { customKinds: CUSTOM_KINDS, nonHeadlessServiceNames: true })).toEqual([]);
  });
});

const DEFAULT_TYPES = `apiVersion: score.dev/v1b1
metadata:
  name: app
containers:
  main:
    image: nginx:1.27
    variables:
      PG: postgres://\${resources.db.username}:\${resources.db.password}@\${resources.db.host}:\${resources.db.port}/\${resources.db.name}
      PGI: \${resources.dbi.host}
      REDIS: \${resources.cache.host}:\${resources.cache.port}
      REDIS_PASSWORD: \${resources.cache.password}
      MYSQL: \${resources.my.host}
      MONGO: \${resources.mongo.connection}
      AMQP: \${resources.mq.host}
      MSSQL: \${resources.ms.connection}
      S3: \${resources.bucket.endpoint}
      DNS: \${resources.dns.host}
      SERVICE: \${resources.self.hostname}:\${resources.self.port}
    volumes:
      /data:
        source: \${resources.vol}
service:
  ports:
    web:
      port: 8080
resources:
  db: {type: postgres}
  dbi: {type: postgres-instance}
  cache: {type: redis}
  my: {type: mysql}
  mongo: {type: mongodb}
  mq: {type: amqp}
  ms: {type: mssql}
  bucket: {type: s3}
  dns: {type: dns}
  vol: {type: volume}
  route: {type: route, params: {host: "\${resources.dns.host}", path: /, port: 8080}}
  self: {type: service-port, params: {workload: app, port: web}}
`;

describe.skipIf(!corpus)("score-k8s's default provisioners", () => {
  it('serve every type they define but the examples and kafka-topic, and pass the schema checks', async () => {
    const dir = tempProject();
    cpSync(path.join(corpus!, 'default', 'zz-default.provisioners.yaml'), path.join(dir, 'zz-default.provisioners.yaml'));
    writeFileSync(path.join(dir, 'score.yaml'), DEFAULT_TYPES);
    expect((await runIn(dir, ['init', '--no-sample', '--provisioners', 'zz-default.provisioners.yaml'])).code).toBe(0);
    const run = await runIn(dir, ['generate', 'score.yaml']);
    expect(run.code, run.stderr).toBe(0);
    const manifests = readFileSync(path.join(dir, 'manifests.yaml'), 'utf8');
    expect(checkManifests(manifests, { nonHeadlessServiceNames: true })).toEqual([]);
    const state = JSON.parse(readFileSync(path.join(dir, '.score-ts', 'state.yaml'), 'utf8').replace(/^#.*\n/, '')) as {
      resources: Record<string, { provisioner: string }>;
    };
    expect(
      Object.values(state.resources)
        .map((r) => r.provisioner)
        .sort(),
    ).toEqual([
      'template://default-provisioners/dns',
      'template://default-provisioners/mongo',
      'template://default-provisioners/mssql',
      'template://default-provisioners/mysql',
      'template://default-provisioners/postgres',
      'template://default-provisioners/postgres-instance',
      'template://default-provisioners/rabbitmq',
      'template://default-provisioners/redis',
      'template://default-provisioners/route',
      'template://default-provisioners/s3',
      'template://default-provisioners/service-port',
      'template://default-provisioners/volume',
    ]);
  });
});
