/** What the load stage for URL and stdin sources gets from the CLI: the run's environment, stdin, messages. */
import type { SourceOptions } from '../sources/fetch-sources.js';
import type { Reporter } from './io.js';
import { type CommandContext } from './command-context.js';

export function sourceOptions(ctx: CommandContext, reporter: Reporter, failureNote?: string): SourceOptions {
  return {
    env: ctx.io.env,
    stdin: ctx.io.openStdin,
    warn: (message) => reporter.warn(message),
    debug: (message) => reporter.debug(message),
    failureNote,
  };
}

/** The flag's value name in help: every form a source can take. */
export const SOURCE_VALUE = '<file|dir|url|->';
