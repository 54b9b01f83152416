/** The score-ts command line: commander wiring only. Each run builds a fresh program. */
import { Command, CommanderError, Option } from 'commander';
import { packageVersion } from '../base/package-path.js';
import { registerComfortCommands } from './comfort-commands.js';
import { registerGenerate } from './generate-command.js';
import { registerGraph } from './graph-command.js';
import { registerInit } from './init-command.js';
import { registerInspectCommands } from './inspect-commands.js';
import {
  createReporter,
  EXIT_CLOSED_PIPE,
  loadPalette,
  OutputClosedError,
  processIo,
  type CliIo,
  type Palette,
  type Reporter,
  type Verbosity,
} from './io.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, reportError } from './report-error.js';
import { UsageError } from '../base/errors.js';
import type { CommandContext } from './command-context.js';
import { escapeCommanderError, escapeLines } from './terminal-text.js';

const EXIT_CODES_HELP = `
Exit codes:
  0    success: the output was written
  1    failure: invalid input, a resource or workload that cannot be converted, or an I/O error
  2    usage error: unknown command or flag, or flags that do not go together
  141  stdout was closed before all of it was written (as by \`| head\`), quietly`;

export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const palette = await loadPalette(io);
  const program = buildProgram(io, palette);
  try {
    if (isProgramAlone(argv)) {
      // As score-k8s does: the help is what was asked for, so it goes to stdout and the run succeeds.
      io.stdout(program.helpInformation());
      return EXIT_OK;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) return commanderExitCode(error);
    if (error instanceof OutputClosedError) return EXIT_CLOSED_PIPE;
    return reportError(error, reporterFor(program, io, palette));
  }
}

/** The global flags that say how to report, not what to do. */
const REPORTING_FLAGS = /^(-v+|-q|--verbose|--quiet)$/;

/**
 * True for `score-ts` with no command (reporting flags aside). `--version` takes nothing else: commander would
 * print the version and ignore the rest (`score-ts --version extra`).
 */
function isProgramAlone(argv: readonly string[]): boolean {
  const others = argv.filter((a) => !REPORTING_FLAGS.test(a));
  const extra = others.filter((a) => a !== '--version');
  if (others.includes('--version') && extra.length > 0)
    throw new UsageError(`--version prints the version and takes nothing else, but got: ${extra.join(' ')}`);
  return others.length === 0;
}

function buildProgram(io: CliIo, palette: Palette): Command {
  const program = new Command('score-ts')
    .description('Translate Score workload files (score.dev) into Kubernetes manifests.')
    .version(packageVersion(), '--version', 'print the score-ts version')
    .addOption(
      new Option('-v, --verbose', 'more detail on stderr (-vv for debugging, with stack traces)')
        .argParser((_v, previous: number) => previous + 1)
        .default(0),
    )
    .option('-q, --quiet', 'print errors only')
    .helpOption('-h, --help', 'show help')
    .addHelpText('after', EXIT_CODES_HELP)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput(outputConfig(io));
  const ctx: CommandContext = { io, reporter: () => reporterFor(program, io, palette) };
  registerInit(program, ctx);
  registerGenerate(program, ctx);
  registerInspectCommands(program, ctx);
  registerComfortCommands(program, ctx);
  registerGraph(program, ctx);
  configureAll(program, io);
  return program;
}

/** Every subcommand, at any depth, throws instead of exiting and writes through `io`. */
function configureAll(command: Command, io: CliIo): void {
  for (const sub of command.commands) {
    sub.exitOverride().configureOutput(outputConfig(io));
    configureAll(sub, io);
  }
}

/**
 * Help is wrapped at 80 columns whatever the terminal, so it reads (and tests) the same everywhere. Commander's
 * error messages quote the arguments: they are escaped as the reporter's messages are (terminal-text.ts).
 */
function outputConfig(io: CliIo) {
  return {
    writeOut: io.stdout,
    writeErr: (text: string) => io.stderr(escapeLines(text)),
    outputError: (text: string, write: (text: string) => void) => write(escapeCommanderError(text)),
    getOutHelpWidth: () => 80,
    getErrHelpWidth: () => 80,
  };
}

function reporterFor(program: Command, io: CliIo, palette: Palette): Reporter {
  const { verbose, quiet } = program.opts<{ verbose: number; quiet?: boolean }>();
  const verbosity: Verbosity = quiet ? 0 : (Math.min(1 + verbose, 3) as Verbosity);
  return createReporter(io, verbosity, palette);
}

/** commander throws for --help and --version too: those are successes. */
function commanderExitCode(error: CommanderError): number {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT_OK;
  return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
}

export { EXIT_FAILED };
