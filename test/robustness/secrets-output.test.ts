/**
 * --secrets-output FILE is written like the manifests file: together with it or not at all, never over a file
 * the run reads, score-ts.yaml or the manifests, never into .score-ts/ or .git/, never out through a link.
 */
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIn, tempProject } from '../support/run-cli.js';

const SCORE =
  'apiVersion: score.dev/v1b1\nmetadata: {name: shop}\ncontainers:\n  main:\n    image: nginx:1.28\n    variables: {DB: "${resources.db.url}"}\nresources:\n  db: {type: postgres}\n';
const OVERRIDES = 'metadata: {annotations: {team: shop}}\n';

/** A project with score.yaml, an overrides file, manifests.yaml, a .git folder, and links: into .git, out of the project, to the manifests. */
function project(): string {
  const dir = tempProject();
  const outside = path.join(path.dirname(dir), 'outside');
  mkdirSync(outside);
  writeFileSync(path.join(outside, 'secrets.yaml'), 'precious\n');
  mkdirSync(path.join(dir, '.git'));
  writeFileSync(path.join(dir, '.git', 'config'), '[core]\n');
  writeFileSync(path.join(dir, 'score.yaml'), SCORE);
  writeFileSync(path.join(dir, 'o.yaml'), OVERRIDES);
  symlinkSync('.git', path.join(dir, 'vcs'));
  symlinkSync(path.join(outside, 'secrets.yaml'), path.join(dir, 'leak.yaml'));
  writeFileSync(path.join(dir, 'manifests.yaml'), '# an earlier run\n');
  symlinkSync('manifests.yaml', path.join(dir, 'alias.yaml'));
  return dir;
}

/** Every file of the project (and the folder beside it), with its content: a refused run changes none. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string, prefix: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const name = `${prefix}${entry.name}`;
      if (entry.isDirectory()) walk(path.join(folder, entry.name), `${name}/`);
      else files[name] = entry.isSymbolicLink() ? '<link>' : readFileSync(path.join(folder, entry.name), 'utf8');
    }
  };
  walk(path.dirname(dir), '');
  return files;
}

const USAGE = (message: string) => ({ code: 2, stdout: '', stderr: `error: ${message}\n` });

describe('--secrets-output refuses files it must not replace, and writes nothing then', () => {
  it.each([
    {
      name: 'standard input',
      args: ['--secrets-output', '-'],
      expected: USAGE(
        '--secrets-output - is not allowed: the Secrets go to a file of their own (such as secrets.yaml, kept out of git), never to stdout',
      ),
    },
    {
      name: 'stdout by its path',
      args: ['--secrets-output', '/dev/stdout'],
      expected: USAGE(
        '--secrets-output /dev/stdout is not allowed: the Secrets go to a file of their own (such as secrets.yaml, kept out of git), never to stdout',
      ),
    },
    {
      name: 'with -o -',
      args: ['-o', '-', '--secrets-output', 's.yaml'],
      expected: USAGE(
        '--secrets-output cannot go with -o -: -o - prints every object, Secrets included, to stdout; write the manifests to a file with -o FILE to keep the Secrets apart',
      ),
    },
    {
      name: 'the manifests file',
      args: ['--secrets-output', './manifests.yaml'],
      expected: USAGE(
        '--secrets-output ./manifests.yaml is also the manifests file (manifests.yaml): the Secrets go to a file of their own; name another file',
      ),
    },
    {
      name: 'the manifests file through a link',
      args: ['--secrets-output', 'alias.yaml'],
      expected: USAGE(
        '--secrets-output alias.yaml is also the manifests file (manifests.yaml): the Secrets go to a file of their own; name another file',
      ),
    },
    {
      name: 'the -o file',
      args: ['-o', 'out.yaml', '--secrets-output', 'out.yaml'],
      expected: USAGE(
        '--secrets-output out.yaml is also the manifests file (out.yaml): the Secrets go to a file of their own; name another file',
      ),
    },
    {
      name: 'score-ts.yaml',
      args: ['--secrets-output', 'score-ts.yaml'],
      expected: USAGE('--secrets-output score-ts.yaml would replace score-ts.yaml, the project file: write the Secrets to another file'),
    },
    {
      name: 'the Score file',
      args: ['--secrets-output', 'score.yaml'],
      expected: USAGE('--secrets-output score.yaml would replace score.yaml, a file the run reads: write the Secrets to another file'),
    },
    {
      name: 'the overrides file',
      args: ['--overrides-file', 'o.yaml', '--secrets-output', './o.yaml'],
      expected: USAGE('--secrets-output ./o.yaml would replace o.yaml, a file the run reads: write the Secrets to another file'),
    },
    {
      name: 'a file in .score-ts/',
      args: ['--secrets-output', '.score-ts/secrets.yaml'],
      expected: USAGE(
        "--secrets-output .score-ts/secrets.yaml is inside .score-ts/, which holds score-ts's project state, with every generated password; write the Secrets somewhere else",
      ),
    },
    {
      name: 'a file in .git/',
      args: ['--secrets-output', '.git/config'],
      expected: USAGE(
        '--secrets-output .git/config is inside .git/, which holds version control data, which may hold credentials; write the Secrets somewhere else',
      ),
    },
    {
      name: 'a file in .GIT/ in another case',
      args: ['--secrets-output', '.GIT/x.yaml'],
      expected: USAGE(
        '--secrets-output .GIT/x.yaml is inside .git/, which holds version control data, which may hold credentials; write the Secrets somewhere else',
      ),
    },
    {
      name: 'a file in .git/ through a link',
      args: ['--secrets-output', 'vcs/hooks.yaml'],
      expected: USAGE(
        '--secrets-output vcs/hooks.yaml is inside .git/, which holds version control data, which may hold credentials; write the Secrets somewhere else',
      ),
    },
  ])('$name', async ({ args, expected }) => {
    const dir = project();
    const before = snapshot(dir);
    expect(await runIn(dir, ['generate', 'score.yaml', ...args])).toEqual(expected);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a link in the project that leads the Secrets out of it', async () => {
    const dir = project();
    const before = snapshot(dir);
    const run = await runIn(dir, ['generate', 'score.yaml', '--secrets-output', 'leak.yaml']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^error: cannot write leak\.yaml: a symbolic link leads it to \S+\/outside\/secrets\.yaml, outside the project folder, and score-ts does not let a link in the project redirect its output; remove the link, or pass the real path with --secrets-output\n$/,
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it('score-ts.yaml naming the Secrets file does not make a run with -o that file write the manifests over it', async () => {
    const dir = project();
    writeFileSync(
      path.join(dir, 'score-ts.yaml'),
      'version: 1\nproject: p\nworkloads: [{file: score.yaml}]\nsecretsOutput: secrets.yaml\n',
    );
    const before = snapshot(dir);
    expect(await runIn(dir, ['generate', '-o', 'secrets.yaml'])).toEqual(
      USAGE(
        "score-ts.yaml's secretsOutput secrets.yaml is also the manifests file (secrets.yaml): the Secrets go to a file of their own; name another file",
      ),
    );
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('the manifests and the Secrets are written together or not at all', () => {
  /** A project generated once with its Secrets apart, then changed so that the next run would change both files. */
  async function generatedTwice(): Promise<{ dir: string; files: () => string[] }> {
    const dir = project();
    expect((await runIn(dir, ['generate', 'score.yaml', '--secrets-output', 'secrets.yaml'])).code).toBe(0);
    writeFileSync(path.join(dir, 'score.yaml'), `${SCORE}  cache: {type: redis}\n`);
    const files = () =>
      ['manifests.yaml', 'secrets.yaml', '.score-ts/state.yaml', 'score-ts.yaml'].map((f) => readFileSync(path.join(dir, f), 'utf8'));
    return { dir, files };
  }

  it('the manifests fail after the Secrets were written out (a secret reference leaks into the last object)', async () => {
    const { dir, files } = await generatedTwice();
    writeFileSync(
      path.join(dir, 'p.provisioners.yaml'),
      `- uri: template://test/leaky
  type: redis
  outputs: |
    url: {{quote (secretRef "cache" "url")}}
  manifests: |
    - {apiVersion: v1, kind: Secret, metadata: {name: cache}, stringData: {url: x}}
    - {apiVersion: v1, kind: ConfigMap, metadata: {name: zz-last}, data: {url: {{quote (secretRef "cache" "url")}} }}
`,
    );
    const before = files();
    const run = await runIn(dir, ['generate', '--provisioners', 'p.provisioners.yaml', '--secrets-output', 'secrets.yaml']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('ConfigMap zz-last holds a secret reference');
    expect(files()).toEqual(before);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it.each([
    {
      name: 'the Secrets file cannot be written (its folder is a file)',
      args: ['--secrets-output', 'score.yaml/secrets.yaml'],
      message: 'cannot write score.yaml/secrets.yaml',
    },
    { name: 'the Secrets file is a folder', args: ['--secrets-output', 'folder'], message: 'cannot write folder' },
    {
      name: 'the manifests file cannot be written',
      args: ['--secrets-output', 'secrets.yaml', '-o', 'missing/manifests.yaml'],
      message: 'cannot write missing/manifests.yaml',
    },
  ])('$name', async ({ args, message }) => {
    const { dir, files } = await generatedTwice();
    mkdirSync(path.join(dir, 'folder'));
    const before = files();
    const run = await runIn(dir, ['generate', ...args]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error: ${message}`);
    expect(files()).toEqual(before);
  });
});
