'use strict';
// Stands in for node:child_process in the bundle (see the bundle script in package.json). commander requires
// it when it loads, but uses it only for executable subcommands, which score-ts has none of, and loading it
// costs several milliseconds on every run. Each export here is a getter that loads the real module on first
// use. test/cli.test.ts checks these names against Node's.
const NAMES = ['ChildProcess', '_forkChild', 'exec', 'execFile', 'execFileSync', 'execSync', 'fork', 'spawn', 'spawnSync'];
let real;
for (const name of NAMES) {
  // 'child_process' without the node: prefix, so the bundle's alias does not turn it back into this file.
  Object.defineProperty(module.exports, name, { enumerable: true, get: () => (real ??= require('child_process'))[name] });
}
