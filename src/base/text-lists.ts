/** Counts and lists in messages: singular or plural, and lists that stay one short line however long they are. */

/** How many names a one-line summary shows before "and N more". */
export const SUMMARY_NAMES = 5;

/** `1 object`, `2 objects`; `plural` for irregular words (`1 entry`, `2 entries`). */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** `a, b, c, d, e and 9995 more`: the first `max` names, then how many are left out. */
export function shortList(names: readonly string[], max = SUMMARY_NAMES): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** `a, b or c`: the choices of a flag or argument. */
export function orList(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** `a, b and c`. */
export function andList(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
