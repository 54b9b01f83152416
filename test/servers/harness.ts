/**
 * Throwaway local servers for the data-service tests: finding the server programs, temporary folders owned
 * by the service account, free loopback ports, processes in their own process group that are always
 * stopped, and client commands with a bounded run time and a clean environment.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { accessSync, chownSync, closeSync, constants, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Finds each program in `dirs` (globs like `/usr/lib/postgresql/* /bin` allowed, highest version first), then on PATH. */
export function findPrograms<K extends string>(
  names: Record<K, readonly string[]>,
  dirs: readonly string[] = [],
): { found: Partial<Record<K, string>>; missing: K[] } {
  const searchDirs = [...dirs.flatMap(expandDir), ...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/local/sbin', '/sbin'].filter(
    Boolean,
  );
  const found: Partial<Record<K, string>> = {};
  const missing: K[] = [];
  for (const key of Object.keys(names) as K[]) {
    const hit = names[key].flatMap((n) => searchDirs.map((d) => path.join(d, n))).find(isExecutable);
    if (hit) found[key] = hit;
    else missing.push(key);
  }
  return { found, missing };
}

/**
 * The programs a server test needs, or an error saying what to install. In CI (.ci/run installs the
 * packages) and on a developer machine alike the tests fail rather than skip: a skipped proof proves nothing.
 */
export function requirePrograms<K extends string>(
  what: string,
  debianPackage: string,
  names: Record<K, readonly string[]>,
  dirs: readonly string[] = [],
): Record<K, string> {
  const { found, missing } = findPrograms(names, dirs);
  if (missing.length > 0) {
    throw new Error(
      `the ${what} server tests need ${missing.map((m) => names[m].join(' or ')).join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} not installed: ` +
        `install the Debian package '${debianPackage}' (apt-get install -y ${debianPackage}; .ci/run does this in CI)`,
    );
  }
  return found as Record<K, string>;
}

function expandDir(dir: string): string[] {
  const star = dir.indexOf('*');
  if (star === -1) return [dir];
  const parent = dir.slice(0, star);
  const rest = dir.slice(star + 1);
  if (!existsSync(parent)) return [];
  const versions = readdirSync(parent).sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
  return versions.map((v) => `${parent}${v}${rest}`);
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A system account to run a server as: postgres refuses to run as root, so neither do the others. */
export interface ServiceUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

/** The account `name` when running as root, undefined otherwise (a developer's own account runs the server). */
export function serviceUser(name: string): ServiceUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
    return { name, uid, gid };
  } catch {
    throw new Error(
      `running as root, the server must run as the system user '${name}', which does not exist (the Debian server package creates it)`,
    );
  }
}

/** `program args` as the service user (through runuser when root). */
export function asUser(user: ServiceUser | undefined, program: string, args: readonly string[]): [string, string[]] {
  return user ? ['runuser', ['-u', user.name, '--', program, ...args]] : [program, [...args]];
}

/** A private temporary folder (0700), owned by the service user when there is one. */
export function makeTempDir(prefix: string, user?: ServiceUser): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  if (user) chownSync(dir, user.uid, user.gid);
  return dir;
}

export function removeDir(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** A loopback port that was free a moment ago (the server binds it right after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Environment for server and client programs: no PGPASSWORD, ~/.pgpass or ~/.psqlrc of the developer leaks in. */
export function cleanEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', ...extra };
}

export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program to completion, killing it after `timeoutMs`. */
export function runCommand(
  program: string,
  args: readonly string[],
  options: { env: Record<string, string>; cwd?: string; input?: string; timeoutMs?: number },
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env: options.env, cwd: options.cwd ?? os.tmpdir(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      stderr += `\n[killed after ${options.timeoutMs ?? 15_000} ms]`;
    }, options.timeoutMs ?? 15_000);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    // A program that exits without reading its input (a failed login) must not fail the run with EPIPE.
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}

/** Like runCommand, but a non-zero exit is an error showing the program's output. */
export async function runChecked(
  program: string,
  args: readonly string[],
  options: Parameters<typeof runCommand>[2],
): Promise<CommandResult> {
  const result = await runCommand(program, args, options);
  if (result.code !== 0)
    throw new Error(`${path.basename(program)} ${args.join(' ')} exited with ${result.code}:\n${result.stderr || result.stdout}`);
  return result;
}

/** A started server: its loopback port, and how to stop it and remove its files. */
export interface LocalServer {
  readonly port: number;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
// Last resort if the test process dies with servers still running: they were started by this process.
process.once('exit', () => {
  for (const child of running) if (child.pid) killGroup(child.pid, 'SIGKILL');
});

/** A server process, in its own process group so that stopping it also stops what it started (runuser's child). */
export class ServerProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly logFile: string,
  ) {}

  static start(
    program: string,
    args: readonly string[],
    options: { env: Record<string, string>; cwd: string; logFile: string },
  ): ServerProcess {
    const log = openSync(options.logFile, 'a');
    try {
      const child = spawn(program, args, { env: options.env, cwd: options.cwd, detached: true, stdio: ['ignore', log, log] });
      running.add(child);
      child.once('exit', () => running.delete(child));
      return new ServerProcess(child, options.logFile);
    } finally {
      closeSync(log);
    }
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  logTail(lines = 20): string {
    try {
      return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }

  /** Polls `ready` until it is true; fails early with the server's log when the server exits. */
  async waitReady(what: string, ready: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) throw new Error(`${what} exited while starting:\n${this.logTail()}`);
      if (await ready()) return;
      await sleep(100);
    }
    throw new Error(`${what} was not ready after ${timeoutMs} ms:\n${this.logTail()}`);
  }

  /** SIGTERM to the process group, then SIGKILL if it has not exited within `graceMs`. */
  async stop(graceMs = 5_000): Promise<void> {
    const pid = this.child.pid;
    if (pid === undefined || this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    killGroup(pid, 'SIGTERM');
    if (await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)])) return;
    killGroup(pid, 'SIGKILL');
    await Promise.race([exited, sleep(2_000)]);
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
