/**
 * A local PostgreSQL initialised the way the official `postgres` image's docker-entrypoint.sh does it from
 * the container's environment: POSTGRES_USER (default `postgres`) is the superuser with POSTGRES_PASSWORD
 * (required), POSTGRES_DB (default POSTGRES_USER) is created, and network clients authenticate with
 * scram-sha-256. Only PGDATA is replaced by a temporary folder.
 */
import { writeFileSync, chownSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedContainer } from '../support/resolve-env.js';
import {
  asUser,
  cleanEnv,
  type LocalServer,
  freePort,
  makeTempDir,
  removeDir,
  requirePrograms,
  runChecked,
  runCommand,
  ServerProcess,
  serviceUser,
  type CommandResult,
} from './harness.js';

export type PostgresPrograms = Record<'initdb' | 'postgres' | 'psql', string>;

export function postgresPrograms(): PostgresPrograms {
  return requirePrograms('postgres', 'postgresql', { initdb: ['initdb'], postgres: ['postgres'], psql: ['psql'] }, [
    '/usr/lib/postgresql/*/bin',
  ]);
}

export async function startPostgres(container: ResolvedContainer, programs: PostgresPrograms): Promise<LocalServer> {
  const { env } = container;
  const user = env.POSTGRES_USER || 'postgres';
  const password = env.POSTGRES_PASSWORD ?? '';
  const database = env.POSTGRES_DB || user;
  // The image refuses to initialise without a password (unless POSTGRES_HOST_AUTH_METHOD=trust).
  if (password === '') throw new Error('POSTGRES_PASSWORD is empty: the postgres image would refuse to start');
  const account = serviceUser('postgres');
  const dir = makeTempDir('score-ts-pg-', account);
  let server: ServerProcess | undefined;
  const stop = async () => {
    await server?.stop();
    removeDir(dir);
  };
  try {
    const pwfile = path.join(dir, 'pwfile');
    writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    if (account) chownSync(pwfile, account.uid, account.gid);
    const processEnv = cleanEnv(dir);
    // Clients in a cluster come from other pods' addresses, which the image's pg_hba.conf sends to
    // scram-sha-256. Here the client is on loopback, which initdb would trust, so loopback gets
    // scram-sha-256 too: a wrong password must fail as it would in the cluster.
    const [initdb, initArgs] = asUser(account, programs.initdb, [
      '-D',
      path.join(dir, 'data'),
      `--username=${user}`,
      `--pwfile=${pwfile}`,
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    await runChecked(initdb, initArgs, { env: processEnv, cwd: dir, timeoutMs: 30_000 });
    const port = await freePort();
    const [postgres, serverArgs] = asUser(account, programs.postgres, [
      '-D',
      path.join(dir, 'data'),
      '-k',
      dir,
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
      '-c',
      'fsync=off',
      ...imageArgs(container),
    ]);
    server = ServerProcess.start(postgres, serverArgs, { env: processEnv, cwd: dir, logFile: path.join(dir, 'server.log') });
    const overSocket = (sql: string, vars: Record<string, string> = {}): Promise<CommandResult> =>
      runCommand(
        programs.psql,
        [
          '-X',
          '-q',
          '-v',
          'ON_ERROR_STOP=1',
          '-h',
          dir,
          '-p',
          String(port),
          '-U',
          user,
          '-d',
          'postgres',
          ...Object.entries(vars).flatMap(([k, v]) => ['-v', `${k}=${v}`]),
        ],
        { env: processEnv, input: sql, timeoutMs: 10_000 },
      );
    await server.waitReady('postgres', async () => (await overSocket('SELECT 1;')).code === 0);
    if (database !== 'postgres') {
      const created = await overSocket('CREATE DATABASE :"db";', { db: database });
      if (created.code !== 0) throw new Error(`CREATE DATABASE failed: ${created.stderr}`);
    }
    return { port, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * The image runs `postgres ARGS` when the container's args start with a flag; that is the only form
 * modelled here. A command (which replaces the image's entrypoint) is refused rather than ignored.
 */
function imageArgs({ command, args = [] }: ResolvedContainer): string[] {
  if (command !== undefined)
    throw new Error(`the postgres container sets command ${JSON.stringify(command)}; the harness models only the image's own entrypoint`);
  if (args.length === 0) return [];
  const rest = args[0] === 'postgres' ? args.slice(1) : args;
  if (rest.length > 0 && !rest[0]!.startsWith('-'))
    throw new Error(`postgres container args ${JSON.stringify(args)} are not postgres flags; the harness does not model them`);
  return [...rest];
}
