/**
 * Proof with a real server: the built-in redis provisioner's manifests start a redis-server (with the
 * container's own arguments and mounted configuration) that the workload can use with exactly the values it
 * is given, and that refuses everyone else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisSetGet, type Credentials } from './clients.js';
import { generateDataService, localUrl, type DataService } from './data-service.js';
import type { LocalServer } from './harness.js';
import { redisPrograms, startRedis, type RedisPrograms } from './redis-server.js';

const VARIABLES = {
  REDIS_HOST: '${resources.cache.host}',
  REDIS_PORT: '${resources.cache.port}',
  REDIS_USER: '${resources.cache.username}',
  REDIS_PASSWORD: '${resources.cache.password}',
  REDIS_URL: '${resources.cache.url}',
  // Text mixed with a secret: the password arrives through a $(SCORE_TS_SECRET_…) helper variable.
  REDIS_ADDR: 'redis://${resources.cache.username}:${resources.cache.password}@${resources.cache.host}:${resources.cache.port}/0',
};

describe('redis: a real Redis from the generated manifests', () => {
  let programs: RedisPrograms;
  let service: DataService;
  let server: LocalServer | undefined;
  // The workload's values with host:port replaced by the local server's (no cluster DNS here).
  let local: Credentials;

  beforeAll(async () => {
    programs = redisPrograms();
    service = await generateDataService('redis', VARIABLES, { resource: 'cache', host: 'REDIS_HOST', port: 'REDIS_PORT' });
    server = await startRedis(service.database, programs);
    const env = service.workload.env;
    local = { host: '127.0.0.1', port: server.port, username: env.REDIS_USER!, password: env.REDIS_PASSWORD! };
  }, 30_000);

  afterAll(async () => {
    await server?.stop();
  }, 15_000);

  it('sets and gets with host, port, username and password', async () => {
    const result = await redisSetGet(programs, local, 'fields');
    expect([result.code, result.stdout], result.stderr).toEqual([0, 'OK\nfields\n']);
  });

  it('sets and gets with the url', async () => {
    const result = await redisSetGet(programs, localUrl(service.workload.env.REDIS_URL!, service.host, service.port, server!.port), 'url');
    expect([result.code, result.stdout], result.stderr).toEqual([0, 'OK\nurl\n']);
  });

  it('sets and gets with a url built from text and the secret', async () => {
    const result = await redisSetGet(
      programs,
      localUrl(service.workload.env.REDIS_ADDR!, service.host, service.port, server!.port),
      'mixed',
    );
    expect([result.code, result.stdout], result.stderr).toEqual([0, 'OK\nmixed\n']);
  });

  it('refuses a wrong password, and a client without one', async () => {
    const wrong = await redisSetGet(programs, { ...local, password: `${local.password}x` }, 'wrong');
    expect(wrong.stdout + wrong.stderr).toMatch(/WRONGPASS/);
    expect(wrong.stdout).not.toContain('wrong');
    const url = await redisSetGet(
      programs,
      localUrl(
        service.workload.env.REDIS_URL!.replace(`:${local.password}@`, `:${local.password}x@`),
        service.host,
        service.port,
        server!.port,
      ),
      'wrong-url',
    );
    expect(url.stdout + url.stderr).toMatch(/WRONGPASS/);
    expect(url.stdout).not.toContain('wrong-url');
    const none = await redisSetGet(programs, { host: '127.0.0.1', port: server!.port, password: '' }, 'none');
    expect(none.stdout + none.stderr).toMatch(/NOAUTH/);
    expect(none.stdout).not.toContain('none');
  });
});
