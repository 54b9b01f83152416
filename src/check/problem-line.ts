/**
 * Where in a template a problem of its output was written: the one line that writes the field's key
 * (`  prots:` or `- prots:`). Templates may write a key on several lines, or build it: then no line is claimed.
 */
export function problemLine(
  template: { readonly text?: string; readonly firstLine: number } | undefined,
  key: string | undefined,
): number | undefined {
  if (!template?.text || key === undefined) return undefined;
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const writes = new RegExp(`^\\s*(?:-\\s+)?["']?${escaped}["']?\\s*:`);
  const lines = template.text.split('\n');
  const found = lines.flatMap((line, i) => (writes.test(line) ? [i] : []));
  return found.length === 1 ? template.firstLine + found[0]! : undefined;
}
