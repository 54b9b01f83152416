/**
 * Secrets stay secret: every generated secret of every built-in data service is looked for, as text and in
 * base64, in stdout, stderr (at every verbosity, on success and on failure) and in every manifest that is not
 * a Secret; and the state folder is private to its owner.
 */
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runIn, tempProject } from '../support/run-cli.js';

const SCORE = `apiVersion: score.dev/v1b1
metadata: {name: shop}
containers:
  main:
    image: nginx:1.28
    variables:
      PG: \${resources.pg.url}
      MY: \${resources.my.password}
      CACHE: redis://:\${resources.cache.password}@\${resources.cache.host}
      MONGO: \${resources.mongo.connection}
      MQ: \${resources.mq.password}
      S3_KEY: \${resources.bucket.aws_secret_access_key}
      SQL: \${resources.sql.password}
resources:
  pg: {type: postgres}
  my: {type: mysql}
  cache: {type: redis}
  mongo: {type: mongodb}
  mq: {type: amqp}
  bucket: {type: s3}
  sql: {type: mssql}
`;

interface StateFile {
  resources: Record<string, { state: Record<string, unknown>; secretValues?: Record<string, string> }>;
}

/** Generated secret values: the Secret keys' values and the random strings kept in resource state. */
function generatedSecrets(dir: string): string[] {
  const text = readFileSync(path.join(dir, '.score-ts', 'state.yaml'), 'utf8');
  const state = JSON.parse(text.slice(text.indexOf('\n') + 1)) as StateFile;
  const values = new Set<string>();
  for (const record of Object.values(state.resources)) {
    for (const value of Object.values(record.secretValues ?? {})) values.add(value);
    for (const value of Object.values(record.state)) if (typeof value === 'string' && /^[A-Za-z0-9]{16,}$/.test(value)) values.add(value);
  }
  return [...values];
}

function expectNoSecret(text: string, secrets: readonly string[], where: string): void {
  for (const secret of secrets) {
    expect(text.includes(secret), `${where} holds a secret`).toBe(false);
    expect(text.includes(Buffer.from(secret).toString('base64')), `${where} holds a secret in base64`).toBe(false);
  }
}

describe('secrets stay secret', () => {
  it('in stdout outside Secrets, and in stderr at every verbosity', async () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), SCORE);
    expect((await runIn(dir, ['generate', 'score.yaml'])).code).toBe(0);
    const secrets = generatedSecrets(dir);
    expect(secrets.length).toBeGreaterThanOrEqual(7);
    for (const verbosity of [['-q'], [], ['-v'], ['-vv']]) {
      const run = await runIn(dir, [...verbosity, 'generate', 'score.yaml', '-o', '-']);
      expect(run.code).toBe(0);
      expectNoSecret(run.stderr, secrets, `stderr ${verbosity.join('')}`);
      const documents = parseAllDocuments(run.stdout).map((d) => d.toJS() as { kind: string; metadata: { name: string } });
      const secretObjects = documents.filter((d) => d.kind === 'Secret');
      for (const d of documents.filter((doc) => doc.kind !== 'Secret'))
        expectNoSecret(JSON.stringify(d), secrets, `${d.kind} ${d.metadata.name}`);
      // The secrets do exist, in Secret objects: the search above would have found them elsewhere.
      for (const secret of secrets) expect(JSON.stringify(secretObjects).includes(secret)).toBe(true);
    }
  });

  it('in stderr of failed runs and in the inspect commands', async () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), SCORE);
    expect((await runIn(dir, ['generate', 'score.yaml'])).code).toBe(0);
    const secrets = generatedSecrets(dir);
    writeFileSync(path.join(dir, 'score.yaml'), SCORE.replace('${resources.pg.url}', '${resources.pg.nothing}'));
    const failed = await runIn(dir, ['-vv', 'generate', 'score.yaml']);
    expect(failed.code).toBe(1);
    expectNoSecret(failed.stderr + failed.stdout, secrets, 'a failed run');
    for (const args of [
      ['resources', 'list'],
      ...['pg', 'my', 'cache', 'mongo', 'mq', 'bucket', 'sql'].map((r) => [
        'resources',
        'get-outputs',
        `${r === 'pg' ? 'postgres' : r === 'my' ? 'mysql' : r === 'cache' ? 'redis' : r === 'mongo' ? 'mongodb' : r === 'mq' ? 'amqp' : r === 'bucket' ? 's3' : 'mssql'}.default#shop.${r}`,
      ]),
    ]) {
      const run = await runIn(dir, ['-vv', ...args]);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
      expectNoSecret(run.stdout + run.stderr, secrets, args.join(' '));
    }
  });
});

describe('the state folder is private', () => {
  it('is created readable by its owner only', async () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), SCORE);
    await runIn(dir, ['generate', 'score.yaml']);
    expect(statSync(path.join(dir, '.score-ts')).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(dir, '.score-ts', 'state.yaml')).mode & 0o777).toBe(0o600);
  });

  it('is made private again when someone opened it up', async () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), SCORE);
    mkdirSync(path.join(dir, '.score-ts'));
    chmodSync(path.join(dir, '.score-ts'), 0o755);
    const run = await runIn(dir, ['generate', 'score.yaml']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('.score-ts/ was readable by others: made it private to its owner');
    expect(statSync(path.join(dir, '.score-ts')).mode & 0o777).toBe(0o700);
  });
});
