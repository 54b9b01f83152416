/** Build artifacts are used only when they match their source; otherwise the source is compiled. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempProject } from '../support/run-cli.js';
import { loadArtifact, readPackageFile } from '../../src/base/artifacts.js';
import { loadValidator } from '../../src/validate/load-validator.js';

describe('build artifacts', () => {
  it('the precompiled Score validator matches the schema file (npm run build made it)', () => {
    expect(loadArtifact('score-validator.cjs', readPackageFile('schemas', 'score-v1b1.json'))).toBeTypeOf('function');
  });

  it('a stale artifact (another source text) is ignored', () => {
    expect(loadArtifact('score-validator.cjs', readPackageFile('schemas', 'score-v1b1.json') + ' ')).toBeUndefined();
  });

  it.each([
    { name: 'precompiled', artifact: 'score-validator.cjs' },
    { name: 'compiled from the schema when there is no artifact', artifact: 'no-such-artifact.cjs' },
  ])('the validator $name accepts and rejects the same documents', ({ artifact }) => {
    const validate = loadValidator(artifact, 'score-v1b1.json', false);
    expect(validate({ apiVersion: 'score.dev/v1b1', metadata: { name: 'ok' }, containers: { main: { image: 'nginx' } } })).toBe(true);
    expect(validate({ apiVersion: 'score.dev/v1b1', metadata: { name: 'ok' }, containers: { main: { image: 5 } } })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ instancePath: '/containers/main/image', keyword: 'type' });
  });
});

describe('code caches of the bundle and the artifacts', () => {
  it('the build wrote them, and a damaged one is ignored (the module compiles as usual)', () => {
    const generated = path.join(repoRoot, 'dist', 'generated');
    expect(existsSync(path.join(generated, 'score-validator.cjs.cache'))).toBe(true);
    // A copy of the package whose caches are garbage.
    const copy = mkdtempSync(path.join(os.tmpdir(), 'score-ts-package-'));
    for (const part of ['bin', 'dist', 'provisioners', 'schemas', 'package.json']) cpSync(path.join(repoRoot, part), path.join(copy, part), { recursive: true });
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(copy, 'node_modules'));
    for (const file of readdirSync(path.join(copy, 'dist', 'generated')).filter((f) => f.endsWith('.cache'))) writeFileSync(path.join(copy, 'dist', 'generated', file), 'not a code cache');
    writeFileSync(path.join(copy, 'dist', 'score-ts.cache'), 'not a code cache');
    const project = tempProject(path.join(repoRoot, 'examples', 'hello-world'));
    const run = spawnSync(process.execPath, [path.join(copy, 'bin', 'score-ts.js'), 'generate', 'score.yaml', '-o', '-'], { cwd: project, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('kind: Deployment');
  });
});
