/**
 * --secrets-output FILE and score-ts.yaml's secretsOutput: the v1 Secrets go to FILE (kept out of git), the
 * manifests file keeps every other object exactly as it would be without the option, and --check compares
 * the manifests file only.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderOutput, type OutputFormat } from '../../src/yaml/output-formats.js';
import { checkManifests } from '../support/k8s-check.js';
import { runIn, tempProject } from '../support/run-cli.js';

const seed = { SCORE_TS_SEED: 'secrets-output-seed' };
/** Two databases (a Secret each, among their Services and StatefulSets) and a custom kind named Secret. */
const SCORE = `apiVersion: score.dev/v1b1
metadata: {name: shop}
containers:
  main:
    image: nginx:1.28
    variables:
      DB: \${resources.db.url}
      CACHE: \${resources.cache.url}
      VAULT: \${resources.vault.host}
resources:
  db: {type: postgres}
  cache: {type: redis}
  vault: {type: vault-entry}
`;
const NOT_CORE_SECRET = `- uri: template://test/vault-entry
  type: vault-entry
  outputs: |
    host: vault
  manifests: |
    - {apiVersion: example.com/v1, kind: Secret, metadata: {name: not-core}, spec: {path: shop}}
`;
const PLAIN = 'apiVersion: score.dev/v1b1\nmetadata: {name: web}\ncontainers: {main: {image: nginx:1.28}}\n';

function project(files: Record<string, string> = { 'score.yaml': SCORE, 'p.provisioners.yaml': NOT_CORE_SECRET }): string {
  const dir = tempProject();
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');
const isCoreSecret = (o: { apiVersion?: unknown; kind?: unknown }) => o.apiVersion === 'v1' && o.kind === 'Secret';

/** The documents of a yaml or kyaml stream, each with its `---` line. */
const documents = (text: string) => text.split(/^(?=---\n)/m).filter((d) => d !== '');
const declaresCoreSecret = (doc: string) =>
  /^(apiVersion: v1\nkind: Secret\n|\{\n {2}apiVersion: "v1",\n {2}kind: "Secret",\n)/.test(doc.slice(4));

/** The text of `all` split in two, by the text alone: the objects that are not v1 Secrets, and those that are. */
function splitText(all: string, format: OutputFormat): [string, string] {
  if (format === 'json') {
    const items = (JSON.parse(all) as { items: Array<{ apiVersion: string; kind: string }> }).items;
    return [
      [
        ...renderOutput(
          items.filter((i) => !isCoreSecret(i)),
          'json',
        ),
      ].join(''),
      [...renderOutput(items.filter(isCoreSecret), 'json')].join(''),
    ];
  }
  const docs = documents(all);
  return [docs.filter((d) => !declaresCoreSecret(d)).join(''), docs.filter(declaresCoreSecret).join('')];
}

describe('the Secrets go to their own file; the manifests file is otherwise unchanged', () => {
  it.each([['yaml'], ['json'], ['kyaml']] as Array<[OutputFormat]>)(
    '%s: the same bytes, in the same order, as one run without the option',
    async (format) => {
      const dir = project();
      const args = ['generate', 'score.yaml', '--provisioners', 'p.provisioners.yaml', '--format', format];
      const whole = await runIn(dir, [...args, '-o', 'all.out'], seed);
      expect(whole.code, whole.stderr).toBe(0);
      const split = await runIn(dir, [...args, '-o', 'main.out', '--secrets-output', 'secrets.out'], seed);
      expect(split.code, split.stderr).toBe(0);
      const [others, secrets] = splitText(read(dir, 'all.out'), format);
      expect(read(dir, 'main.out')).toBe(others);
      expect(read(dir, 'secrets.out')).toBe(secrets);
      if (format === 'json')
        expect(read(dir, 'all.out')).toBe(
          [...renderOutput((JSON.parse(read(dir, 'all.out')) as { items: unknown[] }).items, 'json')].join(''),
        );
      else expect(documents(read(dir, 'all.out')).length).toBe(documents(others).length + documents(secrets).length);
      expect(secrets).toMatch(/postgres[\s\S]*redis/);
      expect(others).toContain('not-core');
      expect(split.stderr).toContain('wrote 8 objects for shop to main.out and 2 Secrets to secrets.out (keep it out of git)\n');
    },
  );

  it.each([
    { format: 'yaml', empty: '' },
    { format: 'kyaml', empty: '' },
    { format: 'json', empty: '{\n  "apiVersion": "v1",\n  "kind": "List",\n  "items": []\n}\n' },
  ])('$format: a run without Secrets still writes the file, empty, so stale Secrets never stay in it', async ({ format, empty }) => {
    const dir = project({ 'score.yaml': PLAIN, 'secrets.out': '---\nkind: Secret # from an earlier run\n' });
    const run = await runIn(dir, ['generate', 'score.yaml', '--format', format, '--secrets-output', 'secrets.out']);
    expect(run.code, run.stderr).toBe(0);
    expect(read(dir, 'secrets.out')).toBe(empty);
    expect(run.stderr).toContain('wrote 1 object for web to manifests.yaml and 0 Secrets to secrets.out (keep it out of git)\n');
  });

  it('the two files are one valid manifest set; the manifests file refers to the Secrets by name only', async () => {
    const dir = project({ 'score.yaml': SCORE.replace(/\n {6}VAULT.*|\n {2}vault.*/g, '') });
    const run = await runIn(dir, ['generate', 'score.yaml', '--secrets-output', 'secrets.yaml'], seed);
    expect(run.code, run.stderr).toBe(0);
    const names = documents(read(dir, 'secrets.yaml')).map((d) => /^ {2}name: (\S+)$/m.exec(d)![1]!);
    expect(names).toHaveLength(2);
    expect(checkManifests(read(dir, 'manifests.yaml') + read(dir, 'secrets.yaml'))).toEqual([]);
    const alone = checkManifests(read(dir, 'manifests.yaml'));
    expect(alone.length).toBeGreaterThan(0);
    for (const problem of alone) expect(problem).toMatch(new RegExp(`missing Secret (${names.join('|')})$`));
  });

  it('a new Secrets file is private, even empty; the manifests file without Secret data is not', async () => {
    const umask = process.umask();
    const dir = project();
    expect(
      (await runIn(dir, ['generate', 'score.yaml', '--provisioners', 'p.provisioners.yaml', '--secrets-output', 'secrets.yaml'], seed))
        .code,
    ).toBe(0);
    expect((statSync(path.join(dir, 'secrets.yaml')).mode & 0o777).toString(8)).toBe((0o600 & ~umask).toString(8));
    expect((statSync(path.join(dir, 'manifests.yaml')).mode & 0o777).toString(8)).toBe((0o644 & ~umask).toString(8));
    const empty = project({ 'score.yaml': PLAIN });
    expect((await runIn(empty, ['generate', 'score.yaml', '--secrets-output', 'secrets.yaml'])).code).toBe(0);
    expect((statSync(path.join(empty, 'secrets.yaml')).mode & 0o777).toString(8)).toBe((0o600 & ~umask).toString(8));
  });

  it('the Secrets file is remembered: a later run without the option never reads it as a file source', async () => {
    const dir = project({ 'score.yaml': PLAIN });
    expect((await runIn(dir, ['generate', 'score.yaml', '--secrets-output', 'secrets.yaml'])).code).toBe(0);
    writeFileSync(
      path.join(dir, 'thief.yaml'),
      'apiVersion: score.dev/v1b1\nmetadata: {name: thief}\ncontainers: {main: {image: nginx, files: {/s: {source: secrets.yaml}}}}\n',
    );
    const run = await runIn(dir, ['generate', 'thief.yaml', '-o', '-']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("'secrets.yaml' is a file score-ts writes (its state or a manifests output, with Secret data)");
  });

  it("this run's Secrets file is never read as a file source either", async () => {
    const dir = project({ 'score.yaml': PLAIN, 'secrets.yaml': 'password: hunter2\n' });
    writeFileSync(
      path.join(dir, 'thief.yaml'),
      'apiVersion: score.dev/v1b1\nmetadata: {name: thief}\ncontainers: {main: {image: nginx, files: {/s: {source: secrets.yaml}}}}\n',
    );
    const run = await runIn(dir, ['generate', 'thief.yaml', '--secrets-output', 'secrets.yaml']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("'secrets.yaml' is a file score-ts writes");
    expect(run.stderr).not.toContain('hunter2');
  });
});

describe('--check compares the manifests file only', () => {
  it('passes without the Secrets file (git-ignored, absent in CI), and says it did not compare it', async () => {
    const dir = project();
    const args = ['--provisioners', 'p.provisioners.yaml', '--secrets-output', 'secrets.yaml'];
    expect((await runIn(dir, ['generate', 'score.yaml', ...args], seed)).code).toBe(0);
    writeFileSync(path.join(dir, 'secrets.yaml'), 'edited by hand\n');
    const run = await runIn(dir, ['generate', '--check', ...args], seed);
    expect(run).toEqual({
      code: 0,
      stdout: '',
      stderr: 'manifests.yaml is up to date (8 objects; the Secrets in secrets.yaml are not compared)\n',
    });
    expect(read(dir, 'secrets.yaml')).toBe('edited by hand\n');
  });

  it('without the option, the same manifests file lacks the Secrets', async () => {
    const dir = project();
    expect(
      (await runIn(dir, ['generate', 'score.yaml', '--provisioners', 'p.provisioners.yaml', '--secrets-output', 'secrets.yaml'], seed))
        .code,
    ).toBe(0);
    const run = await runIn(dir, ['generate', '--check', '--provisioners', 'p.provisioners.yaml'], seed);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\n {2}\+ Secret postgres-\S+: would be added\n {2}\+ Secret redis-\S+: would be added\n$/);
  });
});

describe("score-ts.yaml's secretsOutput", () => {
  const file =
    'version: 1\nproject: shop\nworkloads: [{file: score.yaml}]\nprovisioners: [p.provisioners.yaml]\nsecretsOutput: secrets.yaml\n';

  it('is used when no flag says otherwise; a flag wins for one run', async () => {
    const dir = project({ 'score.yaml': SCORE, 'p.provisioners.yaml': NOT_CORE_SECRET, 'score-ts.yaml': file });
    expect((await runIn(dir, ['generate'], seed)).stderr).toContain(
      ' to manifests.yaml and 2 Secrets to secrets.yaml (keep it out of git)\n',
    );
    expect(read(dir, 'secrets.yaml')).toMatch(/^---\napiVersion: v1\nkind: Secret\n/);
    const once = await runIn(dir, ['generate', '--secrets-output', 'other.yaml'], seed);
    expect(once.stderr).toContain(' and 2 Secrets to other.yaml (keep it out of git)\n');
    expect(read(dir, 'other.yaml')).toBe(read(dir, 'secrets.yaml'));
    expect(read(dir, 'score-ts.yaml')).toBe(file);
    expect((await runIn(dir, ['generate', '--check'], seed)).stderr).toBe(
      'manifests.yaml is up to date (8 objects; the Secrets in secrets.yaml are not compared)\n',
    );
  });

  it('does not apply to -o -: every object, Secrets included, goes to stdout for kubectl apply -f -', async () => {
    const dir = project({ 'score.yaml': SCORE, 'p.provisioners.yaml': NOT_CORE_SECRET, 'score-ts.yaml': file });
    const run = await runIn(dir, ['generate', '-o', '-'], seed);
    expect(run.code, run.stderr).toBe(0);
    expect(documents(run.stdout).filter(declaresCoreSecret)).toHaveLength(2);
    expect(run.stderr).toBe(
      'initialised the project state in .score-ts/ (run `score-ts init` to also get a sample score.yaml)\nwrote 10 objects for shop to stdout\n',
    );
    expect(existsSync(path.join(dir, 'secrets.yaml'))).toBe(false);
  });

  it('--save writes the flag there, as a project path, and says so', async () => {
    const dir = project({ 'score.yaml': PLAIN });
    expect((await runIn(dir, ['generate', 'score.yaml'])).code).toBe(0);
    const run = await runIn(dir, ['generate', '--secrets-output', './private/../secrets.yaml', '--save']);
    expect(run.stderr).toContain('\nscore-ts.yaml: saved --secrets-output; commit it\n');
    expect(read(dir, 'score-ts.yaml')).toMatch(/\nworkloads:\n {2}- file: score\.yaml\nsecretsOutput: secrets\.yaml\n$/);
    const fresh = project({ 'score.yaml': PLAIN });
    expect(
      (await runIn(fresh, ['generate', 'score.yaml', '-o', 'm.yaml', '--secrets-output', 's.yaml', '--format', 'json', '--save'])).code,
    ).toBe(0);
    expect(read(fresh, 'score-ts.yaml')).toMatch(/\noutput: m\.yaml\nsecretsOutput: s\.yaml\nformat: json\n$/);
  });

  it('--save leaves out a path score-ts.yaml may not name, with a warning; the run still writes it', async () => {
    const dir = project({ 'score.yaml': PLAIN });
    const run = await runIn(dir, ['generate', 'score.yaml', '--secrets-output', '../secrets.yaml', '--save']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      "warning: --secrets-output ../secrets.yaml is not recorded in score-ts.yaml: '../secrets.yaml' is outside the project folder (after following links); pass --allow-files-outside-project to allow it\n",
    );
    expect(read(dir, 'score-ts.yaml')).not.toContain('secretsOutput');
    expect(existsSync(path.join(path.dirname(dir), 'secrets.yaml'))).toBe(true);
  });

  it("'-' is refused at its line", async () => {
    const dir = project({
      'score.yaml': PLAIN,
      'score-ts.yaml': 'version: 1\nproject: p\nworkloads: [{file: score.yaml}]\nsecretsOutput: "-"\n',
    });
    expect(await runIn(dir, ['generate'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: score-ts.yaml is not a valid project file\n  score-ts.yaml:4:16: secretsOutput: must be a file: the Secrets go to a file of their own (kept out of git), never to stdout\n',
    });
  });
});

describe('the summary and .gitignore', () => {
  it.each([
    { name: 'no .gitignore: no warning', gitignore: undefined, warns: false },
    { name: 'a .gitignore that lists it', gitignore: 'node_modules/\n/secrets.yaml\n', warns: false },
    { name: 'a .gitignore that lists it by a pattern', gitignore: '*.yaml\n!score.yaml\n', warns: false },
    { name: 'a .gitignore that does not list it', gitignore: 'node_modules/\n# secrets.yaml\n!secrets.yaml\n', warns: true },
  ])('$name', async ({ gitignore, warns }) => {
    const dir = project(gitignore === undefined ? { 'score.yaml': PLAIN } : { 'score.yaml': PLAIN, '.gitignore': gitignore });
    const run = await runIn(dir, ['generate', 'score.yaml', '--secrets-output', 'secrets.yaml']);
    const warning =
      'warning: secrets.yaml holds the Secrets, but .gitignore does not list it: add the line /secrets.yaml to .gitignore to keep it out of git\n';
    expect(run.stderr).toBe(
      'initialised the project state in .score-ts/ (run `score-ts init` to also get a sample score.yaml)\n' +
        (warns ? warning : '') +
        'wrote 1 object for web to manifests.yaml and 0 Secrets to secrets.yaml (keep it out of git)\n' +
        'created score-ts.yaml (project label project; workloads score.yaml): commit it; .score-ts/ stays private\n',
    );
    if (gitignore !== undefined) expect(read(dir, '.gitignore')).toBe(gitignore);
  });

  it('names a file in a folder by its path from the project folder', async () => {
    const dir = project({ 'score.yaml': PLAIN, '.gitignore': 'secrets.yaml\n' });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path.join(dir, 'deploy'));
    const run = await runIn(dir, ['generate', 'score.yaml', '--secrets-output', './deploy/dev secrets.yaml']);
    expect(run.stderr).toContain(
      'warning: ./deploy/dev secrets.yaml holds the Secrets, but .gitignore does not list it: add the line /deploy/dev secrets.yaml to .gitignore to keep it out of git\n',
    );
  });
});
