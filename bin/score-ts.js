#!/usr/bin/env node
'use strict';
// Thin shim: run the built CLI (one bundled module, for a fast start) and exit with its code.
// CommonJS (see bin/package.json): starting an ES module would load Node's ESM loader, about 10 ms.
const args = process.argv.slice(2);
if (args.length === 1 && args[0] === '--version') {
  // Nothing else is needed to answer this, so nothing else is loaded. A closed pipe exits quietly (141, as
  // the CLI does: see EXIT_CLOSED_PIPE in src/cli/io.ts).
  process.stdout.on('error', (error) => process.exit(error.code === 'EPIPE' ? 141 : 1));
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  require('./load-cli.cjs')
    .loadCli()
    .runCli(args)
    .then((code) => {
      process.exitCode = code;
    });
}
