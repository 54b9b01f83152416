/** What `score-ts init` writes to score-ts.yaml: a new file, the sources given, or the state of an older score-ts. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIn, tempProject } from '../support/run-cli.js';

const HEADER = (version: string) =>
  `# yaml-language-server: $schema=https://unpkg.com/score-ts@${version}/schemas/score-ts-project.schema.json\n# The score-ts project: what \`score-ts generate\` builds. Commit it; .score-ts/ stays private.\n`;
const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const PROVISIONER = '- uri: template://platform/kv\n  type: kv-store\n  outputs: |\n    host: kv\n';
const PATCH = '- op: set\n  path: 0.metadata.labels.team\n  value: pay\n';

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');

function folderNamed(name: string): string {
  const dir = path.join(path.dirname(tempProject()), name);
  mkdirSync(dir);
  return dir;
}

describe('init writes score-ts.yaml when it is missing', () => {
  it("with the folder's name made a label and the sample as its workload", async () => {
    const dir = folderNamed('My Shop (v2)');
    const run = await runIn(dir, ['init']);
    expect(run.stderr).toContain(
      '\ncreated score-ts.yaml (project label My-Shop--v2; workloads score.yaml): commit it; .score-ts/ stays private\n',
    );
    expect(read(dir, 'score-ts.yaml')).toBe(`${HEADER(VERSION)}version: 1\nproject: My-Shop--v2\nworkloads:\n  - file: score.yaml\n`);
  });

  it('with no workloads for --no-sample, and the sample under its --file name', async () => {
    const bare = tempProject();
    expect((await runIn(bare, ['init', '--no-sample'])).code).toBe(0);
    expect(read(bare, 'score-ts.yaml')).toBe(`${HEADER(VERSION)}version: 1\nproject: project\nworkloads: []\n`);
    const named = tempProject();
    expect((await runIn(named, ['init', '--file', './apps/../app.yaml'])).code).toBe(0);
    expect(read(named, 'score-ts.yaml')).toContain('\nworkloads:\n  - file: app.yaml\n');
  });

  it('with the --provisioners and --patch-templates sources, project-relative with / separators; each copy notes its source', async () => {
    const dir = tempProject();
    mkdirSync(path.join(dir, 'platform', 'patches'), { recursive: true });
    writeFileSync(path.join(dir, 'platform', 'kv.provisioners.yaml'), PROVISIONER);
    writeFileSync(path.join(dir, 'platform', 'patches', 'team.tpl'), PATCH);
    const run = await runIn(dir, [
      'init',
      '--no-sample',
      '--provisioners',
      './platform/kv.provisioners.yaml',
      '--patch-templates',
      'platform/patches/',
    ]);
    expect(run.stderr).toContain(
      'created score-ts.yaml (project label project; no workloads yet; provisioners platform/kv.provisioners.yaml; patch templates platform/patches)',
    );
    expect(read(dir, 'score-ts.yaml')).toMatch(
      /\nworkloads: \[\]\nprovisioners:\n {2}- platform\/kv\.provisioners\.yaml\npatchTemplates:\n {2}- platform\/patches\n$/,
    );
    expect(read(dir, '.score-ts/kv.provisioners.yaml')).toBe(
      `# Installed by score-ts init from platform/kv.provisioners.yaml\n${PROVISIONER}`,
    );
    expect(read(dir, '.score-ts/team.patch.tpl')).toBe(`{{!-- Installed by score-ts init from platform/patches/team.tpl --}}\n${PATCH}`);
  });
});

describe('init in a project with score-ts.yaml', () => {
  it('adds the sources it does not list yet, once, and leaves the rest of the file as it was', async () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'a.provisioners.yaml'), PROVISIONER);
    writeFileSync(path.join(dir, 'b.provisioners.yaml'), PROVISIONER.replace('platform/kv', 'platform/kv2'));
    writeFileSync(path.join(dir, 'score-ts.yaml'), '# mine\nversion: 1\nproject: shop\nprovisioners: [a.provisioners.yaml]\n');
    const again = await runIn(dir, ['init', '--no-sample', '--provisioners', 'a.provisioners.yaml']);
    expect(again.stderr).not.toContain('score-ts.yaml');
    expect(read(dir, 'score-ts.yaml')).toBe('# mine\nversion: 1\nproject: shop\nprovisioners: [a.provisioners.yaml]\n');
    const added = await runIn(dir, [
      'init',
      '--no-sample',
      '--provisioners',
      'a.provisioners.yaml',
      '--provisioners',
      'b.provisioners.yaml',
    ]);
    expect(added.stderr).toContain('\nscore-ts.yaml: added provisioners b.provisioners.yaml; commit it\n');
    expect(read(dir, 'score-ts.yaml')).toBe(
      '# mine\nversion: 1\nproject: shop\nprovisioners: [ a.provisioners.yaml, b.provisioners.yaml ]\n',
    );
  });

  it('installs a source outside the project but does not list it, and says why', async () => {
    const dir = tempProject();
    const outside = path.join(os.tmpdir(), `outside-${process.pid}.provisioners.yaml`);
    writeFileSync(outside, PROVISIONER);
    const run = await runIn(dir, ['init', '--no-sample', '--provisioners', outside]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      `warning: ${outside} is not recorded in score-ts.yaml: '${outside}' is an absolute path; score-ts.yaml names files relative to the project folder`,
    );
    expect(read(dir, 'score-ts.yaml')).not.toContain('provisioners');
    expect(existsSync(path.join(dir, '.score-ts', path.basename(outside)))).toBe(true);
  });
});

describe('init in a project of an older score-ts (workloads in the state)', () => {
  it('writes score-ts.yaml from the state: its workloads with their flags, and its label; generate then uses it', async () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'web.yaml'), 'apiVersion: score.dev/v1b1\nmetadata: {name: web}\ncontainers: {main: {image: .}}\n');
    writeFileSync(path.join(dir, 'api.yaml'), 'apiVersion: score.dev/v1b1\nmetadata: {name: api}\ncontainers: {main: {image: nginx}}\n');
    mkdirSync(path.join(dir, '.score-ts'), { mode: 0o700 });
    writeFileSync(path.join(dir, '.score-ts', '.gitignore'), '*\n');
    const workloads = {
      web: { file: 'web.yaml', image: 'nginx:1', overrideProperties: ['metadata.annotations.team=pay'] },
      api: { file: 'api.yaml' },
      piped: { file: '-' },
    };
    writeFileSync(
      path.join(dir, '.score-ts', 'state.yaml'),
      JSON.stringify({ version: 1, project: 'old-shop', workloads, resources: {}, sharedState: {} }),
      { mode: 0o600 },
    );
    const run = await runIn(dir, ['init', '--no-sample']);
    expect(run.stderr).toBe(
      '.score-ts/ already exists; left as it is\n' +
        'created score-ts.yaml from the project state, where an older score-ts kept the workloads (project label old-shop; workloads api.yaml, web.yaml (with --image, --override-property)): commit it; .score-ts/ stays private\n',
    );
    expect(read(dir, 'score-ts.yaml')).toBe(
      `${HEADER(VERSION)}version: 1\nproject: old-shop\nworkloads:\n  - file: api.yaml\n  - file: web.yaml\n    image: nginx:1\n    overrideProperties:\n      - metadata.annotations.team=pay\n`,
    );
    const generate = await runIn(dir, ['generate', '-o', '-']);
    expect(generate.stderr).toBe('wrote 2 objects for api, web to stdout\n');
    expect(generate.stdout).toContain('image: nginx:1');
    expect(generate.stdout).toContain('score-ts.dev/project: old-shop');
  });
});
