/** Resources through the CLI: stable regeneration, the seed, provisioner precedence, secrets kept secret. */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { repoRoot, runIn, tempProject } from './support/run-cli.js';

const golden = path.join(repoRoot, 'test', 'golden');
const testProvisioners = path.join(golden, '_shared', 'test.provisioners.yaml');

/** A project with the resource-secrets workload and the test provisioners installed beside it. */
function secretsProject(): string {
  const dir = tempProject(path.join(golden, 'resource-secrets'));
  cpSync(testProvisioners, path.join(dir, 'test.provisioners.yaml'));
  return dir;
}

const generateArgs = ['generate', 'score.yaml', '--provisioners', 'test.provisioners.yaml', '-o', '-'];

function generatedPassword(dir: string): string {
  const state = parse(readFileSync(path.join(dir, '.score-ts', 'state.yaml'), 'utf8')) as {
    resources: Record<string, { state: { password: string } }>;
  };
  return state.resources['db.default#orders.db']!.state.password;
}

describe('stable re-generation', () => {
  it('gives the same bytes on a second run with the project state', async () => {
    const dir = secretsProject();
    const first = await runIn(dir, generateArgs);
    const second = await runIn(dir, generateArgs);
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
  });

  it('gives the same bytes in two fresh folders with the same SCORE_TS_SEED', async () => {
    const a = await runIn(secretsProject(), generateArgs, { SCORE_TS_SEED: 'ci-secret-1' });
    const b = await runIn(secretsProject(), generateArgs, { SCORE_TS_SEED: 'ci-secret-1' });
    const c = await runIn(secretsProject(), generateArgs, { SCORE_TS_SEED: 'ci-secret-2' });
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(c.stdout).not.toBe(a.stdout);
  });

  it('makes different secrets in two fresh folders without state or seed', async () => {
    const dirA = secretsProject();
    const dirB = secretsProject();
    await runIn(dirA, generateArgs);
    await runIn(dirB, generateArgs);
    const [a, b] = [generatedPassword(dirA), generatedPassword(dirB)];
    expect(a).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(b).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(a).not.toBe(b);
  });

  it('keeps the state generated values even when a seed is set later', async () => {
    const dir = secretsProject();
    await runIn(dir, generateArgs);
    const before = generatedPassword(dir);
    await runIn(dir, generateArgs, { SCORE_TS_SEED: 'late-seed' });
    expect(generatedPassword(dir)).toBe(before);
  });
});

describe('secrets stay secret', () => {
  it.each([[[] as string[]], [['-v']], [['-vv']]])('no secret value in stdout (outside Secrets) or stderr with %j', async (verbosity) => {
    const dir = secretsProject();
    const run = await runIn(dir, [...verbosity, ...generateArgs]);
    expect(run.code).toBe(0);
    const password = generatedPassword(dir);
    expect(run.stderr).not.toContain(password);
    const docs = parseAllDocuments(run.stdout).map((d) => d.toJS() as { kind: string });
    const notSecrets = docs.filter((d) => d.kind !== 'Secret');
    expect(notSecrets.length).toBeGreaterThan(0);
    for (const doc of notSecrets) expect(JSON.stringify(doc)).not.toContain(password);
    const secretText = docs
      .filter((d) => d.kind === 'Secret')
      .map((d) => JSON.stringify(d))
      .join('');
    expect(secretText).toContain(password);
  });

  it('resources get-outputs hides secret values unless --show-secrets', async () => {
    const dir = secretsProject();
    await runIn(dir, generateArgs);
    const hidden = await runIn(dir, ['resources', 'get-outputs', 'db.default#orders.db']);
    expect(JSON.parse(hidden.stdout)).toEqual({
      host: 'db-orders-db',
      port: 5432,
      username: 'app',
      database: 'orders',
      password: '<secret db-orders-db/password>',
      url: '<secret db-orders-db/url>',
    });
    const shown = await runIn(dir, ['resources', 'get-outputs', 'db.default#orders.db', '--show-secrets']);
    expect((JSON.parse(shown.stdout) as { password: string }).password).toBe(generatedPassword(dir));
  });

  it('writes the state readable by its owner only', async () => {
    const dir = secretsProject();
    await runIn(dir, generateArgs);
    const { statSync } = await import('node:fs');
    expect(statSync(path.join(dir, '.score-ts', 'state.yaml')).mode & 0o777).toBe(0o600);
  });
});

describe('provisioner precedence: generate --provisioners, then the project, then the built-in ones', () => {
  const volumeScore = path.join(golden, 'resource-volume');
  const provisioner = (name: string) =>
    `- uri: template://${name}/volume\n  type: volume\n  outputs: |\n    source:\n      emptyDir:\n        medium: ${name}\n`;

  it.each([
    { name: 'built-in when nothing else', project: false, run: false, expected: 'persistentVolumeClaim' },
    { name: 'project file over built-in', project: true, run: false, expected: 'medium: project' },
    { name: 'run file over project file', project: true, run: true, expected: 'medium: run' },
  ])('$name', async ({ project, run, expected }) => {
    const dir = tempProject(volumeScore);
    writeFileSync(path.join(dir, 'project.yaml'), provisioner('project'));
    writeFileSync(path.join(dir, 'run.yaml'), provisioner('run'));
    if (project) expect((await runIn(dir, ['init', '--no-sample', '--provisioners', 'project.yaml'])).code).toBe(0);
    const result = await runIn(dir, ['generate', 'score.yaml', '-o', '-', ...(run ? ['--provisioners', 'run.yaml'] : [])]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(expected);
  });

  it('init --provisioners installs into .score-ts/ and lists the file in score-ts.yaml; provisioners list reads it from its path, once', async () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'platform.yaml'), provisioner('platform'));
    const init = await runIn(dir, ['init', '--no-sample', '--provisioners', 'platform.yaml']);
    expect(init.stderr).toContain('installed .score-ts/platform.provisioners.yaml');
    expect(readFileSync(path.join(dir, 'score-ts.yaml'), 'utf8')).toContain('\nprovisioners:\n  - platform.yaml\n');
    const list = await runIn(dir, ['provisioners', 'list', '--format', 'json']);
    const rows = JSON.parse(list.stdout) as Array<{ uri: string; source: string }>;
    expect(rows[0]).toMatchObject({ uri: 'template://platform/volume', source: 'platform.yaml:1' });
    expect(rows.filter((r) => r.uri === 'template://platform/volume')).toHaveLength(1);
    expect(rows.at(-1)!.source).toMatch(/^\(built-in\) provisioners\/[a-z-]+\.provisioners\.yaml:\d+$/);
  });

  it('init --provisioners with a broken file installs nothing', async () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'good.yaml'), provisioner('good'));
    writeFileSync(path.join(dir, 'bad.yaml'), '- uri: template://bad\n  type: x\n  outputs: "{{#if}}"\n');
    const init = await runIn(dir, ['init', '--no-sample', '--provisioners', 'good.yaml', '--provisioners', 'bad.yaml']);
    expect(init.code).toBe(1);
    expect(init.stderr).toContain('nothing was installed');
    expect(existsSync(path.join(dir, '.score-ts', 'good.provisioners.yaml'))).toBe(false);
  });
});
