/**
 * Proof with a real server: the built-in postgres provisioner's manifests start a PostgreSQL that the
 * workload can log in to with exactly the values it is given, and with nothing else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mappings, maybeMapping, text } from '../support/fields.js';
import { psqlQuery } from './clients.js';
import { generateDataService, localUrl, type DataService } from './data-service.js';
import type { LocalServer } from './harness.js';
import { postgresPrograms, startPostgres, type PostgresPrograms } from './postgres-server.js';

const VARIABLES = {
  DB_HOST: '${resources.db.host}',
  DB_PORT: '${resources.db.port}',
  DB_USER: '${resources.db.username}',
  DB_PASSWORD: '${resources.db.password}',
  DB_NAME: '${resources.db.database}',
  DB_URL: '${resources.db.url}',
  // Text mixed with a secret: the password arrives through a $(SCORE_TS_SECRET_…) helper variable.
  DB_CONNINFO:
    'host=${resources.db.host} port=${resources.db.port} user=${resources.db.username} password=${resources.db.password} dbname=${resources.db.database}',
  // A literal `$` and `$(...)` must reach the container as written, past Kubernetes' own expansion.
  LITERAL: 'cost $$5 $(DB_HOST)',
};

describe('postgres: a real PostgreSQL from the generated manifests', () => {
  let programs: PostgresPrograms;
  let service: DataService;
  let server: LocalServer | undefined;
  // The workload's values with host:port replaced by the local server's (no cluster DNS here).
  let local: { host: string; port: number; username: string; password: string; database: string };

  beforeAll(async () => {
    programs = postgresPrograms();
    service = await generateDataService('postgres', VARIABLES);
    server = await startPostgres(service.database, programs);
    const env = service.workload.env;
    local = { host: '127.0.0.1', port: server.port, username: env.DB_USER!, password: env.DB_PASSWORD!, database: env.DB_NAME! };
  }, 45_000);

  afterAll(async () => {
    await server?.stop();
  }, 15_000);

  it('gives the workload what the database was initialised with, secrets only by reference', () => {
    const { workload, database } = service;
    expect(workload.env.DB_USER).toBe(database.env.POSTGRES_USER);
    expect(workload.env.DB_PASSWORD).toBe(database.env.POSTGRES_PASSWORD);
    expect(workload.env.DB_NAME).toBe(database.env.POSTGRES_DB);
    expect(workload.env.DB_PASSWORD).toMatch(/^.{16,}$/);
    expect(workload.env.LITERAL).toBe('cost $5 $(DB_HOST)');
    // No password in plain text anywhere in the manifests but the Secret's own data.
    const plain = service.manifests.split(workload.env.DB_PASSWORD!).length - 1;
    const inSecrets = service.objects
      .filter((o) => o.kind === 'Secret')
      .flatMap((o) => Object.values({ ...maybeMapping(o, 'data'), ...maybeMapping(o, 'stringData') }).map(String));
    expect(plain).toBe(inSecrets.filter((v) => v.includes(workload.env.DB_PASSWORD!)).length);
  });

  it('keeps PGDATA in a folder of the data volume (an initdb in the mount point itself fails on lost+found)', () => {
    const pgdata = service.database.env.PGDATA ?? '';
    const mounts = mappings(service.database.spec, 'volumeMounts').map((m) => text(m, 'mountPath'));
    expect(mounts.some((m) => pgdata.startsWith(`${m.replace(/\/$/, '')}/`))).toBe(true);
  });

  it('logs in with host, port, username, password and database', async () => {
    const result = await psqlQuery(programs, local);
    expect([result.code, result.stdout.trim()], result.stderr).toEqual([0, `${local.username} ${local.database}`]);
  });

  it('logs in with the url', async () => {
    const url = localUrl(service.workload.env.DB_URL!, service.host, service.port, server!.port);
    const result = await psqlQuery(programs, url);
    expect([result.code, result.stdout.trim()], result.stderr).toEqual([0, `${local.username} ${local.database}`]);
  });

  it('logs in with a connection string that mixes text and the password', async () => {
    const conninfo = service.workload.env.DB_CONNINFO!.replace(
      `host=${service.host} port=${service.port} `,
      `host=127.0.0.1 port=${server!.port} `,
    );
    expect(conninfo).toContain(`host=127.0.0.1 port=${server!.port} `);
    const result = await psqlQuery(programs, conninfo);
    expect([result.code, result.stdout.trim()], result.stderr).toEqual([0, `${local.username} ${local.database}`]);
  });

  it('refuses a wrong password, with the fields and with the url', async () => {
    const wrong = `${local.password}x`;
    const fields = await psqlQuery(programs, { ...local, password: wrong });
    const url = await psqlQuery(
      programs,
      localUrl(service.workload.env.DB_URL!.replace(`:${local.password}@`, `:${wrong}@`), service.host, service.port, server!.port),
    );
    const refused = `password authentication failed for user "${local.username}"`;
    expect([fields.code, fields.stderr]).toEqual([2, expect.stringContaining(refused)]);
    expect([url.code, url.stderr]).toEqual([2, expect.stringContaining(refused)]);
  });
});
