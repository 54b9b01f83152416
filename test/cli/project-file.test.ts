/**
 * score-ts.yaml and generate: what a run reads from it (workloads, settings, sources), what it records there
 * (the Score files given, their flags, and with --save the run's settings), and what it says about it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WRITE_PROJECT_FILE_HINT } from '../../src/project/project-definition.js';
import { runIn, tempProject } from '../support/run-cli.js';

const score = (name: string, image = 'nginx:1.28', extra = '') =>
  `apiVersion: score.dev/v1b1\nmetadata: {name: ${name}}\ncontainers:\n  main:\n    image: ${image}\n${extra}`;
const KV_PROVISIONER = '- uri: template://platform/kv\n  type: kv-store\n  outputs: |\n    host: kv\n';

function project(files: Record<string, string>): string {
  const dir = tempProject();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');
const stateOf = (dir: string) =>
  JSON.parse(read(dir, '.score-ts/state.yaml').replace(/^#.*\n/, '')) as { workloads: object; project?: string };

describe('generate records the project in score-ts.yaml', () => {
  it('a fresh folder: a run that writes its output creates score-ts.yaml and says so; one to stdout does not', async () => {
    const dir = project({ 'web/score.yaml': score('web') });
    const preview = await runIn(dir, ['generate', 'web/score.yaml', '-o', '-']);
    expect(preview.code).toBe(0);
    expect(existsSync(path.join(dir, 'score-ts.yaml'))).toBe(false);
    const run = await runIn(dir, ['generate', 'web/score.yaml', '--image', 'ghcr.io/acme/web:1']);
    expect(run.stderr).toContain(
      '\ncreated score-ts.yaml (project label project; workloads web/score.yaml (with --image)): commit it; .score-ts/ stays private\n',
    );
    expect(read(dir, 'score-ts.yaml')).toMatch(
      /\nversion: 1\nproject: project\nworkloads:\n {2}- file: web\/score\.yaml\n {4}image: ghcr\.io\/acme\/web:1\n$/,
    );
  });

  it('generate FILE -o - after generate FILE --image X reuses the recorded image', async () => {
    const dir = project({ 'score.yaml': score('web', '.') });
    expect((await runIn(dir, ['generate', 'score.yaml', '--image', 'ghcr.io/acme/web:2'])).code).toBe(0);
    const run = await runIn(dir, ['generate', 'score.yaml', '-o', '-']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('image: ghcr.io/acme/web:2');
  });

  it('a one-off --override-property for stdout is used for that run and not saved', async () => {
    const dir = project({ 'score.yaml': score('web') });
    expect((await runIn(dir, ['generate', 'score.yaml'])).code).toBe(0);
    const before = read(dir, 'score-ts.yaml');
    const preview = await runIn(dir, ['generate', 'score.yaml', '-o', '-', '--override-property', 'containers.main.variables.DEBUG="1"']);
    expect(preview.stdout).toContain('name: DEBUG');
    expect(read(dir, 'score-ts.yaml')).toBe(before);
    expect((await runIn(dir, ['generate', '-o', '-'])).stdout).not.toContain('DEBUG');
  });

  it('flags given with a listed file replace its recorded ones, and generate says what changed', async () => {
    const dir = project({ 'score.yaml': score('web', '.') });
    await runIn(dir, ['generate', 'score.yaml', '--image', 'a:1', '--override-property', 'containers.main.variables.X="1"']);
    const run = await runIn(dir, ['generate', 'score.yaml', '--image', 'b:2']);
    expect(run.stderr).toContain('\nscore-ts.yaml: score.yaml now with --image; commit it\n');
    expect(read(dir, 'score-ts.yaml')).toMatch(/workloads:\n {2}- file: score\.yaml\n {4}image: b:2\n$/);
  });

  it('with score-ts.yaml the state keeps no workloads and no project label', async () => {
    const dir = project({ 'score.yaml': score('web') });
    await runIn(dir, ['generate', 'score.yaml', '--project', 'shop']);
    expect(stateOf(dir)).toMatchObject({ workloads: {} });
    expect(stateOf(dir).project).toBeUndefined();
    expect(read(dir, 'score-ts.yaml')).toContain('\nproject: shop\n');
  });

  it('a failed run leaves score-ts.yaml as it was', async () => {
    const dir = project({ 'score.yaml': score('web'), 'api.yaml': score('api') });
    await runIn(dir, ['generate', 'score.yaml']);
    const before = read(dir, 'score-ts.yaml');
    expect((await runIn(dir, ['generate', 'api.yaml', '-o', 'nodir/out.yaml'])).code).toBe(1);
    expect(read(dir, 'score-ts.yaml')).toBe(before);
  });

  it('edits keep the comments, key order and style of the file', async () => {
    const text =
      '# Our shop.\nversion: 1\nproject: shop # the label\n\n# The services.\nworkloads:\n  - file: web.yaml # the front\noutput: out.yaml\n';
    const dir = project({ 'web.yaml': score('web'), 'api.yaml': score('api'), 'score-ts.yaml': text });
    expect((await runIn(dir, ['generate', 'api.yaml', '-n', 'shop', '--save'])).code).toBe(0);
    expect(read(dir, 'score-ts.yaml')).toBe(
      `${text.replace('output: out.yaml\n', '  - file: api.yaml\noutput: out.yaml\n')}namespace: shop\n`,
    );
  });

  it('-o score-ts.yaml is a usage error: the manifests never replace the project file', async () => {
    const run = await runIn(project({ 'score.yaml': score('web') }), ['generate', 'score.yaml', '-o', './score-ts.yaml']);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: -o ./score-ts.yaml would replace score-ts.yaml, the project file: write the manifests to another file\n',
    });
  });

  it('a Score file outside the project is generated but not recorded, and generate says why', async () => {
    const dir = project({ 'score.yaml': score('web') });
    writeFileSync(path.join(path.dirname(dir), 'other.yaml'), score('other'));
    const run = await runIn(dir, ['generate', 'score.yaml', '../other.yaml']);
    expect(run.stderr).toContain(
      "warning: ../other.yaml is not recorded in score-ts.yaml: '../other.yaml' is outside the project folder (after following links); pass --allow-files-outside-project to allow it\n",
    );
    expect(read(dir, 'score-ts.yaml')).toMatch(/\nworkloads:\n {2}- file: score\.yaml\n$/);
  });

  it('the same commands give the same score-ts.yaml, byte for byte', async () => {
    const texts = [];
    for (let i = 0; i < 2; i++) {
      const dir = project({ 'b.yaml': score('bb'), 'a.yaml': score('aa') });
      await runIn(dir, ['generate', 'b.yaml', 'a.yaml']);
      await runIn(dir, ['generate', 'a.yaml', '--override-property', 'metadata.annotations.team=x', '--save', '--format', 'kyaml']);
      texts.push(read(dir, 'score-ts.yaml'));
    }
    expect(texts[0]).toBe(texts[1]);
    expect(texts[0]).toMatch(
      /workloads:\n {2}- file: b\.yaml\n {2}- file: a\.yaml\n {4}overrideProperties:\n {6}- metadata\.annotations\.team=x\nformat: kyaml\n$/,
    );
  });
});

describe('settings: a flag wins for this run only; else score-ts.yaml; else the default', () => {
  const file = 'version: 1\nproject: shop\nworkloads: [{file: score.yaml}]\nnamespace: shop\noutput: out.json\nformat: json\n';

  it('reads the output, format and namespace from score-ts.yaml, and a flag overrides them once', async () => {
    const dir = project({ 'score.yaml': score('web'), 'score-ts.yaml': file });
    expect((await runIn(dir, ['generate'])).stderr).toContain('to out.json');
    expect(JSON.parse(read(dir, 'out.json'))).toMatchObject({
      kind: 'List',
      items: [{ metadata: { namespace: 'shop', labels: { 'score-ts.dev/project': 'shop' } } }],
    });
    const once = await runIn(dir, ['generate', '-o', '-', '--format', 'yaml', '-n', 'other', '--project', 'once']);
    expect(once.stdout).toMatch(/^---\n/);
    expect(once.stdout).toContain('namespace: other');
    expect(once.stdout).toContain('score-ts.dev/project: once');
    expect(read(dir, 'score-ts.yaml')).toBe(file);
    expect((await runIn(dir, ['generate', '--check'])).code).toBe(0);
  });

  it('generateNamespace without a namespace is an error at its line, unless -n gives one', async () => {
    const dir = project({
      'score.yaml': score('web'),
      'score-ts.yaml': 'version: 1\nproject: shop\nworkloads: [{file: score.yaml}]\ngenerateNamespace: true\n',
    });
    expect((await runIn(dir, ['generate', '-o', '-'])).stderr).toBe(
      'error: score-ts.yaml is not a valid project file\n  score-ts.yaml:4:20: generateNamespace: needs a namespace: set namespace beside it, or pass -n NAME\n',
    );
    expect((await runIn(dir, ['generate', '-o', '-', '-n', 'x'])).stdout).toContain('kind: Namespace');
  });
});

describe('--save', () => {
  it('writes the settings and --provisioners sources of the run (not -), and not the output of -o -', async () => {
    const dir = project({
      'score.yaml': score('web', 'nginx', 'resources:\n  kv: {type: kv-store}\n'),
      'kv.provisioners.yaml': KV_PROVISIONER,
    });
    const run = await runIn(dir, [
      'generate',
      'score.yaml',
      '-o',
      '-',
      '--provisioners',
      'kv.provisioners.yaml',
      '-n',
      'shop',
      '--generate-namespace',
      '--format',
      'kyaml',
      '--project',
      'shop',
      '--save',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(read(dir, 'score-ts.yaml')).toMatch(
      /\nversion: 1\nproject: shop\nworkloads:\n {2}- file: score\.yaml\nprovisioners:\n {2}- kv\.provisioners\.yaml\nnamespace: shop\ngenerateNamespace: true\nformat: kyaml\n$/,
    );
    expect((await runIn(dir, ['generate', '-o', 'm.yaml', '--save'])).stderr).toContain('score-ts.yaml: saved -o; commit it\n');
    expect((await runIn(dir, ['generate', '--check'])).stderr).toBe('m.yaml is up to date (2 objects)\n');
  });

  it('with --check is a usage error', async () => {
    const run = await runIn(project({ 'score.yaml': score('web') }), ['generate', 'score.yaml', '--check', '--save']);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: --save writes score-ts.yaml and --check writes nothing: give one of them\n',
    });
  });
});

describe('a provisioner file given for one run', () => {
  it('is gone on the next run, and the error says how to keep it', async () => {
    const dir = project({
      'score.yaml': score('web', 'nginx', 'resources:\n  kv: {type: kv-store}\n'),
      'kv.provisioners.yaml': KV_PROVISIONER,
    });
    expect((await runIn(dir, ['generate', 'score.yaml', '--provisioners', 'kv.provisioners.yaml'])).code).toBe(0);
    const run = await runIn(dir, ['generate']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("no provisioner for type 'kv-store'");
    expect(run.stderr).toContain(
      '\n  --provisioners counts for one run only: `score-ts generate --provisioners FILE --save` (or listing it under provisioners in score-ts.yaml) keeps a provisioner file for every run\n',
    );
  });
});

describe('sources score-ts.yaml lists', () => {
  it('a local provisioner file is read from its path (an edit counts at once), and its installed copy is not loaded again', async () => {
    const dir = project({
      'score.yaml': score('web', 'nginx', 'resources:\n  kv: {type: kv-store}\n'),
      'p/kv.provisioners.yaml': KV_PROVISIONER,
    });
    expect((await runIn(dir, ['init', '--no-sample', '--provisioners', 'p/kv.provisioners.yaml'])).code).toBe(0);
    expect(read(dir, '.score-ts/kv.provisioners.yaml').split('\n')[0]).toBe('# Installed by score-ts init from p/kv.provisioners.yaml');
    writeFileSync(path.join(dir, 'p/kv.provisioners.yaml'), KV_PROVISIONER.replace('host: kv', 'host: kv-edited'));
    const list = JSON.parse((await runIn(dir, ['provisioners', 'list', '--format', 'json'])).stdout) as Array<{
      uri: string;
      source: string;
    }>;
    expect(list.filter((p) => p.uri === 'template://platform/kv')).toEqual([
      expect.objectContaining({ source: 'p/kv.provisioners.yaml:1' }),
    ]);
    const run = await runIn(dir, ['generate', 'score.yaml', '-o', '-', '-v']);
    expect(run.stderr).toContain('resource web.kv (kv-store.default#web.kv): template://platform/kv');
  });

  it('patch templates are applied from their paths in listed order, before the other installed ones', async () => {
    const patch = (n: number) => `- op: set\n  path: 0.metadata.labels.order\n  value: "${n}"\n`;
    const dir = project({ 'score.yaml': score('web'), 'z/first.tpl': patch(1), 'a/second.tpl': patch(2), 'other.tpl': patch(3) });
    expect((await runIn(dir, ['init', '--no-sample', '--patch-templates', 'other.tpl'])).code).toBe(0);
    writeFileSync(
      path.join(dir, 'score-ts.yaml'),
      'version: 1\nproject: p\nworkloads: [{file: score.yaml}]\npatchTemplates: [z/first.tpl, a/second.tpl]\n',
    );
    const run = await runIn(dir, ['generate', '-o', '-', '-v']);
    expect(run.stderr).toContain('patch templates: z/first.tpl, a/second.tpl, .score-ts/other.patch.tpl');
    expect(run.stdout).toContain('order: "3"');
  });
});

describe('other commands read score-ts.yaml', () => {
  const files = {
    'web.yaml': score('web', 'nginx', 'resources:\n  db: {type: postgres}\n'),
    'score-ts.yaml': 'version: 1\nproject: p\nworkloads: [{file: web.yaml}]\n',
  };

  it('graph draws its workloads', async () => {
    expect((await runIn(project(files), ['graph'])).stdout).toContain('w1["web"]');
  });

  it('resources prune keeps the resources of its workloads', async () => {
    const dir = project(files);
    expect((await runIn(dir, ['generate'])).code).toBe(0);
    expect((await runIn(dir, ['resources', 'prune'])).stderr).toBe('every resource in the state is used by a current workload\n');
    writeFileSync(path.join(dir, 'score-ts.yaml'), 'version: 1\nproject: p\nworkloads: []\n');
    expect((await runIn(dir, ['resources', 'prune'])).stderr).toContain('1 unused resource;');
  });

  it('a glob that picks up score-ts.yaml itself: it is left out, with a warning', async () => {
    const run = await runIn(project(files), ['generate', 'web.yaml', 'score-ts.yaml', '-o', '-']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('warning: score-ts.yaml is the project file, not a Score file: it is left out of the files given\n');
  });
});

describe('a project of an older score-ts (workloads in the state, no score-ts.yaml)', () => {
  function olderProject(): string {
    const dir = project({ 'web.yaml': score('web', '.') });
    mkdirSync(path.join(dir, '.score-ts'), { mode: 0o700 });
    const state = {
      version: 1,
      project: 'old-shop',
      workloads: { web: { file: 'web.yaml', image: 'nginx:1' } },
      resources: {},
      sharedState: {},
    };
    writeFileSync(path.join(dir, '.score-ts', 'state.yaml'), JSON.stringify(state), { mode: 0o600 });
    return dir;
  }

  it('keeps working as before, and generate says to run init', async () => {
    const dir = olderProject();
    const run = await runIn(dir, ['generate']);
    expect(run.stderr).toBe(`wrote 1 object for web to manifests.yaml\n${WRITE_PROJECT_FILE_HINT}\n`);
    expect(read(dir, 'manifests.yaml')).toContain('score-ts.dev/project: old-shop');
    expect(existsSync(path.join(dir, 'score-ts.yaml'))).toBe(false);
    expect(stateOf(dir).workloads).toEqual({ web: { file: 'web.yaml', image: 'nginx:1' } });
  });

  it('--save there is a usage error pointing at init', async () => {
    const run = await runIn(olderProject(), ['generate', '--save']);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: --save writes score-ts.yaml, which this project does not have yet (an older score-ts kept its workloads in .score-ts/state.yaml): run `score-ts init` first to write it from the state\n',
    });
  });
});
