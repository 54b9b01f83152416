/** `generate -` (and /dev/stdin): a Score file read from standard input for one run, never recorded as a path. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../load/support/cli.js';
import { tempProject } from '../support/run-cli.js';
import { WRITE_PROJECT_FILE_HINT } from '../../src/project/project-definition.js';

const score = (name: string) => `apiVersion: score.dev/v1b1\nmetadata: {name: ${name}}\ncontainers: {main: {image: nginx:1.28}}\n`;
const INITIALISED = 'initialised the project state in .score-ts/ (run `score-ts init` to also get a sample score.yaml)\n';
const stateWorkloads = (dir: string) => {
  const text = readFileSync(path.join(dir, '.score-ts', 'state.yaml'), 'utf8');
  return (JSON.parse(text.slice(text.indexOf('\n') + 1)) as { workloads: object }).workloads;
};

describe('a Score file from standard input', () => {
  it.each(['-', '/dev/stdin', '/proc/self/fd/0'])('generate %s: generated, and not remembered', async (given) => {
    const dir = tempProject();
    const result = await run(dir, ['generate', given, '-o', '-'], { stdin: score('piped') });
    expect(result.stderr).toBe(`${INITIALISED}wrote 1 object for piped to stdout\n`);
    expect(result.stdout).toContain('name: piped');
    expect(stateWorkloads(dir)).toEqual({});
  });

  it('graph - draws it', async () => {
    const result = await run(tempProject(), ['graph', '-'], { stdin: score('piped') });
    expect(result).toEqual({ code: 0, stdout: 'flowchart LR\n  w1["piped"]\n', stderr: '' });
  });

  it('beside files: only the files are recorded in score-ts.yaml, and a later run without files knows only them', async () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'web.yaml'), score('web'));
    const first = await run(dir, ['generate', 'web.yaml', '-', '-o', 'out.yaml'], { stdin: score('piped') });
    expect(first.stderr).toBe(
      `${INITIALISED}wrote 2 objects for piped, web to out.yaml\ncreated score-ts.yaml (project label project; workloads web.yaml): commit it; .score-ts/ stays private\n`,
    );
    expect(readFileSync(path.join(dir, 'score-ts.yaml'), 'utf8')).toMatch(/\nworkloads:\n {2}- file: web\.yaml\n$/);
    expect(stateWorkloads(dir)).toEqual({});
    expect((await run(dir, ['generate', '-o', '-'])).stderr).toBe('wrote 1 object for web to stdout\n');
  });

  it.each<{ name: string; args: string[]; stdin?: string; code: number; stderr: string }>([
    {
      name: 'errors name it <stdin>',
      args: ['generate', '-'],
      stdin: score('Piped'),
      code: 1,
      stderr:
        "error: invalid Score input\n  <stdin>:2:18: metadata.name: must be 2 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit\n",
    },
    {
      name: 'standard input is read once',
      args: ['generate', '-', '--provisioners', '-'],
      stdin: score('piped'),
      code: 2,
      stderr: 'error: standard input can be read once per run: give - (or /dev/stdin) for one Score file or one --provisioners only\n',
    },
    {
      name: 'no standard input',
      args: ['generate', '-'],
      code: 1,
      stderr: 'error: cannot read the Score file from standard input: standard input is not available here\n',
    },
  ])('$name', async ({ args, stdin, code, stderr }) => {
    const result = await run(tempProject(), args, stdin === undefined ? {} : { stdin });
    expect(result).toEqual({ code, stdout: '', stderr });
  });

  it('a workload an earlier score-ts recorded as ../../dev/stdin is dropped with a warning, never read again', async () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'web.yaml'), score('web'));
    // A state of an older score-ts, which kept the workloads there (and no score-ts.yaml).
    const stdinPath = path.relative(dir, '/dev/stdin');
    mkdirSync(path.join(dir, '.score-ts'), { mode: 0o700 });
    writeFileSync(
      path.join(dir, '.score-ts', 'state.yaml'),
      JSON.stringify({ version: 1, workloads: { web: { file: 'web.yaml' }, old: { file: stdinPath } }, resources: {}, sharedState: {} }),
      { mode: 0o600 },
    );
    const result = await run(dir, ['generate', '-o', '-']);
    expect(result.stderr).toBe(
      `warning: workload 'old' was read from standard input, which is not read again: it is dropped from the project (give its file to add it back)\nwrote 1 object for web to stdout\n${WRITE_PROJECT_FILE_HINT}\n`,
    );
    expect(stateWorkloads(dir)).toEqual({ web: { file: 'web.yaml' } });
  });
});
