#!/usr/bin/env node
/**
 * `npm run test:node-versions` (part of `npm test`): the examples, golden cases and CLI tests again under each
 * Node.js version users run besides this one (22 and 24), with the tree built once, as an installed package
 * is. A version that cannot be fetched (no network, not linux-x64) is skipped with one line.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeBinary } from './node-binary.mjs';

const MAJORS = [22, 24];
const SUITES = [
  'test/golden.test.ts',
  'test/examples.test.ts',
  'test/cli.test.ts',
  'test/cli',
  'test/help',
  'test/samples.test.ts',
  'test/resources.test.ts',
  'test/structure',
];
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const running = Number(process.versions.node.split('.')[0]);

let failed = false;
for (const major of MAJORS.filter((m) => m !== running)) {
  let binary;
  try {
    binary = nodeBinary(major, { log: (line) => console.log(line) });
  } catch (error) {
    console.log(`skipped: the tests under Node.js ${major} (${error.message})`);
    continue;
  }
  console.log(`\nThe examples, golden cases and CLI tests under Node.js ${major}:`);
  // The tests start the CLI with process.execPath, and anything they run as `node` finds this one first.
  const env = { ...process.env, PATH: `${path.dirname(binary)}${path.delimiter}${process.env.PATH ?? ''}` };
  const run = spawnSync(binary, [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...SUITES], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
