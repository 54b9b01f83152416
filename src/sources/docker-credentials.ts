/**
 * Registry credentials from Docker's config file, as `docker login` writes them: `$DOCKER_CONFIG/config.json`,
 * else `~/.docker/config.json`, entry `auths.HOST` with `auth` (base64 of `user:password`) or `username` and
 * `password`. Credential helpers (`credsStore`, `credHelpers`) are programs score-ts does not run. A file that
 * cannot be read is a warning and the pull goes on without credentials, as score-k8s does.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { isPlainMap } from '../base/plain-data.js';

export interface RegistryCredentials {
  readonly username: string;
  readonly password: string;
}

const MAX_CONFIG_BYTES = 1024 * 1024;

export function dockerConfigPath(env: Readonly<Record<string, string | undefined>>, home: string): string {
  return env.DOCKER_CONFIG ? path.join(env.DOCKER_CONFIG, 'config.json') : path.join(home, '.docker', 'config.json');
}

/** The credentials for `registry` (`host[:port]`), or undefined. Never throws; never shows a credential. */
export function dockerCredentials(registry: string, configPath: string, warn: (message: string) => void): RegistryCredentials | undefined {
  const text = readConfig(configPath, warn);
  if (text === undefined) return undefined;
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch {
    warn(`${configPath} is not valid JSON: pulling without registry credentials`);
    return undefined;
  }
  const auths = isPlainMap(config) && isPlainMap(config.auths) ? config.auths : {};
  const entry = Object.entries(auths).find(([key]) => registryKey(key) === registry.toLowerCase())?.[1];
  return isPlainMap(entry) ? entryCredentials(entry) : undefined;
}

/** `ghcr.io`, `https://ghcr.io`, `https://index.docker.io/v1/`: the host[:port] a key stands for. */
function registryKey(key: string): string {
  return key
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/.*$/s, '')
    .toLowerCase();
}

function entryCredentials(entry: Record<string, unknown>): RegistryCredentials | undefined {
  if (typeof entry.auth === 'string' && entry.auth !== '') {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (typeof entry.username === 'string' && typeof entry.password === 'string' && entry.username !== '') {
    return { username: entry.username, password: entry.password };
  }
  return undefined;
}

/** The file's text; undefined when there is none, or (with a warning) when it is unusable. */
function readConfig(configPath: string, warn: (message: string) => void): string | undefined {
  let fd: number;
  try {
    // Non-blocking: a FIFO in its place is refused below instead of waiting for a writer.
    fd = openSync(configPath, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
      warn(`cannot read ${configPath} (${(e as NodeJS.ErrnoException).code}): pulling without registry credentials`);
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_CONFIG_BYTES) {
      warn(`${configPath} is not a regular file of at most 1 MiB: pulling without registry credentials`);
      return undefined;
    }
    const buffer = Buffer.alloc(stat.size);
    const read = readSync(fd, buffer, 0, stat.size, 0);
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
