/** Quoting shared by the completion scripts. */

/** `score-ts` -> `_score_ts`: a name for the script's functions. */
export function shellFunctionName(program: string): string {
  return `_${program.replace(/[^A-Za-z0-9]/g, '_')}`;
}

/** A POSIX single-quoted word (bash and zsh): `it's` -> `'it'\''s'`. */
export function singleQuoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
