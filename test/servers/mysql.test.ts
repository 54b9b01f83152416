/**
 * Proof with a real server: the built-in mysql provisioner's manifests start a server (MariaDB here,
 * initialised as the mysql image does) that the workload can log in to with exactly the values it is given.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mysqlQuery, mysqlUrlCredentials, type Credentials } from './clients.js';
import { generateDataService, localUrl, type DataService } from './data-service.js';
import type { LocalServer } from './harness.js';
import { mysqlPrograms, startMysql, type MysqlPrograms } from './mysql-server.js';

const VARIABLES = {
  DB_HOST: '${resources.db.host}',
  DB_PORT: '${resources.db.port}',
  DB_USER: '${resources.db.username}',
  DB_PASSWORD: '${resources.db.password}',
  DB_NAME: '${resources.db.database}',
  DB_URL: '${resources.db.url}',
};

describe('mysql: a real MySQL-compatible server from the generated manifests', () => {
  let programs: MysqlPrograms;
  let service: DataService;
  let server: LocalServer | undefined;
  // The workload's values with host:port replaced by the local server's (no cluster DNS here).
  let local: Credentials & { username: string; database: string };

  beforeAll(async () => {
    programs = mysqlPrograms();
    service = await generateDataService('mysql', VARIABLES);
    server = await startMysql(service.database, programs);
    const env = service.workload.env;
    local = { host: '127.0.0.1', port: server.port, username: env.DB_USER!, password: env.DB_PASSWORD!, database: env.DB_NAME! };
  }, 50_000);

  afterAll(async () => {
    await server?.stop();
  }, 20_000);

  it('gives the workload what the database was initialised with', () => {
    const { workload, database } = service;
    expect(workload.env.DB_USER).toBe(database.env.MYSQL_USER);
    expect(workload.env.DB_PASSWORD).toBe(database.env.MYSQL_PASSWORD);
    expect(workload.env.DB_NAME).toBe(database.env.MYSQL_DATABASE);
    expect(database.env.MYSQL_ROOT_PASSWORD).not.toBe(database.env.MYSQL_PASSWORD);
  });

  it('logs in with host, port, username, password and database', async () => {
    const result = await mysqlQuery(programs, local);
    expect([result.code, result.stdout.trim()], result.stderr).toEqual([0, `${local.username}@% ${local.database}`]);
  });

  it('logs in with the url (parsed as drivers do: the client takes no url)', async () => {
    const url = mysqlUrlCredentials(localUrl(service.workload.env.DB_URL!, service.host, service.port, server!.port));
    expect(url).toEqual(local);
    const result = await mysqlQuery(programs, url);
    expect([result.code, result.stdout.trim()], result.stderr).toEqual([0, `${local.username}@% ${local.database}`]);
  });

  it('lets root in with MYSQL_ROOT_PASSWORD, which the probes use', async () => {
    const result = await mysqlQuery(programs, {
      host: '127.0.0.1',
      port: server!.port,
      username: 'root',
      password: service.database.env.MYSQL_ROOT_PASSWORD!,
    });
    expect([result.code, result.stdout.trim()], result.stderr).toEqual([0, 'root@% -']);
  });

  it('refuses a wrong password', async () => {
    const result = await mysqlQuery(programs, { ...local, password: `${local.password}x` });
    expect([result.code, result.stderr]).toEqual([1, expect.stringContaining(`Access denied for user '${local.username}'@'127.0.0.1'`)]);
  });
});
