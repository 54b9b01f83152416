/** commander parser for repeatable flags: each use adds a value. */
export function collectValues(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
