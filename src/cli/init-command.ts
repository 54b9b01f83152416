/** `score-ts init`: flags -> initProject -> messages. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { initProject } from '../init.js';
import { STATE_DIR } from '../base/file-paths.js';
import { withProjectLock } from '../project/lock.js';
import { STATE_DIR_TIGHTENED } from '../project/state.js';
import { type CommandContext } from './command-context.js';
import { collectValues } from './collect.js';
import { fetchSources } from '../sources/fetch-sources.js';
import { sourceOptions, SOURCE_VALUE } from './source-options.js';

export function registerInit(program: Command, ctx: CommandContext): void {
  program
    .command('init')
    .description('create the project file score-ts.yaml, the private state folder (.score-ts/) and a sample score.yaml; safe to run again')
    .option('-f, --file <file>', 'the Score file to create if it does not exist', 'score.yaml')
    .option('--no-sample', 'do not create the sample Score file')
    .option(
      `--provisioners ${SOURCE_VALUE}`,
      'install a provisioner file (every YAML file of a folder; a URL: http(s)://, oci://, git-https://, git-ssh://; - for stdin) into the project, ahead of the built-in ones; repeatable',
      collectValues,
    )
    .option(
      `--patch-templates ${SOURCE_VALUE}`,
      'install a patch template (every file of a folder; a URL as for --provisioners; - for stdin), applied to the manifests on every generate; repeatable',
      collectValues,
    )
    .addHelpText(
      'after',
      `
Examples:
  score-ts init                    # score-ts.yaml, .score-ts/ and a sample score.yaml
  score-ts init --no-sample        # score-ts.yaml without workloads, and .score-ts/
  score-ts init --file app.yaml    # the sample under another name
  score-ts init --provisioners platform/prod.provisioners.yaml
  score-ts init --provisioners https://example.com/platform/prod.provisioners.yaml
  score-ts init --provisioners oci://ghcr.io/acme/provisioners:v1#prod.provisioners.yaml
  curl -fsSL https://example.com/prod.provisioners.yaml | score-ts init --provisioners -
  score-ts init --patch-templates platform/patches/   # e.g. replicas, a service account

Each source is also listed in score-ts.yaml (commit it), so every checkout uses it: a
local file is read from its path, a URL from its installed copy (init again refreshes it),
or fetched where there is none. A URL is checked like a local file before anything is
installed; the installed copy's first line says where it came from. oci:// reads Docker's
credentials (~/.docker/config.json, or $DOCKER_CONFIG). In a project of an older score-ts,
init writes score-ts.yaml from the workloads the state remembers.`,
    )
    .action(async (opts: { file: string; sample: boolean; provisioners?: string[]; patchTemplates?: string[] }) => {
      const reporter = ctx.reporter();
      const lists = [
        { flag: '--provisioners', values: opts.provisioners ?? [] },
        { flag: '--patch-templates', values: opts.patchTemplates ?? [] },
      ];
      const [provisioners, patchTemplates] = await fetchSources(lists, sourceOptions(ctx, reporter, 'nothing was installed'));
      const stateDirExisted = existsSync(path.join(ctx.io.cwd, STATE_DIR));
      const recorded = { provisioners: opts.provisioners ?? [], patchTemplates: opts.patchTemplates ?? [] };
      const report = withProjectLock(ctx.io.cwd, () =>
        initProject({
          projectDir: ctx.io.cwd,
          file: opts.file,
          sample: opts.sample,
          provisioners: provisioners!,
          patchTemplates: patchTemplates!,
          sources: recorded,
        }),
      );
      reporter.info(stateDirMessage(stateDirExisted, report.createdStateFiles, report.installed.length > 0));
      for (const { file, from, programs } of report.installed) {
        reporter.info(`installed ${file}${from !== undefined ? ` from ${from}` : ''}`);
        if (programs)
          reporter.warn(
            `${file} has cmd:// provisioners: every generate that uses them runs ${programs.join(', ')} on this machine; review the file`,
          );
      }
      if (report.projectFile) reporter.info(report.projectFile);
      for (const warning of report.notRecorded) reporter.warn(warning);
      if (report.wroteSample) reporter.info(`created ${opts.file}: run \`score-ts generate ${opts.file}\` next`);
      else if (opts.sample && report.sampleExisted) reporter.info(`${opts.file} already exists; left as it is`);
      if (report.tightenedStateDir) reporter.warn(STATE_DIR_TIGHTENED);
    });
}

/** Exactly what init did to `.score-ts/`: made it, added missing files to it, or left it as it was. */
function stateDirMessage(existed: boolean, created: readonly string[], installs: boolean): string {
  if (!existed) return `created ${STATE_DIR}/ (its .gitignore keeps state and secrets out of git)`;
  const added = created.map((file) => `${STATE_DIR}/${file}${file === '.gitignore' ? ' (it keeps state and secrets out of git)' : ''}`);
  if (added.length > 0) return `${STATE_DIR}/ already exists; created the missing ${added.join(' and ')}`;
  return installs ? `${STATE_DIR}/ already exists` : `${STATE_DIR}/ already exists; left as it is`;
}
