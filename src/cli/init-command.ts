/** `score-ts init`: flags -> initProject -> messages. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { initProject, STATE_DIR } from '../project/init.js';
import { withProjectLock } from '../project/lock.js';
import { STATE_DIR_TIGHTENED } from '../project/state.js';
import type { CommandContext } from './main.js';
import { collectValues } from './collect.js';

export function registerInit(program: Command, ctx: CommandContext): void {
  program
    .command('init')
    .description('create the project state folder (.score-ts/) and a sample score.yaml; safe to run again')
    .option('-f, --file <file>', 'the Score file to create if it does not exist', 'score.yaml')
    .option('--no-sample', 'do not create the sample Score file')
    .option('--provisioners <file|dir>', 'install a provisioner file (or every YAML file of a folder) into the project, ahead of the built-in ones; repeatable', collectValues)
    .option('--patch-templates <file|dir>', 'install a patch template (or every file of a folder), applied to the manifests on every generate; repeatable', collectValues)
    .addHelpText('after', `
Examples:
  score-ts init                    # .score-ts/ and a sample score.yaml
  score-ts init --no-sample        # only the state folder
  score-ts init --file app.yaml    # the sample under another name
  score-ts init --provisioners platform/prod.provisioners.yaml
  score-ts init --patch-templates platform/patches/   # e.g. replicas, a service account`)
    .action((opts: { file: string; sample: boolean; provisioners?: string[]; patchTemplates?: string[] }) => {
      const reporter = ctx.reporter();
      const stateDirExisted = existsSync(path.join(ctx.io.cwd, STATE_DIR));
      const report = withProjectLock(ctx.io.cwd, () => initProject({ projectDir: ctx.io.cwd, file: opts.file, sample: opts.sample, provisioners: opts.provisioners ?? [], patchTemplates: opts.patchTemplates ?? [] }));
      reporter.info(!stateDirExisted ? `created ${STATE_DIR}/ (its .gitignore keeps state and secrets out of git)` : `${STATE_DIR}/ already exists; left as it is`);
      if (report.wroteSample) reporter.info(`created ${opts.file}: run \`score-ts generate ${opts.file}\` next`);
      else if (opts.sample && report.sampleExisted) reporter.info(`${opts.file} already exists; left as it is`);
      for (const file of report.installed) reporter.info(`installed ${file}`);
      if (report.tightenedStateDir) reporter.warn(STATE_DIR_TIGHTENED);
    });
}
