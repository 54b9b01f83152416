/**
 * The servers' own command-line clients, as a workload would use them: one real query each, with a
 * bounded time, no prompt for a password and nothing read from the developer's configuration files.
 */
import { cleanEnv, runCommand, type CommandResult } from './harness.js';
import type { MysqlPrograms } from './mysql-server.js';
import type { PostgresPrograms } from './postgres-server.js';
import type { RedisPrograms } from './redis-server.js';

const HOME = '/nonexistent';

export interface Credentials {
  readonly host: string;
  readonly port: number;
  readonly username?: string;
  readonly password: string;
  readonly database?: string;
}

/** `SELECT current_user, current_database()` with libpq's own variables, or with a URL / conninfo string. */
export function psqlQuery(programs: PostgresPrograms, target: Credentials | string): Promise<CommandResult> {
  const sql = ['-c', "SELECT current_user || ' ' || current_database()"];
  const flags = ['-X', '-A', '-t', '-w', '-v', 'ON_ERROR_STOP=1'];
  if (typeof target === 'string')
    return runCommand(programs.psql, [...flags, ...sql, target], { env: cleanEnv(HOME, { PGCONNECT_TIMEOUT: '5' }), timeoutMs: 10_000 });
  const env = cleanEnv(HOME, {
    PGCONNECT_TIMEOUT: '5',
    PGHOST: target.host,
    PGPORT: String(target.port),
    PGUSER: target.username ?? '',
    PGPASSWORD: target.password,
    PGDATABASE: target.database ?? '',
  });
  return runCommand(programs.psql, [...flags, ...sql], { env, timeoutMs: 10_000 });
}

/** `SELECT CURRENT_USER(), DATABASE()` over TCP (never the socket), the password from MYSQL_PWD. */
export function mysqlQuery(programs: MysqlPrograms, target: Credentials): Promise<CommandResult> {
  const args = [
    '--no-defaults',
    '--protocol=TCP',
    '-h',
    target.host,
    '-P',
    String(target.port),
    '-u',
    target.username ?? '',
    '--connect-timeout=5',
    '-N',
    '-B',
    '-e',
    'SELECT CONCAT(CURRENT_USER(), " ", IFNULL(DATABASE(), "-"))',
  ];
  if (target.database) args.push('-D', target.database);
  return runCommand(programs.client, args, { env: cleanEnv(HOME, { MYSQL_PWD: target.password }), timeoutMs: 10_000 });
}

/**
 * The parts of a `mysql://user:password@host:port/database` URL, decoded as drivers do (the mariadb client
 * takes no URL).
 */
export function mysqlUrlCredentials(url: string): Credentials {
  const parsed = new URL(url);
  if (parsed.protocol !== 'mysql:') throw new Error(`not a mysql:// url: ${parsed.protocol}`);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 3306),
    username: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')),
  };
}

/** `SET` then `GET` of a fresh key, from stdin; with fields (REDISCLI_AUTH) or with `-u URL`. */
export function redisSetGet(programs: RedisPrograms, target: Credentials | string, value: string): Promise<CommandResult> {
  const input = `SET score-ts-check ${value}\nGET score-ts-check\n`;
  if (typeof target === 'string')
    return runCommand(programs.cli, ['--no-auth-warning', '-u', target], { env: cleanEnv(HOME), input, timeoutMs: 10_000 });
  const user = target.username ? ['--user', target.username] : [];
  return runCommand(programs.cli, ['--no-auth-warning', '-h', target.host, '-p', String(target.port), ...user], {
    env: cleanEnv(HOME, target.password ? { REDISCLI_AUTH: target.password } : {}),
    input,
    timeoutMs: 10_000,
  });
}

/**
 * The credentials in a redis connection string a workload was given: a `redis://` URL, or a
 * StackExchange.Redis configuration (`host:port,user=NAME,password=SECRET`, as .NET clients such as the Online
 * Boutique's cart read it). Anything else is an error, so a new format is added here, never skipped.
 */
export function redisConnectionCredentials(text: string): Credentials {
  if (/^rediss?:\/\//.test(text)) {
    const url = new URL(text);
    return {
      host: url.hostname,
      port: Number(url.port || 6379),
      username: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
    };
  }
  const [endpoint = '', ...options] = text.split(',');
  const match = /^([^:,=]+):(\d+)$/.exec(endpoint.trim());
  if (!match) throw new Error('not a redis:// URL or a StackExchange.Redis configuration (host:port,option=value,...)');
  const settings = new Map(options.map((o) => [o.slice(0, o.indexOf('=')).trim().toLowerCase(), o.slice(o.indexOf('=') + 1)] as const));
  const username = settings.get('user');
  return {
    host: match[1]!,
    port: Number(match[2]),
    ...(username !== undefined ? { username } : {}),
    password: settings.get('password') ?? '',
  };
}
