/**
 * One racer of lock-race.test.ts, run as its own process (bundled by the test). In each round it waits for
 * the test's `go`, stages a file, waits until every racer is ready, tries to take the project's lock, and
 * writes what happened to `report-ID.json`. The winner commits its file and holds the lock until every
 * loser has looked at its own staged file.
 */
import { existsSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { acquireProjectLock } from '../../src/project/lock.js';
import { stageFile } from '../../src/base/write-file.js';

const [projectDir, roundsDir, id, racersText, roundsText] = process.argv.slice(2) as [string, string, string, string, string];
const racers = Number(racersText);

for (let round = 0; round < Number(roundsText); round++) race(path.join(roundsDir, String(round)));

function race(roundDir: string): void {
  const marker = (name: string) => path.join(roundDir, name);
  const count = (prefix: string) => readdirSync(roundDir).filter((f) => f.startsWith(prefix)).length;
  waitFor(() => existsSync(marker('go')));
  const staged = stageFile({ file: path.join(projectDir, 'out.yaml'), content: `written by ${id}\n`, displayPath: 'out.yaml' });
  const myTemp = readdirSync(projectDir).find((f) => f.startsWith(`.out.yaml.${process.pid}-`))!;
  writeFileSync(marker(`ready-${id}`), '');
  waitFor(() => count('ready-') === racers);
  let release: (() => void) | undefined;
  let error: string | undefined;
  try {
    release = acquireProjectLock(projectDir);
  } catch (e) {
    error = (e as Error).message;
  }
  if (release) {
    staged.commit();
    writeFileSync(marker('committed'), id);
    waitFor(() => count('done-') === racers - 1);
    release();
    report(marker, { id, won: true });
    return;
  }
  waitFor(() => existsSync(marker('committed')));
  const stagedKept = existsSync(path.join(projectDir, myTemp));
  writeFileSync(marker(`done-${id}`), '');
  staged.discard();
  report(marker, { id, won: false, error, stagedKept });
}

/** Writes the report whole (written, then renamed), so the test never reads half of one. */
function report(marker: (name: string) => string, value: object): void {
  writeFileSync(marker(`partial-${id}`), JSON.stringify(value));
  renameSync(marker(`partial-${id}`), marker(`report-${id}.json`));
}

/** Polls until `ready` holds (at most 10 s: a broken round must still end). */
function waitFor(ready: () => boolean): void {
  const until = Date.now() + 10_000;
  while (!ready() && Date.now() < until) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
}
