/** `score-ts provisioners list` and `score-ts resources list | get-outputs | prune`. */
import type { Command } from 'commander';
import { provisionerRows, type ProvisionerRow } from '../inspect/provisioner-rows.js';
import { resourceOutputs, resourceRows, type ResourceRow } from '../inspect/resource-rows.js';
import { loadProvisionerSet } from '../provision/provisioner-files.js';
import { emptyState, loadState, saveState } from '../project/state.js';
import { sortKeysDeep } from '../base/plain-data.js';
import { renderValue } from '../yaml/output-formats.js';
import { withProjectLock } from '../project/lock.js';
import { loadProjectWorkloads } from '../load/project-workloads.js';
import { loadProjectFile } from '../project/project-file.js';
import { checkProjectFilePaths, knownWorkloads } from '../project/project-definition.js';
import { protectedFiles } from '../project/output-files.js';
import { fetchProjectSources } from './project-sources.js';
import { unusedResources, withoutResources } from '../inspect/unused-resources.js';
import { collectValues } from './collect.js';
import { formatOutputs, formatResourceRows, isTemplateFormat } from '../inspect/format-template.js';
import { checkFormat, DEFAULT_WIDTH, formatOption, formatTable, type Column, type Table } from './format.js';
import { andList, counted } from '../base/text-lists.js';
import { type CommandContext } from './command-context.js';
import { SOURCE_VALUE } from './source-options.js';

/** The columns of `resources list` and `resources prune`. */
const RESOURCE_COLUMNS: ReadonlyArray<Column<ResourceRow>> = [
  { key: 'uid', keep: true },
  { key: 'workload' },
  { key: 'provisioner', keep: true },
  { key: 'outputs' },
];
const PROVISIONER_COLUMNS: ReadonlyArray<Column<ProvisionerRow>> = [
  { key: 'type', keep: true },
  { key: 'class', keep: true },
  { key: 'id', keep: true },
  { key: 'params' },
  { key: 'outputs' },
  { key: 'source', keepEnd: true, leaveOrder: 2 },
  { key: 'description', leaveOrder: 1 },
];
const LIST_FORMATS = ['table', 'json', 'yaml'] as const;

export function registerInspectCommands(program: Command, ctx: CommandContext): void {
  const provisioners = program
    .command('provisioners')
    .description('inspect the provisioners this project loads')
    .addHelpText('after', '\nExamples:\n  score-ts provisioners list');
  provisioners
    .command('list')
    .description('list the loaded provisioners in matching order (first match wins)')
    .addOption(formatOption(LIST_FORMATS, 'table', "table (cut to the terminal's width), json or yaml (every field in full)"))
    .option(
      `--provisioners ${SOURCE_VALUE}`,
      'include these files (or URLs) first, as `generate --provisioners` would; repeatable',
      collectValues,
    )
    .addHelpText('after', "\nExamples:\n  score-ts provisioners list\n  score-ts provisioners list --format json | jq -r '.[].type'")
    .action(async (opts: { format: string; provisioners?: string[] }) => {
      const format = checkFormat(opts.format, LIST_FORMATS);
      const projectFile = loadProjectFile(ctx.io.cwd);
      checkProjectFilePaths(projectFile, {
        projectDir: ctx.io.cwd,
        allowOutside: false,
        protectedFiles: protectedFiles(ctx.io.cwd, loadState(ctx.io.cwd)?.outputFiles, undefined),
      });
      const sources = await fetchProjectSources(ctx, ctx.reporter(), opts.provisioners ?? [], projectFile, false);
      const rows = provisionerRows(loadProvisionerSet(ctx.io.cwd, sources.runProvisioners, sources.listedProvisioners));
      const anyWhenUnset = rows.map((r) => ({ ...r, class: r.class ?? '(any)', id: r.id ?? '(any)' }));
      printList(ctx, format, rows, () => formatTable(anyWhenUnset, PROVISIONER_COLUMNS, tableWidth(ctx)));
    });

  const resources = program
    .command('resources')
    .description('inspect the resources the project has provisioned')
    .addHelpText(
      'after',
      "\nExamples:\n  score-ts resources list\n  score-ts resources get-outputs 'postgres.default#app.db'\n  score-ts resources prune --yes",
    );
  resources
    .command('list')
    .description('list the provisioned resources recorded in the project state')
    .addOption(
      formatOption(
        LIST_FORMATS,
        'table',
        "table (cut to the terminal's width), json or yaml (every field in full), or a Go template on the list",
      ),
    )
    .addHelpText(
      'after',
      "\nExamples:\n  score-ts resources list\n  score-ts resources list --format json\n  score-ts resources list --format '{{ range . }}{{ println .uid }}{{ end }}'",
    )
    .action((opts: { format: string }) => {
      const template = isTemplateFormat(opts.format);
      const format = template ? 'json' : checkFormat(opts.format, LIST_FORMATS);
      const rows = resourceRows(loadState(ctx.io.cwd) ?? emptyState());
      if (template) return ctx.io.stdout(formatResourceRows(opts.format, rows));
      printList(ctx, format, rows, () => formatTable(rows, RESOURCE_COLUMNS, tableWidth(ctx)));
    });
  resources
    .command('get-outputs')
    .description('print the outputs of one resource; secret values are hidden unless --show-secrets')
    .argument('<uid>', 'the resource uid, as `resources list` shows it (type.class#id)')
    .addOption(
      formatOption(
        ['json', 'yaml'],
        'json',
        "json, yaml, or a Go template with sprig's functions on the outputs ('{{ .host }}:{{ .port }}')",
      ),
    )
    .option('--show-secrets', 'print secret values instead of <secret NAME/KEY>')
    .addHelpText(
      'after',
      "\nExamples:\n  score-ts resources get-outputs 'postgres.default#app.db'\n  score-ts resources get-outputs 'postgres.default#app.db' --format yaml --show-secrets\n  score-ts resources get-outputs 'dns.default#app.dns' --format '{{ .host }}:8080'",
    )
    .action((uid: string, opts: { format: string; showSecrets?: boolean }) => {
      const template = isTemplateFormat(opts.format);
      const format = template ? 'json' : checkFormat(opts.format, ['json', 'yaml'] as const);
      const outputs = resourceOutputs(loadState(ctx.io.cwd) ?? emptyState(), uid, Boolean(opts.showSecrets));
      if (template) return ctx.io.stdout(formatOutputs(opts.format, outputs));
      // yaml in key order (as the state stores them); json as the state was read.
      ctx.io.stdout(renderValue(format === 'yaml' ? sortKeysDeep(outputs) : outputs, format));
    });
  resources
    .command('prune')
    .description('list the resources the state keeps that no current workload uses; with --yes, drop them from the state')
    .option('--yes', 'drop them (their generated passwords are lost; the objects already in a cluster are not touched)')
    .addHelpText(
      'after',
      '\nExamples:\n  score-ts resources prune          # list what would be dropped\n  score-ts resources prune --yes    # drop it',
    )
    .action((opts: { yes?: boolean }) => {
      const reporter = ctx.reporter();
      withProjectLock(ctx.io.cwd, () => {
        const state = loadState(ctx.io.cwd);
        if (!state) return reporter.info('the project has no state yet, so no resources to prune');
        const projectFile = loadProjectFile(ctx.io.cwd);
        checkProjectFilePaths(projectFile, {
          projectDir: ctx.io.cwd,
          allowOutside: false,
          protectedFiles: protectedFiles(ctx.io.cwd, state.outputFiles, undefined),
        });
        const known = knownWorkloads(projectFile, state);
        const loadOptions = {
          projectDir: ctx.io.cwd,
          scoreFiles: [],
          readFileSources: false,
          command: 'generate',
          projectFile: projectFile !== undefined,
        };
        const workloads = known.length === 0 ? [] : loadProjectWorkloads(loadOptions, known, reporter);
        const unused = unusedResources(state, workloads);
        if (unused.length === 0) return reporter.info('every resource in the state is used by a current workload');
        const rows = resourceRows(state).filter((row) => unused.includes(row.uid));
        printTable(ctx, formatTable(rows, RESOURCE_COLUMNS, tableWidth(ctx)), '`score-ts resources list --format yaml`');
        if (!opts.yes)
          return reporter.info(
            `${counted(unused.length, 'unused resource')}; run \`score-ts resources prune --yes\` to drop ${unused.length === 1 ? 'it' : 'them'} from the state`,
          );
        saveState(ctx.io.cwd, withoutResources(state, unused));
        reporter.info(`dropped ${counted(unused.length, 'resource')} from the state`);
      });
    });
}

/** A list as a table, or in full as JSON or YAML; a table that had to cut cells says where the full text is. */
function printList(ctx: CommandContext, format: (typeof LIST_FORMATS)[number], rows: readonly object[], table: () => Table): void {
  if (format !== 'table') return ctx.io.stdout(renderValue(rows, format));
  printTable(ctx, table(), '--format yaml or json');
}

function printTable(ctx: CommandContext, { text, cut, hidden }: Table, fullText: string): void {
  ctx.io.stdout(text);
  const width = tableWidth(ctx);
  if (hidden.length > 0) {
    const columns = hidden.length === 1 ? `the ${hidden[0]} column is` : `the ${andList(hidden)} columns are`;
    ctx.reporter().info(`${columns} left out${cut ? ' and some cells are cut' : ''} to fit ${width} columns; ${fullText} shows everything`);
  } else if (cut) ctx.reporter().info(`some cells are cut to fit ${width} columns; ${fullText} shows them in full`);
}

function tableWidth(ctx: CommandContext): number {
  return ctx.io.stdoutColumns ?? DEFAULT_WIDTH;
}
