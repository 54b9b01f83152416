/** Runs the CLI in-process with an environment and, optionally, standard input of the test's choosing. */
import { Readable } from 'node:stream';
import { runCli } from '../../../src/cli/main.js';
import type { CliRun } from '../../support/run-cli.js';

export async function run(
  cwd: string,
  args: readonly string[],
  options: { stdin?: string; env?: Record<string, string> } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    cwd,
    env: { NO_COLOR: '1', HOME: '/nonexistent', ...options.env },
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    stderrIsTTY: false,
    ...(options.stdin !== undefined ? { openStdin: () => ({ stream: Readable.from([Buffer.from(options.stdin!)]), isTTY: false }) } : {}),
  });
  return { code, stdout, stderr };
}
