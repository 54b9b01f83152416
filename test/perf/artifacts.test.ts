/**
 * What the build precompiles (src/base/precompiled.ts) is what runs, in the tests as for users: made from the current
 * sources, never compiled at run time. The bundle's V8 code cache is made per Node.js version by the first
 * generate (bin/load-cli.cjs); a missing, damaged or unwritable one only makes a run slower.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempProject } from '../support/run-cli.js';
import { precompiled } from '../../src/base/precompiled.js';

describe('precompiled artifacts (dist/generated/)', () => {
  it('were made from the current schemas and built-in provisioner files (else: npm run build)', () => {
    const sources = JSON.parse(readFileSync(path.join(repoRoot, 'dist', 'generated', 'sources.json'), 'utf8')) as Record<string, string>;
    expect(Object.keys(sources)).toEqual(
      expect.arrayContaining(['schemas/score-v1b1.json', 'schemas/provisioners.schema.json', 'provisioners/default.provisioners.yaml']),
    );
    for (const [file, hash] of Object.entries(sources))
      expect(
        createHash('sha256')
          .update(readFileSync(path.join(repoRoot, file)))
          .digest('hex'),
        file,
      ).toBe(hash);
    const builtIns = readdirSync(path.join(repoRoot, 'provisioners')).filter((name) => name.endsWith('.provisioners.yaml'));
    expect(builtIns.every((name) => `provisioners/${name}` in sources)).toBe(true);
  });

  it('the Score validator accepts and rejects', () => {
    const validate = precompiled().validator('score');
    expect(validate({ apiVersion: 'score.dev/v1b1', metadata: { name: 'ok' }, containers: { main: { image: 'nginx' } } })).toBe(true);
    expect(validate({ apiVersion: 'score.dev/v1b1', metadata: { name: 'ok' }, containers: { main: { image: 5 } } })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ instancePath: '/containers/main/image', keyword: 'type' });
  });
});

/** A copy of the built package (its own dist/), and a run of its CLI in a copy of hello-world. */
function packageCopy(): { copy: string; run: (env?: Record<string, string>, args?: string[]) => ReturnType<typeof spawnSync> } {
  const copy = mkdtempSync(path.join(os.tmpdir(), 'score-ts-package-'));
  for (const part of ['bin', 'dist', 'provisioners', 'schemas', 'package.json'])
    cpSync(path.join(repoRoot, part), path.join(copy, part), { recursive: true });
  rmSync(path.join(copy, 'dist', '.cache'), { recursive: true, force: true });
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(copy, 'node_modules'));
  const project = tempProject(path.join(repoRoot, 'examples', 'hello-world'));
  const run = (env: Record<string, string> = {}, args = ['generate', 'score.yaml', '-o', '-']) =>
    spawnSync(process.execPath, [path.join(copy, 'bin', 'score-ts.js'), ...args], {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });
  return { copy, run };
}

const cacheName = new RegExp(`^[0-9a-f]{32}-${process.version.replaceAll('.', '\\.')}-${process.arch}\\.cache$`);

describe('the code cache of the bundle (bin/load-cli.cjs)', () => {
  it('is written by the first generate of this Node.js version, in the package when it may write there', () => {
    const { copy, run } = packageCopy();
    const first = run({}, ['--help']);
    expect(first.status, String(first.stderr)).toBe(0);
    expect(existsSync(path.join(copy, 'dist', '.cache')) ? readdirSync(path.join(copy, 'dist', '.cache')) : [], 'not by --help').toEqual(
      [],
    );
    expect(run().status).toBe(0);
    expect(readdirSync(path.join(copy, 'dist', '.cache'))).toEqual([expect.stringMatching(cacheName)]);
    const again = run();
    expect(again.status, String(again.stderr)).toBe(0);
    expect(again.stdout).toContain('kind: Deployment');
  });

  it('a damaged cache is rejected by V8 and replaced, and the run is as usual', () => {
    const { copy, run } = packageCopy();
    expect(run().status).toBe(0);
    const dir = path.join(copy, 'dist', '.cache');
    const [name] = readdirSync(dir);
    writeFileSync(path.join(dir, name!), 'not a code cache');
    const damaged = run();
    expect(damaged.status, String(damaged.stderr)).toBe(0);
    expect(damaged.stdout).toContain('kind: Deployment');
    expect(readFileSync(path.join(dir, name!)).length).toBeGreaterThan(1000);
  });

  it('is never read from or written to a folder others may write to, nor with SCORE_TS_NO_CODE_CACHE set', () => {
    const { copy, run } = packageCopy();
    writeFileSync(path.join(copy, 'dist', '.cache'), 'a file where the folder would be');
    const shared = mkdtempSync(path.join(os.tmpdir(), 'shared-cache-'));
    mkdirSync(path.join(shared, 'score-ts'));
    chmodSync(path.join(shared, 'score-ts'), 0o777);
    const open = run({ XDG_CACHE_HOME: shared });
    expect(open.status, String(open.stderr)).toBe(0);
    expect(readdirSync(path.join(shared, 'score-ts')), 'a folder others may write to').toEqual([]);
    chmodSync(path.join(shared, 'score-ts'), 0o700);
    const off = run({ XDG_CACHE_HOME: shared, SCORE_TS_NO_CODE_CACHE: '1' });
    expect(off.status, String(off.stderr)).toBe(0);
    expect(readdirSync(path.join(shared, 'score-ts')), 'with SCORE_TS_NO_CODE_CACHE').toEqual([]);
    expect(run({ XDG_CACHE_HOME: shared }).status).toBe(0);
    expect(readdirSync(path.join(shared, 'score-ts')), 'a private folder').toEqual([expect.stringMatching(cacheName)]);
  });

  it("writing it removes other builds' caches: all of them in the package, those unused for 30 days in a shared folder", () => {
    const { copy, run } = packageCopy();
    const own = path.join(copy, 'dist', '.cache');
    mkdirSync(own, { mode: 0o700 });
    const stale = `${'a'.repeat(32)}-${process.version}-${process.arch}.cache`;
    const otherVersion = `${'b'.repeat(32)}-v99.0.0-${process.arch}.cache`;
    for (const name of [stale, otherVersion, 'notes.txt']) writeFileSync(path.join(own, name), 'x');
    expect(run().status).toBe(0);
    const left = readdirSync(own);
    expect(left).toEqual(expect.arrayContaining(['notes.txt', expect.stringMatching(cacheName)]));
    expect(left, 'caches of other builds, whatever their Node.js version').toHaveLength(2);
    // This build's cache for another Node.js version is kept.
    const sameBuild = left.find((name) => cacheName.test(name))!.replace(process.version, 'v99.0.0');
    writeFileSync(path.join(own, sameBuild), 'x');
    rmSync(
      path.join(
        own,
        left.find((name) => cacheName.test(name))!,
      ),
    );
    expect(run().status).toBe(0);
    expect(readdirSync(own)).toContain(sameBuild);

    const shared = mkdtempSync(path.join(os.tmpdir(), 'user-cache-'));
    const folder = path.join(shared, 'score-ts');
    mkdirSync(folder, { mode: 0o700 });
    const unused = `${'c'.repeat(32)}-${process.version}-${process.arch}.cache`;
    const recent = `${'d'.repeat(32)}-${process.version}-${process.arch}.cache`;
    for (const name of [unused, recent]) writeFileSync(path.join(folder, name), 'x');
    const longAgo = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000);
    utimesSync(path.join(folder, unused), longAgo, longAgo);
    rmSync(own, { recursive: true });
    writeFileSync(own, 'a file where the folder would be');
    expect(run({ XDG_CACHE_HOME: shared }).status).toBe(0);
    const kept = readdirSync(folder);
    expect(kept, 'another install may still use a recent one').toContain(recent);
    expect(kept).not.toContain(unused);
    expect(kept.filter((name) => cacheName.test(name))).toHaveLength(2);
  });

  it('with nowhere to write it (a read-only package, no usable cache folder) the run is as usual', () => {
    const { copy, run } = packageCopy();
    writeFileSync(path.join(copy, 'dist', '.cache'), 'a file where the folder would be');
    const notAFolder = path.join(copy, 'not-a-folder');
    writeFileSync(notAFolder, '');
    const result = run({ XDG_CACHE_HOME: notAFolder });
    expect(result.status, String(result.stderr)).toBe(0);
    expect(result.stdout).toContain('kind: Deployment');
  });
});
