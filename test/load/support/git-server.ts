/**
 * Git remotes on this machine for the git-https:// and git-ssh:// tests: a bare repository made with the
 * system git, served over HTTPS (the throw-away CA) by `git http-backend` run as a CGI program behind a
 * Node server on 127.0.0.1, and over "ssh" through GIT_SSH_COMMAND, a stand-in for ssh that runs git's
 * remote command here (there is no sshd in the test machine; everything but the ssh connection is real).
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startServer, testCa, type LocalServer } from './local-servers.js';

const GIT_ENV = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: '/nonexistent',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.invalid',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.invalid',
};

/** A folder holding `repo.git` (bare), whose HEAD commit has `files` (a value starting with `->` is a symbolic link). */
export function makeRepository(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'score-ts-git-remote-'));
  const work = path.join(root, 'work');
  mkdirSync(work);
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: GIT_ENV, stdio: ['ignore', 'ignore', 'pipe'] });
  git(work, 'init', '-q', '-b', 'main');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(work, name)), { recursive: true });
    if (content.startsWith('->')) symlinkSync(content.slice(2), path.join(work, name));
    else writeFileSync(path.join(work, name), content);
  }
  git(work, 'add', '-A');
  git(work, 'commit', '-q', '-m', 'provisioners');
  git(root, 'clone', '-q', '--bare', 'work', 'repo.git');
  return root;
}

/** Serves the repositories under `root` over HTTPS; with `password`, only to user `u` with that password. */
export function serveGitHttps(root: string, password?: string): Promise<LocalServer> {
  const expected = password === undefined ? undefined : `Basic ${Buffer.from(`u:${password}`).toString('base64')}`;
  return startServer(
    (req, res) => {
      if (expected !== undefined && req.headers.authorization !== expected)
        return void res.writeHead(401, { 'www-authenticate': 'Basic realm="git"' }).end();
      runBackend(root, req, res);
    },
    { tls: testCa() },
  );
}

/** One CGI request to `git http-backend`. */
function runBackend(root: string, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'https://x');
  const env: Record<string, string> = {
    ...GIT_ENV,
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: '1',
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.slice(1),
    REQUEST_METHOD: req.method ?? 'GET',
    CONTENT_TYPE: req.headers['content-type'] ?? '',
    REMOTE_ADDR: '127.0.0.1',
    ...(req.headers['content-encoding'] ? { HTTP_CONTENT_ENCODING: String(req.headers['content-encoding']) } : {}),
    ...(req.headers['git-protocol']
      ? { GIT_PROTOCOL: String(req.headers['git-protocol']), HTTP_GIT_PROTOCOL: String(req.headers['git-protocol']) }
      : {}),
  };
  const cgi = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
  const out: Buffer[] = [];
  cgi.stdout.on('data', (d: Buffer) => out.push(d));
  cgi.stdin.on('error', () => {});
  req.pipe(cgi.stdin);
  cgi.on('close', () => {
    const all = Buffer.concat(out);
    const split = all.indexOf('\r\n\r\n') !== -1 ? all.indexOf('\r\n\r\n') : all.indexOf('\n\n');
    const gap = all.indexOf('\r\n\r\n') !== -1 ? 4 : 2;
    const headers: Record<string, string> = {};
    let status = 200;
    for (const line of all.subarray(0, split).toString('latin1').split(/\r?\n/)) {
      const colon = line.indexOf(':');
      const [key, value] = [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
      if (key.toLowerCase() === 'status') status = Number(value.split(' ')[0]);
      else if (key) headers[key] = value;
    }
    res.writeHead(status, headers).end(all.subarray(split + gap));
  });
}

/** A GIT_SSH_COMMAND that stands in for ssh: it runs, here, the command git asks the remote side to run. */
export function fakeSsh(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'score-ts-fake-ssh-'));
  const script = path.join(dir, 'fake-ssh');
  writeFileSync(
    script,
    '#!/bin/sh\n# The last argument is the remote command (git-upload-pack \'/path/repo.git\').\nfor last; do :; done\nexec sh -c "$last"\n',
  );
  chmodSync(script, 0o755);
  return script;
}
