/**
 * The real npm, run as a user runs it: `npm pack` in a fresh clone, `npm install -g` and `npx` of the tarball.
 * Every npm command gets a cache folder of the test's own (its logs and npx's installs land there and go with
 * the test's temporary folder) whose `_cacache` is the user's, where `npm ci` left the dependencies' tarballs.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';

/** npm settings of the user that a test's npm keeps; every other npm_* variable is the vitest run's own. */
const USER_NPM_SETTINGS = [
  'npm_config_cache',
  'npm_config_userconfig',
  'npm_config_globalconfig',
  'npm_config_registry',
  'npm_config_cafile',
];

/**
 * The environment of a user's shell: without the npm_* variables of an `npm test` run (npm_config_local_prefix
 * would point a nested npm at this checkout), NODE_PATH, NODE_OPTIONS, and PATH entries inside `checkout`.
 */
export function userEnv(checkout: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(name) && !USER_NPM_SETTINGS.includes(name.toLowerCase())) continue;
    if (name === 'NODE_PATH' || name === 'NODE_OPTIONS') continue;
    env[name] = value;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => !dir.startsWith(checkout + path.sep))
    .join(path.delimiter);
  return env;
}

export interface Run {
  /** The exit code, or null when the program was ended (see `error`). */
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly error?: Error;
}

/**
 * Runs a program without blocking this process (npm pack builds for a while, and a test worker that does not
 * answer vitest for a minute fails the run); ended after `timeoutMs`.
 */
export function runProgram(
  program: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let error: Error | undefined;
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const timer = setTimeout(() => {
      error = new Error(`ended after ${options.timeoutMs} ms`);
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('error', (e) => (error = e));
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status: error ? null : status, stdout, stderr, ...(error ? { error } : {}) });
    });
  });
}

export interface Npm {
  /** Runs `npm ARGS` in `cwd`, with `--cache` and quiet options before ARGS. */
  run(args: readonly string[], cwd: string, timeoutMs?: number): Promise<Run>;
  /** Runs `npx ARGS` in `cwd`, likewise. */
  npx(args: readonly string[], cwd: string): Promise<Run>;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * An npm whose cache folder is `dir` (created), sharing the user's package cache. Requests to the registry are
 * tried twice, a few seconds apart at most (npm's defaults wait minutes before giving up on an unreachable one).
 */
export function npmWithCache(dir: string, env: NodeJS.ProcessEnv): Npm {
  const options = [
    '--cache',
    dir,
    '--no-update-notifier',
    '--no-audit',
    '--no-fund',
    '--fetch-retries=1',
    '--fetch-retry-mintimeout=1000',
    '--fetch-retry-maxtimeout=5000',
    '--fetch-timeout=30000',
  ];
  const run = (program: string, args: readonly string[], cwd: string, timeoutMs = 120_000): Promise<Run> =>
    runProgram(program, [...options, ...args], { cwd, env, timeoutMs });
  const userCache = spawnSync('npm', ['config', 'get', 'cache', '--logs-max=0'], { env, encoding: 'utf8' }).stdout.trim();
  if (!path.isAbsolute(userCache)) throw new Error(`npm config get cache: ${userCache}`);
  mkdirSync(path.join(userCache, '_cacache'), { recursive: true });
  mkdirSync(dir, { recursive: true });
  symlinkSync(path.join(userCache, '_cacache'), path.join(dir, '_cacache'));
  return { run: (args, cwd, timeoutMs) => run('npm', args, cwd, timeoutMs), npx: (args, cwd) => run('npx', args, cwd), env };
}

/**
 * Copies `checkout` as a fresh clone has it: without .git and what .gitignore keeps out (node_modules, dist,
 * coverage, .score-ts at any depth, *.log, /tmp, /manifests.yaml); node_modules is linked, as `npm ci` installs it.
 */
export function copyAsFreshClone(checkout: string, dest: string): void {
  const ignoredAnywhere = ['.git', 'node_modules', 'dist', 'coverage', '.score-ts'];
  cpSync(checkout, dest, {
    recursive: true,
    filter: (src) => {
      const relative = path.relative(checkout, src);
      const name = path.basename(src);
      return !ignoredAnywhere.includes(name) && !name.endsWith('.log') && relative !== 'tmp' && relative !== 'manifests.yaml';
    },
  });
  if (existsSync(path.join(checkout, 'node_modules'))) symlinkSync(path.join(checkout, 'node_modules'), path.join(dest, 'node_modules'));
}

/** The error code when npm failed for want of the registry (no network, and data npm needs is not in the cache). */
export function registryError(run: Run): string | undefined {
  return run.status === 0
    ? undefined
    : /\b(ENOTCACHED|EAI_AGAIN|ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH)\b/.exec(run.stderr)?.[1];
}

/** The last lines of a run's output, for an assertion's message. */
export function tail(run: Run, lines = 30): string {
  return `exit ${run.status}${run.error ? ` (${run.error.message})` : ''}\n${`${run.stdout}\n${run.stderr}`.trim().split('\n').slice(-lines).join('\n')}`;
}
