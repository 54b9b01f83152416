/** `score-ts completion`, `version` and `check-version`, and the schema comments editors read. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_SCORE_FILE } from '../../src/init.js';
import { repoRoot, runIn, tempProject } from '../support/run-cli.js';

const packageVersion = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
const hasShell = (shell: string) => spawnSync(shell, ['-c', 'exit 0']).status === 0;

/** The top-level commands `score-ts --help` lists, so commands added later are checked too. */
async function topLevelCommands(): Promise<string[]> {
  const help = (await runIn(tempProject(), ['--help'])).stdout;
  const section = help.slice(help.indexOf('Commands:\n'), help.indexOf('\n\n', help.indexOf('Commands:\n')));
  return [...section.matchAll(/^ {2}(\S+)/gm)].map((m) => m[1]!);
}

async function completionScript(shell: string): Promise<string> {
  const run = await runIn(tempProject(), ['completion', shell]);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  return run.stdout;
}

/** A project folder with two Score files and a folder, where completions are asked for. */
function completionProject(): string {
  const dir = tempProject();
  writeFileSync(path.join(dir, 'score.yaml'), '');
  writeFileSync(path.join(dir, 'other.yaml'), '');
  mkdirSync(path.join(dir, 'sub'));
  return dir;
}

/** One line per completion request, its words sorted (shells sort by locale). */
function sortedWordsPerLine(stdout: string): string[] {
  return stdout.split('\n').slice(0, -1).map(sortedWords);
}

function sortedWords(line: string): string {
  return line
    .split(' ')
    .filter((w) => w !== '')
    .sort()
    .join(' ');
}

describe('help output', () => {
  it.each(['completion', 'version', 'check-version'])('%s', async (name) => {
    const run = await runIn(tempProject(), [name, '--help']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('\nExamples:\n');
    await expect(run.stdout).toMatchFileSnapshot(path.join(repoRoot, 'test', 'help', `${name}.txt`));
  });
});

describe('completion', () => {
  it.each(['bash', 'zsh', 'fish'])('the %s script knows every top-level command and their flags', async (shell) => {
    const script = await completionScript(shell);
    const commands = await topLevelCommands();
    expect(commands).toEqual(
      expect.arrayContaining(['init', 'generate', 'provisioners', 'resources', 'completion', 'version', 'check-version', 'help']),
    );
    expect(commands.filter((command) => !script.includes(command))).toEqual([]);
    const long = (flag: string) => (shell === 'fish' ? `-l ${flag}` : `--${flag}`);
    for (const flag of ['output', 'overrides-file', 'no-sample', 'show-secrets', 'verbose']) expect(script).toContain(long(flag));
    expect(script).toContain('get-outputs');
  });

  it('an unknown shell is a usage error that names the three shells, in our words', async () => {
    const run = await runIn(tempProject(), ['completion', 'tcsh']);
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'error: completion: the shell tcsh is not known: use bash, zsh or fish\n' });
  });

  it('bash: completes commands, subcommands, flags, flag values and file arguments', async () => {
    const script = await completionScript('bash');
    const cases: Array<[string[], string]> = [
      [['score-ts', ''], (await topLevelCommands()).join(' ')],
      [['score-ts', 'ge'], 'generate'],
      [['score-ts', 'generate', '--o'], '--output --overrides-file --override-property'],
      [['score-ts', 'generate', '-o', ''], 'other.yaml score.yaml sub'],
      [['score-ts', 'generate', '--output', '=', 's'], 'score.yaml sub'],
      [['score-ts', '-q', 'generate', 'sc'], 'score.yaml'],
      [['score-ts', 'generate', '--image', ''], ''],
      [['score-ts', 'generate', '--image', 'x', 's'], 'score.yaml sub'],
      [['score-ts', 'provisioners', ''], 'list help'],
      [['score-ts', 'resources', 'get-outputs', '--s'], '--show-secrets'],
      [['score-ts', 'completion', ''], 'bash fish zsh'],
      [['score-ts', 'resources', 'help', ''], 'get-outputs list prune'],
      // Flags with fixed values offer them.
      [['score-ts', 'generate', '--format', ''], 'json kyaml yaml'],
      [['score-ts', 'generate', '--format', 'k'], 'kyaml'],
      [['score-ts', 'generate', '--format', '=', 'j'], 'json'],
      [['score-ts', 'provisioners', 'list', '--format', ''], 'json table yaml'],
      [['score-ts', 'resources', 'list', '--format', ''], 'json table yaml'],
      [['score-ts', 'resources', 'get-outputs', '--format', ''], 'json yaml'],
      [['score-ts', 'graph', '--format', ''], 'dot mermaid'],
      [['score-ts', 'graph', '--format', 'dot', 's'], 'score.yaml sub'],
    ];
    const calls = cases.map(([words]) => `t ${words.map((w) => `'${w}'`).join(' ')}`).join('\n');
    const driver = `${script}\nt() { COMP_WORDS=("$@"); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _score_ts; echo "\${COMPREPLY[*]}"; }\n${calls}\n`;
    const result = spawnSync('bash', ['--norc', '-c', driver], { cwd: completionProject(), encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(sortedWordsPerLine(result.stdout)).toEqual(cases.map(([, words]) => sortedWords(words)));
  });

  it.skipIf(!hasShell('fish'))('fish: completes commands, flags and files', async () => {
    const script = path.join(tempProject(), 'score-ts.fish');
    writeFileSync(script, await completionScript('fish'));
    const lines = ['score-ts provisioners ', 'score-ts generate --o', 'score-ts -q generate -o s', 'score-ts completion '];
    const driver = `source '${script}'\n${lines.map((l) => `complete -C '${l}' | string replace -r '\\t.*' '' | string join ' '`).join('\n')}\n`;
    const result = spawnSync('fish', ['--no-config', '-c', driver], { cwd: completionProject(), encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(sortedWordsPerLine(result.stdout)).toEqual([
      'help list',
      '--output --override-property --overrides-file',
      'score.yaml sub/',
      'bash fish zsh',
    ]);
  });

  it.skipIf(!hasShell('zsh'))('zsh: the script parses, for fpath autoloading (#compdef) and for source', async () => {
    const script = await completionScript('zsh');
    expect(script.startsWith('#compdef score-ts\n')).toBe(true);
    const result = spawnSync('zsh', ['-n'], { input: script, encoding: 'utf8' });
    expect(result).toMatchObject({ status: 0, stderr: '' });
  });

  it('bash: the script parses', async () => {
    const result = spawnSync('bash', ['-n'], { input: await completionScript('bash'), encoding: 'utf8' });
    expect(result).toMatchObject({ status: 0, stderr: '' });
  });
});

describe('version', () => {
  it('prints the version as --version does, then the Node.js version', async () => {
    const dir = tempProject();
    const run = await runIn(dir, ['version']);
    expect(run).toEqual({ code: 0, stdout: `${packageVersion}\nnode ${process.version}\n`, stderr: '' });
    expect(run.stdout.split('\n')[0]).toBe((await runIn(dir, ['--version'])).stdout.trimEnd());
  });
});

describe('check-version', () => {
  it.each([
    { name: 'satisfied: exit 0, silent', constraint: '>=0.0.0', code: 0, stderr: '' },
    { name: 'the exact version', constraint: packageVersion, code: 0, stderr: '' },
    { name: 'several comparators', constraint: `>=${packageVersion} <99`, code: 0, stderr: '' },
    {
      name: 'too old: exit 1, upgrade',
      constraint: '>=99.0.0',
      code: 1,
      stderr: `error: score-ts ${packageVersion} does not satisfy >=99.0.0; upgrade score-ts\n`,
    },
    {
      name: 'too new: exit 1, older',
      constraint: '<0.0.1',
      code: 1,
      stderr: `error: score-ts ${packageVersion} does not satisfy <0.0.1; install an older score-ts\n`,
    },
    {
      name: 'another exact version',
      constraint: '=99.1.2',
      code: 1,
      stderr: `error: score-ts ${packageVersion} does not satisfy =99.1.2; install score-ts 99.1.2\n`,
    },
    {
      name: 'malformed: exit 2',
      constraint: '>=one',
      code: 2,
      stderr:
        "error: invalid version constraint '>=one': 'one' is not a version; write comparators such as >=0.1.0, ^0.2 or ~1.2.3; several, separated by spaces, must all hold\n",
    },
  ])('$name ($constraint)', async ({ constraint, code, stderr }) => {
    expect(await runIn(tempProject(), ['check-version', constraint])).toEqual({ code, stdout: '', stderr });
  });

  it('without a constraint is a usage error', async () => {
    expect((await runIn(tempProject(), ['check-version'])).code).toBe(2);
  });
});

describe('schema comments for editors (yaml-language-server)', () => {
  const scoreSchema = '# yaml-language-server: $schema=https://raw.githubusercontent.com/score-spec/spec/main/score-v1b1.json\n';

  it('the sample that init writes points at the official Score schema', async () => {
    expect(SAMPLE_SCORE_FILE.startsWith(scoreSchema)).toBe(true);
    const dir = tempProject();
    expect((await runIn(dir, ['init'])).code).toBe(0);
    expect(readFileSync(path.join(dir, 'score.yaml'), 'utf8').startsWith(scoreSchema)).toBe(true);
  });

  it.each(readdirSync(path.join(repoRoot, 'provisioners')).filter((name) => name.endsWith('.provisioners.yaml')))(
    'built-in %s points at the provisioners schema next to it',
    (name) => {
      const [first] = readFileSync(path.join(repoRoot, 'provisioners', name), 'utf8').split('\n');
      expect(first).toBe('# yaml-language-server: $schema=../schemas/provisioners.schema.json');
      expect(existsSync(path.resolve(repoRoot, 'provisioners', '../schemas/provisioners.schema.json'))).toBe(true);
    },
  );

  it("init --provisioners installs the user's file as it is, after a line naming it", async () => {
    const dir = tempProject();
    const text = '# mine\n- uri: template://mine/thing\n  type: thing\n  outputs: |\n    value: x\n';
    writeFileSync(path.join(dir, 'mine.provisioners.yaml'), text);
    expect((await runIn(dir, ['init', '--no-sample', '--provisioners', 'mine.provisioners.yaml'])).code).toBe(0);
    expect(readFileSync(path.join(dir, '.score-ts', 'mine.provisioners.yaml'), 'utf8')).toBe(
      `# Installed by score-ts init from mine.provisioners.yaml\n${text}`,
    );
  });

  it('score-ts.yaml, as init writes it, points at the project file schema of this version', async () => {
    const dir = tempProject();
    expect((await runIn(dir, ['init'])).code).toBe(0);
    const [first] = readFileSync(path.join(dir, 'score-ts.yaml'), 'utf8').split('\n');
    const version = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
    expect(first).toBe(`# yaml-language-server: $schema=https://unpkg.com/score-ts@${version}/schemas/score-ts-project.schema.json`);
    expect(existsSync(path.join(repoRoot, 'schemas', 'score-ts-project.schema.json'))).toBe(true);
  });
});
