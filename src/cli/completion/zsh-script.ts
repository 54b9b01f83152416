/** The zsh completion script: one `_arguments` function per command, for fpath autoloading or `source`. */
import {
  flattenCommands,
  type CompletionArgument,
  type CompletionCommand,
  type CompletionOption,
  type ValueCompletion,
} from './command-tree.js';
import { singleQuoted } from './shell-text.js';

export function zshScript(program: string, tree: CompletionCommand): string {
  const functions = flattenCommands(tree).map((command) => commandFunction(program, command));
  return `#compdef ${program}
# zsh completion for ${program}, made by \`${program} completion zsh\` (make it again after an upgrade).
# Install: save it as _${program} in a folder of your $fpath, or add \`source <(${program} completion zsh)\`
# to ~/.zshrc after compinit.

${functions.join('\n\n')}

# Autoloaded from $fpath, the file is the body of _${program}: complete now. Sourced: register it.
if [[ "\${funcstack[1]}" == _${program} ]]; then
  _${program} "$@"
else
  compdef _${program} ${program}
fi
`;
}

function functionName(program: string, path: readonly string[]): string {
  return [`_${program}`, ...path].join('_');
}

function commandFunction(program: string, command: CompletionCommand): string {
  const specs = command.options.map(optionSpec);
  if (command.subcommands.length === 0) {
    const args = command.arguments.map(argumentSpec);
    return `${functionName(program, command.path)}() {\n  _arguments -s \\\n${indentSpecs([...specs, ...args])}\n}`;
  }
  const entries = command.subcommands.map((sub) => singleQuoted(`${sub.path.at(-1)!.replace(/:/g, '\\:')}:${sub.description}`));
  const cases = command.subcommands.map((sub) => `        ${sub.path.at(-1)}) ${functionName(program, sub.path)} && ret=0 ;;`);
  return `${functionName(program, command.path)}() {
  local curcontext="$curcontext" state state_descr line ret=1
  typeset -A opt_args
  _arguments -s -C \\
${indentSpecs([...specs, "'1: :->command'", "'*:: :->argument'"])} && ret=0
  case $state in
    command)
      local -a commands=(
${entries.map((e) => `        ${e}`).join('\n')}
      )
      _describe -t commands 'command' commands && ret=0 ;;
    argument)
      curcontext="\${curcontext%:*:*}:${program}-$words[1]:"
      case $words[1] in
${cases.join('\n')}
      esac ;;
  esac
  return ret
}`;
}

function indentSpecs(specs: readonly string[]): string {
  return specs.map((spec, i) => `    ${spec}${i < specs.length - 1 ? ' \\' : ''}`).join('\n');
}

/** `'*'{-o,--output}'[the file]:file:_files'`: every flag may be repeated, as some are (--provisioners). */
function optionSpec(option: CompletionOption): string {
  const names = option.flags.length > 1 ? `{${option.flags.join(',')}}` : option.flags[0]!;
  const value = option.value ? `:${option.flags.at(-1)!.replace(/^-+/, '')}:${action(option.value)}` : '';
  return `'*'${names}${singleQuoted(`[${bracketEscaped(option.description)}]${value}`)}`;
}

function argumentSpec(argument: CompletionArgument): string {
  return singleQuoted(`${argument.variadic ? '*' : ''}:${argument.name}:${action(argument.value)}`);
}

function action(value: ValueCompletion): string {
  if (value.kind === 'files') return '_files';
  if (value.kind === 'words') return `(${value.words.join(' ')})`;
  return ' ';
}

function bracketEscaped(text: string): string {
  return text.replace(/([\\[\]])/g, '\\$1');
}
