/**
 * git-https:// and git-ssh:// sources, read with the system git from remotes on this machine: HTTPS served
 * by `git http-backend` behind a server with the throw-away CA (trusted through GIT_SSL_CAINFO, as a user
 * would for a private CA), and ssh through GIT_SSH_COMMAND (see support/git-server.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fetchSources, type SourceLimits } from '../../src/sources/fetch-sources.js';
import type { FetchedText } from '../../src/sources/fetched-text.js';
import { lastLine } from '../../src/sources/git-source.js';
import { tempProject } from '../support/run-cli.js';
import { run } from './support/cli.js';
import { fakeSsh, makeRepository, serveGitHttps } from './support/git-server.js';
import { provisionerFile, testCa, type LocalServer } from './support/local-servers.js';

const WEB = provisionerFile('template://git/web');

let root: string;
let https: LocalServer;
let privateHttps: LocalServer;
let env: Record<string, string>;

beforeAll(async () => {
  root = makeRepository({
    'score-k8s/web.provisioners.yaml': WEB,
    'patches/replicas.tpl': '- op: delete\n  path: 0.metadata.labels.x\n',
    'link.provisioners.yaml': '->/etc/hostname',
    'big.yaml': 'x'.repeat(2048),
  });
  https = await serveGitHttps(root);
  privateHttps = await serveGitHttps(root, 's3cr3t-pw');
  env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    GIT_SSL_CAINFO: testCa().caFile,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_SSH_COMMAND: fakeSsh(),
    GIT_SSH_VARIANT: 'ssh',
  };
}, 60_000);

const hostOf = (server: LocalServer) => new URL(server.origin).host;

async function fetchGit(value: string, limits: Partial<SourceLimits> = {}): Promise<{ text?: string; display?: string; error?: string }> {
  try {
    const [items] = (await fetchSources([{ flag: '--provisioners', values: [value] }], {
      env: { ...env, HOME: '/nonexistent' },
      limits,
    })) as FetchedText[][];
    return { text: items![0]!.text, display: items![0]!.display };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

describe('git sources that work', () => {
  it('init --provisioners git-https://HOST/repo.git/PATH installs the file at HEAD', async () => {
    const dir = tempProject();
    const url = `git-https://${hostOf(https)}/repo.git/score-k8s/web.provisioners.yaml`;
    const result = await run(dir, ['init', '--no-sample', '--provisioners', url], { env });
    expect(result).toEqual({
      code: 0,
      stdout: '',
      stderr: `created .score-ts/ (its .gitignore keeps state and secrets out of git)\ninstalled .score-ts/web.provisioners.yaml from ${url}\ncreated score-ts.yaml (project label project; no workloads yet; provisioners ${url}): commit it; .score-ts/ stays private\n`,
    });
    expect(readFileSync(path.join(dir, '.score-ts', 'web.provisioners.yaml'), 'utf8')).toBe(
      `# Installed by score-ts init from ${url}\n${WEB}`,
    );
  });

  it.each([
    {
      name: 'git-ssh (the user name is shown)',
      url: () => `git-ssh://git@example.invalid${root}/repo.git/score-k8s/web.provisioners.yaml`,
      display: () => `git-ssh://git@example.invalid${root}/repo.git/score-k8s/web.provisioners.yaml`,
    },
    {
      name: 'git-https with credentials (masked)',
      url: () => `git-https://u:s3cr3t-pw@${hostOf(privateHttps)}/repo.git/score-k8s/web.provisioners.yaml`,
      display: () => `git-https://***@${hostOf(privateHttps)}/repo.git/score-k8s/web.provisioners.yaml`,
    },
    {
      name: 'a patch template',
      url: () => `git-https://${hostOf(https)}/repo.git/patches/replicas.tpl`,
      display: () => `git-https://${hostOf(https)}/repo.git/patches/replicas.tpl`,
      text: '- op: delete\n  path: 0.metadata.labels.x\n',
    },
  ])('$name', async ({ url, display, text }) => {
    expect(await fetchGit(url())).toEqual({ text: text ?? WEB, display: display() });
  });
});

describe('git sources that fail, with exact messages', () => {
  it.each([
    {
      name: 'a file the repository lacks',
      path: 'repo.git/nope.yaml',
      reason: 'the repository has no file nope.yaml at its HEAD: check the path after .git/',
    },
    { name: 'a folder', path: 'repo.git/score-k8s', reason: 'score-k8s is a folder in the repository: name one file' },
    {
      name: 'a symbolic link (never followed)',
      path: 'repo.git/link.provisioners.yaml',
      reason: 'link.provisioners.yaml is a symbolic link in the repository, which score-ts does not follow: name the file it points to',
    },
    {
      name: 'a file over the cap',
      path: 'repo.git/big.yaml',
      reason: 'big.yaml is larger than 1 KiB, the most score-ts reads',
      limits: { maxBytes: 1024 },
    },
  ])('$name', async ({ path: rest, reason, limits }) => {
    const url = `git-https://${hostOf(https)}/${rest}`;
    expect(await fetchGit(url, limits)).toEqual({ error: `cannot read provisioners ${url}: ${reason}` });
  });

  it("a repository that does not exist: git's own words", async () => {
    const url = `git-https://${hostOf(https)}/missing.git/web.yaml`;
    expect(await fetchGit(url)).toEqual({
      error: `cannot read provisioners ${url}: git could not fetch https://${hostOf(https)}/missing.git: fatal: repository 'https://${hostOf(https)}/missing.git/' not found`,
    });
  });

  it("a wrong password is never shown, in score-ts's words or git's", async () => {
    const result = await fetchGit(`git-https://u:wrong-pw-123@${hostOf(privateHttps)}/repo.git/score-k8s/web.provisioners.yaml`);
    expect(result.error).toBe(
      `cannot read provisioners git-https://***@${hostOf(privateHttps)}/repo.git/score-k8s/web.provisioners.yaml: git could not fetch https://***@${hostOf(privateHttps)}/repo.git: fatal: Authentication failed for 'https://${hostOf(privateHttps)}/repo.git/'`,
    );
  });

  it('a server whose certificate git does not trust', async () => {
    const url = `git-https://${hostOf(https)}/repo.git/score-k8s/web.provisioners.yaml`;
    const result = await fetchSources([{ flag: '--provisioners', values: [url] }], {
      env: { PATH: env.PATH!, HOME: '/nonexistent', GIT_CONFIG_NOSYSTEM: '1' },
    }).catch((e: Error) => e.message);
    expect(result).toMatch(
      new RegExp(
        `^cannot read provisioners ${url.replace(/[.]/g, '\\.')}: git could not fetch https://${hostOf(https).replace(/[.]/g, '\\.')}/repo\\.git: fatal: unable to access '.*': server certificate verification failed`,
      ),
    );
  });

  it('git that does not finish in time is stopped', async () => {
    const url = `git-https://${hostOf(https)}/repo.git/score-k8s/web.provisioners.yaml`;
    expect(await fetchGit(url, { gitTimeoutSeconds: 0.05 })).toEqual({
      error: `cannot read provisioners ${url}: git did not finish within 0.05 s: check the URL and the network`,
    });
  });

  it('no git on PATH', async () => {
    const url = `git-https://${hostOf(https)}/repo.git/web.yaml`;
    const result = await fetchSources([{ flag: '--provisioners', values: [url] }], { env: { PATH: '/nonexistent' } }).catch(
      (e: Error) => e.message,
    );
    expect(result).toBe(`cannot read provisioners ${url}: git is not installed: install git, or download the file and give its path`);
  });
});

describe("git's last line, as shown", () => {
  it.each([
    { name: 'the fatal line wins', stderr: 'remote: hello\nfatal: no luck\nhint: try again\n', secrets: [], line: 'fatal: no luck' },
    { name: 'otherwise the last line', stderr: 'warning: a\nerror: b\n', secrets: [], line: 'error: b' },
    {
      name: 'credentials in URLs are masked',
      stderr: "fatal: unable to access 'https://tok:pw@h/r.git/'",
      secrets: [],
      line: "fatal: unable to access 'https://***@h/r.git/'",
    },
    {
      name: 'a known secret is masked anywhere',
      stderr: 'fatal: token abcd1234 rejected',
      secrets: ['abcd1234'],
      line: 'fatal: token *** rejected',
    },
    { name: 'long lines are cut', stderr: `fatal: ${'x'.repeat(400)}`, secrets: [], line: `fatal: ${'x'.repeat(293)}...` },
    { name: 'nothing at all', stderr: '\n\n', secrets: [], line: 'it failed without a message' },
  ])('$name', ({ stderr, secrets, line }) => {
    expect(lastLine(stderr, secrets)).toBe(line);
  });
});
