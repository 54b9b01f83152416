/** `score-ts provisioners list` and `score-ts resources list | get-outputs | prune`. */
import type { Command } from 'commander';
import { provisionerRows } from '../inspect/provisioner-rows.js';
import { resourceOutputs, resourceRows } from '../inspect/resource-rows.js';
import { loadProvisionerSet } from '../load/provisioner-files.js';
import { emptyState, loadState, saveState, sortKeysDeep, STATE_DIR } from '../project/state.js';
import { toYamlDocument } from '../render/yaml-text.js';
import { withProjectLock } from '../project/lock.js';
import { loadProjectWorkloads } from '../load/project-workloads.js';
import { unusedResources, withoutResources } from '../inspect/unused-resources.js';
import { collectValues } from './collect.js';
import { checkFormat, formatTable } from './format.js';
import type { CommandContext } from './main.js';
import { fetchSources } from '../load/sources/fetch-sources.js';
import { sourceOptions, SOURCE_VALUE } from './source-options.js';

export function registerInspectCommands(program: Command, ctx: CommandContext): void {
  const provisioners = program.command('provisioners').description('inspect the provisioners this project loads')
    .addHelpText('after', '\nExamples:\n  score-ts provisioners list');
  provisioners
    .command('list')
    .description('list the loaded provisioners in matching order (first match wins)')
    .option('--format <format>', 'table or json', 'table')
    .option(`--provisioners ${SOURCE_VALUE}`, 'include these files (or URLs) first, as `generate --provisioners` would; repeatable', collectValues)
    .addHelpText('after', '\nExamples:\n  score-ts provisioners list\n  score-ts provisioners list --format json | jq -r \'.[].type\'')
    .action(async (opts: { format: string; provisioners?: string[] }) => {
      const format = checkFormat(opts.format, ['table', 'json'] as const);
      const [sources] = await fetchSources([{ flag: '--provisioners', values: opts.provisioners ?? [] }], sourceOptions(ctx, ctx.reporter()));
      const rows = provisionerRows(loadProvisionerSet(ctx.io.cwd, STATE_DIR, sources!));
      ctx.io.stdout(format === 'json' ? `${JSON.stringify(rows, null, 2)}\n` : formatTable(rows, ['type', 'class', 'id', 'params', 'outputs', 'source', 'description']));
    });

  const resources = program.command('resources').description('inspect the resources the project has provisioned')
    .addHelpText('after', "\nExamples:\n  score-ts resources list\n  score-ts resources get-outputs 'postgres.default#app.db'\n  score-ts resources prune --yes");
  resources
    .command('list')
    .description('list the provisioned resources recorded in the project state')
    .option('--format <format>', 'table or json', 'table')
    .addHelpText('after', '\nExamples:\n  score-ts resources list\n  score-ts resources list --format json')
    .action((opts: { format: string }) => {
      const format = checkFormat(opts.format, ['table', 'json'] as const);
      const rows = resourceRows(loadState(ctx.io.cwd) ?? emptyState());
      ctx.io.stdout(format === 'json' ? `${JSON.stringify(rows, null, 2)}\n` : formatTable(rows, ['uid', 'workload', 'provisioner', 'outputs']));
    });
  resources
    .command('get-outputs')
    .description('print the outputs of one resource; secret values are hidden unless --show-secrets')
    .argument('<uid>', 'the resource uid, as `resources list` shows it (type.class#id)')
    .option('--format <format>', 'json or yaml', 'json')
    .option('--show-secrets', 'print secret values instead of <secret NAME/KEY>')
    .addHelpText('after', "\nExamples:\n  score-ts resources get-outputs 'postgres.default#app.db'\n  score-ts resources get-outputs 'postgres.default#app.db' --format yaml --show-secrets")
    .action((uid: string, opts: { format: string; showSecrets?: boolean }) => {
      const format = checkFormat(opts.format, ['json', 'yaml'] as const);
      const outputs = resourceOutputs(loadState(ctx.io.cwd) ?? emptyState(), uid, Boolean(opts.showSecrets));
      ctx.io.stdout(format === 'json' ? `${JSON.stringify(outputs, null, 2)}\n` : toYamlDocument(sortKeysDeep(outputs)));
    });
  resources
    .command('prune')
    .description('list the resources the state keeps that no current workload uses; with --yes, drop them from the state')
    .option('--yes', 'drop them (their generated passwords are lost; the objects already in a cluster are not touched)')
    .addHelpText('after', '\nExamples:\n  score-ts resources prune          # list what would be dropped\n  score-ts resources prune --yes    # drop it')
    .action((opts: { yes?: boolean }) => {
      const reporter = ctx.reporter();
      withProjectLock(ctx.io.cwd, () => {
        const state = loadState(ctx.io.cwd) ?? emptyState();
        const workloads = Object.keys(state.workloads).length === 0 ? [] : loadProjectWorkloads({ projectDir: ctx.io.cwd, scoreFiles: [], readFileSources: false, command: 'generate' }, state.workloads, reporter);
        const unused = unusedResources(state, workloads);
        if (unused.length === 0) return reporter.info('every resource in the state is used by a current workload');
        for (const uid of unused) ctx.io.stdout(`${uid}\t${state.resources[uid]!.sourceWorkload}\t${state.resources[uid]!.provisioner}\n`);
        if (!opts.yes) return reporter.info(`${unused.length} unused resource${unused.length === 1 ? '' : 's'}; run \`score-ts resources prune --yes\` to drop them from the state`);
        saveState(ctx.io.cwd, withoutResources(state, unused));
        reporter.info(`dropped ${unused.length} resource${unused.length === 1 ? '' : 's'} from the state`);
      });
    });
}
