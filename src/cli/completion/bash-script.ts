/** The bash completion script: the command tree as `case` tables, read by one function that walks the words. */
import { argumentsCompletion, flattenCommands, type CompletionCommand, type ValueCompletion } from './command-tree.js';
import { shellFunctionName, singleQuoted } from './shell-text.js';

type Row = readonly [pattern: string, value: string];

export function bashScript(program: string, tree: CompletionCommand): string {
  const fn = shellFunctionName(program);
  return `# bash completion for ${program}, made by \`${program} completion bash\` (make it again after an upgrade).
# Install: add \`source <(${program} completion bash)\` to ~/.bashrc.

${caseTables(fn, flattenCommands(tree))}

# Adds the candidates for a kind ("files", "words W1 W2 ...", "none") that start with $2 to COMPREPLY.
${fn}_add() {
  case "$1" in
    files) local IFS=$'\\n'; COMPREPLY+=($(compgen -f -- "$2")); compopt -o filenames 2>/dev/null ;;
    words\\ *) COMPREPLY+=($(compgen -W "\${1#words }" -- "$2")) ;;
  esac
}

${fn}() {
  COMPREPLY=()
  local cur="\${COMP_WORDS[COMP_CWORD]}" path='' pending='' word i
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    if [[ -n "$pending" ]]; then
      # bash splits --flag=value at '=': the value is the word after it.
      [[ "$word" == '=' ]] || pending=''
      continue
    fi
    case "$word" in
      -*=*) ;;
      -*) pending="$(${fn}_flag_value "$path|$word")" ;;
      *) [[ " $(${fn}_commands "$path") " == *" $word "* ]] && path="\${path:+$path }$word" ;;
    esac
  done
  if [[ -n "$pending" ]]; then
    [[ "$cur" == '=' ]] && cur=''
    ${fn}_add "$pending" "$cur"
  elif [[ "$cur" == -* ]]; then
    ${fn}_add "words $(${fn}_flags "$path")" "$cur"
  else
    ${fn}_add "words $(${fn}_commands "$path")" "$cur"
    ${fn}_add "$(${fn}_arguments "$path")" "$cur"
  fi
}

complete -F ${fn} ${program}
`;
}

/** Four lookups keyed by the command path (`provisioners list`, '' for the program itself). */
function caseTables(fn: string, commands: readonly CompletionCommand[]): string {
  const key = (command: CompletionCommand) => singleQuoted(command.path.join(' '));
  const subcommands = commands
    .filter((c) => c.subcommands.length > 0)
    .map((c): Row => [key(c), c.subcommands.map((s) => s.path.at(-1)!).join(' ')]);
  const flags = commands.map((c): Row => [key(c), c.options.flatMap((o) => o.flags).join(' ')]);
  const flagValues = commands.flatMap((c) =>
    c.options.flatMap((o): Row[] =>
      o.value ? [[o.flags.map((f) => singleQuoted(`${c.path.join(' ')}|${f}`)).join('|'), valueKind(o.value)]] : [],
    ),
  );
  const args = commands.map((c): Row => [key(c), valueKind(argumentsCompletion(c))]).filter(([, kind]) => kind !== 'none');
  return [
    caseTable(`${fn}_commands`, 'The subcommands of a command path.', subcommands),
    caseTable(`${fn}_flags`, 'The flags of a command path.', flags),
    caseTable(`${fn}_flag_value`, 'What the value of a flag ("PATH|FLAG") completes to; nothing for a flag without a value.', flagValues),
    caseTable(`${fn}_arguments`, 'What the arguments of a command path complete to.', args),
  ].join('\n\n');
}

function caseTable(name: string, doc: string, rows: readonly Row[]): string {
  const cases = rows.map(([pattern, value]) => `    ${pattern}) echo ${singleQuoted(value)} ;;`);
  return [`# ${doc}`, `${name}() {`, '  case "$1" in', ...cases, '  esac', '}'].join('\n');
}

function valueKind(value: ValueCompletion): string {
  return value.kind === 'words' ? `words ${value.words.join(' ')}` : value.kind;
}
