import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_SCORE_FILE } from '../src/init.js';
import { checkManifests } from './support/k8s-check.js';
import { repoRoot, runIn, tempProject } from './support/run-cli.js';

const bin = path.join(repoRoot, 'bin', 'score-ts.js');

describe('help output', () => {
  it.each([
    { name: 'program', args: ['--help'] },
    { name: 'init', args: ['init', '--help'] },
    { name: 'generate', args: ['generate', '--help'] },
    { name: 'graph', args: ['graph', '--help'] },
    { name: 'provisioners-list', args: ['provisioners', 'list', '--help'] },
    { name: 'resources-list', args: ['resources', 'list', '--help'] },
    { name: 'resources-get-outputs', args: ['resources', 'get-outputs', '--help'] },
    { name: 'resources-prune', args: ['resources', 'prune', '--help'] },
  ])('$name', async ({ name, args }) => {
    const run = await runIn(tempProject(), args);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    if (name !== 'program') expect(run.stdout).toContain('Examples:');
    await expect(run.stdout).toMatchFileSnapshot(path.join(repoRoot, 'test', 'help', `${name}.txt`));
  });

  it('prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    const run = await runIn(tempProject(), ['--version']);
    expect(run).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });
});

describe('init', () => {
  it('creates a private state folder that git ignores and a sample that generates', async () => {
    const dir = tempProject();
    const run = await runIn(dir, ['init']);
    expect(run.code).toBe(0);
    expect(statSync(path.join(dir, '.score-ts')).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(dir, '.score-ts', 'state.yaml')).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(dir, '.score-ts', '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    expect(readFileSync(path.join(dir, 'score.yaml'), 'utf8')).toBe(SAMPLE_SCORE_FILE);
    const generated = await runIn(dir, ['generate', 'score.yaml', '-o', '-']);
    expect(generated.code).toBe(0);
    expect(checkManifests(generated.stdout)).toEqual([]);
  });

  it('is safe to run again: nothing the user wrote changes', async () => {
    const dir = tempProject();
    await runIn(dir, ['init']);
    writeFileSync(path.join(dir, 'score.yaml'), '# mine\n');
    await runIn(dir, ['generate', path.join(repoRoot, 'test', 'golden', 'hello-world', 'score.yaml'), '-o', '-']);
    const state = readFileSync(path.join(dir, '.score-ts', 'state.yaml'), 'utf8');
    const again = await runIn(dir, ['init']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('already exists; left as it is');
    expect(readFileSync(path.join(dir, 'score.yaml'), 'utf8')).toBe('# mine\n');
    expect(readFileSync(path.join(dir, '.score-ts', 'state.yaml'), 'utf8')).toBe(state);
  });

  it.each([
    { name: '--no-sample writes no Score file', args: ['init', '--no-sample'], file: 'score.yaml', exists: false },
    { name: '--file names the sample', args: ['init', '--file', 'app.yaml'], file: 'app.yaml', exists: true },
  ])('$name', async ({ args, file, exists }) => {
    const dir = tempProject();
    expect((await runIn(dir, args)).code).toBe(0);
    expect(existsSync(path.join(dir, file))).toBe(exists);
    expect(existsSync(path.join(dir, '.score-ts', 'state.yaml'))).toBe(true);
  });
});

describe('generate', () => {
  const hello = path.join(repoRoot, 'test', 'golden', 'hello-world');
  const multi = path.join(repoRoot, 'test', 'golden', 'multiple-workloads');

  it('writes manifests.yaml by default and says so on stderr only', async () => {
    const dir = tempProject(hello);
    const run = await runIn(dir, ['generate', 'score.yaml']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('wrote 2 objects for hello-world to manifests.yaml');
    expect(readFileSync(path.join(dir, 'manifests.yaml'), 'utf8')).toBe(readFileSync(path.join(hello, 'expected.yaml'), 'utf8'));
  });

  it('gives the same bytes on every run (determinism)', async () => {
    const dir = tempProject(multi);
    await runIn(dir, ['generate', 'web/score.yaml', 'api/score.yaml', '-o', 'first.yaml']);
    await runIn(dir, ['generate', 'api/score.yaml', 'web/score.yaml', '-o', 'second.yaml']);
    const other = tempProject(multi);
    await runIn(other, ['generate', 'web/score.yaml', 'api/score.yaml', '-o', 'third.yaml']);
    const first = readFileSync(path.join(dir, 'first.yaml'));
    expect(readFileSync(path.join(dir, 'second.yaml'))).toEqual(first);
    expect(readFileSync(path.join(other, 'third.yaml'))).toEqual(first);
  });

  it('regenerates every known workload when run without files, picking up edits', async () => {
    const dir = tempProject(multi);
    await runIn(dir, ['generate', 'web/score.yaml']);
    await runIn(dir, ['generate', 'api/score.yaml']);
    const scoreFile = path.join(dir, 'web', 'score.yaml');
    writeFileSync(scoreFile, readFileSync(scoreFile, 'utf8').replace('nginx:1.27', 'nginx:1.28'));
    const run = await runIn(dir, ['generate', '-o', '-']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('for api, web');
    expect(run.stdout).toContain('image: nginx:1.28');
    expect(run.stdout).toContain('image: registry.example.com/api:1.0.0');
  });

  it('remembers --image and overrides for later runs without files', async () => {
    const dir = tempProject(path.join(repoRoot, 'test', 'golden', 'image-flag'));
    await runIn(dir, [
      'generate',
      'score.yaml',
      '--image',
      'example.com/app:1',
      '--override-property',
      'containers.helper.args=["--once"]',
    ]);
    const run = await runIn(dir, ['generate', '-o', '-']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('image: example.com/app:1');
    expect(run.stdout).toContain('- --once');
  });

  it('stops at a workload score-ts.yaml lists whose Score file was deleted, pointing at score-ts.yaml', async () => {
    const dir = tempProject(multi);
    await runIn(dir, ['generate', 'web/score.yaml', 'api/score.yaml']);
    const { rmSync } = await import('node:fs');
    rmSync(path.join(dir, 'web', 'score.yaml'));
    const run = await runIn(dir, ['generate', '-o', '-']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'error: invalid Score input\n  score-ts.yaml:6:11: workloads[0].file: web/score.yaml does not exist: restore it, or remove the workload from score-ts.yaml\n',
    );
  });

  it('in a project of an older score-ts (workloads in the state), drops a workload whose Score file was deleted, with a warning', async () => {
    const dir = tempProject(multi);
    mkdirSync(path.join(dir, '.score-ts'), { mode: 0o700 });
    const workloads = { web: { file: 'web/score.yaml' }, api: { file: 'api/score.yaml' } };
    writeFileSync(path.join(dir, '.score-ts', 'state.yaml'), JSON.stringify({ version: 1, workloads, resources: {}, sharedState: {} }), {
      mode: 0o600,
    });
    const { rmSync } = await import('node:fs');
    rmSync(path.join(dir, 'web', 'score.yaml'));
    const run = await runIn(dir, ['generate', '-o', '-']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("warning: workload 'web' was generated from web/score.yaml, which no longer exists");
    expect(run.stdout).not.toContain('name: web');
  });

  it.each([
    {
      name: 'invalid Score file',
      file: 'score.yaml',
      text: 'apiVersion: score.dev/v1b1\nmetadata: {name: x1}\ncontainers: {main: {image: 5}}\n',
    },
    { name: 'YAML syntax error', file: 'score.yaml', text: 'a: [\n' },
  ])('a failed run ($name) leaves manifests and state byte-identical', async ({ file, text }) => {
    const dir = tempProject(hello);
    expect((await runIn(dir, ['generate', 'score.yaml'])).code).toBe(0);
    const manifests = readFileSync(path.join(dir, 'manifests.yaml'));
    const state = readFileSync(path.join(dir, '.score-ts', 'state.yaml'));
    writeFileSync(path.join(dir, file), text);
    const run = await runIn(dir, ['generate', 'score.yaml']);
    expect(run.code).toBe(1);
    expect(readFileSync(path.join(dir, 'manifests.yaml'))).toEqual(manifests);
    expect(readFileSync(path.join(dir, '.score-ts', 'state.yaml'))).toEqual(state);
  });

  it('fails cleanly when the output folder cannot be written, leaving the state as it was', async () => {
    const dir = tempProject(hello);
    await runIn(dir, ['generate', 'score.yaml']);
    const state = readFileSync(path.join(dir, '.score-ts', 'state.yaml'));
    const run = await runIn(dir, ['generate', 'score.yaml', '-o', 'missing-dir/out.yaml']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: cannot write missing-dir/out.yaml: the folder missing-dir/ does not exist; create it first\n');
    expect(readFileSync(path.join(dir, '.score-ts', 'state.yaml'))).toEqual(state);
  });

  it('reports a damaged state file instead of replacing it', async () => {
    const dir = tempProject(hello);
    mkdirSync(path.join(dir, '.score-ts'));
    writeFileSync(path.join(dir, '.score-ts', 'state.yaml'), 'version: 1\nworkloads: [\n');
    const run = await runIn(dir, ['generate', 'score.yaml', '-o', '-']);
    expect(run.code).toBe(1);
    // Where the unclosed [ opens, not the end of the file.
    expect(run.stderr).toContain('.score-ts/state.yaml:2:12: a [ is never closed');
    expect(readFileSync(path.join(dir, '.score-ts', 'state.yaml'), 'utf8')).toBe('version: 1\nworkloads: [\n');
  });

  it('reports a state file that was cut short with its line, and leaves it alone', async () => {
    const dir = tempProject(hello);
    expect((await runIn(dir, ['generate', 'score.yaml'])).code).toBe(0);
    const file = path.join(dir, '.score-ts', 'state.yaml');
    const cut = readFileSync(file, 'utf8').split('\n').slice(0, 5).join('\n');
    writeFileSync(file, cut);
    const run = await runIn(dir, ['generate', 'score.yaml', '-o', '-']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\.score-ts\/state\.yaml:\d+:\d+: /);
    expect(readFileSync(file, 'utf8')).toBe(cut);
  });

  it.each([
    { name: '--quiet prints nothing on success', flags: ['--quiet'], stderr: '' },
    { name: 'NO_COLOR output has no escape codes', flags: [], stderr: 'wrote 2 objects for hello-world to stdout\n' },
  ])('$name', async ({ flags, stderr }) => {
    const dir = tempProject(hello);
    await runIn(dir, ['init', '--no-sample']);
    const run = await runIn(dir, [...flags, 'generate', 'score.yaml', '-o', '-']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(stderr);
  });
});

describe('the installed command (bin/score-ts.js)', () => {
  it('pipes pure YAML to stdout for kubectl and logs to stderr', () => {
    const dir = tempProject(path.join(repoRoot, 'test', 'golden', 'hello-world'));
    const result = spawnSync(process.execPath, [bin, 'generate', 'score.yaml', '-o', '-'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(readFileSync(path.join(repoRoot, 'test', 'golden', 'hello-world', 'expected.yaml'), 'utf8'));
    expect(result.stderr).toContain('wrote 2 objects');
  });

  it('runs cmd:// provisioners (node:child_process is loaded on first use in the bundle)', () => {
    const golden = path.join(repoRoot, 'test', 'golden', 'cmd-provisioner');
    const dir = tempProject(golden);
    const args = ['generate', 'score.yaml', '--provisioners', 'cmd.provisioners.yaml', '-o', '-'];
    const result = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe(readFileSync(path.join(golden, 'expected.yaml'), 'utf8'));
  });

  it('gives the same output where Node.js may not compile code from strings (rendered shapes are then copied by a walk)', () => {
    const dir = tempProject();
    const files = ['app-a', 'app-b', 'app-c', 'app-d'].map((name) => {
      const score = `apiVersion: score.dev/v1b1\nmetadata: {name: ${name}}\ncontainers:\n  main:\n    image: nginx\n    variables:\n      DB: \${resources.db.host}:\${resources.db.password}\nresources:\n  db: {type: postgres}\n  cache: {type: redis}\n`;
      writeFileSync(path.join(dir, `${name}.yaml`), score);
      return `${name}.yaml`;
    });
    const generate = (nodeOptions: string[]) =>
      spawnSync(process.execPath, [...nodeOptions, bin, '--quiet', 'generate', ...files, '-o', '-'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
    const compiled = generate([]);
    const walked = generate(['--disallow-code-generation-from-strings']);
    expect(compiled.status, compiled.stderr).toBe(0);
    expect(walked.status, walked.stderr).toBe(0);
    expect(walked.stdout).toBe(compiled.stdout);
    expect(compiled.stdout.match(/^kind: StatefulSet$/gm)).toHaveLength(8); // a postgres and a redis for each workload
  });

  it("the bundle's lazy stand-in for node:child_process has every export Node has", () => {
    const require = createRequire(import.meta.url);
    const standIn = require(path.join(repoRoot, 'src', 'build', 'lazy-child-process.cjs')) as object;
    expect(Object.keys(standIn).sort()).toEqual(Object.keys(require('node:child_process') as object).sort());
  });

  it.each([
    {
      name: 'invalid input exits 1',
      args: ['generate', 'nope.yaml'],
      code: 1,
      stderr: 'error: invalid Score input\n  cannot read Score file nope.yaml: no such file\n',
    },
    { name: 'usage error exits 2', args: ['generate', '--bogus'], code: 2, stderr: "error: unknown option '--bogus'\n" },
  ])('$name', ({ args, code, stderr }) => {
    const dir = tempProject();
    const result = spawnSync(process.execPath, [bin, '--quiet', ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(result.status).toBe(code);
    expect(result.stderr).toBe(stderr);
    expect(result.stdout).toBe('');
  });
});

describe('writing the output', () => {
  it('writes through a symlink and keeps the link', async () => {
    const { symlinkSync, lstatSync, mkdirSync: mkdir } = await import('node:fs');
    const dir = tempProject(path.join(repoRoot, 'test', 'golden', 'hello-world'));
    mkdir(path.join(dir, 'deploy'));
    writeFileSync(path.join(dir, 'deploy', 'app.yaml'), 'old\n');
    symlinkSync(path.join('deploy', 'app.yaml'), path.join(dir, 'manifests.yaml'));
    expect((await runIn(dir, ['generate', 'score.yaml'])).code).toBe(0);
    expect(lstatSync(path.join(dir, 'manifests.yaml')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, 'deploy', 'app.yaml'), 'utf8')).toContain('kind: Deployment');
  });

  it('writes into a named pipe instead of replacing it', () => {
    const dir = tempProject(path.join(repoRoot, 'test', 'golden', 'hello-world'));
    const fifo = path.join(dir, 'out.pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawnSync('sh', ['-c', `cat '${fifo}' > '${fifo}.txt' & node '${bin}' --quiet generate score.yaml -o '${fifo}'; wait`], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(reader.status).toBe(0);
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(readFileSync(`${fifo}.txt`, 'utf8')).toContain('kind: Deployment');
  });
});

describe('colour', () => {
  it.each([
    { name: 'on a terminal without NO_COLOR: red error label', tty: true, env: {}, coloured: true },
    { name: 'on a terminal with NO_COLOR: plain', tty: true, env: { NO_COLOR: '1' }, coloured: false },
    { name: 'not a terminal: plain', tty: false, env: {}, coloured: false },
  ])('$name', async ({ tty, env, coloured }) => {
    const { runCli } = await import('../src/cli/main.js');
    let stderr = '';
    const code = await runCli(['generate', 'missing.yaml'], {
      cwd: tempProject(),
      env,
      stdout: () => {},
      stderr: (t) => (stderr += t),
      stderrIsTTY: tty,
    });
    expect(code).toBe(1);
    expect(stderr.includes('\u001b[31merror:')).toBe(coloured);
    expect(stderr).toContain('cannot read Score file missing.yaml');
  });
});
