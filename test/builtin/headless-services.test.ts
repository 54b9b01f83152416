/** Every built-in data service names its headless Service one way: NAME-headless, as Kubernetes' docs and most charts do. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { expect, it } from 'vitest';
import { runIn, tempProject } from '../support/run-cli.js';

const TYPES = ['postgres', 'postgres-instance', 'mysql', 'redis', 'mongodb', 'amqp', 's3', 'kafka-topic', 'mssql'];

it.each(TYPES)('%s: the StatefulSet is governed by a headless Service named NAME-headless', async (type) => {
  const dir = tempProject();
  writeFileSync(
    path.join(dir, 'score.yaml'),
    `apiVersion: score.dev/v1b1\nmetadata: {name: app}\ncontainers: {main: {image: nginx:1.28}}\nresources:\n  data: {type: ${type}}\n`,
  );
  const run = await runIn(dir, ['generate', 'score.yaml', '-o', '-'], { SCORE_TS_SEED: 'headless' });
  expect(run.code, run.stderr).toBe(0);
  const objects = parseAllDocuments(run.stdout).map(
    (d) => d.toJS() as { kind: string; metadata: { name: string }; spec: { serviceName?: string; clusterIP?: string } },
  );
  const governing = objects.filter((o) => o.kind === 'StatefulSet').map((o) => o.spec.serviceName);
  const headless = objects.filter((o) => o.kind === 'Service' && o.spec.clusterIP === 'None').map((o) => o.metadata.name);
  expect(governing).toHaveLength(1);
  expect(governing[0]).toMatch(/-headless$/);
  expect(headless).toEqual(governing);
});
