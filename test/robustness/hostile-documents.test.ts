/**
 * Documents built to hurt a YAML reader: alias bombs, deep nesting, huge strings, empty files, as a Score
 * file, an overrides file or a provisioner file. Each is refused with a clear message (or, for the huge
 * string, handled), with bounded memory, in a real process.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempProject } from '../support/run-cli.js';

const bin = path.join(repoRoot, 'bin', 'score-ts.js');
const preload = path.join(repoRoot, 'test', 'bench', 'rss-preload.mjs');
const BASE = 'apiVersion: score.dev/v1b1\nmetadata: {name: app}\ncontainers:\n  main:\n    image: nginx:1.28\n';

/** Ten levels of ten aliases each: 10^10 nodes if expanded ("billion laughs"). */
function aliasBomb(key: string): string {
  let text = `${key}:\n  l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n`;
  for (let i = 1; i <= 10; i++)
    text += `  l${i}: &l${i} [${Array(10)
      .fill(`*l${i - 1}`)
      .join(', ')}]\n`;
  return text;
}
const deepFlow = (key: string): string => `${key}: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
const deepBlock = (key: string): string => `${key}:\n${Array.from({ length: 5000 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')}\n`;

const documents = [
  {
    name: 'an alias bomb',
    score: BASE + aliasBomb('x-bomb'),
    other: aliasBomb('x-bomb'),
    message: /aliases may expand to at most \d+ nodes|alias/,
  },
  {
    name: 'flow nesting 100,000 deep',
    score: BASE + deepFlow('x-deep'),
    other: deepFlow('x-deep'),
    message: /nests too deeply|invalid|must be/,
  },
  {
    name: 'block nesting 5,000 deep',
    score: BASE + deepBlock('x-deep'),
    other: deepBlock('x-deep'),
    message: /nests too deeply|unknown field|must be/,
  },
  { name: 'an empty file', score: '', other: '', message: /empty|must be/ },
];

interface ProcessRun {
  code: number | null;
  stderr: string;
  peakMb: number;
}

function runProcess(dir: string, args: string[]): ProcessRun {
  const rssFile = path.join(dir, '.rss');
  const result = spawnSync(process.execPath, ['--import', preload, bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1', SCORE_TS_BENCH_RSS: rssFile },
  });
  return { code: result.status, stderr: result.stderr, peakMb: Number(readFileSync(rssFile, 'utf8')) / 1024 };
}

function expectRefused(run: ProcessRun, message: RegExp): void {
  expect(run.code, run.stderr).toBe(1);
  expect(run.stderr).toMatch(/^error: /);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(/internal error|^\s+at /m);
  expect(run.peakMb).toBeLessThan(300);
}

describe.each(documents)('$name', ({ name, score, other, message }) => {
  it('as a Score file', () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), score);
    expectRefused(runProcess(dir, ['generate', 'score.yaml']), message);
  });

  it('as an overrides file', () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), BASE);
    writeFileSync(path.join(dir, 'o.yaml'), other);
    expectRefused(runProcess(dir, ['generate', 'score.yaml', '--overrides-file', 'o.yaml']), message);
  });

  it('as a provisioner file', () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), BASE);
    writeFileSync(path.join(dir, 'p.provisioners.yaml'), other);
    const run = runProcess(dir, ['generate', 'score.yaml', '--provisioners', 'p.provisioners.yaml']);
    // An empty provisioner file is a valid file with no provisioners.
    if (name === 'an empty file') expect(run.code, run.stderr).toBe(0);
    else expectRefused(run, message);
  });
});

it('handles a 5 MB string value', () => {
  const dir = tempProject();
  const big = 'x'.repeat(5_000_000);
  writeFileSync(path.join(dir, 'score.yaml'), `${BASE}    variables:\n      BIG: ${big}\n`);
  const run = runProcess(dir, ['generate', 'score.yaml']);
  expect(run.code, run.stderr).toBe(0);
  expect(readFileSync(path.join(dir, 'manifests.yaml'), 'utf8')).toContain(big);
});

it('a map used as a key gives no Node warning on stderr, in a Score file or an override value', () => {
  const dir = tempProject();
  writeFileSync(path.join(dir, 'score.yaml'), `${BASE}    variables:\n      ? [a, b]\n      : c\n`);
  const inFile = runProcess(dir, ['generate', 'score.yaml']);
  expect(inFile.stderr).not.toMatch(/Warning|trace-warnings/);
  writeFileSync(path.join(dir, 'score.yaml'), BASE);
  const inValue = runProcess(dir, ['generate', 'score.yaml', '--override-property', 'metadata.annotations={[a]: b}']);
  expect(inValue.stderr).not.toMatch(/Warning|trace-warnings/);
});
