/** The fish completion script: `complete` lines guarded by the command path found on the command line. */
import {
  argumentsCompletion,
  flattenCommands,
  type CompletionCommand,
  type CompletionOption,
  type ValueCompletion,
} from './command-tree.js';
import { shellFunctionName } from './shell-text.js';

export function fishScript(program: string, tree: CompletionCommand): string {
  const fn = shellFunctionName(program);
  const commands = flattenCommands(tree);
  const paths = commands.filter((c) => c.path.length > 0).map((c) => fishQuoted(c.path.join(' ')));
  const valueFlags = commands.flatMap((c) =>
    c.options.filter((o) => o.value).flatMap((o) => o.flags.map((f) => fishQuoted(`${c.path.join(' ')}|${f}`))),
  );
  const lines = commands.flatMap((command) => completeLines(program, fn, command));
  return `# fish completion for ${program}, made by \`${program} completion fish\` (make it again after an upgrade).
# Install: ${program} completion fish > ~/.config/fish/completions/${program}.fish

set -g ${fn}_commands ${paths.join(' ')}
set -g ${fn}_value_flags ${valueFlags.join(' ')}

function ${fn}_path --description 'The ${program} subcommand on the command line, such as "provisioners list"'
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l path ''
    set -l skip 0
    for token in $tokens
        if test $skip = 1
            set skip 0
        else if string match -q -- '-*' $token
            contains -- "$path|$token" $${fn}_value_flags; and set skip 1
        else if contains -- (string trim -- "$path $token") $${fn}_commands
            set path (string trim -- "$path $token")
        end
    end
    echo $path
end

function ${fn}_at --description 'Whether the subcommand being completed is $argv[1]'
    set -l path (${fn}_path)
    test "$path" = "$argv[1]"
end

complete -c ${program} -f
${lines.join('\n')}
`;
}

function completeLines(program: string, fn: string, command: CompletionCommand): string[] {
  const prefix = `complete -c ${program} -n '${fn}_at "${command.path.join(' ')}"'`;
  const subcommands = command.subcommands.map((sub) => `${prefix} -a ${fishQuoted(sub.path.at(-1)!)} -d ${fishQuoted(sub.description)}`);
  const options = command.options.map((option) => `${prefix} ${optionFlags(option)} -d ${fishQuoted(option.description)}`);
  const args = valueFlags(argumentsCompletion(command), false);
  return [...subcommands, ...options, ...(args === '' ? [] : [`${prefix} ${args}`])];
}

function optionFlags(option: CompletionOption): string {
  const names = option.flags.map((f) => (f.startsWith('--') ? `-l ${f.slice(2)}` : `-s ${f.slice(1)}`)).join(' ');
  return option.value ? `${names} ${valueFlags(option.value, true)}` : names;
}

/** `complete` flags for a value: -F for files, -a for words; -r (-x without files) when a flag needs it. */
function valueFlags(value: ValueCompletion, ofFlag: boolean): string {
  if (value.kind === 'files') return ofFlag ? '-r -F' : '-F';
  const required = ofFlag ? '-x' : '';
  if (value.kind === 'words') return `${required} -a ${fishQuoted(value.words.join(' '))}`.trim();
  return required;
}

/** A fish single-quoted string: only `\` and `'` are escaped. */
function fishQuoted(text: string): string {
  return `'${text.replace(/[\\']/g, '\\$&')}'`;
}
