/** What every command's action gets from main.ts: the process's streams and the run's reporter. */
import type { CliIo, Reporter } from './io.js';

export interface CommandContext {
  readonly io: CliIo;
  /** The reporter for the verbosity flags of this run. */
  reporter(): Reporter;
}
