/**
 * The oracle: Go's own text/template (and sprig), run by test/go-template/oracle/main.go. It needs Debian's
 * golang-go and golang-github-masterminds-sprig-dev; where they are missing the suites that need them skip
 * with one line, except under CI=true, where a missing oracle fails the run.
 *
 * The binary is built once (GO111MODULE=off, GOPATH = the sprig tree) into a temporary folder named by a hash
 * of its source and the Go version, so every test file and every run after the first reuses it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Tagged } from './tagged.js';

/** One case: a template text, tagged data, options. */
export interface OracleCase {
  readonly name?: string | undefined;
  readonly text: string;
  readonly data?: Tagged | undefined;
  readonly missingkey?: 'default' | 'invalid' | 'zero' | 'error' | undefined;
  readonly sprig?: boolean | undefined;
}

/** What Execute wrote (also before an error) and the error text, or '' without one. */
export interface OracleResult {
  readonly out: string;
  readonly err: string;
}

const SOURCE = fileURLToPath(new URL('../oracle/main.go', import.meta.url));
const GOPATH = '/usr/share/gocode';
const SPRIG = path.join(GOPATH, 'src', 'github.com', 'Masterminds', 'sprig');

function findGo(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).concat('/usr/bin', '/usr/lib/go/bin')) {
    const candidate = path.join(dir, 'go');
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

let built: string | undefined | null = null;

/** The oracle binary, built on first use; undefined (after one line on stderr) where Go or sprig is missing. */
export function oracleBinary(suite: string): string | undefined {
  if (built !== null) return built;
  const go = findGo();
  if (!go || !existsSync(SPRIG)) {
    const missing = `${suite} need Go and sprig (Debian's golang-go and golang-github-masterminds-sprig-dev)`;
    if (process.env.CI === 'true') throw new Error(`${missing}, and CI must run them`);
    process.stderr.write(`skipped: ${missing}\n`);
    return (built = undefined);
  }
  const version = execFileSync(go, ['version'], { encoding: 'utf8' });
  const hash = createHash('sha256').update(readFileSync(SOURCE)).update(version).update(GOPATH).digest('hex').slice(0, 16);
  const cache = process.env.TEST_CACHE_DIR ?? os.tmpdir();
  const dir = path.join(cache, `score-ts-go-oracle-${hash}`);
  const binary = path.join(dir, 'oracle');
  if (!existsSync(binary)) {
    mkdirSync(dir, { recursive: true });
    const partial = `${binary}.${process.pid}`;
    const env = {
      ...process.env,
      GO111MODULE: 'off',
      GOPATH,
      GOFLAGS: '',
      GOCACHE: process.env.GOCACHE ?? path.join(cache, 'score-ts-go-cache'),
    };
    execFileSync(go, ['build', '-o', partial, SOURCE], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    renameSync(partial, binary);
  }
  return (built = binary);
}

/** Runs cases through Go in one process; results in the same order. */
export function runOracle(binary: string, cases: readonly OracleCase[]): OracleResult[] {
  const input = cases
    .map((c, id) =>
      JSON.stringify({
        id,
        name: c.name ?? 't',
        text: c.text,
        data: c.data ?? null,
        missingkey: c.missingkey ?? '',
        sprig: c.sprig ?? false,
      }),
    )
    .join('\n');
  const run = spawnSync(binary, [], { input, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new Error(`oracle failed (${run.status}): ${run.stderr}`);
  const results = run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as OracleResult & { id: number });
  if (results.length !== cases.length) throw new Error(`oracle answered ${results.length} of ${cases.length} cases`);
  return results.sort((a, b) => a.id - b.id).map(({ out, err }) => ({ out, err }));
}
