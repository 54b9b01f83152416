/** `score-ts completion`, `score-ts version` and `score-ts check-version`: commands around the tool itself. */
import { Argument, type Command } from 'commander';
import { InputError, UsageError } from '../base/errors.js';
import { orList } from '../base/text-lists.js';
import { bashScript } from './completion/bash-script.js';
import { completeWith, readCommandTree } from './completion/command-tree.js';
import { fishScript } from './completion/fish-script.js';
import { zshScript } from './completion/zsh-script.js';
import { type CommandContext } from './command-context.js';
import { findUnmetComparison, formatVersion, parseVersion, parseVersionConstraint, type Comparison } from './version-constraint.js';

const COMPLETION_SCRIPTS = { bash: bashScript, zsh: zshScript, fish: fishScript } as const;
type Shell = keyof typeof COMPLETION_SCRIPTS;
const SHELLS = Object.keys(COMPLETION_SCRIPTS) as Shell[];

export function registerComfortCommands(program: Command, ctx: CommandContext): void {
  registerCompletion(program, ctx);
  registerVersion(program, ctx);
  registerCheckVersion(program);
}

function registerCompletion(program: Command, ctx: CommandContext): void {
  program
    .command('completion')
    .description('print the shell completion script for bash, zsh or fish')
    .addArgument(completeWith(new Argument('<shell>', 'the shell to complete for: bash, zsh or fish'), SHELLS))
    .addHelpText(
      'after',
      `
Examples:
  # bash: add this line to ~/.bashrc
  source <(score-ts completion bash)

  # zsh: save it in a folder of $fpath (once), then open a new shell
  mkdir -p ~/.zsh/completions
  score-ts completion zsh > ~/.zsh/completions/_score-ts
  # ... and in ~/.zshrc, before compinit: fpath=(~/.zsh/completions $fpath)
  # (or instead, in ~/.zshrc after compinit: source <(score-ts completion zsh))

  # fish
  score-ts completion fish > ~/.config/fish/completions/score-ts.fish

The script is made from the commands and flags of this score-ts: make it again
after an upgrade.`,
    )
    // The tree is read when the command runs, so it has every command registered after this one.
    .action((shell: string) => {
      if (!(SHELLS as readonly string[]).includes(shell))
        throw new UsageError(`completion: the shell ${shell} is not known: use ${orList(SHELLS)}`);
      ctx.io.stdout(COMPLETION_SCRIPTS[shell as Shell](program.name(), readCommandTree(program)));
    });
}

function registerVersion(program: Command, ctx: CommandContext): void {
  program
    .command('version')
    .description('print the score-ts version, then the Node.js version it runs on')
    .addHelpText(
      'after',
      `
Examples:
  score-ts version               # 0.1.0, then on a second line: node v20.20.2
  score-ts version | head -n 1   # the version alone, as --version prints it`,
    )
    .action(() => ctx.io.stdout(`${program.version()}\nnode ${process.version}\n`));
}

function registerCheckVersion(program: Command): void {
  program
    .command('check-version')
    .description('check that this score-ts satisfies a version constraint, for Makefiles and CI')
    .argument('<constraint>', "comparators such as '>=0.1.0', '^0.2' or '>=0.1 <0.3' (all must hold)")
    .addHelpText(
      'after',
      `
Examples:
  score-ts check-version '>=0.1.0'      # 0.1.0 or newer (quote it: > redirects)
  score-ts check-version '^0.1'         # 0.1.0 or newer, before 0.2.0
  score-ts check-version '~1.2.3'       # 1.2.3 or newer, before 1.3.0
  score-ts check-version '>=0.1 <0.3'   # several comparators: all must hold
  score-ts check-version 0.1.0          # exactly 0.1.0 (0.1 means any 0.1.x)

Operators: = (or none), >, >=, <, <=, ^ and ~, read as npm reads them. A partial
version such as 1 or 0.2 stands for every version it starts; a leading v is
allowed (v1.2.3).

Exit codes:
  0  this score-ts satisfies the constraint (nothing is printed)
  1  it does not: the message says which score-ts to install
  2  the constraint is malformed`,
    )
    .action((constraint: string) => {
      const comparisons = parseVersionConstraint(constraint);
      const current = program.version() ?? '';
      const version = parseVersion(current);
      if (!version) throw new Error(`the package version '${current}' is not a semantic version`);
      const unmet = findUnmetComparison(version, comparisons);
      if (unmet) throw new InputError(`score-ts ${current} does not satisfy ${constraint.trim()}; ${remedy(unmet)}`);
    });
}

/** What to install when `unmet` fails: a newer score-ts for a lower bound, an older one for an upper bound. */
function remedy(unmet: Comparison): string {
  if (unmet.operator === '=') return `install score-ts ${formatVersion(unmet.version)}`;
  return unmet.operator.startsWith('>') ? 'upgrade score-ts' : 'install an older score-ts';
}
