/**
 * docs/ci.md, run as written: the laptop's commands in a project folder named `shop`, then the GitHub Actions
 * steps and the GitLab CI jobs in fresh clones under other names, for a pull request and for main. `npm install
 * -g score-ts@0.1.0` installs the tarball of this checkout instead (npm pack of the built tree), and `kubectl`
 * is a stand-in that records what it was asked to apply; the test then checks those files.
 * Without the npm registry (npm install needs the dependencies' metadata once), skipped with one line; in CI
 * it must run.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkManifests } from '../support/k8s-check.js';
import { repoRoot } from '../support/run-cli.js';
import { npmWithCache, registryError, runProgram, tail, userEnv, type Run } from '../package/npm-support.js';
import { readCiPage, type Step } from './recipe-blocks.js';

const page = readCiPage(path.join(repoRoot, 'docs', 'ci.md'));
const root = mkdtempSync(path.join(os.tmpdir(), 'score-ts-ci-recipes-'));
const laptop = path.join(root, 'laptop', 'shop');
const PACKAGE_SPEC = 'score-ts@0.1.0';
const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: 'Dev',
  GIT_AUTHOR_EMAIL: 'dev@example.com',
  GIT_COMMITTER_NAME: 'Dev',
  GIT_COMMITTER_EMAIL: 'dev@example.com',
};

const SCORE_FILE = `apiVersion: score.dev/v1b1
metadata:
  name: shop
containers:
  main:
    image: ghcr.io/acme/shop:1.0.0
    variables:
      DB_URL: \${resources.db.url}
service:
  ports:
    http: {port: 80, targetPort: 8080}
resources:
  db:
    type: postgres
`;

let tarball = '';
let baseEnv: NodeJS.ProcessEnv = {};
/** Why the recipes cannot run here (no registry), or undefined. */
let unavailable: string | undefined;
let seed = '';

function bash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return runProgram('bash', ['-e', '-c', script], { cwd, env, timeoutMs: 180_000 });
}

/** A `kubectl` that records its arguments (one JSON line per call) and checks that the files it is given exist. */
function kubectlStandIn(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'kubectl');
  writeFileSync(
    file,
    `#!/usr/bin/env node
const fs = require('node:fs');
const args = process.argv.slice(2);
const files = args.flatMap((a, i) => (args[i - 1] === '-f' ? [require('node:path').resolve(a)] : []));
for (const f of files) if (!fs.existsSync(f)) { console.error('error: the path "' + f + '" does not exist'); process.exit(1); }
fs.appendFileSync(process.env.KUBECTL_LOG, JSON.stringify({ args, files, cwd: process.cwd() }) + '\\n');
`,
  );
  chmodSync(file, 0o755);
  return dir;
}

/** A fresh clone of the laptop's repository (or `from`) in a folder named `name`, and the environment its CI job has. */
function ciCheckout(
  name: string,
  env: Record<string, string>,
  from = laptop,
): Promise<{ dir: string; env: NodeJS.ProcessEnv; log: string }> {
  const dir = path.join(root, 'ci', name);
  const log = path.join(root, 'ci', `${name}.kubectl.jsonl`);
  mkdirSync(path.dirname(dir), { recursive: true });
  const prefix = path.join(root, 'ci', `${name}.prefix`);
  const jobEnv = {
    ...baseEnv,
    ...env,
    KUBECTL_LOG: log,
    npm_config_prefix: prefix,
    PATH: `${path.join(prefix, 'bin')}:${kubectlStandIn(path.join(root, 'bin'))}:${baseEnv.PATH}`,
  };
  return bash(`git clone -q ${JSON.stringify(from)} ${JSON.stringify(dir)}`, root, jobEnv).then((run) => {
    expect(run.status, tail(run)).toBe(0);
    return { dir, env: jobEnv, log };
  });
}

/** Runs the steps that apply to `on`, in order; the first that fails ends the job, as CI does. */
async function runSteps(
  steps: readonly Step[],
  on: 'pull-request' | 'main',
  dir: string,
  env: NodeJS.ProcessEnv,
): Promise<Array<{ step: string; run: Run }>> {
  const results = [];
  for (const step of steps.filter((s) => !s.onlyOn || s.onlyOn === on)) {
    const run = await bash(step.script.replaceAll(PACKAGE_SPEC, tarball), dir, env);
    results.push({ step: step.name, run });
    if (run.status !== 0) break;
  }
  return results;
}

function applied(log: string): Array<{ args: string[]; files: string[] }> {
  return existsSync(log)
    ? readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { args: string[]; files: string[] })
    : [];
}

/** What an apply on main must have been given: the manifests, all of them labelled for --prune, all valid. */
function expectAppliedProject(log: string, command = 'apply -f manifests.yaml --prune -l score-ts.dev/project=shop'): void {
  const calls = applied(log);
  expect(calls.map((c) => c.args.join(' '))).toEqual([command]);
  const text = calls[0]!.files.map((f) => readFileSync(f, 'utf8')).join('---\n');
  expect(checkManifests(text)).toEqual([]);
  // Files joined with '---' leave an empty document between them (each starts with '---'), as kubectl reads them.
  const objects = parseAllDocuments(text)
    .map((d) => d.toJS() as { kind: string; metadata: { labels?: Record<string, string> } } | null)
    .filter((o) => o !== null);
  expect(objects.map((o) => o.kind)).toContain('StatefulSet');
  for (const o of objects) expect(o.metadata.labels?.['score-ts.dev/project'], o.kind).toBe('shop');
}

beforeAll(async () => {
  if (!existsSync(path.join(repoRoot, 'dist', 'score-ts.cjs')))
    throw new Error('the CI recipes test installs the built tree: run npm run build first (npm test does)');
  baseEnv = { ...userEnv(repoRoot), ...GIT_IDENTITY, NO_COLOR: '1', GIT_CONFIG_NOSYSTEM: '1', HOME: root };
  const npm = npmWithCache(path.join(root, 'npm-cache'), baseEnv);
  baseEnv = {
    ...baseEnv,
    npm_config_cache: path.join(root, 'npm-cache'),
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_fetch_retries: '1',
    npm_config_fetch_retry_maxtimeout: '5000',
  };
  const packed = await npm.run(['pack', '--ignore-scripts', '--pack-destination', root], repoRoot);
  expect(packed.status, tail(packed)).toBe(0);
  tarball = path.join(
    root,
    readdirSync(root).find((name) => name.endsWith('.tgz'))!,
  );
  // The laptop: the workload, a repository, then the page's commands.
  mkdirSync(laptop, { recursive: true });
  writeFileSync(path.join(laptop, 'score.yaml'), SCORE_FILE);
  const prefix = path.join(root, 'laptop-prefix');
  const install = await bash(`npm install -g ${JSON.stringify(tarball)}`, laptop, { ...baseEnv, npm_config_prefix: prefix });
  const offline = registryError(install);
  if (offline) {
    unavailable = `the CI recipes install score-ts with npm, which needs the registry's metadata of its dependencies once, and the registry cannot be reached (${offline})`;
    if (process.env.CI === 'true') throw new Error(`${unavailable}, and CI must run them`);
    process.stderr.write(`skipped: ${unavailable}\n`);
    return;
  }
  expect(install.status, tail(install)).toBe(0);
  const laptopEnv = { ...baseEnv, PATH: `${path.join(prefix, 'bin')}:${baseEnv.PATH}` };
  expect((await bash('git init -q -b main', laptop, laptopEnv)).status).toBe(0);
  const run = await bash(`${page.laptop}\nprintf %s "$SCORE_TS_SEED" > ../seed`, laptop, laptopEnv);
  expect(run.status, tail(run)).toBe(0);
  seed = readFileSync(path.join(root, 'laptop', 'seed'), 'utf8');
  expect(seed).toMatch(/^[0-9a-f]{64}$/);
}, 300_000);

afterAll(() => rmSync(root, { recursive: true, force: true, maxRetries: 3 }));

describe('docs/ci.md, GitHub Actions', () => {
  const env = () =>
    Object.fromEntries(Object.entries(page.github.env).map(([k, v]) => [k, v === '${{ secrets.SCORE_TS_SEED }}' ? seed : v]));

  it('a pull request: every step passes in a fresh clone under another name, and nothing is applied', async (ctx) => {
    if (unavailable) return ctx.skip();
    const { dir, env: jobEnv, log } = await ciCheckout('gh-pr-4711', env());
    const results = await runSteps(page.github.steps, 'pull-request', dir, jobEnv);
    for (const { step, run } of results) expect(run.status, `${step}: ${tail(run)}`).toBe(0);
    expect(results.map((r) => r.step)).toEqual(page.github.steps.filter((s) => s.onlyOn !== 'main').map((s) => s.name));
    expect(applied(log)).toEqual([]);
  }, 180_000);

  it('a pull request that changes score.yaml without generating fails the check', async (ctx) => {
    if (unavailable) return ctx.skip();
    const { dir, env: jobEnv } = await ciCheckout('gh-pr-stale', env());
    writeFileSync(path.join(dir, 'score.yaml'), SCORE_FILE.replace('shop:1.0.0', 'shop:1.0.1'));
    const results = await runSteps(page.github.steps, 'pull-request', dir, jobEnv);
    const last = results[results.length - 1]!;
    expect(last.step).toBe('manifests.yaml is current');
    expect(last.run.status).toBe(1);
    expect(last.run.stderr).toContain('manifests.yaml is out of date');
  }, 180_000);

  it('main: the check passes and the project is applied, labelled for --prune', async (ctx) => {
    if (unavailable) return ctx.skip();
    const { dir, env: jobEnv, log } = await ciCheckout('gh-main', env());
    for (const { step, run } of await runSteps(page.github.steps, 'main', dir, jobEnv)) expect(run.status, `${step}: ${tail(run)}`).toBe(0);
    expectAppliedProject(log);
  }, 180_000);
});

describe('docs/ci.md, GitLab CI', () => {
  for (const on of ['pull-request', 'main'] as const) {
    it(`${on === 'main' ? 'the default branch' : 'a merge request'}: the jobs of its rules pass in a fresh clone`, async (ctx) => {
      if (unavailable) return ctx.skip();
      const jobs = page.gitlab.filter((j) => j.on === on);
      expect(jobs.length).toBe(1);
      const { dir, env: jobEnv, log } = await ciCheckout(`gl-${on}`, { SCORE_TS_SEED: seed });
      for (const { step, run } of await runSteps(jobs[0]!.steps, on, dir, jobEnv)) expect(run.status, `${step}: ${tail(run)}`).toBe(0);
      if (on === 'main') expectAppliedProject(log);
      else expect(applied(log)).toEqual([]);
    }, 180_000);
  }
});

describe('docs/ci.md, Secrets and Git: secretsOutput', () => {
  const secretsLaptop = path.join(root, 'laptop-secrets', 'shop');
  const kinds = (file: string) =>
    parseAllDocuments(readFileSync(file, 'utf8'))
      .map((d) => (d.toJS() as { kind: string } | null)?.kind)
      .filter(Boolean);

  it("the laptop's setup keeps the Secrets out of Git; CI checks without them and applies both on main", async (ctx) => {
    if (unavailable) return ctx.skip();
    const laptopEnv = { ...baseEnv, SCORE_TS_SEED: seed, PATH: `${path.join(root, 'laptop-prefix', 'bin')}:${baseEnv.PATH}` };
    expect((await bash(`git clone -q ${JSON.stringify(laptop)} ${JSON.stringify(secretsLaptop)}`, root, laptopEnv)).status).toBe(0);
    const setup = await bash(page.secrets.setup, secretsLaptop, laptopEnv);
    expect(setup.status, tail(setup)).toBe(0);
    expect(kinds(path.join(secretsLaptop, 'manifests.yaml'))).not.toContain('Secret');
    expect(kinds(path.join(secretsLaptop, 'secrets.yaml'))).toContain('Secret');
    const tracked = await bash('git ls-files', secretsLaptop, laptopEnv);
    expect(tracked.stdout.split('\n')).not.toContain('secrets.yaml');

    const pr = await ciCheckout('gh-pr-secrets', { SCORE_TS_SEED: seed }, secretsLaptop);
    expect(existsSync(path.join(pr.dir, 'secrets.yaml'))).toBe(false);
    for (const { step, run } of await runSteps(page.github.steps, 'pull-request', pr.dir, pr.env))
      expect(run.status, `${step}: ${tail(run)}`).toBe(0);

    const main = await ciCheckout('main-secrets', { SCORE_TS_SEED: seed }, secretsLaptop);
    const install = await bash(`npm install -g ${JSON.stringify(tarball)}`, main.dir, main.env);
    expect(install.status, tail(install)).toBe(0);
    const apply = await bash(page.secrets.apply, main.dir, main.env);
    expect(apply.status, tail(apply)).toBe(0);
    expectAppliedProject(main.log, 'apply -f secrets.yaml -f manifests.yaml --prune -l score-ts.dev/project=shop');
    // The Secrets CI wrote are the laptop's: the same seed gives the same passwords.
    expect(readFileSync(path.join(main.dir, 'secrets.yaml'), 'utf8')).toBe(readFileSync(path.join(secretsLaptop, 'secrets.yaml'), 'utf8'));
  }, 240_000);
});
