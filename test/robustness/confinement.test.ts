/**
 * Nobody gets in: a Score file cannot read files outside its project or score-ts's own secrets, cannot run
 * programs, and cannot inject YAML structure through its values. Nothing gets out: links committed in a
 * repository cannot redirect score-ts's writes.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readRegularFile } from '../../src/base/read-file.js';
import { runIn, tempProject } from '../support/run-cli.js';

const outsideFile = path.join(os.tmpdir(), `score-ts-outside-${process.pid}.txt`);
writeFileSync(outsideFile, 'SECRET-FROM-OUTSIDE\n');

function withSource(source: string): string {
  return `apiVersion: score.dev/v1b1
metadata: {name: reader}
containers:
  main:
    image: nginx:1.28
    files:
      /etc/app/data.txt:
        source: ${JSON.stringify(source)}
`;
}

async function generateWith(dir: string, scoreFile: string, extra: string[] = []) {
  return runIn(dir, ['generate', scoreFile, '-o', '-', ...extra]);
}

describe('files.*.source stays inside the project', () => {
  it.each([
    { name: 'a relative path that climbs out', source: (dir: string) => path.relative(dir, outsideFile) },
    { name: 'an absolute path', source: () => outsideFile },
    { name: '/etc/passwd', source: () => '/etc/passwd' },
  ])('refuses $name, naming the field and the flag', async ({ source }) => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), withSource(source(dir)));
    const run = await generateWith(dir, 'score.yaml');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /score\.yaml:8:17: containers\.main\.files\.\/etc\/app\/data\\\.txt\.source: '.*' is outside the project folder/,
    );
    expect(run.stderr).toContain('--allow-files-outside-project');
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toContain('SECRET-FROM-OUTSIDE');
  });

  it('refuses a link inside the project that points outside it', async () => {
    const dir = tempProject();
    symlinkSync(outsideFile, path.join(dir, 'innocent.txt'));
    writeFileSync(path.join(dir, 'score.yaml'), withSource('innocent.txt'));
    const run = await generateWith(dir, 'score.yaml');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is outside the project folder (after following links)');
  });

  it('reads files and links that stay inside the project, also beside a Score file in a subfolder', async () => {
    const dir = tempProject();
    mkdirSync(path.join(dir, 'shared'));
    mkdirSync(path.join(dir, 'app'));
    writeFileSync(path.join(dir, 'shared', 'data.txt'), 'inside\n');
    symlinkSync(path.join(dir, 'shared', 'data.txt'), path.join(dir, 'app', 'link.txt'));
    writeFileSync(path.join(dir, 'app', 'score.yaml'), withSource('../shared/data.txt'));
    expect((await generateWith(dir, 'app/score.yaml')).stdout).toContain('inside');
    writeFileSync(path.join(dir, 'app', 'score.yaml'), withSource('link.txt'));
    expect((await generateWith(dir, 'app/score.yaml')).stdout).toContain('inside');
  });

  it('reads outside files when the user passes --allow-files-outside-project', async () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), withSource(outsideFile));
    const run = await generateWith(dir, 'score.yaml', ['--allow-files-outside-project']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('SECRET-FROM-OUTSIDE');
  });
});

describe('a Score file cannot run programs', () => {
  it('ignores provisioner files that were not installed or named, even beside the Score file', async () => {
    const dir = tempProject();
    const marker = path.join(dir, 'ran');
    writeFileSync(
      path.join(dir, 'evil.provisioners.yaml'),
      `- uri: cmd://node\n  args: [-e, "require('fs').writeFileSync(${JSON.stringify(marker)}, '')"]\n  type: evil\n`,
    );
    mkdirSync(path.join(dir, 'provisioners'));
    writeFileSync(
      path.join(dir, 'provisioners', 'evil.provisioners.yaml'),
      `- uri: cmd://node\n  args: [-e, "require('fs').writeFileSync(${JSON.stringify(marker)}, '')"]\n  type: evil\n`,
    );
    writeFileSync(
      path.join(dir, 'score.yaml'),
      `apiVersion: score.dev/v1b1
metadata: {name: app, annotations: {score-ts.dev/provisioners: evil.provisioners.yaml}}
containers: {main: {image: nginx:1.28}}
resources:
  thing: {type: evil, params: {uri: "cmd://node", args: ["-e", "process.exit(0)"]}}
`,
    );
    const run = await generateWith(dir, 'score.yaml');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("resources.thing.type: no provisioner for type 'evil'");
    expect(existsSync(marker)).toBe(false);
  });

  it('rejects a resource type that looks like a provisioner uri', async () => {
    const dir = tempProject();
    writeFileSync(
      path.join(dir, 'score.yaml'),
      'apiVersion: score.dev/v1b1\nmetadata: {name: app}\ncontainers: {main: {image: nginx:1.28}}\nresources:\n  x: {type: "cmd://sh"}\n',
    );
    const run = await generateWith(dir, 'score.yaml');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
  });
});

describe('values cannot add YAML structure', () => {
  const payloads = [
    'x\n---\napiVersion: v1\nkind: Secret',
    'a: b',
    '"quoted"',
    '- item',
    '{ "k": 1 }',
    '&anchor *alias',
    '#comment',
    'tab\there',
    'line\r\nbreak',
    '\u2028sep',
    '|\n  block',
  ];

  it.each(payloads.map((p) => ({ payload: p })))('keeps $payload as one exact string value', async ({ payload }) => {
    const dir = tempProject();
    writeFileSync(
      path.join(dir, 'score.yaml'),
      `apiVersion: score.dev/v1b1
metadata: {name: app, note: ${JSON.stringify(payload)}}
containers:
  main:
    image: nginx:1.28
    variables:
      RAW: ${JSON.stringify(payload)}
      VIA_PLACEHOLDER: "\${metadata.note}"
`,
    );
    const run = await generateWith(dir, 'score.yaml');
    expect(run.code, run.stderr).toBe(0);
    const documents = parseAllDocuments(run.stdout).map(
      (d) =>
        d.toJS() as { kind: string; spec?: { template: { spec: { containers: Array<{ env: Array<{ name: string; value: string }> }> } } } },
    );
    expect(documents.map((d) => d.kind)).toEqual(['Deployment']);
    const env = documents[0]!.spec!.template.spec.containers[0]!.env;
    const doubled = payload.replace(/\$/g, '$$$$');
    expect(env.find((e) => e.name === 'RAW')!.value).toBe(doubled);
    expect(env.find((e) => e.name === 'VIA_PLACEHOLDER')!.value).toBe(doubled);
  });
});

describe("files.*.source never reads score-ts's own secret stores or version control data", () => {
  const shop =
    'apiVersion: score.dev/v1b1\nmetadata: {name: shop}\ncontainers: {main: {image: nginx:1.28, variables: {DB: "${resources.db.password}"}}}\nresources: {db: {type: postgres}}\n';
  const gitConfig = '[http]\n\textraheader = AUTHORIZATION: bearer GIT-TOKEN-SECRET\n';
  const inState =
    "(after following links), which holds score-ts's project state, with every generated password; score-ts never reads it as a file source, not even with --allow-files-outside-project";
  const inGit = (folder: string) =>
    `is inside ${folder}/ (after following links), which holds version control data, which may hold credentials; score-ts never reads it`;
  const written =
    'is a file score-ts writes (its state or a manifests output, with Secret data); score-ts never reads it as a file source, not even with --allow-files-outside-project';

  /** A project whose first run wrote manifests (with a password) and the state; and a .git folder with a token. */
  async function projectWithSecrets(firstOutput: string[] = []): Promise<string> {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'shop.yaml'), shop);
    for (const folder of ['out', 'deploy', '.git']) mkdirSync(path.join(dir, folder));
    writeFileSync(path.join(dir, '.git', 'config'), gitConfig);
    const first = await runIn(dir, ['generate', 'shop.yaml', ...firstOutput]);
    expect(first.code, first.stderr).toBe(0);
    return dir;
  }

  it.each([
    { name: 'the state file', source: '.score-ts/state.yaml', message: `is inside .score-ts/ ${inState}` },
    {
      name: 'the state file through ..',
      source: 'app/../.score-ts/state.yaml',
      setup: (dir: string) => mkdirSync(path.join(dir, 'app')),
      message: `is inside .score-ts/ ${inState}`,
    },
    {
      name: 'a link to the state file',
      source: 'innocent.txt',
      setup: (dir: string) => symlinkSync(path.join(dir, '.score-ts', 'state.yaml'), path.join(dir, 'innocent.txt')),
      message: `is inside .score-ts/ ${inState}`,
    },
    {
      name: 'a link to the state folder',
      source: 'cfg/state.yaml',
      setup: (dir: string) => symlinkSync('.score-ts', path.join(dir, 'cfg')),
      message: `is inside .score-ts/ ${inState}`,
    },
    {
      name: 'a hard link to the state file',
      source: 'copy.yaml',
      setup: (dir: string) => linkSync(path.join(dir, '.score-ts', 'state.yaml'), path.join(dir, 'copy.yaml')),
      message: written,
    },
    { name: 'the previous manifests (the default output)', source: 'manifests.yaml', message: written },
    {
      name: 'a link to the previous manifests',
      source: 'm.txt',
      setup: (dir: string) => symlinkSync('manifests.yaml', path.join(dir, 'm.txt')),
      message: written,
    },
    {
      name: 'the -o file of this run',
      source: 'out/prod.yaml',
      first: ['-o', 'out/prod.yaml'],
      args: ['-o', 'out/prod.yaml'],
      message: written,
    },
    {
      name: 'the output file of an earlier run (the state remembers it)',
      source: 'deploy/k8s.yaml',
      first: ['-o', 'deploy/k8s.yaml'],
      message: written,
    },
    { name: '.git/config', source: '.git/config', message: inGit('.git') },
    {
      name: '.git/config, also with --allow-files-outside-project',
      source: '.git/config',
      args: ['--allow-files-outside-project'],
      message: inGit('.git'),
    },
    {
      name: 'a link to .git/config',
      source: 'git.txt',
      setup: (dir: string) => symlinkSync(path.join('.git', 'config'), path.join(dir, 'git.txt')),
      message: inGit('.git'),
    },
    {
      name: 'a .git folder at any depth',
      source: 'vendor/lib/.git/config',
      setup: (dir: string) => copyInto(dir, 'vendor/lib/.git/config', gitConfig),
      message: inGit('.git'),
    },
    {
      name: 'a .git file (as in a worktree)',
      source: 'wt/.git',
      setup: (dir: string) => copyInto(dir, 'wt/.git', 'gitdir: ../.git/worktrees/wt\n'),
      message:
        'is .git itself (after following links), which holds version control data, which may hold credentials; score-ts never reads it',
    },
    { name: '.hg', source: '.hg/hgrc', setup: (dir: string) => copyInto(dir, '.hg/hgrc', gitConfig), message: inGit('.hg') },
    { name: '.svn', source: '.svn/wc.db', setup: (dir: string) => copyInto(dir, '.svn/wc.db', gitConfig), message: inGit('.svn') },
    {
      name: '.jj',
      source: '.jj/repo/config.toml',
      setup: (dir: string) => copyInto(dir, '.jj/repo/config.toml', gitConfig),
      message: inGit('.jj'),
    },
    {
      name: 'a .git folder outside the project, with --allow-files-outside-project',
      source: '../elsewhere/.git/config',
      setup: (dir: string) => copyInto(path.dirname(dir), 'elsewhere/.git/config', gitConfig),
      args: ['--allow-files-outside-project'],
      message: inGit('.git'),
    },
  ])('refuses $name, at the source field', async ({ source, setup, first, args, message }) => {
    const dir = await projectWithSecrets(first);
    setup?.(dir);
    writeFileSync(path.join(dir, 'reader.yaml'), withSource(source));
    const run = await runIn(dir, ['generate', 'reader.yaml', ...(args ?? ['-o', '-'])]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`reader.yaml:8:17: containers.main.files./etc/app/data\\.txt.source: '${source}' ${message}`);
    expect(run.stdout).toBe('');
    for (const secret of ['GIT-TOKEN-SECRET', ...generatedValues(dir)]) expect(run.stderr).not.toContain(secret);
  });

  it('still reads ordinary files, and files merely named like the protected ones elsewhere', async () => {
    const dir = await projectWithSecrets();
    copyInto(dir, 'config/manifests.yaml.example', 'EXAMPLE\n');
    copyInto(dir, 'config/git-config', 'PLAIN\n');
    writeFileSync(path.join(dir, 'reader.yaml'), withSource('config/manifests.yaml.example'));
    const run = await runIn(dir, ['generate', 'reader.yaml', '-o', '-']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('EXAMPLE');
  });
});

/** The long generated values (passwords) the project state holds. */
function generatedValues(dir: string): string[] {
  const text = readFileSync(path.join(dir, '.score-ts', 'state.yaml'), 'utf8');
  const values = [...text.matchAll(/"([A-Za-z0-9]{16,})"/g)].map((m) => m[1]!);
  expect(values.length).toBeGreaterThan(0);
  return values;
}

function copyInto(dir: string, relative: string, text: string): void {
  mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
  writeFileSync(path.join(dir, relative), text);
}

describe('files.*.source is bounded: regular files of at most 1 MiB', () => {
  const tooBig =
    'more than the 1 MiB a file source may hold (it goes into a ConfigMap or Secret, which Kubernetes limits to 1 MiB); mount large files from a volume instead';
  it.each([
    {
      name: 'a 1.5 GB file (sparse), refused from its size alone',
      setup: (file: string) => {
        writeFileSync(file, '');
        truncateSync(file, 1536 * 1024 * 1024);
      },
      message: `holds 1610612736 bytes, ${tooBig}`,
    },
    {
      name: 'a file one byte over 1 MiB',
      setup: (file: string) => writeFileSync(file, Buffer.alloc(1024 * 1024 + 1, 'x')),
      message: `holds 1048577 bytes, ${tooBig}`,
    },
    {
      name: 'a FIFO (reading it would wait for a writer forever)',
      setup: (file: string) => spawnSync('mkfifo', [file]),
      message: 'is a named pipe (FIFO), not a regular file; score-ts reads only regular files as file sources',
    },
    {
      name: 'a folder',
      setup: (file: string) => mkdirSync(file),
      message: 'is a directory, not a regular file; score-ts reads only regular files as file sources',
    },
    {
      name: 'a link to /dev/zero (it never ends)',
      setup: (file: string) => symlinkSync('/dev/zero', file),
      args: ['--allow-files-outside-project'],
      message: 'is a device, not a regular file; score-ts reads only regular files as file sources',
    },
  ])(
    'refuses $name',
    async ({ setup, args, message }) => {
      const dir = tempProject();
      setup(path.join(dir, 'data.bin'));
      writeFileSync(path.join(dir, 'score.yaml'), withSource('data.bin'));
      const started = Date.now();
      const run = await runIn(dir, ['generate', 'score.yaml', '-o', '-', ...(args ?? [])]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`score.yaml:8:17: containers.main.files./etc/app/data\\.txt.source: 'data.bin' ${message}`);
      expect(Date.now() - started).toBeLessThan(5000);
    },
    10_000,
  );

  it('reads a file of exactly 1 MiB', () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'data.bin'), Buffer.alloc(1024 * 1024, 'x'));
    const result = readRegularFile(path.join(dir, 'data.bin'), 1024 * 1024, () => undefined, 'data.bin');
    expect(Buffer.isBuffer(result) && result.length).toBe(1024 * 1024);
  });

  it.each([
    {
      name: 'a file that says it is empty but is not (/proc): read up to the limit, then refused',
      file: '/proc/self/status',
      limit: 16,
      expected: "'status' holds more than the 16 bytes a file source may hold",
    },
    { name: 'a file under the limit is read whole', file: '/proc/self/status', limit: 1024 * 1024, expected: 'Name:' },
  ])('never reads more than the limit: $name', ({ file, limit, expected }) => {
    const result = readRegularFile(file, limit, () => undefined, 'status');
    expect(String(result)).toContain(expected);
  });
});

describe('links committed in a repository do not redirect writes', () => {
  const plain = 'apiVersion: score.dev/v1b1\nmetadata: {name: app}\ncontainers: {main: {image: nginx:1.28}}\n';

  /** A project with a Score file, beside a folder `outside` holding one precious file. */
  function projectBesideOutside(): { dir: string; outside: string; outsideSnapshot: () => string } {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), plain);
    const outside = path.join(path.dirname(dir), 'outside');
    mkdirSync(outside, { mode: 0o755 });
    writeFileSync(path.join(outside, 'precious.conf'), 'PRECIOUS\n');
    const outsideSnapshot = () =>
      JSON.stringify(
        readdirSync(outside).map((f) => [f, readFileSync(path.join(outside, f), 'utf8'), statSync(path.join(outside, f)).mode]),
      ) + statSync(outside).mode;
    return { dir, outside, outsideSnapshot };
  }

  it.each([
    {
      name: 'a state folder that is a link',
      setup: (dir: string, outside: string) => symlinkSync(outside, path.join(dir, '.score-ts')),
      message: '.score-ts/ is a symbolic link, which score-ts does not follow',
    },
    {
      name: 'a state file that is a link',
      setup: (dir: string, outside: string) => {
        mkdirSync(path.join(dir, '.score-ts'));
        symlinkSync(path.join(outside, 'precious.conf'), path.join(dir, '.score-ts', 'state.yaml'));
      },
      message: '.score-ts/state.yaml is a symbolic link, which score-ts does not follow',
    },
    {
      name: 'a .gitignore in the state folder that is a dangling link',
      setup: (dir: string, outside: string) => {
        mkdirSync(path.join(dir, '.score-ts'));
        symlinkSync(path.join(outside, 'created-by-score-ts'), path.join(dir, '.score-ts', '.gitignore'));
      },
      message: '.score-ts/.gitignore is a symbolic link, which score-ts does not follow',
    },
    {
      name: 'a lock file that is a link',
      setup: (dir: string, outside: string) => {
        mkdirSync(path.join(dir, '.score-ts'));
        symlinkSync(path.join(outside, 'precious.conf'), path.join(dir, '.score-ts', 'lock'));
      },
      message: '.score-ts/lock is a symbolic link, which score-ts does not follow',
    },
    {
      name: 'an output file that is a link out of the project',
      setup: (dir: string, outside: string) => symlinkSync(path.join(outside, 'precious.conf'), path.join(dir, 'manifests.yaml')),
      message: 'cannot write manifests.yaml: a symbolic link leads it to',
    },
    {
      name: 'an output folder that is a link out of the project',
      setup: (dir: string, outside: string) => symlinkSync(outside, path.join(dir, 'deploy')),
      args: ['-o', 'deploy/manifests.yaml'],
      message: 'cannot write deploy/manifests.yaml: a symbolic link leads it to',
    },
  ])('refuses $name and leaves the target as it was', async ({ setup, args, message }) => {
    const { dir, outside, outsideSnapshot } = projectBesideOutside();
    setup(dir, outside);
    const before = outsideSnapshot();
    const run = await runIn(dir, ['generate', 'score.yaml', ...(args ?? [])]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
    expect(outsideSnapshot()).toBe(before);
  });

  it('says what to do about an output link', async () => {
    const { dir, outside } = projectBesideOutside();
    symlinkSync(path.join(outside, 'precious.conf'), path.join(dir, 'manifests.yaml'));
    const run = await runIn(dir, ['generate', 'score.yaml']);
    expect(run.stderr).toBe(
      `error: cannot write manifests.yaml: a symbolic link leads it to ${realpathSync(path.join(outside, 'precious.conf'))}, outside the project folder, and score-ts does not let a link in the project redirect its output; remove the link, or pass the real path with -o\n`,
    );
  });

  it('refuses a linked state folder in commands that only read the state too', async () => {
    const { dir, outside } = projectBesideOutside();
    symlinkSync(outside, path.join(dir, '.score-ts'));
    const run = await runIn(dir, ['resources', 'list']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('.score-ts/ is a symbolic link');
  });

  it('follows an output link that stays inside the project: the target is written, the link stays a link', async () => {
    const { dir, outsideSnapshot } = projectBesideOutside();
    mkdirSync(path.join(dir, 'deploy'));
    writeFileSync(path.join(dir, 'deploy', 'real.yaml'), 'old\n');
    symlinkSync(path.join('deploy', 'real.yaml'), path.join(dir, 'manifests.yaml'));
    const before = outsideSnapshot();
    const run = await runIn(dir, ['generate', 'score.yaml']);
    expect(run.code, run.stderr).toBe(0);
    expect(lstatSync(path.join(dir, 'manifests.yaml')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, 'deploy', 'real.yaml'), 'utf8')).toContain('kind: Deployment');
    expect(outsideSnapshot()).toBe(before);
  });

  it.each([
    { name: 'the state file', output: '.score-ts/state.yaml' },
    { name: 'the lock', output: '.score-ts/lock' },
    { name: 'a path through a link into the state folder', output: 'state-link/m.yaml', link: true },
  ])('never writes the output into the state folder: $name', async ({ output, link }) => {
    const { dir } = projectBesideOutside();
    expect((await runIn(dir, ['generate', 'score.yaml'])).code).toBe(0);
    if (link) symlinkSync('.score-ts', path.join(dir, 'state-link'));
    const state = readFileSync(path.join(dir, '.score-ts', 'state.yaml'), 'utf8');
    const run = await runIn(dir, ['generate', 'score.yaml', '-o', output]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `error: -o ${output} is inside .score-ts/, which holds the project state; write the manifests somewhere else\n`,
    );
    expect(readFileSync(path.join(dir, '.score-ts', 'state.yaml'), 'utf8')).toBe(state);
  });

  it('writes a path the runner typed outside the project, as asked', async () => {
    const { dir, outside } = projectBesideOutside();
    const run = await runIn(dir, ['generate', 'score.yaml', '-o', '../outside/m.yaml']);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(path.join(outside, 'm.yaml'), 'utf8')).toContain('kind: Deployment');
    expect(readFileSync(path.join(outside, 'precious.conf'), 'utf8')).toBe('PRECIOUS\n');
  });
});
