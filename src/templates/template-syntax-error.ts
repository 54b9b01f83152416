/**
 * A Handlebars parse error in words for the template's author. Handlebars says which parser tokens it
 * expected (`Expecting 'ID', 'STRING', ... got 'INVALID'`) and adds a source excerpt with a caret: the line
 * number is kept (the caller reports it), the rest is said in words of ours.
 */

const OPEN_BLOCK = 'the template ends inside an open block: close each {{#if}} / {{#each}} with {{/if}} / {{/each}}';
const UNEXPECTED = 'unexpected text inside {{ }}: check the names, quotes and parentheses';

/** What the token Handlebars got, where it expected another, means. */
const GOT: Readonly<Record<string, string>> = {
  EOF: OPEN_BLOCK,
  INVALID: 'a {{ is not closed with }}, or holds a character a template cannot use there (an unclosed quote or [ ?)',
  CLOSE: 'a {{ }} or ( ) ends where a name or value was expected',
  OPEN_ENDBLOCK: 'a {{/...}} closes a block that is not open',
  INVERSE: 'an {{else}} outside any {{#if}} or {{#each}}',
};

export function syntaxDetail(message: string): string {
  const got = /got '([A-Z_]+)'/.exec(message)?.[1];
  if (got !== undefined) return GOT[got] ?? UNEXPECTED;
  const mismatch = /^(\S+) doesn't match (\S+)/.exec(message);
  if (mismatch) return `{{/${mismatch[2]}}} closes {{#${mismatch[1]}}}: close each block with its own name`;
  const path = /^Invalid path: (\S+)/.exec(message);
  if (path) return `the path ${path[1]} is not valid: ../ and this/ may only start a path`;
  if (/^Lexical error/.test(message)) return 'text that cannot be read here (an unclosed {{!-- comment --}} or {{ ?)';
  return UNEXPECTED;
}
