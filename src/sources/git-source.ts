/**
 * A `git-https://` or `git-ssh://` source (split in git-url.ts), read with the system git: no shell, the
 * arguments as a list, one time limit for all of it. score-go makes a sparse checkout; score-ts fetches the
 * remote HEAD (depth 1) into a temporary bare repository and reads the file's blob from it, so no working
 * tree is written, a symbolic link in the repository is never followed, and the size is known before the
 * file is read. Git's own configuration (credential helpers, ssh settings) applies, as with any git command.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeSourceText, formatBytes, SourceFailure, type Deadline, type FetchedText } from './fetched-text.js';
import type { FetchLimits } from './fetch-sources.js';
import type { GitSource } from './git-url.js';

export async function fetchGitSource(source: GitSource, limits: FetchLimits): Promise<FetchedText> {
  const deadline = { at: Date.now() + limits.gitTimeoutSeconds * 1000, seconds: limits.gitTimeoutSeconds };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'score-ts-git-'));
  try {
    const git = gitRunner(path.join(dir, 'repo.git'), source, limits, deadline);
    await git.run(['init', '-q', '--bare', '--template=', path.join(dir, 'repo.git')], 'could not make a temporary repository', dir);
    await git.run(
      [
        '-c',
        'protocol.allow=never',
        '-c',
        `protocol.${source.protocol}.allow=always`,
        'fetch',
        '-q',
        '--depth=1',
        '--no-tags',
        source.remote,
        'HEAD',
      ],
      `could not fetch ${source.display}`,
    );
    const object = blobOf(await git.run(['ls-tree', '-z', 'FETCH_HEAD', '--', source.file], 'could not list the commit'), source);
    const size = Number((await git.run(['cat-file', '-s', object], 'could not read the file')).toString('utf8').trim());
    if (!(size <= limits.maxBytes))
      throw new SourceFailure(`${source.file} is larger than ${formatBytes(limits.maxBytes)}, the most score-ts reads`);
    const bytes = await git.run(['cat-file', 'blob', object], 'could not read the file', undefined, size);
    return { display: source.sourceDisplay, text: decodeSourceText(bytes), fileName: source.file, origin: source.sourceDisplay };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The entry of `file` in `ls-tree -z` output: a regular file's blob id, or a failure naming what it is. */
function blobOf(listing: Buffer, source: GitSource): string {
  const entry = listing
    .toString('utf8')
    .split('\0')
    .map((line) => /^(\d{6}) (\w+) ([0-9a-f]+)\t(.*)$/s.exec(line))
    .find((m) => m?.[4] === source.file);
  if (!entry) throw new SourceFailure(`the repository has no file ${source.file} at its HEAD: check the path after .git/`);
  const [, mode, type, object] = entry;
  if (type === 'tree') throw new SourceFailure(`${source.file} is a folder in the repository: name one file`);
  if (mode === '120000')
    throw new SourceFailure(
      `${source.file} is a symbolic link in the repository, which score-ts does not follow: name the file it points to`,
    );
  if (type !== 'blob') throw new SourceFailure(`${source.file} is not a file in the repository (a submodule?)`);
  return object!;
}

interface GitRunner {
  /** Runs git; its stdout, at most `maxStdout` bytes (64 KiB by default). */
  run(args: readonly string[], failure: string, cwd?: string, maxStdout?: number): Promise<Buffer>;
}

function gitRunner(gitDir: string, source: GitSource, limits: FetchLimits, deadline: Deadline): GitRunner {
  const env = { ...limits.env, GIT_TERMINAL_PROMPT: '0', GIT_LITERAL_PATHSPECS: '1', LC_ALL: 'C' };
  return {
    run: (args, failure, cwd, maxStdout = 64 * 1024) =>
      runGit(cwd ? [...args] : ['--git-dir', gitDir, ...args], { env, cwd: cwd ?? path.dirname(gitDir), deadline, maxStdout }).then(
        ({ code, stdout, stderr }) => {
          if (code !== 0) throw new SourceFailure(`git ${failure}: ${lastLine(stderr, source.secrets)}`);
          return stdout;
        },
      ),
  };
}

interface RunOptions {
  readonly env: Record<string, string | undefined>;
  readonly cwd: string;
  readonly deadline: Deadline;
  readonly maxStdout: number;
}

function runGit(args: readonly string[], options: RunOptions): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout stops git and what it started (git-remote-https, ssh).
    const child = spawn('git', args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const stdout: Buffer[] = [];
    let stdoutSize = 0;
    let stderr = '';
    let failure: SourceFailure | undefined;
    const stop = (why: SourceFailure) => {
      failure ??= why;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(
      () => stop(new SourceFailure(`git did not finish within ${options.deadline.seconds} s: check the URL and the network`)),
      Math.max(0, options.deadline.at - Date.now()),
    );
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutSize += chunk.length;
      if (stdoutSize > options.maxStdout) return stop(new SourceFailure(`git gave more than ${formatBytes(options.maxStdout)}`));
      stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 64 * 1024) stderr += chunk.toString('utf8');
    });
    child.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        new SourceFailure(
          e.code === 'ENOENT'
            ? 'git is not installed: install git, or download the file and give its path'
            : `git could not be started (${e.code ?? 'error'})`,
        ),
      );
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      if (failure) reject(failure);
      else resolve({ code, stdout: Buffer.concat(stdout), stderr });
    });
  });
}

/** Git's last words (its `fatal:` line when there is one), with credentials masked and at most 300 characters. */
export function lastLine(stderr: string, secrets: readonly string[]): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  let line = [...lines].reverse().find((l) => l.startsWith('fatal:')) ?? lines.at(-1) ?? 'it failed without a message';
  line = line.replace(/([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/@\s]+@/g, '$1***@');
  for (const secret of secrets) line = line.split(secret).join('***');
  return line.length > 300 ? `${line.slice(0, 300)}...` : line;
}
