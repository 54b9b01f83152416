/**
 * score-ts.yaml arrives in pull requests like score.yaml: every path in it stays inside the project (and out of
 * .score-ts/, .git/ and score-ts's outputs), every value is checked like the flag it stands for, YAML built to
 * hurt a reader is refused, and nothing is written when it is refused.
 */
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planProjectFileUpdate } from '../../src/project/project-file-save.js';
import { runIn, tempProject } from '../support/run-cli.js';

const SCORE = 'apiVersion: score.dev/v1b1\nmetadata: {name: web}\ncontainers: {main: {image: nginx:1.28}}\n';
const PROVISIONER = '- uri: cmd://./evil\n  type: thing\n';
const OUTSIDE = 'is outside the project folder (after following links); pass --allow-files-outside-project to allow it';
const PRIVATE = (name: string, holds: string) =>
  `is inside ${name}/ (after following links), which holds ${holds}; score-ts.yaml may not name it, not even with --allow-files-outside-project`;
const GIT = 'version control data, which may hold credentials';

/** A project with score.yaml, a .git folder, a file outside it (../outside/) and a link leading there. */
function project(projectFile: string): string {
  const dir = tempProject();
  const outside = path.join(path.dirname(dir), 'outside');
  mkdirSync(outside);
  for (const name of ['score.yaml', 'o.yaml'])
    writeFileSync(path.join(outside, name), name === 'score.yaml' ? SCORE : 'metadata: {annotations: {xx: yy}}\n');
  writeFileSync(path.join(outside, 'evil.provisioners.yaml'), PROVISIONER);
  mkdirSync(path.join(dir, '.git', 'hooks'), { recursive: true });
  writeFileSync(path.join(dir, '.git', 'config'), '[remote "origin"]\n\turl = https://token@example.com/x.git\n');
  symlinkSync(outside, path.join(dir, 'linked'));
  writeFileSync(path.join(dir, 'score.yaml'), SCORE);
  writeFileSync(path.join(dir, 'score-ts.yaml'), projectFile);
  return dir;
}

const withWorkload = (entry: string) => `version: 1\nproject: p\nworkloads:\n  - ${entry}\n`;
const withScore = (rest: string) => `version: 1\nproject: p\nworkloads: [{file: score.yaml}]\n${rest}\n`;

describe('paths in score-ts.yaml stay inside the project', () => {
  it.each([
    {
      name: 'a Score file that climbs out',
      text: withWorkload('file: ../outside/score.yaml'),
      at: '4:11: workloads[0].file',
      message: `'../outside/score.yaml' ${OUTSIDE}`,
    },
    {
      name: 'an absolute Score file',
      text: withWorkload('file: /etc/passwd'),
      at: '4:11: workloads[0].file',
      message:
        "'/etc/passwd' is an absolute path; score-ts.yaml names files relative to the project folder (pass --allow-files-outside-project to allow others)",
    },
    {
      name: 'a Score file through a link that leads out',
      text: withWorkload('file: linked/score.yaml'),
      at: '4:11: workloads[0].file',
      message: `'linked/score.yaml' ${OUTSIDE}`,
    },
    {
      name: 'the state as a Score file',
      text: withWorkload('file: .score-ts/state.yaml'),
      at: '4:11: workloads[0].file',
      message: `'.score-ts/state.yaml' ${PRIVATE('.score-ts', "score-ts's project state, with every generated password")}`,
    },
    {
      name: 'git data as a Score file',
      text: withWorkload('file: .git/config'),
      at: '4:11: workloads[0].file',
      message: `'.git/config' ${PRIVATE('.git', GIT)}`,
    },
    {
      name: 'the manifests as a Score file',
      text: withWorkload('file: manifests.yaml'),
      at: '4:11: workloads[0].file',
      message: "'manifests.yaml' is a file score-ts writes (its state or a manifests output); it cannot be an input",
      before: (dir: string) => writeFileSync(path.join(dir, 'manifests.yaml'), SCORE),
    },
    {
      name: 'an overrides file outside',
      text: withWorkload('file: score.yaml\n    overridesFile: ../outside/o.yaml'),
      at: '5:20: workloads[0].overridesFile',
      message: `'../outside/o.yaml' ${OUTSIDE}`,
    },
    {
      name: 'a provisioner file outside',
      text: withScore('provisioners: [../outside/evil.provisioners.yaml]'),
      at: '4:16: provisioners[0]',
      message: `'../outside/evil.provisioners.yaml' ${OUTSIDE}`,
    },
    {
      name: 'a file:// provisioner source',
      text: withScore('provisioners: ["file:///etc/hosts"]'),
      at: '4:16: provisioners[0]',
      message:
        "'/etc/hosts' is an absolute path; score-ts.yaml names files relative to the project folder (pass --allow-files-outside-project to allow others)",
    },
    {
      name: 'patch templates in .git',
      text: withScore('patchTemplates: [.git/hooks]'),
      at: '4:18: patchTemplates[0]',
      message: `'.git/hooks' ${PRIVATE('.git', GIT)}`,
    },
    {
      name: 'an output into .git',
      text: withScore('output: .git/hooks/pre-commit'),
      at: '4:9: output',
      message: `'.git/hooks/pre-commit' ${PRIVATE('.git', GIT)}`,
    },
    { name: 'an output outside', text: withScore('output: ../out.yaml'), at: '4:9: output', message: `'../out.yaml' ${OUTSIDE}` },
    {
      name: 'an output over a Score file',
      text: withScore('output: ./score.yaml'),
      at: '4:9: output',
      message: "'./score.yaml' is a file the project reads; the manifests would replace it: name another file",
    },
    {
      name: 'an output over score-ts.yaml',
      text: withScore('output: score-ts.yaml'),
      at: '4:9: output',
      message: "'score-ts.yaml' is score-ts.yaml itself; the manifests would replace it: name another file",
    },
    {
      name: 'a Secrets output into .git',
      text: withScore('secretsOutput: .git/hooks/pre-commit'),
      at: '4:16: secretsOutput',
      message: `'.git/hooks/pre-commit' ${PRIVATE('.git', GIT)}`,
    },
    {
      name: 'a Secrets output into .score-ts',
      text: withScore('secretsOutput: .score-ts/state.yaml'),
      at: '4:16: secretsOutput',
      message: `'.score-ts/state.yaml' ${PRIVATE('.score-ts', "score-ts's project state, with every generated password")}`,
    },
    {
      name: 'a Secrets output outside',
      text: withScore('secretsOutput: ../out.yaml'),
      at: '4:16: secretsOutput',
      message: `'../out.yaml' ${OUTSIDE}`,
    },
    {
      name: 'a Secrets output through a link that leads out',
      text: withScore('secretsOutput: linked/o.yaml'),
      at: '4:16: secretsOutput',
      message: `'linked/o.yaml' ${OUTSIDE}`,
    },
    {
      name: 'a Secrets output over a Score file',
      text: withScore('secretsOutput: ./score.yaml'),
      at: '4:16: secretsOutput',
      message: "'./score.yaml' is a file the project reads; the Secrets would replace it: name another file",
    },
    {
      name: 'a Secrets output over score-ts.yaml',
      text: withScore('secretsOutput: score-ts.yaml'),
      at: '4:16: secretsOutput',
      message: "'score-ts.yaml' is score-ts.yaml itself; the Secrets would replace it: name another file",
    },
    {
      name: 'a Secrets output over the default output',
      text: withScore('secretsOutput: manifests.yaml'),
      at: '4:16: secretsOutput',
      message:
        "'manifests.yaml' is the manifests file (manifests.yaml by default); the Secrets go to a file of their own: name another file",
    },
    {
      name: 'a Secrets output over the output',
      text: withScore('output: out.yaml\nsecretsOutput: ./out.yaml'),
      at: '5:16: secretsOutput',
      message: "'./out.yaml' is the manifests file (output); the Secrets go to a file of their own: name another file",
    },
  ])('refuses $name, at its line and field, and writes nothing', async ({ text, at, message, before }) => {
    const dir = project(text);
    before?.(dir);
    const listing = readdirSync(dir).sort();
    const run = await runIn(dir, ['generate']);
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: score-ts.yaml names files score-ts does not read\n  score-ts.yaml:${at}: ${message}\n`,
    });
    expect(readdirSync(dir).sort()).toEqual(listing);
    expect(existsSync(path.join(dir, '.git', 'hooks', 'pre-commit'))).toBe(false);
    expect(existsSync(path.join(path.dirname(dir), 'out.yaml'))).toBe(false);
  });

  it('--allow-files-outside-project lets a path lead out, never into .score-ts/ or .git/', async () => {
    const outside = project(withWorkload('file: ../outside/score.yaml\n    overridesFile: linked/o.yaml'));
    expect((await runIn(outside, ['generate', '-o', '-', '--allow-files-outside-project'])).stdout).toContain('xx: yy');
    const git = project(withWorkload('file: .git/config'));
    expect((await runIn(git, ['generate', '-o', '-', '--allow-files-outside-project'])).stderr).toContain(PRIVATE('.git', GIT));
  });

  it.each([['graph'], ['provisioners', 'list'], ['resources', 'prune']])('%s refuses them too', async (...command) => {
    const dir = project(withWorkload('file: ../outside/score.yaml'));
    mkdirSync(path.join(dir, '.score-ts'), { recursive: true, mode: 0o700 });
    writeFileSync(path.join(dir, '.score-ts', 'state.yaml'), '{"version": 1, "workloads": {}, "resources": {}, "sharedState": {}}\n', {
      mode: 0o600,
    });
    const run = await runIn(dir, command);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`score-ts.yaml:4:11: workloads[0].file: '../outside/score.yaml' ${OUTSIDE}`);
  });

  it('a score-ts.yaml that is a link out of the project is refused; one that stays inside is read', async () => {
    const dir = project('');
    writeFileSync(path.join(path.dirname(dir), 'outside', 'score-ts.yaml'), withScore(''));
    const out = path.join(dir, 'score-ts.yaml');
    const { rmSync } = await import('node:fs');
    rmSync(out);
    symlinkSync('linked/score-ts.yaml', out);
    expect((await runIn(dir, ['generate', '-o', '-'])).stderr).toMatch(
      /^error: score-ts\.yaml is a symbolic link that leads out of the project folder/,
    );
    rmSync(out);
    writeFileSync(path.join(dir, 'real.yaml'), withScore(''));
    symlinkSync('real.yaml', out);
    expect((await runIn(dir, ['generate', '-o', '-'])).code).toBe(0);
  });
});

describe('values in score-ts.yaml are checked like the flags they stand for', () => {
  it('reports every problem of the schema with its line and field', async () => {
    const text =
      'version: 2\nworkload: x\nformat: xml\nnamespace: Staging_1\nproject: "Not a label!"\nworkloads:\n  - file: score.yaml\n    overrideProperties: [noequals]\n    image: ""\n';
    const run = await runIn(project(text), ['generate', '-o', '-']);
    expect(run.stderr).toBe(
      'error: score-ts.yaml is not a valid project file\n' +
        '  score-ts.yaml:1:10: version: must be 1, not the number 2\n' +
        '  score-ts.yaml:2:1: workload: unknown field; remove it or check its spelling\n' +
        '  score-ts.yaml:3:9: format: must be one of: yaml, json, kyaml\n' +
        "  score-ts.yaml:4:12: namespace: is not a valid Kubernetes namespace name: use up to 63 lowercase letters, digits and '-'\n" +
        "  score-ts.yaml:5:10: project: cannot be a label value: use up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit\n" +
        '  score-ts.yaml:8:26: workloads[0].overrideProperties[0]: must look like path=value (an empty value deletes the field)\n' +
        '  score-ts.yaml:9:12: workloads[0].image: must not be empty\n',
    );
  });

  it('then the rules of the flags: override paths, sources, the output', async () => {
    const text =
      'version: 1\nproject: p\nworkloads:\n  - file: score.yaml\n    overrideProperties: ["containers..image=x"]\nprovisioners: ["-", "ftp://x/y.yaml"]\noutput: "-"\n';
    const run = await runIn(project(text), ['generate', '-o', '-']);
    expect(run.stderr).toBe(
      'error: score-ts.yaml is not a valid project file\n' +
        "  score-ts.yaml:5:26: workloads[0].overrideProperties[0]: path 'containers..image' is not valid: it has an empty segment\n" +
        '  score-ts.yaml:6:16: provisioners[0]: standard input (-) cannot be listed here: give a file, a folder or a URL\n' +
        '  score-ts.yaml:6:21: provisioners[1]: ftp://x/y.yaml: the scheme ftp:// is not supported; use a file or folder path, file://PATH, - (standard input), http://, https://, oci://, git-https:// or git-ssh://\n' +
        "  score-ts.yaml:7:9: output: must be a file: '-' (stdout) is for one run, with -o -\n",
    );
  });
});

describe('YAML built to hurt a reader is refused, as in a Score file', () => {
  const bomb = `version: 1\nproject: p\nx-bomb:\n  l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 10 }, (_, i) => `  l${i + 1}: &l${i + 1} [${Array(10).fill(`*l${i}`).join(', ')}]\n`).join('')}`;
  it.each([
    {
      name: 'an alias bomb',
      text: bomb,
      stderr: /^error: score-ts\.yaml: invalid YAML\n {2}score-ts\.yaml:\d+:\d+: this alias makes the document too large/,
    },
    {
      name: 'a circular alias',
      text: 'version: 1\nproject: &a [*a]\n',
      stderr: /score-ts\.yaml:2:14: project\[0\]: this alias refers to the value it is inside of/,
    },
    {
      name: 'a duplicate key',
      text: 'version: 1\nproject: p\nproject: q\n',
      stderr: /score-ts\.yaml:3:1: this key is already in this map, on line 2; a key may appear once/,
    },
    {
      name: 'a second document',
      text: 'version: 1\nproject: p\n---\nversion: 1\n',
      stderr: /score-ts\.yaml:3:1: a second YAML document \(---\) starts here, but score-ts\.yaml holds one project; remove it/,
    },
    {
      name: 'an empty file',
      text: '',
      stderr: /score-ts\.yaml:1:1: the file is empty; it needs at least `version: 1` and `project: NAME`/,
    },
    {
      name: 'a file over 1 MiB',
      text: `version: 1\nproject: p\n# ${'x'.repeat(1024 * 1024)}\n`,
      stderr: /^error: cannot read score-ts\.yaml: it holds 104\d{4} bytes, more than the 1 MiB a project file may hold\n$/,
    },
    {
      name: 'nesting 100,000 deep',
      text: `version: 1\nproject: p\nx: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`,
      stderr: /^error: score-ts\.yaml/,
    },
  ])('$name', async ({ text, stderr }) => {
    const dir = project(text);
    const run = await runIn(dir, ['generate', 'score.yaml']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(stderr);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(existsSync(path.join(dir, 'manifests.yaml'))).toBe(false);
  });
});

describe('score-ts.yaml is committed: a URL with credentials or a query is not recorded there', () => {
  it('is left out with a warning that masks what it holds', () => {
    const dir = tempProject();
    const request = {
      given: [],
      flagged: false,
      settings: {},
      patchTemplates: [],
      provisioners: [
        'https://user:s3cr3t@example.com/p.provisioners.yaml',
        'https://example.com/q.yaml?token=t0k3n',
        'oci://ghcr.io/acme/p:v1',
      ],
    };
    const plan = planProjectFileUpdate(undefined, request, { projectDir: dir, allowOutside: false, protectedFiles: [] }, 'p');
    expect(plan.update!.text).toMatch(/\nprovisioners:\n {2}- oci:\/\/ghcr\.io\/acme\/p:v1\n$/);
    expect(plan.warnings).toEqual([
      'https://***@example.com/p.provisioners.yaml is not recorded in score-ts.yaml: its URL holds credentials or a query, and score-ts.yaml is committed; list a URL without them (oci:// and git URLs take credentials from Docker and git)',
      'https://example.com/q.yaml?*** is not recorded in score-ts.yaml: its URL holds credentials or a query, and score-ts.yaml is committed; list a URL without them (oci:// and git URLs take credentials from Docker and git)',
    ]);
  });
});
