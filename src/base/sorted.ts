/** Code-point order, independent of locale: the same on every machine. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The entries of a map sorted by key. */
export function sortedEntries<T>(map: Readonly<Record<string, T>> | undefined): Array<[string, T]> {
  return Object.entries(map ?? {}).sort(([a], [b]) => compareStrings(a, b));
}
