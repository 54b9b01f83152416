/**
 * Why a template's rendered text is not YAML, told without quoting any of it: the text may hold generated
 * passwords and other values of the run, and the YAML libraries' own messages quote the offending text
 * (`Unresolved alias ...: 1sqhGEjZ...`, `unknown tag !<!w0P5...>`). So a message is only ever a rendered line
 * number and a reason in fixed words of ours.
 */
import { jsYamlReason, UNDEFINED_ALIAS, undefinedAliasOffset, yamlErrorReason, type LibraryYamlError } from '../yaml/yaml-errors.js';
import { YAML_LIMITS } from '../yaml/yaml-source.js';

/** ` (rendered line N): reason`, for a parse error of `text` (the line only when the parser says where). */
export function renderedYamlProblem(e: unknown, text: string): string {
  const line = problemLine(e, text);
  return `${line === undefined ? '' : ` (rendered line ${line})`}: ${problemReason(e)}`;
}

const TOO_MANY_ALIASES = `aliases (*name) expand to too much data (more than ${YAML_LIMITS.maxAliasCount} expansions); write the values out`;

/** js-yaml reasons whose own words mislead once cut short, and those of the yaml library, by their start. */
const REASONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(unidentified alias|Unresolved alias)/, UNDEFINED_ALIAS],
  [/^(Excessive alias count|Alias resolution)/, TOO_MANY_ALIASES],
  [/^(unknown tag|cannot resolve a node with|unacceptable node kind)/, 'a tag (!name) that is not known; quote values that start with !'],
  [
    /^(tag name|tag prefix|tag suffix|named tag handle|undeclared tag handle|there is a previously declared suffix)/,
    'a malformed tag (!name); quote values that start with !',
  ],
  [/^expected the node content, but found/, "a ',' where a value was expected"],
  [/^unknown document directive/, 'an unknown % directive; quote values that start with %'],
];

/** The reason in words that hold no rendered text. */
function problemReason(e: unknown): string {
  const err = e as LibraryYamlError;
  const text = err.reason ?? err.message ?? '';
  const known = REASONS.find(([pattern]) => pattern.test(text));
  if (known) return known[1];
  if (err.code !== undefined) return yamlErrorReason(err);
  return jsYamlReason(err.reason ?? '');
}

/** The 1-based rendered line of the problem, when it can be known without quoting anything. */
function problemLine(e: unknown, text: string): number | undefined {
  const err = e as LibraryYamlError;
  if (err.mark) return err.mark.line + 1;
  if (err.pos) return lineAt(text, err.pos[0]);
  if (/^Unresolved alias/.test(err.message ?? '')) return undefinedAliasLine(text);
  return undefined;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The line of the first alias whose anchor is not defined before it (the yaml library does not say). */
function undefinedAliasLine(text: string): number | undefined {
  const offset = undefinedAliasOffset(text);
  return offset === undefined ? undefined : lineAt(text, offset);
}
