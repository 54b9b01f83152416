/**
 * Stale-lock takeover under a real race: 8 processes start at once against a lock left by a killed run,
 * round after round. Exactly one may win each round, and no run's clean-up may remove a file another live
 * run has staged (while a killed run's leftover is removed).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { hostTag } from '../../src/base/run-owner.js';
import { repoRoot, tempProject } from '../support/run-cli.js';

const RACERS = 8;
const ROUNDS = 30;

interface RacerReport {
  id: string;
  won: boolean;
  error?: string;
  stagedKept?: boolean;
}

/** The driver and the lock code it uses, bundled into one module a plain `node` runs. */
function bundleDriver(): string {
  const outfile = path.join(mkdtempSync(path.join(os.tmpdir(), 'score-ts-lock-race-')), 'driver.mjs');
  buildSync({
    entryPoints: [path.join(repoRoot, 'test', 'robustness', 'lock-race-driver.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'error',
    // Bundled CommonJS packages call require(): give the module one.
    banner: {
      js: "import { createRequire as scoreTsCreateRequire } from 'node:module'; const require = scoreTsCreateRequire(import.meta.url);",
    },
  });
  return outfile;
}

/** Starts the racers, which play every round; `done` resolves when they have all exited. */
function startRacers(driver: string, projectDir: string, roundsDir: string): { done: Promise<void>; stop: () => void } {
  const children = Array.from({ length: RACERS }, (_, id) =>
    spawn(process.execPath, [driver, projectDir, roundsDir, String(id), String(RACERS), String(ROUNDS)]),
  );
  const exits = children.map((child, id) => {
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    return new Promise<void>((resolve, reject) =>
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`racer ${id} exited with ${code}: ${stderr}`)))),
    );
  });
  const done = Promise.all(exits).then(() => undefined);
  done.catch(() => {}); // awaited after the rounds; racers stopped after a failed round must not warn meanwhile
  return { done, stop: () => children.forEach((c) => c.kill()) };
}

/** Waits for every racer's report of a round. */
async function reportsOf(roundDir: string): Promise<RacerReport[]> {
  const until = Date.now() + 20_000;
  while (readdirSync(roundDir).filter((f) => f.startsWith('report-')).length < RACERS && Date.now() < until)
    await new Promise((r) => setTimeout(r, 5));
  return readdirSync(roundDir)
    .filter((f) => f.startsWith('report-'))
    .map((f) => JSON.parse(readFileSync(path.join(roundDir, f), 'utf8')) as RacerReport);
}

const deadPid = (): number => Number(spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout);

describe('taking over a stale lock', () => {
  it(`has exactly one winner among ${RACERS} processes started at once, in each of ${ROUNDS} rounds, and keeps live runs' staged files`, async () => {
    const driver = bundleDriver();
    const dir = tempProject();
    mkdirSync(path.join(dir, '.score-ts'));
    const rounds = path.join(path.dirname(dir), 'rounds');
    mkdirSync(rounds);
    const racing = startRacers(driver, dir, rounds);
    try {
      await playRounds(dir, rounds);
      await racing.done;
    } finally {
      racing.stop();
      rmSync(path.dirname(driver), { recursive: true, force: true });
    }
  }, 240_000);
});

/** Each round: a lock left by a killed run and a leftover staged file of it, then `go` for the racers. */
async function playRounds(dir: string, rounds: string): Promise<void> {
  const state = path.join(dir, '.score-ts');
  for (let round = 0; round < ROUNDS; round++) {
    const killed = deadPid();
    writeFileSync(path.join(state, 'lock'), JSON.stringify({ pid: killed, host: os.hostname(), started: 'killed' }));
    const leftover = `.out.yaml.${killed}-${hostTag()}-0123456789ab.tmp`;
    writeFileSync(path.join(dir, leftover), 'left by a killed run');
    const roundDir = path.join(rounds, String(round));
    mkdirSync(roundDir);
    writeFileSync(path.join(roundDir, 'go'), '');
    const reports = await reportsOf(roundDir);
    expect(reports, `round ${round}`).toHaveLength(RACERS);
    const winners = reports.filter((r) => r.won);
    expect(
      winners.map((w) => w.id),
      `round ${round}`,
    ).toHaveLength(1);
    for (const loser of reports.filter((r) => !r.won)) {
      expect(loser.error).toMatch(
        /^another score-ts run( \(process \d+ on [^)]*\))? is (writing this project|taking over the lock a killed run left in this project|starting in this project)/,
      );
      expect(loser.stagedKept, `round ${round}: racer ${loser.id}'s staged file`).toBe(true);
    }
    expect(readFileSync(path.join(dir, 'out.yaml'), 'utf8')).toBe(`written by ${winners[0]!.id}\n`);
    expect(existsSync(path.join(dir, leftover))).toBe(false);
    expect(readdirSync(state)).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }
}
