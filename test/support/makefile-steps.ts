/**
 * The commands of one Makefile target, read the way make and a POSIX shell would run them, so the Score
 * project's sample apps can be generated exactly as their Makefiles run score-k8s: a recipe is the target's
 * tab-indented lines (backslash-newline continues one), `@`, `-` and `+` prefixes are make's, `$$` is a `$`,
 * and each line is split into words with the shell's quoting (single quotes, double quotes, backslashes) and
 * into commands at `&&`, `||`, `;` and line ends. Anything beyond that (make variables, shell expansions,
 * pipes, redirections) is refused with an error naming it, never guessed at.
 */

export class MakefileError extends Error {}

/** The commands of `target`'s recipe, each as its words. */
export function recipeCommands(makefile: string, target: string): string[][] {
  return recipeLines(makefile, target).flatMap((line) => shellCommands(makeExpand(line, target)));
}

/** The `score-k8s SUBCOMMAND ...` commands of a target, as the arguments after `score-k8s`. */
export function scoreK8sSteps(makefile: string, target: string, subcommand: string): string[][] {
  return recipeCommands(makefile, target)
    .filter((argv) => argv[0] === 'score-k8s' && argv[1] === subcommand)
    .map((argv) => argv.slice(1));
}

/** Arguments without the given flags and their values (`--flag value` or `--flag=value`). */
export function withoutFlags(args: readonly string[], flags: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (flags.includes(arg)) i++;
    else if (!flags.some((flag) => arg.startsWith(`${flag}=`))) out.push(arg);
  }
  return out;
}

/** The recipe's logical lines: tab-indented lines after the target's rule, continuations joined. */
function recipeLines(makefile: string, target: string): string[] {
  const lines = makefile.replace(/\r\n/g, '\n').split('\n');
  const start = lines.findIndex((line) => ruleTargets(line).includes(target));
  if (start === -1) throw new MakefileError(`the Makefile has no rule for ${target}`);
  const recipe: string[] = [];
  let pending: string | undefined;
  for (const line of lines.slice(start + 1)) {
    if (pending === undefined && !line.startsWith('\t')) {
      if (line.trim() === '' || line.startsWith('#')) continue;
      break;
    }
    // Make removes the leading tab of each line, continuation lines included; the shell drops backslash-newline.
    const text = line.startsWith('\t') ? line.slice(1) : line;
    const joined = pending === undefined ? text : `${pending}${text}`;
    if (/(^|[^\\])(\\\\)*\\$/.test(joined)) pending = joined.slice(0, -1);
    else {
      recipe.push(joined);
      pending = undefined;
    }
  }
  if (pending !== undefined) recipe.push(pending);
  return recipe.map((line) => line.replace(/^[@+-]+/, ''));
}

/** The targets a rule line names (`a b: deps`), or none for any other line. */
function ruleTargets(line: string): string[] {
  if (line.startsWith('\t') || line.startsWith('#')) return [];
  const match = /^([^:=#]+):(?![:=])/.exec(line);
  return match ? match[1]!.trim().split(/\s+/) : [];
}

/** Make's expansion of a recipe line: `$$` is `$`; a make variable or function is refused. */
function makeExpand(line: string, target: string): string {
  return line.replace(/\$(\$|\(([^)]*)\)|\{([^}]*)\}|.)/g, (whole, next: string) => {
    if (next === '$') return '$';
    throw new MakefileError(`the recipe of ${target} uses the make expansion ${whole}, which this reader does not evaluate`);
  });
}

const OPERATORS = ['&&', '||', ';'];
const REFUSED = new Set(['|', '&', '>', '<', '`', '$', '(', ')']);

/** Splits a shell line into commands (at &&, || and ;) of words, applying the shell's quoting. */
export function shellCommands(line: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word: string | undefined;
  const endWord = () => {
    if (word !== undefined) words.push(word);
    word = undefined;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) commands.push(words);
    words = [];
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    const operator = OPERATORS.find((op) => line.startsWith(op, i));
    if (operator) {
      endCommand();
      i += operator.length - 1;
    } else if (c === ' ' || c === '\t' || c === '\n') endWord();
    else if (c === '#' && word === undefined) break;
    else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end === -1) throw new MakefileError(`unclosed single quote in: ${line}`);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      const [text, end] = doubleQuoted(line, i + 1);
      word = (word ?? '') + text;
      i = end;
    } else if (c === '\\') {
      word = (word ?? '') + (line[i + 1] ?? '');
      i++;
    } else if (REFUSED.has(c)) throw new MakefileError(`the shell syntax '${c}' in "${line.trim()}" is not read here`);
    else word = (word ?? '') + c;
  }
  endCommand();
  return commands;
}

/** The text of a double-quoted string starting at `from`, and the index of its closing quote. */
function doubleQuoted(line: string, from: number): [string, number] {
  let text = '';
  for (let i = from; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"') return [text, i];
    if (c === '\\' && '"\\$`\n'.includes(line[i + 1] ?? '')) {
      text += line[i + 1];
      i++;
    } else if (c === '$' || c === '`') throw new MakefileError(`the shell expansion '${c}' in "${line.trim()}" is not read here`);
    else text += c;
  }
  throw new MakefileError(`unclosed double quote in: ${line.trim()}`);
}
