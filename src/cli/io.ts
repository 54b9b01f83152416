/** What the CLI touches of the outside world, so tests can run it in-process. */
import { fstatSync } from 'node:fs';
import { InputError } from '../base/errors.js';
import { describeIoError } from '../base/read-file.js';
import { writeToDescriptor } from '../base/write-file.js';
import { type Logger } from '../base/logger.js';
import type { StdinHandle } from '../sources/stdin-source.js';
import { escapeLine, indentBlock } from './terminal-text.js';

export interface CliIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Colour is used only when stderr is a terminal and NO_COLOR is not set. */
  readonly stderrIsTTY: boolean;
  /** The terminal's width when stdout is one (tables fit it); undefined otherwise. */
  readonly stdoutColumns?: number | undefined;
  /** Standard input, for `--provisioners -` and `--patch-templates -`; opened only then. */
  readonly openStdin?: () => StdinHandle;
}

export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    // Written synchronously to the descriptors (not through process.stdout, which is asynchronous on a pipe):
    // a reader that closes stdout early is noticed at the write, and data and messages stay in order.
    stdout: writeStdout,
    stderr: writeStderr,
    // Asked only when colour could be on; a stderr that is no character device is no terminal, and is then
    // left unopened (opening process.stderr loads Node's stream modules, a few milliseconds).
    get stderrIsTTY() {
      return isCharacterDevice(2) && Boolean(process.stderr.isTTY);
    },
    // Asked only by the commands that print tables.
    get stdoutColumns() {
      return isCharacterDevice(1) && process.stdout.isTTY ? process.stdout.columns : undefined;
    },
    openStdin: () => ({ stream: process.stdin, isTTY: Boolean(process.stdin.isTTY) }),
  };
}

/**
 * The exit status when a reader closes our stdout early (`generate -o - | head -1`): that of a tool killed
 * by SIGPIPE (128 + 13), as Unix tools give, with no message. Not 0: the output was cut short, and
 * `set -o pipefail` should say so.
 */
export const EXIT_CLOSED_PIPE = 141;

/** The reader of stdout has gone (EPIPE): the run stops (releasing its lock) and exits with EXIT_CLOSED_PIPE, quietly. */
export class OutputClosedError extends Error {
  constructor() {
    super('stdout was closed by its reader');
    this.name = 'OutputClosedError';
  }
}

function writeStdout(text: string): void {
  try {
    writeToDescriptor(1, text);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EPIPE') throw new OutputClosedError();
    throw new InputError(`cannot write stdout: ${describeIoError(e)}`);
  }
}

/** Messages are best-effort: a closed or full stderr must not stop a run, nor fail it. */
function writeStderr(text: string): void {
  try {
    writeToDescriptor(2, text);
  } catch {
    // Nowhere left to say it.
  }
}

function isCharacterDevice(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice();
  } catch {
    return false;
  }
}

/** 0 = --quiet (errors only), 1 = default, 2 = -v, 3 = -vv. */
export type Verbosity = 0 | 1 | 2 | 3;

/** The few colours the CLI uses; plain text when colour is off. */
export interface Palette {
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
}

const PLAIN: Palette = { red: (t) => t, yellow: (t) => t, dim: (t) => t };

/** Colour only on a terminal and without NO_COLOR; chalk is loaded only then. */
export async function loadPalette(io: CliIo): Promise<Palette> {
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  if (noColor || !io.stderrIsTTY) return PLAIN;
  const { Chalk } = await import('chalk');
  const chalk = new Chalk({ level: 1 });
  return { red: (t) => chalk.red(t), yellow: (t) => chalk.yellow(t), dim: (t) => chalk.dim(t) };
}

export interface Reporter extends Logger {
  readonly verbosity: Verbosity;
  debug(message: string): void;
  trace(message: string): void;
  error(message: string): void;
  /** An indented line under an error, such as one diagnostic. */
  detail(message: string): void;
  /** Lines another program wrote (a cmd:// provisioner's stderr) or a stack trace, under the line before. */
  output(text: string): void;
}

/**
 * Every line score-ts writes to stderr (only `--help` and commander's own messages take another way). A
 * message is one line: its control characters, line feeds and bidi controls are shown escaped (see
 * terminal-text.ts), so no value inside it can colour, clear or reorder the terminal or start a line of its
 * own; only `output` writes several lines, each escaped and indented under the line before.
 */
export function createReporter(io: CliIo, verbosity: Verbosity, colors: Palette = PLAIN): Reporter {
  const line = (text: string) => io.stderr(`${text}\n`);
  return {
    verbosity,
    info: (m) => verbosity >= 1 && line(escapeLine(m)),
    warn: (m) => verbosity >= 1 && line(`${colors.yellow('warning:')} ${escapeLine(m)}`),
    debug: (m) => verbosity >= 2 && line(colors.dim(escapeLine(m))),
    trace: (m) => verbosity >= 3 && line(colors.dim(escapeLine(m))),
    error: (m) => line(`${colors.red('error:')} ${escapeLine(m)}`),
    detail: (m) => line(`  ${escapeLine(m)}`),
    output: (text) => indentBlock(text, OUTPUT_INDENT).forEach(line),
  };
}

/** Deeper than a detail line, so no line of another program's output can pass for one of score-ts's. */
const OUTPUT_INDENT = '    ';
