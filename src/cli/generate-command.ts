/** `score-ts generate`: flags -> GenerateOptions -> generate -> write -> messages. */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { InputError, UsageError } from '../base/errors.js';
import { readTextFile } from '../base/read-file.js';
import { readStdinScoreFile } from './stdin-score-file.js';
import { describeDifferences } from '../render/compare-output.js';
import { OUTPUT_FORMATS } from '../yaml/output-formats.js';
import { splitOverrideProperty } from '../override/apply-overrides.js';
import { generate, type GenerateOptions } from '../pipeline.js';
import { writeGenerated } from '../write-generated.js';
import { type CommandContext } from './command-context.js';
import { withProjectLock } from '../project/lock.js';
import { loadState, STATE_DIR_TIGHTENED } from '../project/state.js';
import { collectValues } from './collect.js';
import { formatOption } from './format.js';
import { parseEnvAllowList } from '../templates/env-allow-list.js';
import type { CliIo, Reporter } from './io.js';
import { SOURCE_VALUE } from './source-options.js';
import { upToDateLine, writtenSummary, writtenWarnings } from './generate-summary.js';
import { loadProjectFile, scoreFilesOnly, type LoadedProjectFile } from '../project/project-file.js';
import { projectKind, WRITE_PROJECT_FILE_HINT } from '../project/project-definition.js';
import { fetchProjectSources } from './project-sources.js';
import { checkedRunSettings, saveRequest, type RunSettings, type SettingFlags } from './generate-settings.js';

/** A secret from which generated values are derived when there is no state, so CI runs agree. */
const SEED_VARIABLE = 'SCORE_TS_SEED';

interface GenerateFlags extends SettingFlags {
  allowFilesOutsideProject?: boolean;
  allowProjectCmd?: boolean;
  allowEnv?: string[];
}

export function registerGenerate(program: Command, ctx: CommandContext): void {
  program
    .command('generate')
    .description('convert Score files into one Kubernetes manifests file (without files: regenerate the workloads the project knows)')
    .argument('[score-files...]', 'Score files to add or update in the project')
    .option(
      '-o, --output <file>',
      "the manifests file to write (default: score-ts.yaml's output, else manifests.yaml); '-' writes to stdout",
    )
    .option(
      '--secrets-output <file>',
      "write the v1 Secrets (generated passwords) to this file instead, in the same format, so the output file can be committed without them (default: score-ts.yaml's secretsOutput)",
    )
    .option('-i, --image <image>', "the image for containers whose image is '.'")
    .option('--overrides-file <file>', 'a YAML file of Score fields merged over the workload (null deletes a field)')
    .option(
      '--override-property <path=value>',
      'set a field (value parsed as YAML) or, with an empty value, delete it; repeatable',
      collectValues,
    )
    .option(
      `--provisioners ${SOURCE_VALUE}`,
      "provisioner files (or folders of them; a URL as for init, read for this run only; - for stdin) for this run, matched before the project's; repeatable",
      collectValues,
    )
    .option('-n, --namespace <namespace>', 'the namespace to set on every namespaced object')
    .option('--generate-namespace', 'also emit the Namespace object (needs --namespace)')
    .addOption(
      formatOption(
        OUTPUT_FORMATS,
        undefined,
        "the output format: yaml (default), json (one v1 List) or kyaml (Kubernetes' strict YAML subset)",
      ),
    )
    .option('--project <name>', "the value of the score-ts.dev/project label on every object (default: score-ts.yaml's project)")
    .option('--check', 'write nothing; fail (exit 1) with a summary when the output file differs from what would be written')
    .option(
      '--save',
      "also write this run's -o, --secrets-output, --format, --namespace, --generate-namespace, --project and --provisioners into score-ts.yaml",
    )
    .option(
      '--allow-files-outside-project',
      "let files.*.source read files outside the project and the Score file's folder, and score-ts.yaml name paths outside the project",
    )
    .option(
      '--allow-project-cmd',
      "let cmd:// provisioners from the files score-ts.yaml lists run their programs (with this run's environment)",
    )
    .option(
      '--allow-env <NAME|PREFIX*>',
      'let the environment resource type read this variable of the run (PREFIX*: every variable starting with PREFIX; never SCORE_TS_*); repeatable',
      collectValues,
    )
    .addHelpText(
      'after',
      `
Examples:
  score-ts generate score.yaml                          # write manifests.yaml
  score-ts generate score.yaml -o - | kubectl apply -f -
  score-ts generate api/score.yaml web/score.yaml -n demo --generate-namespace
  score-ts generate score.yaml --image ghcr.io/acme/app:1.2.3
  score-ts generate score.yaml --override-property containers.main.variables.DEBUG=true
  score-ts generate                                     # every workload score-ts.yaml lists
  score-ts generate --provisioners platform/prod.provisioners.yaml --save   # keep it for every run
  SCORE_TS_SEED=$CI_SECRET score-ts generate score.yaml --provisioners ci/prod.provisioners.yaml
  score-ts generate --check                             # in CI: are the committed manifests current?
  score-ts generate score.yaml --format json -o manifests.json
  score-ts generate --secrets-output secrets.yaml       # git-ignore secrets.yaml, commit the rest
  score-ts generate score.yaml --allow-env API_URL --allow-env 'FEATURE_*'

Flags win for this run only; score-ts.yaml (commit it) says what the project is. A
run that writes its output file adds the Score files given to score-ts.yaml, with
their --image and override flags; --save keeps the other flags there too.

Environment:
  SCORE_TS_SEED  a secret: with it, values a provisioner generates for a resource the state does not
                 know yet (passwords, names) are derived from it instead of random, so two runs
                 without state give the same manifests. Like every SCORE_TS_* variable, never
                 readable by a Score file or a template
  other names    readable by a Score file (a resource of type environment) only when --allow-env
                 allows them; their values go into a Secret`,
    )
    .action(async (given: string[], flags: GenerateFlags) => {
      const reporter = ctx.reporter();
      if (flags.save && flags.check) throw new UsageError('--save writes score-ts.yaml and --check writes nothing: give one of them');
      const projectFile = loadProjectFile(ctx.io.cwd);
      const files = scoreFilesOnly(ctx.io.cwd, given, projectFile, (m) => reporter.warn(m));
      if (flags.save && projectKind(projectFile, loadState(ctx.io.cwd)) === 'state')
        throw new UsageError(
          '--save writes score-ts.yaml, which this project does not have yet (an older score-ts kept its workloads in .score-ts/state.yaml): run `score-ts init` first to write it from the state',
        );
      const settings = checkedRunSettings(ctx.io.cwd, files, flags, projectFile);
      const base = toOptions(ctx.io.cwd, files, flags, settings, projectFile, ctx.io.env);
      const stdinScoreFile = await readStdinScoreFile(ctx, files, flags.provisioners ?? []);
      // The network only for a URL the runner named or score-ts.yaml lists, before the lock and the pipeline (which reads no network).
      const sources = await fetchProjectSources(ctx, reporter, flags.provisioners ?? [], projectFile, true);
      const save = saveRequest(ctx.io.cwd, files, flags, settings);
      const options: GenerateOptions = {
        ...base,
        provisionerFiles: sources.runProvisioners,
        listedProvisioners: sources.listedProvisioners,
        listedPatchTemplates: sources.listedPatchTemplates,
        stdinScoreFile,
        save,
        secretsOutput: settings.secretsOutput,
      };
      if (flags.check) return checkOutputFile(options, settings.output, ctx, reporter);
      const result = withProjectLock(ctx.io.cwd, () => {
        const generated = generate(options, reporter);
        if (writeGenerated(generated, settings.output, ctx.io.cwd, ctx.io.stdout)) reporter.warn(STATE_DIR_TIGHTENED);
        return generated;
      });
      if (result.newState)
        reporter.info('initialised the project state in .score-ts/ (run `score-ts init` to also get a sample score.yaml)');
      const where = settings.output === '-' ? 'stdout' : settings.output;
      for (const warning of writtenWarnings(result, ctx.io.cwd)) reporter.warn(warning);
      // One short line however many workloads: -v lists them all.
      reporter.info(writtenSummary(result, where));
      if (result.projectFileUpdate) reporter.info(result.projectFileUpdate.summary);
      if (result.kind === 'state') reporter.info(WRITE_PROJECT_FILE_HINT);
    });
}

/** --check: generate in memory and compare with the file; nothing is written, not even the state. */
function checkOutputFile(options: GenerateOptions, output: string, ctx: CommandContext, reporter: Reporter): void {
  if (output === '-') throw new UsageError('--check compares with a file: give it with -o FILE (default manifests.yaml)');
  const file = path.resolve(ctx.io.cwd, output);
  if (!existsSync(file)) throw new InputError(`${output} does not exist: run score-ts generate to write it`);
  const result = generate(options, reporter);
  for (const warning of result.warnings) reporter.warn(warning);
  if (result.kind === 'state') reporter.info(WRITE_PROJECT_FILE_HINT);
  const current = readTextFile(file, output, 'manifests file');
  const generated = [...result.output.text()].join('');
  if (current === generated) {
    reporter.info(upToDateLine(output, result));
    return;
  }
  const differences = describeDifferences(current, generated);
  const summary =
    differences.length > 0
      ? differences
      : ['the objects are the same but the text differs (edited by hand, or written with another --format?)'];
  throw new InputError(
    `${output} is out of date: run score-ts generate to update it`,
    summary.map((message) => ({ location: {}, field: '', message })),
  );
}

function toOptions(
  projectDir: string,
  files: string[],
  flags: GenerateFlags,
  settings: RunSettings,
  projectFile: LoadedProjectFile | undefined,
  env: CliIo['env'],
): GenerateOptions {
  const overrideProperties = flags.overrideProperty ?? [];
  const perFile = flags.image !== undefined || flags.overridesFile !== undefined || overrideProperties.length > 0;
  if (perFile && files.length !== 1) {
    throw new UsageError('--image, --overrides-file and --override-property apply to one workload: give exactly one Score file with them');
  }
  for (const property of overrideProperties) splitOverrideProperty(property);
  return {
    projectDir,
    scoreFiles: files,
    image: flags.image,
    overridesFile: flags.overridesFile,
    overrideProperties,
    namespace: settings.namespace,
    generateNamespace: settings.generateNamespace,
    allowFilesOutsideProject: Boolean(flags.allowFilesOutsideProject),
    allowProjectCmd: Boolean(flags.allowProjectCmd),
    output: settings.output,
    envAllowList: parseEnvAllowList(flags.allowEnv ?? []),
    format: settings.format,
    project: settings.project,
    projectFile,
    env,
    seed: env[SEED_VARIABLE],
  };
}
