/**
 * Test data from `../shared` (the folder beside the checkout: the official Score schema, its samples and the
 * Score corpus). A user's clone has no such folder: the suites that need it are skipped there, with one line
 * saying so. CI always has it, so under CI=true a missing folder fails the run instead of skipping.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, sharedDir } from './run-cli.js';

/** The folder `../shared/<parts...>` when it exists; otherwise undefined (and one line on stderr), or a failure in CI. */
export function sharedData(suite: string, ...parts: string[]): string | undefined {
  const dir = path.join(sharedDir, ...parts);
  if (existsSync(dir)) return dir;
  const missing = `${suite} need ${path.relative(repoRoot, dir)}/ beside the checkout`;
  if (process.env.CI === 'true') throw new Error(`${missing}, and CI must run them`);
  process.stderr.write(
    `skipped: ${missing}: files of the Score project (github.com/score-spec/spec, score-spec/score-k8s), which CI provides\n`,
  );
  return undefined;
}
