/** `generate -` and `graph -`: a Score file read from standard input for one run, never remembered as a path. */
import { InputError, UsageError } from '../base/errors.js';
import { isStdinScoreFile } from '../base/read-file.js';
import { MAX_SOURCE_BYTES, SourceFailure } from '../sources/fetched-text.js';
import { readStdinSource } from '../sources/stdin-source.js';
import { type CommandContext } from './command-context.js';

/** The text of the Score file given as `-` (or /dev/stdin), read once, before anything else; undefined when there is none. */
export async function readStdinScoreFile(
  ctx: CommandContext,
  files: readonly string[],
  provisioners: readonly string[],
): Promise<string | undefined> {
  const fromStdin = files.filter((file) => isStdinScoreFile(file, ctx.io.cwd)).length;
  if (fromStdin === 0) return undefined;
  if (fromStdin + provisioners.filter((p) => p === '-').length > 1)
    throw new UsageError('standard input can be read once per run: give - (or /dev/stdin) for one Score file or one --provisioners only');
  try {
    return (await readStdinSource(ctx.io.openStdin?.(), MAX_SOURCE_BYTES)).text;
  } catch (e) {
    if (e instanceof SourceFailure) throw new InputError(`cannot read the Score file from standard input: ${e.message}`);
    throw e;
  }
}
