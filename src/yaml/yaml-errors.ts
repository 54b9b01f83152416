/**
 * The YAML libraries' parse errors in words of ours, pointing where the problem starts. The reasons hold no
 * text of the document (a rendered template's text may hold generated passwords): only fixed words and, at
 * most, one punctuation character.
 */
import type { Document, LineCounter, Node } from 'yaml';
import { yamlLibrary } from './yaml-library.js';

/** What the libraries' errors carry: yaml's code and offsets, js-yaml's reason and mark. */
export interface LibraryYamlError {
  readonly name?: string;
  readonly message?: string;
  readonly reason?: string;
  readonly mark?: { readonly line: number; readonly column?: number };
  readonly code?: string;
  readonly pos?: readonly [number, number];
}

export const UNDEFINED_ALIAS = 'an alias (*name) refers to an anchor (&name) that is not defined before it';
const NOT_YAML = 'the text is not valid YAML (check its quoting and indentation)';
const UNCLOSED_QUOTE = 'a quoted value is never closed: add the closing quote';
const UNCLOSED_FLOW = (open: string, close: string) => `a ${open} is never closed: end it with ${close}`;
const UNCLOSED_BLOCK_FLOW = (open: string, close: string) =>
  `${UNCLOSED_FLOW(open, close)} (or indent its next lines further than its key)`;

/** Reasons of the yaml library, by its message where one code covers several problems, else by code. */
const BY_MESSAGE: ReadonlyArray<readonly [RegExp, string]> = [
  [/^Missing closing .?quote/, UNCLOSED_QUOTE],
  [/^Flow sequence in block collection/, UNCLOSED_BLOCK_FLOW('[', ']')],
  [/^Flow map in block collection/, UNCLOSED_BLOCK_FLOW('{', '}')],
  [/^Flow sequence must end/, UNCLOSED_FLOW('[', ']')],
  [/^Flow map must end/, UNCLOSED_FLOW('{', '}')],
  [/^All (sequence|mapping) items must start at the same column/, 'the items of this list or map must start at the same column'],
  [/^Implicit map keys need to be followed by map values/, 'a key needs a colon and a value after it (key: value)'],
  [
    /^Implicit keys (of flow sequence pairs )?need to be on a single line/,
    'a key must fit on one line: check the indentation of this line and the lines before it',
  ],
  [/^Missing , (or : )?between/, 'a comma is missing between two items of this [ ] or { }'],
  [/^Missing space after :/, 'a colon inside { } needs a space after it'],
  [/^Comments must be separated/, 'a # comment needs a space before it'],
  [/^Tags and anchors must be separated/, 'an anchor (&name) or tag (!name) needs a space after it'],
  [/^Sequence item without - indicator/, 'a list item needs a - before it'],
  [
    /^(Missing directives-end|Block collection cannot start on same line with directives-end)/,
    'a --- line is missing or has text after it',
  ],
  [/^Unexpected empty item/, 'an empty item between two commas'],
  [/^Unexpected ([,:\]}[{?]) /, 'an unexpected $1 here: check the brackets and commas'],
  [/^Plain value cannot start with/, 'a value that starts with @, ` or another reserved character must be quoted'],
  [/^(Alias|Anchor) cannot be an empty string/, 'an anchor or alias needs a name after & or *'],
  [/^(Alias|Anchor) ending in : is ambiguous/, 'an anchor or alias name cannot end with a colon: put a space before it'],
  [/^Block scalar header includes extra characters/, 'extra text after | or >: the text of a block value starts on the next line'],
  [/^Excessive alias count|^Alias resolution/, 'aliases (*name) expand to too much data; write the values out'],
  [/^Unresolved alias/, UNDEFINED_ALIAS],
];

const BY_CODE: Readonly<Record<string, string>> = {
  DUPLICATE_KEY: 'duplicated mapping key',
  BAD_INDENT: 'bad indentation (or an unclosed [ or {)',
  TAB_AS_INDENT: 'tab characters must not be used in indentation',
  MISSING_CHAR: 'a closing quote or bracket is missing',
  BAD_DQ_ESCAPE: 'an invalid escape sequence in a double-quoted string',
  MULTIPLE_DOCS: 'more than one YAML document (---)',
  MULTIPLE_ANCHORS: 'a value with more than one anchor (&name)',
  MULTIPLE_TAGS: 'a value with more than one tag (!name)',
  ALIAS_PROPS: 'an alias (*name) with an anchor or a tag',
  BAD_ALIAS: UNDEFINED_ALIAS,
  RESOURCE_EXHAUSTION: 'aliases (*name) expand to too much data; write the values out',
  KEY_OVER_1024_CHARS: 'an implicit map key longer than 1024 characters',
  CIRCULAR_ALIAS: 'an alias (*name) inside the value its anchor (&name) names: a value cannot contain itself; write the values out',
  BAD_DIRECTIVE: 'an unknown or malformed % directive; quote values that start with %',
  BAD_PROP_ORDER: 'an anchor (&name) or tag (!name) must come after the - or ? of its item',
  BAD_SCALAR_START: 'a value that starts with @, ` or another reserved character must be quoted',
  BLOCK_AS_IMPLICIT_KEY: 'a list or map cannot be a key here',
  BLOCK_IN_FLOW: 'a - list item or an indented map cannot be inside [ ] or { }',
  NON_STRING_KEY: 'a key must be plain text, not a list or map',
  TAG_RESOLVE_FAILED: 'a tag (!name) that is not known; quote values that start with !',
  BAD_COLLECTION_TYPE: 'a tag (!name) that does not fit this value',
  UNEXPECTED_TOKEN: 'unexpected text here: check the quoting, brackets and indentation',
};

/** js-yaml's reasons (fixed words of the library), by their start. */
const JS_YAML: ReadonlyArray<readonly [RegExp, string]> = [
  [/^bad indentation of a (mapping|sequence) entry/, 'bad indentation: the keys or items of one map or list must start at the same column'],
  [/^can not read a block mapping entry/, 'a key must fit on one line: check the indentation of this line and the lines before it'],
  [/^can not read an implicit mapping pair/, 'a key needs a colon and a value after it (key: value)'],
  [/^a whitespace character is expected after the key-value separator/, 'a colon after a key needs a space after it'],
  [/^duplicated mapping key/, 'duplicated mapping key'],
  [/^end of the stream or a document separator is expected/, 'unexpected text here: check the quoting, brackets and indentation'],
  [/^missed comma between flow collection entries/, 'a comma is missing between two items of this [ ] or { }'],
  [
    /^unexpected end of the (stream|document) within a (double|single) quoted scalar/,
    'a quoted value is never closed: add the closing quote',
  ],
  [/^unexpected end of the stream within a flow collection/, 'a [ or { is never closed: end it with ] or }'],
  [/^tab characters must not be used in indentation/, 'tab characters must not be used in indentation'],
  [/^(unknown escape sequence|expected hexadecimal character)/, 'an invalid escape sequence in a double-quoted string'],
  [/^(the stream contains non-printable characters|null byte is not allowed)/, 'a control character that YAML does not allow'],
  [/^duplication of a tag property/, 'a value with more than one tag (!name)'],
  [/^duplication of an anchor property/, 'a value with more than one anchor (&name)'],
  [/^nesting exceeded maxDepth/, 'the text nests too deeply'],
  [/^(missing indentation for block scalar|bad explicit indentation width)/, 'the text of a block value (| or >) must be indented'],
];

/** The reason of a js-yaml error in fixed words of ours. */
export function jsYamlReason(reason: string): string {
  return JS_YAML.find(([pattern]) => pattern.test(reason))?.[1] ?? NOT_YAML;
}

/** The reason of a yaml library error, in fixed words. */
export function yamlErrorReason(e: LibraryYamlError): string {
  const message = e.message ?? '';
  const known = BY_MESSAGE.find(([pattern]) => pattern.test(message));
  if (known) return message.replace(new RegExp(`${known[0].source}.*$`, 's'), known[1]);
  return (e.code !== undefined ? BY_CODE[e.code] : undefined) ?? NOT_YAML;
}

/**
 * Where a yaml library error starts: an unclosed quote or bracket is reported where it opens (the library
 * reports the end of the text), a duplicated key with the line of its first use.
 */
export function yamlErrorProblem(e: LibraryYamlError, doc: Document, lineCounter: LineCounter): { offset: number; message: string } {
  const offset = e.pos?.[0] ?? 0;
  const reason = yamlErrorReason(e);
  const opened =
    reason === UNCLOSED_QUOTE || reason.startsWith('a [') || reason.startsWith('a {') ? unclosedNodeAt(doc, offset) : undefined;
  if (opened !== undefined) return { offset: opened, message: reason };
  if (e.code === 'DUPLICATE_KEY') {
    const first = firstKeyLine(doc, offset, lineCounter);
    return {
      offset,
      message:
        first === undefined
          ? 'this key is already in this map; a key may appear once'
          : `this key is already in this map, on line ${first}; a key may appear once`,
    };
  }
  return { offset, message: reason };
}

/**
 * `line L, column C: reason` for short YAML text the full parser refused (`thrown`, from parseYamlData):
 * where its first syntax error starts, or else where the thrown error says. A circular alias says so itself.
 */
export function yamlTextProblem(text: string, thrown: unknown): string {
  if ((thrown as { code?: string }).code === 'CIRCULAR_ALIAS') return (thrown as Error).message;
  const { LineCounter, parseDocument } = yamlLibrary();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, strict: true, uniqueKeys: true, prettyErrors: false, logLevel: 'silent' });
  const problem = yamlErrorProblem(doc.errors[0] ?? (thrown as LibraryYamlError), doc, lineCounter);
  const { line, col } = lineCounter.linePos(problem.offset);
  return `line ${line}, column ${col}: ${problem.message}`;
}

/** The offset of the first alias whose anchor is not defined before it (the library's error does not say). */
export function undefinedAliasOffset(text: string): number | undefined {
  const { parseDocument, visit, isAlias } = yamlLibrary();
  const anchors = new Set<string>();
  let found: number | undefined;
  visit(parseDocument(text, { logLevel: 'silent' }), (_key, node) => {
    if (isAlias(node) && !anchors.has(node.source)) {
      found = node.range?.[0];
      return visit.BREAK;
    }
    const anchor = (node as { anchor?: string } | null)?.anchor;
    if (anchor) anchors.add(anchor);
    return undefined;
  });
  return found;
}

/** The start of the quoted value or [ ] / { } collection that the library found unclosed at `end`. */
function unclosedNodeAt(doc: Document, end: number): number | undefined {
  const { visit, isScalar, isCollection } = yamlLibrary();
  let start: number | undefined;
  visit(doc, (_key, node) => {
    const n = node as Node & { flow?: boolean; type?: string };
    const candidate = (isScalar(n) && (n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE')) || (isCollection(n) && n.flow === true);
    if (candidate && n.range && n.range[1] === end && (start === undefined || n.range[0] > start)) start = n.range[0];
  });
  return start;
}

/** The line of the first key equal to the duplicated key that starts at `offset`. */
function firstKeyLine(doc: Document, offset: number, lineCounter: LineCounter): number | undefined {
  const { visit, isMap, isScalar } = yamlLibrary();
  let line: number | undefined;
  visit(doc, (_key, node) => {
    if (!isMap(node)) return undefined;
    const keys = node.items.map((p) => p.key).filter((k): k is Node & { value: unknown } => isScalar(k));
    const duplicate = keys.find((k) => k.range?.[0] === offset);
    const first = duplicate && keys.find((k) => k !== duplicate && k.value === duplicate.value);
    if (first?.range) {
      line = lineCounter.linePos(first.range[0]).line;
      return visit.BREAK;
    }
    return undefined;
  });
  return line;
}

/** A stack overflow while reading, said in the user's terms. */
export function tooDeepReason(e: unknown): string | undefined {
  return (e as Error)?.message?.includes('Maximum call stack size exceeded')
    ? 'the document nests too deeply to be read (thousands of levels); no Score or provisioner file needs that'
    : undefined;
}
