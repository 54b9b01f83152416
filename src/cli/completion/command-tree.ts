/** The command tree that completion scripts are made from, read from the commander program at run time. */
import type { Argument, Command, Option } from 'commander';

/** What a flag's value or a positional argument completes to. */
export type ValueCompletion =
  { readonly kind: 'files' } | { readonly kind: 'words'; readonly words: readonly string[] } | { readonly kind: 'none' };

export interface CompletionOption {
  /** Every spelling, short first: `['-o', '--output']`. */
  readonly flags: readonly string[];
  readonly description: string;
  /** Undefined for a flag that takes no value. */
  readonly value?: ValueCompletion;
}

export interface CompletionArgument {
  readonly name: string;
  readonly variadic: boolean;
  readonly value: ValueCompletion;
}

export interface CompletionCommand {
  /** The words after the program name that select this command: `[]` for the program, `['provisioners', 'list']`. */
  readonly path: readonly string[];
  readonly description: string;
  /** Its own flags, then the program's global flags (commander reads those after a subcommand too). */
  readonly options: readonly CompletionOption[];
  readonly arguments: readonly CompletionArgument[];
  readonly subcommands: readonly CompletionCommand[];
}

const NONE: ValueCompletion = { kind: 'none' };

/** The fixed values of flags and arguments that check their own values (with score-ts's messages, not commander's). */
const FIXED_VALUES = new WeakMap<Option | Argument, readonly string[]>();

/** Marks the values a flag or argument takes, for completion; the command checks them itself. */
export function completeWith<T extends Option | Argument>(target: T, values: readonly string[]): T {
  FIXED_VALUES.set(target, values);
  return target;
}
/** A value named like `<file>`, `<file|dir>` or `[score-files...]` is a path. */
const PATH_PLACEHOLDER = /(^|[^a-z])(files?|dirs?)([^a-z]|$)/i;

/** Every visible command and subcommand of `program`, with commander's implicit `help` commands. */
export function readCommandTree(program: Command): CompletionCommand {
  const globals = program.options.filter((o) => !o.hidden && o.long !== '--version').map(readOption);
  return readCommand(program, [], [], globals);
}

function readCommand(
  command: Command,
  path: readonly string[],
  siblings: readonly string[],
  globals: readonly CompletionOption[],
): CompletionCommand {
  const help = command.createHelp();
  const subcommands = help.visibleCommands(command);
  const names = subcommands.map((sub) => sub.name()).filter((name) => name !== 'help');
  const options = help.visibleOptions(command).map(readOption);
  return {
    path,
    description: firstLine(command.description()),
    options: path.length === 0 ? options : [...options, ...globals],
    arguments: command.registeredArguments.map((argument) => readArgument(argument, siblings)),
    subcommands: subcommands.map((sub) => readCommand(sub, [...path, sub.name()], names, globals)),
  };
}

function readOption(option: Option): CompletionOption {
  const flags = [option.short, option.long].filter((flag): flag is string => flag !== undefined);
  const takesValue = option.required || option.optional;
  const placeholder = /[<[]([^>\]]*)[>\]]/.exec(option.flags)?.[1] ?? '';
  const base = { flags, description: firstLine(option.description) };
  return takesValue ? { ...base, value: valueCompletion(placeholder, FIXED_VALUES.get(option) ?? option.argChoices) } : base;
}

/** `help [command]` completes to the commands beside it. */
function readArgument(argument: Argument, siblings: readonly string[]): CompletionArgument {
  const name = argument.name();
  const choices = FIXED_VALUES.get(argument) ?? argument.argChoices ?? (name === 'command' ? siblings : undefined);
  return { name, variadic: argument.variadic, value: valueCompletion(name, choices) };
}

function valueCompletion(placeholder: string, choices: readonly string[] | undefined): ValueCompletion {
  if (choices && choices.length > 0) return { kind: 'words', words: choices };
  return PATH_PLACEHOLDER.test(placeholder) ? { kind: 'files' } : NONE;
}

/** What the positional arguments of a command complete to, whatever their position: for bash and fish. */
export function argumentsCompletion(command: CompletionCommand): ValueCompletion {
  const values = command.arguments.map((argument) => argument.value);
  if (values.some((value) => value.kind === 'files')) return { kind: 'files' };
  const words = values.flatMap((value) => (value.kind === 'words' ? value.words : []));
  return words.length > 0 ? { kind: 'words', words } : NONE;
}

/** The command and all its subcommands, depth first. */
export function flattenCommands(command: CompletionCommand): CompletionCommand[] {
  return [command, ...command.subcommands.flatMap(flattenCommands)];
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}
