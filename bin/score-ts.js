#!/usr/bin/env node
// Thin shim: run the built CLI (one bundled module, for a fast start) and exit with its code.
import { createRequire } from 'node:module';

const args = process.argv.slice(2);
if (args.length === 1 && args[0] === '--version') {
  // Nothing else is needed to answer this, so nothing else is loaded.
  const { readFileSync } = await import('node:fs');
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${pkg.version}\n`);
} else {
  const { runCli } = createRequire(import.meta.url)('./load-cli.cjs').loadCli();
  process.exitCode = await runCli(args);
}
