/**
 * A local MariaDB initialised the way the official `mysql` (and `mariadb`) image's docker-entrypoint.sh does
 * it from the container's environment: MYSQL_ROOT_PASSWORD (required) for root@localhost and root@'%',
 * MYSQL_DATABASE created, and MYSQL_USER / MYSQL_PASSWORD as a user on '%' with every privilege on that
 * database. The data folder and socket are temporary; the server listens on loopback only.
 */
import path from 'node:path';
import type { ResolvedContainer } from '../support/resolve-env.js';
import {
  cleanEnv,
  freePort,
  makeTempDir,
  removeDir,
  requirePrograms,
  runChecked,
  runCommand,
  ServerProcess,
  serviceUser,
  type LocalServer,
} from './harness.js';

export type MysqlPrograms = Record<'installDb' | 'server' | 'client' | 'admin', string>;

export function mysqlPrograms(): MysqlPrograms {
  return requirePrograms('mysql', 'mariadb-server', {
    installDb: ['mariadb-install-db', 'mysql_install_db'],
    server: ['mariadbd', 'mysqld'],
    client: ['mariadb', 'mysql'],
    admin: ['mariadb-admin', 'mysqladmin'],
  });
}

export async function startMysql(container: ResolvedContainer, programs: MysqlPrograms): Promise<LocalServer> {
  const setup = setupSql(container);
  const account = serviceUser('mysql');
  const dir = makeTempDir('score-ts-mysql-', account);
  let server: ServerProcess | undefined;
  const stop = async () => {
    await server?.stop(10_000);
    removeDir(dir);
  };
  try {
    const env = cleanEnv(dir);
    const data = path.join(dir, 'data');
    const socket = path.join(dir, 'mysqld.sock');
    const asAccount = account ? [`--user=${account.name}`] : [];
    // --no-defaults must come first: no my.cnf of this machine may change the server.
    await runChecked(
      programs.installDb,
      ['--no-defaults', `--datadir=${data}`, ...asAccount, '--auth-root-authentication-method=normal', '--skip-test-db'],
      { env, cwd: dir, timeoutMs: 40_000 },
    );
    const port = await freePort();
    server = ServerProcess.start(
      programs.server,
      [
        '--no-defaults',
        `--datadir=${data}`,
        `--socket=${socket}`,
        `--port=${port}`,
        '--bind-address=127.0.0.1',
        `--pid-file=${path.join(dir, 'mysqld.pid')}`,
        `--tmpdir=${dir}`,
        ...asAccount,
        '--skip-name-resolve',
        '--innodb-flush-log-at-trx-commit=0',
        '--innodb-buffer-pool-size=32M',
      ],
      { env, cwd: dir, logFile: path.join(dir, 'server.log') },
    );
    await server.waitReady(
      'mariadbd',
      async () =>
        (await runCommand(programs.admin, ['--no-defaults', `--socket=${socket}`, '-uroot', 'ping'], { env, timeoutMs: 5_000 })).code === 0,
      30_000,
    );
    // Root has no password yet (as after the image's --initialize-insecure): set everything up over the socket.
    await runChecked(programs.client, ['--no-defaults', `--socket=${socket}`, '-uroot'], { env, input: setup, timeoutMs: 15_000 });
    return { port, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** The SQL of the image's docker_setup_db, with its checks on the environment. */
function setupSql({ env, command }: ResolvedContainer): string {
  if (command !== undefined)
    throw new Error(`the mysql container sets command ${JSON.stringify(command)}; the harness models only the image's own entrypoint`);
  const rootPassword = env.MYSQL_ROOT_PASSWORD;
  if (!rootPassword) throw new Error('MYSQL_ROOT_PASSWORD is empty or unset: the mysql image would refuse to start');
  const sql = [
    // Users the installer may create that the image's setup leaves out (anonymous users would shadow
    // 'user'@'%' for loopback clients).
    "DELETE FROM mysql.global_priv WHERE User='' OR (User='root' AND Host NOT IN ('localhost'));",
    'FLUSH PRIVILEGES;',
    `ALTER USER 'root'@'localhost' IDENTIFIED BY ${literal(rootPassword)};`,
    `CREATE USER 'root'@'%' IDENTIFIED BY ${literal(rootPassword)};`,
    "GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;",
  ];
  const { MYSQL_DATABASE: database, MYSQL_USER: user, MYSQL_PASSWORD: password } = env;
  if (database) sql.push(`CREATE DATABASE IF NOT EXISTS ${identifier(database)};`);
  if (user === 'root')
    throw new Error('MYSQL_USER is "root": the mysql image refuses it (MYSQL_USER and MYSQL_PASSWORD are for a regular user)');
  if (user && password) {
    sql.push(`CREATE USER ${literal(user)}@'%' IDENTIFIED BY ${literal(password)};`);
    if (database) sql.push(`GRANT ALL ON ${identifier(database)}.* TO ${literal(user)}@'%';`);
  } else if (user || password) {
    throw new Error('only one of MYSQL_USER and MYSQL_PASSWORD is set: the mysql image creates no user then (and warns)');
  }
  return `${sql.join('\n')}\n`;
}

/** A string literal, escaped as the image's docker_sql_escape_string_literal does. */
function literal(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function identifier(value: string): string {
  return `\`${value.replace(/`/g, '``')}\``;
}
