/** What the CLI touches of the outside world, so tests can run it in-process. */
import { fstatSync } from 'node:fs';
import type { Logger } from '../pipeline.js';

export interface CliIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Colour is used only when stderr is a terminal and NO_COLOR is not set. */
  readonly stderrIsTTY: boolean;
}

export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    // Asked only when colour could be on; a stderr that is no character device is no terminal, and is then
    // left unopened (opening process.stderr loads Node's stream modules, a few milliseconds).
    get stderrIsTTY() {
      return isCharacterDevice(2) && Boolean(process.stderr.isTTY);
    },
  };
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
}

export function createReporter(io: CliIo, verbosity: Verbosity, colors: Palette = PLAIN): Reporter {
  const line = (text: string) => io.stderr(`${text}\n`);
  return {
    verbosity,
    info: (m) => verbosity >= 1 && line(m),
    warn: (m) => verbosity >= 1 && line(`${colors.yellow('warning:')} ${m}`),
    debug: (m) => verbosity >= 2 && line(colors.dim(m)),
    trace: (m) => verbosity >= 3 && line(colors.dim(m)),
    error: (m) => line(`${colors.red('error:')} ${m}`),
    detail: (m) => line(`  ${m}`),
  };
}
