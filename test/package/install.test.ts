/**
 * score-ts installs as users install CLIs (issue 15): `npm pack` in a fresh clone (no dist/: the prepack script
 * builds), then, from unrelated folders, `npm install -g` of the tarball into a temporary prefix and `npx` of
 * it, with the real npm. The installed CLI sees only the tarball and the dependencies npm installed for it.
 *
 * npm install resolves the dependencies with the registry's metadata, which `npm ci` does not cache (it caches
 * their tarballs): the install prefers the cache and asks the registry only for what is missing, once per
 * machine. Without the registry and that metadata, the install tests are skipped with one line, and fail in CI.
 */
import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkManifests } from '../support/k8s-check.js';
import { repoRoot } from '../support/run-cli.js';
import { copyAsFreshClone, npmWithCache, registryError, tail, userEnv, type Npm } from './npm-support.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'score-ts-package-'));
const clone = path.join(root, 'clone');
let npm: Npm;
let tarball: string;
/** The paths `npm pack --dry-run --json` lists for the clone. */
let listed: string[];

beforeAll(async () => {
  npm = npmWithCache(path.join(root, 'npm-cache'), userEnv(repoRoot));
  copyAsFreshClone(repoRoot, clone);
  const packed = await npm.run(['pack', '--pack-destination', root], clone, 240_000);
  expect(packed.status, `npm pack in a fresh clone: ${tail(packed)}`).toBe(0);
  tarball = path.join(
    root,
    readdirSync(root).find((name) => name.endsWith('.tgz'))!,
  );
  const dryRun = await npm.run(['pack', '--dry-run', '--json', '--ignore-scripts'], clone);
  expect(dryRun.status, tail(dryRun)).toBe(0);
  listed = (JSON.parse(dryRun.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path).sort();
}, 300_000);

afterAll(() => rmSync(root, { recursive: true, force: true, maxRetries: 3 }));

/** Every file under `clone/dir`, as package paths. */
function filesIn(dir: string): string[] {
  const absolute = path.join(clone, dir);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(path.join(absolute, name)).isFile())
    .map((name) => `${dir}/${name}`);
}

/** The package a require() or import() specifier names, or undefined for Node's own modules and relative paths. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return undefined;
  const [first, second] = specifier.split('/');
  if (builtinModules.includes(first!)) return undefined;
  return first!.startsWith('@') ? `${first}/${second}` : first;
}

describe('npm pack in a fresh clone', () => {
  it('has a tarball named after the package', () => {
    const pkg = JSON.parse(readFileSync(path.join(clone, 'package.json'), 'utf8')) as { name: string; version: string };
    expect(path.basename(tarball)).toBe(`${pkg.name}-${pkg.version}.tgz`);
  });

  it('lists exactly what the installed CLI reads: bin/, the bundle (with what the build precompiled), provisioners/, schemas/', () => {
    const license = readdirSync(clone).filter((name) => /^(LICEN[CS]E|NOTICE)/i.test(name));
    // No code cache: bin/load-cli.cjs makes one per Node.js version on first use (dist/.cache/ is never packed).
    const expected = [
      'README.md',
      'package.json',
      ...license,
      ...filesIn('bin'),
      'dist/score-ts.cjs',
      ...filesIn('provisioners'),
      ...filesIn('schemas'),
    ];
    expect(listed).toEqual([...new Set(expected)].sort());
  });

  it('lists no sources, tests, examples, build scripts, tsc output or source maps', () => {
    const sourceOnly = listed.filter((f) =>
      /^(src|test|examples|docs|\.ci|node_modules)\/|^dist\/(?!score-ts\.c|generated\/)|\.(ts|map)$|^(tsconfig|vitest|package-lock)/.test(
        f,
      ),
    );
    expect(sourceOnly).toEqual([]);
    // They were there to be left out.
    expect(readdirSync(clone)).toEqual(expect.arrayContaining(['src', 'test', 'examples', 'tsconfig.json', 'package-lock.json']));
    expect(existsSync(path.join(clone, 'dist', 'cli', 'main.js')), 'the prepack build wrote tsc output').toBe(true);
  });

  it('declares as dependencies exactly the packages the shipped code requires', () => {
    const required = new Set<string>();
    for (const file of listed.filter((f) => /\.c?js$/.test(f))) {
      const code = readFileSync(path.join(clone, file), 'utf8');
      for (const match of code.matchAll(/\b(?:require\d*|__require|import)\(\s*(["'])([^"'\n]+)\1\s*\)/g)) {
        const name = packageOf(match[2]!);
        if (name !== undefined) required.add(name);
      }
    }
    const pkg = JSON.parse(readFileSync(path.join(clone, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect([...required].sort()).toEqual(Object.keys(pkg.dependencies).sort());
  });
});

describe('installed from the tarball', () => {
  /** The `npm install -g --prefix` folder, or undefined when npm cannot reach the registry (then skipped). */
  let prefix: string | undefined;

  beforeAll(async () => {
    const target = path.join(root, 'prefix');
    const install = await npm.run(
      ['install', '--global', tarball, '--prefix', target, '--prefer-offline'],
      mkdtempSync(path.join(root, 'elsewhere-')),
    );
    const offline = registryError(install);
    if (offline !== undefined) {
      const missing = `npm install -g of the tarball needs the registry's metadata of score-ts's dependencies, which npm ci does not cache, and the registry cannot be reached (${offline})`;
      if (process.env.CI === 'true') throw new Error(`${missing}, and CI must run these tests`);
      process.stderr.write(`skipped: ${missing}\n`);
      return;
    }
    expect(install.status, `npm install -g: ${tail(install)}`).toBe(0);
    prefix = target;
  }, 180_000);

  /** A new folder called `name` in the temporary folder, with these files. */
  function project(name: string, files: Record<string, string> = {}): string {
    const dir = path.join(mkdtempSync(path.join(root, 'project-')), name);
    mkdirSync(dir);
    for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text);
    return dir;
  }

  function scoreTs(cwd: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
    return spawnSync(path.join(prefix!, 'bin', 'score-ts'), args, {
      cwd,
      env: { ...npm.env, NO_COLOR: '1' },
      encoding: 'utf8',
      timeout: 60_000,
    });
  }

  it('npm install -g: score-ts --version, init, then generate score.yaml -o -', (ctx) => {
    if (prefix === undefined) return ctx.skip();
    const version = (JSON.parse(readFileSync(path.join(clone, 'package.json'), 'utf8')) as { version: string }).version;
    const dir = project('shop');
    expect(scoreTs(dir, ['--version']).stdout).toBe(`${version}\n`);
    const init = scoreTs(dir, ['init']);
    expect(init.status, init.stderr).toBe(0);
    expect(existsSync(path.join(dir, 'score.yaml')) && existsSync(path.join(dir, '.score-ts'))).toBe(true);
    const run = scoreTs(dir, ['generate', 'score.yaml', '-o', '-']);
    expect(run.status, run.stderr).toBe(0);
    expect(parseAllDocuments(run.stdout).map((doc) => (doc.toJS() as { kind: string }).kind)).toContain('Deployment');
    expect(checkManifests(run.stdout)).toEqual([]);
  });

  it('npm install -g: what loads on first use comes from its dependencies (Handlebars compiler, re2js, Go templates)', (ctx) => {
    if (prefix === undefined) return ctx.skip();
    const dir = project('orders', {
      'score.yaml':
        'apiVersion: score.dev/v1b1\nmetadata:\n  name: orders\ncontainers:\n  main:\n    image: nginx:1.27\n    variables:\n      QUEUE: ${resources.queue.name}\n      BUCKET: ${resources.bucket.name}\nresources:\n  queue:\n    type: queue\n  bucket:\n    type: bucket\n',
      // Compiled at run time (not precompiled as the built-in ones are), with a pattern only re2js runs.
      'queue.provisioners.yaml':
        '- uri: template://acme/queue\n  type: queue\n  outputs: |\n    name: {{#if (regexMatch "^q-[a-z]+$" "q-orders")}}handlebars-matched{{else}}no{{/if}}\n',
      // score-k8s's format: Go templates with sprig's regexMatch (re2js too).
      'bucket.provisioners.yaml':
        '# score-ts: go-template\n- uri: template://acme/bucket\n  type: bucket\n  outputs: |\n    name: {{ if regexMatch "^b[0-9]+$" "b42" }}go-matched{{ else }}no{{ end }}\n',
    });
    const run = scoreTs(dir, [
      'generate',
      'score.yaml',
      '--provisioners',
      'queue.provisioners.yaml',
      '--provisioners',
      'bucket.provisioners.yaml',
      '-o',
      '-',
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('- name: BUCKET\n              value: go-matched\n');
    expect(run.stdout).toContain('- name: QUEUE\n              value: handlebars-matched\n');
    expect(checkManifests(run.stdout)).toEqual([]);
  });

  it('npx --package TARBALL score-ts generate, from another folder, gives the hello-world golden output', async (ctx) => {
    if (prefix === undefined) return ctx.skip();
    const golden = path.join(repoRoot, 'test', 'golden', 'hello-world');
    const dir = project('hello-world', { 'score.yaml': readFileSync(path.join(golden, 'score.yaml'), 'utf8') });
    // --package: npx runs an absolute path given as the command itself, not as a package to install.
    const run = await npm.npx(
      ['--yes', '--prefer-offline', `--package=${tarball}`, '--', 'score-ts', 'generate', 'score.yaml', '-o', '-'],
      dir,
    );
    expect(run.status, tail(run)).toBe(0);
    expect(run.stdout).toBe(readFileSync(path.join(golden, 'expected.yaml'), 'utf8'));
    expect(run.stderr).toContain('wrote 2 objects for hello-world to stdout');
  });
});
