/**
 * A template's run-time failure in words for its author, without any value of the render: Handlebars'
 * strict-mode message and JavaScript's own TypeErrors quote the value they looked in (`"x" not defined in
 * VALUE`, `Cannot use 'in' operator to search for 'x' in VALUE`), and that value may be a generated password.
 * Names of fields come from the template's text and are kept.
 */

const OPTIONAL = 'for optional values use (default VALUE FALLBACK), (dig MAP KEY ...) or {{#if VALUE}}';

/** The message of an error thrown while a template rendered (Handlebars', a helper's or JavaScript's). */
export function explainRuntimeError(e: unknown): string {
  const err = e as Error;
  const message = String(err?.message ?? e).replace(/ - \d+:\d+$/, '');
  const missing = /^"(.+?)" not defined in /.exec(message);
  if (missing) return `'${missing[1]}' is not defined here; ${OPTIONAL}`;
  const inside = /^Cannot read properties of (?:undefined|null) \(reading '(.+?)'\)/.exec(message);
  // Handlebars' lookup called without its second argument reads its own options object.
  if (inside?.[1] === 'lookupProperty') return '{{lookup}} needs a map and a key: (lookup MAP KEY)';
  if (inside) return `reads '${inside[1]}' inside a missing value; for optional values use (dig MAP KEY ...) or {{#if VALUE}}`;
  const notMap = /^Cannot use 'in' operator to search for '(.+?)' in /.exec(message);
  if (notMap) return `reads '${notMap[1]}' of a value that is not a map (a string, number or boolean); ${OPTIONAL}`;
  if (/^Converting circular structure to JSON/.test(message))
    return 'a value contains itself (through an alias), so it cannot be written out';
  const block = /^Must pass iterator to #(\w+)|^#(\w+) requires exactly one argument/.exec(message);
  if (block) return `{{#${block[1] ?? block[2]}}} needs exactly one value to work on`;
  if (/^The partial .* could not be found/.test(message)) return 'partials ({{> name}}) are not supported in provisioner templates';
  // Other messages of JavaScript's own may quote a value; those of Handlebars and of the helpers do not.
  if (err instanceof TypeError || err instanceof ReferenceError || err instanceof SyntaxError)
    return `a value of the wrong kind reached a helper or a block (${err.name})`;
  return message;
}
