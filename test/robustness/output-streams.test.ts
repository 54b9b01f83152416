/**
 * Output to streams, with the built CLI as a real process under bash: a reader that closes stdout early ends
 * the run quietly as Unix tools do, and `-o` naming a descriptor (`/dev/stdout`, `/dev/fd/3`) writes to it
 * directly, so a pipe works and `>> log` appends.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempProject } from '../support/run-cli.js';

const bin = path.join(repoRoot, 'bin', 'score-ts.js');

/** A project whose output (a ConfigMap of 900 KB) is far bigger than a pipe's buffer, generated once to `expected.yaml`. */
function bigProject(): { dir: string; expected: string } {
  const dir = tempProject();
  writeFileSync(path.join(dir, 'big.txt'), `${'x'.repeat(99)}\n`.repeat(9000));
  writeFileSync(
    path.join(dir, 'score.yaml'),
    'apiVersion: score.dev/v1b1\nmetadata: {name: app}\ncontainers:\n  main:\n    image: nginx:1.28\n    files:\n      /data/big.txt: {source: big.txt}\n',
  );
  const first = bash(dir, 'score-ts generate score.yaml -o expected.yaml');
  expect(first.stderr).toContain('wrote 2 objects');
  return { dir, expected: readFileSync(path.join(dir, 'expected.yaml'), 'utf8') };
}

/** Runs a bash script in which `score-ts` is the built CLI; `status` is what the script prints last. */
function bash(cwd: string, script: string): { status: string; stderr: string } {
  const run = spawnSync(
    'bash',
    ['-c', `set -o pipefail; score-ts() { ${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} "$@"; }\n${script}`],
    { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
  );
  return { status: run.stdout.trim().split('\n').pop() ?? '', stderr: run.stderr };
}

describe('a reader that closes stdout early', () => {
  it.each([
    { name: '-o -', args: '-o -' },
    { name: '-o /dev/stdout', args: '-o /dev/stdout' },
  ])('$name | head -c 1: exit 141 with no message, the state saved and the lock released', ({ args }) => {
    const { dir } = bigProject();
    const run = bash(dir, `score-ts generate ${args} 2>stderr.txt | head -c 1 >/dev/null; echo "\${PIPESTATUS[0]}"`);
    expect(run.status).toBe('141');
    expect(readFileSync(path.join(dir, 'stderr.txt'), 'utf8')).toBe('');
    expect(existsSync(path.join(dir, '.score-ts', 'state.yaml'))).toBe(true);
    expect(existsSync(path.join(dir, '.score-ts', 'lock'))).toBe(false);
  });
});

describe('a reader that has closed stdout before anything is written', () => {
  it.each([
    { name: '--version (answered by bin/ alone)', args: '--version' },
    { name: '--help', args: '--help' },
  ])('$name: exit 141 with no message', ({ args }) => {
    const dir = tempProject();
    // The reader closes its end at once, before node has even started.
    const run = bash(dir, `score-ts ${args} | { exec 0<&-; }; echo "\${PIPESTATUS[0]}"`);
    expect(run).toEqual({ status: '141', stderr: '' });
  });
});

describe('-o naming a descriptor writes to it directly', () => {
  it.each([
    { name: '/dev/stdout through a pipe', script: 'score-ts generate -q -o /dev/stdout | cat > got.yaml' },
    { name: '/proc/self/fd/1 through a pipe', script: 'score-ts generate -q -o /proc/self/fd/1 | cat > got.yaml' },
    { name: '/dev/stdout appended to a log (>>)', script: 'score-ts generate -q -o /dev/stdout >> got.yaml', previous: 'previous line\n' },
    { name: '/dev/fd/3 appended to a log (3>>)', script: 'score-ts generate -q -o /dev/fd/3 3>> got.yaml', previous: 'previous line\n' },
    {
      name: '/proc/self/fd/3 appended to a log (3>>)',
      script: 'score-ts generate -q -o /proc/self/fd/3 3>> got.yaml',
      previous: 'previous line\n',
    },
    {
      name: '/dev/stderr appended to a log (2>>)',
      script: 'score-ts generate -q -o /dev/stderr 2>> got.yaml',
      previous: 'previous line\n',
    },
  ])('$name', ({ script, previous }) => {
    const { dir, expected } = bigProject();
    if (previous) writeFileSync(path.join(dir, 'got.yaml'), previous);
    const run = bash(dir, `${script}; echo "\${PIPESTATUS[0]}"`);
    expect(run.status, run.stderr).toBe('0');
    expect(readFileSync(path.join(dir, 'got.yaml'), 'utf8') === `${previous ?? ''}${expected}`).toBe(true);
  });

  it('writes a named pipe (FIFO) and a device in place, never replacing them', () => {
    const { dir, expected } = bigProject();
    spawnSync('mkfifo', [path.join(dir, 'out.fifo')]);
    expect(bash(dir, 'cat out.fifo > got.yaml & score-ts generate -q -o out.fifo; status=$?; wait; echo $status').status).toBe('0');
    expect(readFileSync(path.join(dir, 'got.yaml'), 'utf8') === expected).toBe(true);
    expect(statSync(path.join(dir, 'out.fifo')).isFIFO()).toBe(true);
    expect(bash(dir, 'score-ts generate -q -o /dev/null; echo $?').status).toBe('0');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });
});
