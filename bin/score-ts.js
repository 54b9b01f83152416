#!/usr/bin/env node
// Thin shim: run the compiled CLI and exit with its code.
import { runCli } from '../dist/cli/main.js';

process.exitCode = await runCli(process.argv.slice(2));
