/**
 * A local redis-server started the way the official `redis` image starts the container: the container's
 * resolved command and args (with the image's entrypoint rule: args that start with a flag or name a
 * `.conf` file are given to redis-server), its environment, and the files mounted into it (from Secrets and
 * ConfigMaps) copied under a temporary root, with their paths in the arguments rewritten to the copies.
 * Only where it listens and keeps its data is overridden (later command-line options win in redis).
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedContainer } from '../support/resolve-env.js';
import { cleanEnv, freePort, makeTempDir, removeDir, requirePrograms, runCommand, ServerProcess, type LocalServer } from './harness.js';

export type RedisPrograms = Record<'server' | 'cli', string>;

export function redisPrograms(): RedisPrograms {
  return requirePrograms('redis', 'redis-server', { server: ['redis-server'], cli: ['redis-cli'] });
}

export async function startRedis(container: ResolvedContainer, programs: RedisPrograms): Promise<LocalServer> {
  const dir = makeTempDir('score-ts-redis-');
  let server: ServerProcess | undefined;
  const stop = async () => {
    await server?.stop();
    removeDir(dir);
  };
  try {
    const root = path.join(dir, 'root');
    const rewrite = copyMountedFiles(container, root);
    const port = await freePort();
    const args = [...serverArgs(container).map(rewrite), '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--daemonize', 'no'];
    // The container's own environment, as the server would see it (a config could read nothing from it, but
    // the entrypoint passes it on).
    server = ServerProcess.start(programs.server, args, {
      env: { ...container.env, ...cleanEnv(dir) },
      cwd: dir,
      logFile: path.join(dir, 'server.log'),
    });
    // Any reply (PONG, or NOAUTH when a password is required) means it is listening.
    await server.waitReady('redis-server', async () =>
      /PONG|NOAUTH/.test(
        (await runCommand(programs.cli, ['-h', '127.0.0.1', '-p', String(port), 'PING'], { env: cleanEnv(dir), timeoutMs: 5_000 })).stdout,
      ),
    );
    return { port, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** The arguments of redis-server, after the image's entrypoint rule; any other program is refused. */
function serverArgs({ command, args = [] }: ResolvedContainer): string[] {
  let argv = [...(command ?? []), ...args];
  if (command === undefined && (argv.length === 0 || argv[0]!.startsWith('-') || argv[0]!.endsWith('.conf')))
    argv = ['redis-server', ...argv];
  if (argv[0] === 'docker-entrypoint.sh') argv = argv.slice(1);
  if (path.basename(argv[0] ?? '') !== 'redis-server') {
    throw new Error(`the redis container runs ${JSON.stringify(argv)}; the harness models redis-server with arguments only`);
  }
  return argv.slice(1);
}

/** Writes the mounted files under `root`; returns a function mapping a container path to its copy. */
function copyMountedFiles(container: ResolvedContainer, root: string): (arg: string) => string {
  for (const [file, { content, mode }] of container.files) {
    const copy = path.join(root, file);
    mkdirSync(path.dirname(copy), { recursive: true });
    writeFileSync(copy, content);
    chmodSync(copy, mode);
  }
  const mounted = [...container.files.keys()];
  return (arg) => (mounted.includes(arg) ? path.join(root, arg) : arg);
}
