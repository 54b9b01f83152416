/**
 * `init --provisioners URL|-`, `init --patch-templates URL|-` and `generate --provisioners URL` through the
 * CLI (in-process) against a server on 127.0.0.1: what is installed and how it records its origin, that a
 * broken download installs nothing, that `generate` reads the network only for a URL it is given, and that
 * standard input is read once.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { repoRoot, tempProject } from '../support/run-cli.js';
import { run } from './support/cli.js';
import { provisionerFile, routes, startServer, text, type LocalServer } from './support/local-servers.js';

const PROVISIONERS = provisionerFile('template://web/thing');
const BROKEN = '- uri: template://web/broken\n  type: 5\n';
const NOT_A_LIST = 'uri: template://web/x\ntype: thing\n';
const PATCH =
  '{{#each manifests}}\n{{#if (eq kind "Deployment")}}\n- op: set\n  path: {{@index}}.spec.replicas\n  value: 3\n{{/if}}\n{{/each}}\n';
const SCORE =
  'apiVersion: score.dev/v1b1\nmetadata: {name: web}\ncontainers:\n  main: {image: nginx:1.28}\nresources:\n  store: {type: thing}\n';

let server: LocalServer;

beforeAll(async () => {
  server = await startServer(
    routes({
      '/platform/web.provisioners.yaml': text(PROVISIONERS),
      '/platform/broken.yaml': text(BROKEN),
      '/platform/list.yaml': text(NOT_A_LIST),
      '/platform/cmd.provisioners.yaml': text('- uri: cmd://./bin/make-queue\n  type: queue\n- uri: cmd://kubectl\n  type: other\n'),
      '/patches/replicas.tpl': text(PATCH),
      '/patches/broken.tpl': text('{{#each manifests}}\n'),
      '/weird/..%2f..%2fescape%20me.yaml': text(PROVISIONERS),
    }),
  );
});

function installed(dir: string): string[] {
  if (!existsSync(path.join(dir, '.score-ts'))) return [];
  return readdirSync(path.join(dir, '.score-ts'))
    .filter((n) => n.endsWith('.yaml') || n.endsWith('.tpl'))
    .filter((n) => n !== 'state.yaml')
    .sort();
}

describe('init --provisioners URL', () => {
  it('installs the file under its own name, its first line saying where it came from', async () => {
    const dir = tempProject();
    const url = `${server.origin}/platform/web.provisioners.yaml`;
    const result = await run(dir, ['init', '--no-sample', '--provisioners', url]);
    expect(result).toEqual({
      code: 0,
      stdout: '',
      stderr: `created .score-ts/ (its .gitignore keeps state and secrets out of git)\ninstalled .score-ts/web.provisioners.yaml from ${url}\ncreated score-ts.yaml (project label project; no workloads yet; provisioners ${url}): commit it; .score-ts/ stays private\n`,
    });
    expect(readFileSync(path.join(dir, '.score-ts', 'web.provisioners.yaml'), 'utf8')).toBe(
      `# Installed by score-ts init from ${url}\n${PROVISIONERS}`,
    );
    const list = await run(dir, ['provisioners', 'list', '--format', 'json']);
    expect((JSON.parse(list.stdout) as Array<{ uri: string; source: string }>)[0]).toMatchObject({
      uri: 'template://web/thing',
      source: '.score-ts/web.provisioners.yaml:2',
    });
  });

  it('a downloaded file with cmd:// provisioners is installed with a warning naming the programs', async () => {
    const dir = tempProject();
    const url = `${server.origin}/platform/cmd.provisioners.yaml`;
    const result = await run(dir, ['init', '--no-sample', '--provisioners', url]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `installed .score-ts/cmd.provisioners.yaml from ${url}\nwarning: .score-ts/cmd.provisioners.yaml has cmd:// provisioners: every generate that uses them runs ./bin/make-queue, kubectl on this machine; review the file\n`,
    );
  });

  it('a name the server chose is made safe: no path, no leading dots, no odd bytes', async () => {
    const dir = tempProject();
    expect((await run(dir, ['init', '--no-sample', '--provisioners', `${server.origin}/weird/..%2f..%2fescape%20me.yaml`])).code).toBe(0);
    expect(installed(dir)).toEqual(['escape-me.provisioners.yaml']);
  });

  it.each([
    {
      name: 'an entry the schema refuses',
      file: '/platform/broken.yaml',
      detail: (url: string) =>
        `  ${url}:2:9: [0].type: must be a string, not the number 5; quote it to make it a string: "5" (provisioner template://web/broken)`,
    },
    { name: 'a map where a list belongs', file: '/platform/list.yaml', detail: (url: string) => `  ${url}:1:1: must be a list, not a map` },
  ])('$name: nothing is installed, and the message points at the URL and line', async ({ file, detail }) => {
    const dir = tempProject();
    const url = `${server.origin}${file}`;
    const good = `${server.origin}/platform/web.provisioners.yaml`;
    const result = await run(dir, ['init', '--no-sample', '--provisioners', good, '--provisioners', url]);
    expect(result).toEqual({ code: 1, stdout: '', stderr: `error: invalid provisioner files: nothing was installed\n${detail(url)}\n` });
    expect(installed(dir)).toEqual([]);
  });

  it('a download that fails installs nothing, not even the files that came before it', async () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'local.yaml'), PROVISIONERS);
    const missing = `${server.origin}/platform/missing.yaml`;
    const result = await run(dir, ['init', '--no-sample', '--provisioners', 'local.yaml', '--provisioners', missing]);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: cannot read provisioners ${missing}: the server answered 404 Not Found: check the URL; nothing was installed\n`,
    });
    expect(installed(dir)).toEqual([]);
  });

  it('two sources that would be installed under one name are refused', async () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'web.yaml'), PROVISIONERS.replace('web/thing', 'local/thing'));
    const url = `${server.origin}/platform/web.provisioners.yaml`;
    const result = await run(dir, ['init', '--no-sample', '--provisioners', 'web.yaml', '--provisioners', url]);
    expect(result.stderr).toBe(
      `error: invalid provisioner files: nothing was installed\n  ${url}: would be installed as web.provisioners.yaml, as web.yaml would, and replace it: give one of them another file name (download a URL first)\n`,
    );
    expect(installed(dir)).toEqual([]);
  });

  it.each([
    {
      name: 'an unknown scheme lists the supported ones',
      value: 'ftp://user:pw@example.com/p.yaml',
      stderr:
        'error: --provisioners ftp://***@example.com/p.yaml: the scheme ftp:// is not supported; use a file or folder path, file://PATH, - (standard input), http://, https://, oci://, git-https:// or git-ssh://\n',
    },
    {
      name: 'a malformed oci reference',
      value: 'oci://127.0.0.1:5000',
      stderr:
        'error: --provisioners oci://127.0.0.1:5000: it names no repository; the form is oci://REGISTRY/REPOSITORY[:TAG|@DIGEST][#FILE]\n',
    },
    {
      name: 'a git URL without .git/',
      value: 'git-https://example.com/repo/file.yaml',
      stderr:
        'error: --provisioners git-https://example.com/repo/file.yaml: it names no repository ending in .git/; the form is git-https://HOST/REPO.git/FILE or git-ssh://USER@HOST/REPO.git/FILE\n',
    },
  ])('$name (a usage error, before any download)', async ({ value, stderr }) => {
    const requests = server.requests.length;
    const result = await run(tempProject(), [
      'init',
      '--no-sample',
      '--provisioners',
      `${server.origin}/platform/web.provisioners.yaml`,
      '--provisioners',
      value,
    ]);
    expect(result).toEqual({ code: 2, stdout: '', stderr });
    expect(server.requests.length).toBe(requests);
  });
});

describe('init --patch-templates URL', () => {
  it('installs the template after a comment that renders nothing, and generate applies it', async () => {
    const dir = tempProject(path.join(repoRoot, 'test', 'golden', 'hello-world'));
    const url = `${server.origin}/patches/replicas.tpl`;
    const init = await run(dir, ['init', '--no-sample', '--patch-templates', url]);
    expect(init.stderr).toContain(`installed .score-ts/replicas.patch.tpl from ${url}\n`);
    expect(readFileSync(path.join(dir, '.score-ts', 'replicas.patch.tpl'), 'utf8')).toBe(
      `{{!-- Installed by score-ts init from ${url} --}}\n${PATCH}`,
    );
    const generated = await run(dir, ['generate', 'score.yaml', '-o', '-']);
    expect(generated.code).toBe(0);
    expect(generated.stdout).toContain('  replicas: 3\n');
  });

  it('a template that does not compile installs nothing', async () => {
    const dir = tempProject();
    const url = `${server.origin}/patches/broken.tpl`;
    const result = await run(dir, ['init', '--no-sample', '--patch-templates', url]);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: invalid patch templates\n  ${url}:2:1: template syntax error: the template ends inside an open block: close each {{#if}} / {{#each}} with {{/if}} / {{/each}}\n`,
    });
    expect(installed(dir)).toEqual([]);
  });
});

describe('generate --provisioners URL', () => {
  it('uses the file for this run only, and generate without URL flags makes no request', async () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), SCORE);
    const url = `${server.origin}/platform/web.provisioners.yaml`;
    const before = server.requests.length;
    const first = await run(dir, ['generate', 'score.yaml', '-o', '-', '--provisioners', url]);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('wrote 1 object for web to stdout');
    expect(server.requests.length).toBe(before + 1);
    expect(installed(dir)).toEqual([]);
    const second = await run(dir, ['generate', 'score.yaml', '-o', '-']);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain("no provisioner for type 'thing'");
    expect(server.requests.length).toBe(before + 1);
  });

  it('an installed copy is read from disk by every later generate, with no request', async () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), SCORE);
    expect((await run(dir, ['init', '--no-sample', '--provisioners', `${server.origin}/platform/web.provisioners.yaml`])).code).toBe(0);
    const before = server.requests.length;
    const result = await run(dir, ['generate', 'score.yaml', '-o', '-']);
    expect(result.code).toBe(0);
    expect(server.requests.length).toBe(before);
  });

  it('a broken download fails the run before anything is written', async () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), SCORE);
    const url = `${server.origin}/platform/missing.yaml`;
    const result = await run(dir, ['generate', 'score.yaml', '--provisioners', url]);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: cannot read provisioners ${url}: the server answered 404 Not Found: check the URL\n`,
    });
    expect(readdirSync(dir)).toEqual(['score.yaml']);
  });
});

describe('URLs score-ts.yaml lists', () => {
  it('are read from the copies init installed, with no request; in a fresh clone (no copies) they are fetched', async () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), SCORE);
    const provisioners = `${server.origin}/platform/web.provisioners.yaml`;
    const patch = `${server.origin}/patches/replicas.tpl`;
    expect((await run(dir, ['init', '--no-sample', '--provisioners', provisioners, '--patch-templates', patch])).code).toBe(0);
    expect(readFileSync(path.join(dir, 'score-ts.yaml'), 'utf8')).toContain(
      `\nprovisioners:\n  - ${provisioners}\npatchTemplates:\n  - ${patch}\n`,
    );
    const before = server.requests.length;
    const offline = await run(dir, ['generate', 'score.yaml', '-v']);
    expect(offline.stderr).toContain('patch templates: .score-ts/replicas.patch.tpl\n');
    expect(server.requests.length).toBe(before);
    const clone = tempProject();
    for (const file of ['score.yaml', 'score-ts.yaml', 'manifests.yaml'])
      writeFileSync(path.join(clone, file), readFileSync(path.join(dir, file)));
    const check = await run(clone, ['generate', '--check', '-v']);
    expect(check.stderr).toContain(`patch templates: ${patch}\n`);
    expect(check.code, check.stderr).toBe(0);
    expect(server.requests.length).toBe(before + 2);
  });

  it('one that cannot be fetched names score-ts.yaml', async () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), SCORE);
    const url = `${server.origin}/platform/missing.yaml`;
    writeFileSync(path.join(dir, 'score-ts.yaml'), `version: 1\nproject: p\nworkloads: [{file: score.yaml}]\nprovisioners: ["${url}"]\n`);
    const result = await run(dir, ['generate']);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: cannot read score-ts.yaml provisioners ${url}: the server answered 404 Not Found: check the URL\n`,
    });
  });
});

describe('provisioners list and graph --provisioners URL', () => {
  it.each([
    {
      name: 'provisioners list',
      args: (url: string) => ['provisioners', 'list', '--format', 'json', '--provisioners', url],
      shows: 'template://web/thing',
    },
    { name: 'graph', args: (url: string) => ['graph', 'score.yaml', '--provisioners', url], shows: 'template://web/thing' },
  ])('$name reads the URL for the run', async ({ args, shows }) => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), SCORE);
    const result = await run(dir, args(`${server.origin}/platform/web.provisioners.yaml`));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(shows);
    expect(installed(dir)).toEqual([]);
  });
});

describe('standard input (-)', () => {
  it.each([
    {
      name: 'init --provisioners -',
      args: ['--provisioners', '-'],
      input: PROVISIONERS,
      file: 'stdin.provisioners.yaml',
      content: `# Installed by score-ts init from standard input\n${PROVISIONERS}`,
    },
    {
      name: 'init --patch-templates -',
      args: ['--patch-templates', '-'],
      input: PATCH,
      file: 'stdin.patch.tpl',
      content: `{{!-- Installed by score-ts init from standard input --}}\n${PATCH}`,
    },
  ])('$name', async ({ args, input, file, content }) => {
    const dir = tempProject();
    const result = await run(dir, ['init', '--no-sample', ...args], { stdin: input });
    expect(result.stderr).toContain(`installed .score-ts/${file} from standard input\n`);
    expect(readFileSync(path.join(dir, '.score-ts', file), 'utf8')).toBe(content);
  });

  it('generate --provisioners - reads the file for the run', async () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), SCORE);
    const result = await run(dir, ['generate', 'score.yaml', '-o', '-', '--provisioners', '-'], { stdin: PROVISIONERS });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('kind: Deployment');
  });

  it.each([
    {
      name: 'read twice',
      args: ['init', '--provisioners', '-', '--patch-templates', '-'],
      input: PROVISIONERS,
      code: 2,
      stderr: 'error: standard input (-) can be read once per run, but --provisioners -, --patch-templates - name it 2 times\n',
    },
    {
      name: 'empty',
      args: ['init', '--provisioners', '-'],
      input: '',
      code: 1,
      stderr: 'error: cannot read provisioners -: it is empty; nothing was installed\n',
    },
    {
      name: 'not a provisioner file',
      args: ['init', '--provisioners', '-'],
      input: NOT_A_LIST,
      code: 1,
      stderr: 'error: invalid provisioner files: nothing was installed\n  <stdin>:1:1: must be a list, not a map\n',
    },
  ])('$name', async ({ args, input, code, stderr }) => {
    const dir = tempProject();
    expect(await run(dir, args, { stdin: input })).toEqual({ code, stdout: '', stderr });
    expect(installed(dir)).toEqual([]);
  });

  it('more than the cap is refused', async () => {
    const { fetchSources } = await import('../../src/sources/fetch-sources.js');
    const stdin = () => ({ stream: Readable.from([Buffer.alloc(6, 'a'), Buffer.alloc(6, 'a')]), isTTY: false });
    await expect(fetchSources([{ flag: '--provisioners', values: ['-'] }], { env: {}, stdin, limits: { maxBytes: 10 } })).rejects.toThrow(
      'cannot read provisioners -: it is larger than 10 bytes, the most score-ts reads',
    );
  });

  it('a terminal is refused rather than waited on', async () => {
    let stderr = '';
    const code = await runCli(['init', '--provisioners', '-'], {
      cwd: tempProject(),
      env: {},
      stdout: () => {},
      stderr: (t) => (stderr += t),
      stderrIsTTY: false,
      openStdin: () => ({ stream: new Readable({ read() {} }), isTTY: true }),
    });
    expect({ code, stderr }).toEqual({
      code: 1,
      stderr:
        'error: cannot read provisioners -: standard input is a terminal: pipe the file in (curl -fsSL URL | score-ts ...); nothing was installed\n',
    });
  });
});
