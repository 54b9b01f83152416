/**
 * oci:// sources against a real registry on 127.0.0.1 (Debian's docker-registry, the CNCF distribution
 * registry): artifacts pushed over its HTTP API, then read by `init` and `generate` as score-k8s reads
 * them; and, with token authentication, anonymous bearer tokens and Docker's credential file.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempProject } from '../support/run-cli.js';
import { run } from './support/cli.js';
import { provisionerFile } from './support/local-servers.js';
import { ALICE, startRegistry, type Registry } from './support/registry.js';

const WEB = provisionerFile('template://oci/web');
const OTHER = provisionerFile('template://oci/other');
const PATCH = '- op: set\n  path: 0.metadata.labels.patched\n  value: "yes"\n';
const SCORE =
  'apiVersion: score.dev/v1b1\nmetadata: {name: web}\ncontainers:\n  main: {image: nginx:1.28}\nresources:\n  store: {type: thing}\n';

let open: Registry;
let v1Digest: string;

beforeAll(async () => {
  open = await startRegistry();
  v1Digest = await open.push('score/prov', 'v1', [
    { title: 'web.provisioners.yaml', content: WEB },
    { title: 'replicas.tpl', content: PATCH },
  ]);
  await open.push('score/prov', 'latest', [{ title: 'web.provisioners.yaml', content: WEB }]);
  await open.push('score/two', 'v1', [
    { title: 'a.provisioners.yaml', content: WEB },
    { title: 'b.provisioners.yaml', content: OTHER },
  ]);
}, 60_000);

function installedFiles(dir: string): string[] {
  const state = path.join(dir, '.score-ts');
  return existsSync(state)
    ? readdirSync(state)
        .filter((n) => n.endsWith('.provisioners.yaml') || n.endsWith('.patch.tpl'))
        .sort()
    : [];
}

describe('oci:// from a registry without authentication', () => {
  it.each([
    {
      name: 'a tag and a file',
      ref: () => `oci://${open.host}/score/prov:v1#web.provisioners.yaml`,
      display: () => `oci://${open.host}/score/prov:v1#web.provisioners.yaml`,
    },
    {
      name: 'a tag, no file: the one .yaml layer',
      ref: () => `oci://${open.host}/score/prov:v1`,
      display: () => `oci://${open.host}/score/prov:v1`,
    },
    { name: 'no tag: latest', ref: () => `oci://${open.host}/score/prov`, display: () => `oci://${open.host}/score/prov:latest` },
    {
      name: 'a digest',
      ref: () => `oci://${open.host}/score/prov@${v1Digest}#web.provisioners.yaml`,
      display: () => `oci://${open.host}/score/prov@${v1Digest}#web.provisioners.yaml`,
    },
  ])('init --provisioners with $name', async ({ ref, display }) => {
    const dir = tempProject();
    const result = await run(dir, ['init', '--no-sample', '--provisioners', ref()]);
    expect(result.code, result.stderr).toBe(0);
    const installed = readFileSync(path.join(dir, '.score-ts', 'web.provisioners.yaml'), 'utf8');
    expect(installed).toMatch(/^# Installed by score-ts init from (.*) \(manifest sha256:[0-9a-f]{64}\)\n/);
    expect(installed.split('\n')[0]).toContain(`from ${display()} (manifest `);
    expect(installed.slice(installed.indexOf('\n') + 1)).toBe(WEB);
  });

  it('the installed copy records the digest of the manifest it came from', async () => {
    const dir = tempProject();
    await run(dir, ['init', '--no-sample', '--provisioners', `oci://${open.host}/score/prov:v1`]);
    expect(readFileSync(path.join(dir, '.score-ts', 'web.provisioners.yaml'), 'utf8').split('\n')[0]).toBe(
      `# Installed by score-ts init from oci://${open.host}/score/prov:v1 (manifest ${v1Digest})`,
    );
  });

  it('init --patch-templates reads another file of the same artifact', async () => {
    const dir = tempProject();
    const result = await run(dir, ['init', '--no-sample', '--patch-templates', `oci://${open.host}/score/prov:v1#replicas.tpl`]);
    expect(result.code, result.stderr).toBe(0);
    expect(installedFiles(dir)).toEqual(['replicas.patch.tpl']);
  });

  it('generate --provisioners reads it for the run, installing nothing', async () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), SCORE);
    const result = await run(dir, [
      'generate',
      'score.yaml',
      '-o',
      '-',
      '--provisioners',
      `oci://${open.host}/score/prov:v1#web.provisioners.yaml`,
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('kind: Deployment');
    expect(installedFiles(dir)).toEqual([]);
  });

  it.each([
    {
      name: 'a file the artifact lacks',
      ref: (h: string) => `oci://${h}/score/prov:v1#nope.yaml`,
      reason: 'the artifact has no file nope.yaml; its files: web.provisioners.yaml, replicas.tpl',
    },
    {
      name: 'several .yaml files and no fragment',
      ref: (h: string) => `oci://${h}/score/two:v1`,
      reason: 'the artifact has 2 .yaml files: name one after # (oci://...#FILE): a.provisioners.yaml, b.provisioners.yaml',
    },
    {
      name: 'a tag the registry lacks',
      ref: (h: string) => `oci://${h}/score/prov:v9`,
      reason: 'the registry has no score/prov:v9 (404 Not Found): check the repository, the tag and the file name',
    },
    {
      name: 'a repository the registry lacks',
      ref: (h: string) => `oci://${h}/score/none:v1`,
      reason: 'the registry has no score/none:v1 (404 Not Found): check the repository, the tag and the file name',
    },
    {
      name: 'a digest the registry lacks',
      ref: (h: string) => `oci://${h}/score/prov@sha256:${'0'.repeat(64)}`,
      reason: `the registry has no score/prov@sha256:${'0'.repeat(64)} (404 Not Found): check the repository, the tag and the file name`,
    },
  ])('$name: a clear error, nothing installed', async ({ ref, reason }) => {
    const dir = tempProject();
    const result = await run(dir, ['init', '--no-sample', '--provisioners', ref(open.host)]);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: cannot read provisioners ${ref(open.host)}: ${reason}; nothing was installed\n`,
    });
    expect(installedFiles(dir)).toEqual([]);
  });
});

describe('oci:// from a registry with token authentication', () => {
  let secured: Registry;
  let dockerConfig: string;

  beforeAll(async () => {
    secured = await startRegistry({ tokenAuth: true });
    await secured.push('public/prov', 'v1', [{ title: 'web.provisioners.yaml', content: WEB }]);
    await secured.push('private/prov', 'v1', [{ title: 'web.provisioners.yaml', content: WEB }]);
    dockerConfig = path.join(tempProject(), 'docker');
    mkdirSync(dockerConfig);
  }, 60_000);

  function withCredentials(entry: object): Record<string, string> {
    const folder = path.join(dockerConfig, String(Math.random()).slice(2));
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'config.json'), JSON.stringify({ auths: { [secured.host]: entry } }));
    return { DOCKER_CONFIG: folder };
  }

  it('a public repository: the registry says 401 with a Bearer challenge, the token comes anonymously', async () => {
    const before = secured.tokens!.authorizations.length;
    const result = await run(tempProject(), ['init', '--no-sample', '--provisioners', `oci://${secured.host}/public/prov:v1`]);
    expect(result.code, result.stderr).toBe(0);
    expect(secured.tokens!.authorizations.slice(before)).toEqual(['']);
    expect(secured.tokens!.requests.at(-1)).toBe(
      `GET /token?service=score-ts-test&scope=${encodeURIComponent('repository:public/prov:pull')}`,
    );
  });

  it.each([
    { name: 'auth (base64 of user:password)', entry: { auth: Buffer.from(`${ALICE.username}:${ALICE.password}`).toString('base64') } },
    { name: 'username and password', entry: { username: ALICE.username, password: ALICE.password } },
  ])('a private repository with Docker credentials as $name', async ({ entry }) => {
    const dir = tempProject();
    const result = await run(dir, ['init', '--no-sample', '--provisioners', `oci://${secured.host}/private/prov:v1`], {
      env: withCredentials(entry),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(secured.tokens!.authorizations.at(-1)).toBe(`Basic ${Buffer.from(`${ALICE.username}:${ALICE.password}`).toString('base64')}`);
    expect(installedFiles(dir)).toEqual(['web.provisioners.yaml']);
  });

  it('credentials in ~/.docker/config.json (HOME) are found without DOCKER_CONFIG', async () => {
    const home = path.join(tempProject(), 'home');
    mkdirSync(path.join(home, '.docker'), { recursive: true });
    writeFileSync(
      path.join(home, '.docker', 'config.json'),
      JSON.stringify({ auths: { [`http://${secured.host}`]: { username: ALICE.username, password: ALICE.password } } }),
    );
    const result = await run(tempProject(), ['init', '--no-sample', '--provisioners', `oci://${secured.host}/private/prov:v1`], {
      env: { HOME: home },
    });
    expect(result.code, result.stderr).toBe(0);
  });

  it.each([
    {
      name: 'no credentials',
      env: () => ({ HOME: '/nonexistent' }),
      reason: (h: string) =>
        `the registry needs credentials for private/prov: run docker login ${h} (score-ts reads the auths of /nonexistent/.docker/config.json; DOCKER_CONFIG names another folder)`,
    },
    {
      name: 'wrong credentials',
      env: (c: (e: object) => Record<string, string>) => c({ username: 'alice', password: 'not-it' }),
      reason: (h: string, env: Record<string, string>) =>
        `the registry refused the credentials for ${h} in ${env.DOCKER_CONFIG}/config.json, or they may not pull private/prov`,
    },
  ])('a private repository with $name: a clear error that never shows a password', async ({ env, reason }) => {
    const runEnv = env(withCredentials);
    const result = await run(tempProject(), ['init', '--no-sample', '--provisioners', `oci://${secured.host}/private/prov:v1`], {
      env: runEnv,
    });
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: cannot read provisioners oci://${secured.host}/private/prov:v1: ${reason(secured.host, runEnv)}; nothing was installed\n`,
    });
    expect(result.stderr).not.toContain('not-it');
  });

  it('a Docker config that is not JSON is a warning, and the pull goes on without credentials', async () => {
    const folder = path.join(os.tmpdir(), `score-ts-docker-${process.pid}-${Date.now()}`);
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'config.json'), '{"auths": {');
    const result = await run(tempProject(), ['init', '--no-sample', '--provisioners', `oci://${secured.host}/public/prov:v1`], {
      env: { DOCKER_CONFIG: folder },
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`warning: ${folder}/config.json is not valid JSON: pulling without registry credentials\n`);
  });
});
