/** `score-ts generate`: flags -> GenerateOptions -> generate -> write -> messages. */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { readTextFile } from '../load/score-file.js';
import { readStdinScoreFile } from './stdin-score-file.js';
import { describeDifferences } from '../render/compare-output.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../render/output-formats.js';
import { checkProjectName } from '../render/project-label.js';
import { splitOverrideProperty } from '../override/apply-overrides.js';
import { generate, writeGenerated, type GenerateOptions } from '../pipeline.js';
import type { CommandContext } from './main.js';
import { withProjectLock } from '../project/lock.js';
import { STATE_DIR_TIGHTENED } from '../project/state.js';
import { collectValues } from './collect.js';
import { checkFormat, formatOption } from './format.js';
import { parseEnvAllowList } from '../provision/env-allow-list.js';
import type { CliIo, Reporter } from './io.js';
import { fetchSources } from '../load/sources/fetch-sources.js';
import { sourceOptions, SOURCE_VALUE } from './source-options.js';
import { counted, shortList } from '../text-lists.js';

/** A secret from which generated values are derived when there is no state, so CI runs agree. */
export const SEED_VARIABLE = 'SCORE_TS_SEED';

interface GenerateFlags {
  output: string;
  image?: string;
  overridesFile?: string;
  overrideProperty?: string[];
  namespace?: string;
  generateNamespace?: boolean;
  provisioners?: string[];
  allowFilesOutsideProject?: boolean;
  allowEnv?: string[];
  check?: boolean;
  format: string;
  project?: string;
}

export function registerGenerate(program: Command, ctx: CommandContext): void {
  program
    .command('generate')
    .description('convert Score files into one Kubernetes manifests file (without files: regenerate the workloads the project knows)')
    .argument('[score-files...]', 'Score files to add or update in the project')
    .option('-o, --output <file>', "the manifests file to write; '-' writes to stdout", 'manifests.yaml')
    .option('-i, --image <image>', "the image for containers whose image is '.'")
    .option('--overrides-file <file>', 'a YAML file of Score fields merged over the workload (null deletes a field)')
    .option('--override-property <path=value>', 'set a field (value parsed as YAML) or, with an empty value, delete it; repeatable', collectValues)
    .option(`--provisioners ${SOURCE_VALUE}`, 'provisioner files (or folders of them; a URL as for init, read for this run only; - for stdin) for this run, matched before the project\'s; repeatable', collectValues)
    .option('-n, --namespace <namespace>', 'the namespace to set on every namespaced object')
    .option('--generate-namespace', 'also emit the Namespace object (needs --namespace)')
    .addOption(formatOption(OUTPUT_FORMATS, 'yaml', "the output format: yaml, json (one v1 List) or kyaml (Kubernetes' strict YAML subset)"))
    .option('--project <name>', 'the value of the score-ts.dev/project label on every object (default: the project folder\'s name; remembered)')
    .option('--check', 'write nothing; fail (exit 1) with a summary when the output file differs from what would be written')
    .option('--allow-files-outside-project', "let files.*.source read files outside the project and the Score file's folder")
    .option('--allow-env <NAME|PREFIX*>', 'let the environment resource type read this variable of the run (PREFIX*: every variable starting with PREFIX; never SCORE_TS_*); repeatable', collectValues)
    .addHelpText('after', `
Examples:
  score-ts generate score.yaml                          # write manifests.yaml
  score-ts generate score.yaml -o - | kubectl apply -f -
  score-ts generate api/score.yaml web/score.yaml -n demo --generate-namespace
  score-ts generate score.yaml --image ghcr.io/acme/app:1.2.3
  score-ts generate score.yaml --override-property containers.main.variables.DEBUG=true
  score-ts generate                                     # regenerate every workload the project knows
  SCORE_TS_SEED=$CI_SECRET score-ts generate score.yaml --provisioners ci/prod.provisioners.yaml
  score-ts generate --check                             # in CI: are the committed manifests current?
  score-ts generate score.yaml --format json -o manifests.json
  score-ts generate score.yaml --allow-env API_URL --allow-env 'FEATURE_*'

Environment:
  SCORE_TS_SEED  a secret: with it, values a provisioner generates for a resource the state does not
                 know yet (passwords, names) are derived from it instead of random, so two runs
                 without state give the same manifests. Like every SCORE_TS_* variable, never
                 readable by a Score file or a template
  other names    readable by a Score file (a resource of type environment) only when --allow-env
                 allows them; their values go into a Secret`)
    .action(async (files: string[], flags: GenerateFlags) => {
      const reporter = ctx.reporter();
      const given = toOptions(ctx.io.cwd, files, flags, ctx.io.env);
      const stdinScoreFile = await readStdinScoreFile(ctx, files, flags.provisioners ?? []);
      // The network only for a URL the runner named, before the lock and the pipeline (which reads no network).
      const [provisionerFiles] = await fetchSources([{ flag: '--provisioners', values: flags.provisioners ?? [] }], sourceOptions(ctx, reporter));
      const options = { ...given, provisionerFiles: provisionerFiles!, ...(stdinScoreFile !== undefined ? { stdinScoreFile } : {}) };
      if (flags.check) return checkOutputFile(options, flags.output, ctx, reporter);
      const result = withProjectLock(ctx.io.cwd, () => {
        const generated = generate(options, reporter);
        if (writeGenerated(generated, flags.output, ctx.io.cwd, ctx.io.stdout)) reporter.warn(STATE_DIR_TIGHTENED);
        return generated;
      });
      if (result.newState) reporter.info('initialised the project state in .score-ts/ (run `score-ts init` to also get a sample score.yaml)');
      const where = flags.output === '-' ? 'stdout' : flags.output;
      for (const warning of result.warnings) reporter.warn(warning);
      // One short line however many workloads: -v lists them all.
      reporter.info(`wrote ${counted(result.manifests.length, 'object')} for ${shortList(result.workloads)} to ${where}`);
    });
}

/** --check: generate in memory and compare with the file; nothing is written, not even the state. */
function checkOutputFile(options: GenerateOptions, output: string, ctx: CommandContext, reporter: Reporter): void {
  if (output === '-') throw new UsageError('--check compares with a file: give it with -o FILE (default manifests.yaml)');
  const file = path.resolve(ctx.io.cwd, output);
  if (!existsSync(file)) throw new InputError(`${output} does not exist: run score-ts generate to write it`);
  const result = generate(options, reporter);
  for (const warning of result.warnings) reporter.warn(warning);
  const current = readTextFile(file, output, 'manifests file');
  if (current === [...result.output].join('')) {
    reporter.info(`${output} is up to date (${counted(result.manifests.length, 'object')})`);
    return;
  }
  const differences = describeDifferences(current, result.manifests);
  const summary = differences.length > 0 ? differences : ['the objects are the same but the text differs (edited by hand, or written with another --format?)'];
  throw new InputError(`${output} is out of date: run score-ts generate to update it`, summary.map((message) => ({ location: {}, field: '', message })));
}

function toOptions(projectDir: string, files: string[], flags: GenerateFlags, env: CliIo['env']): GenerateOptions {
  const overrideProperties = flags.overrideProperty ?? [];
  const perFile = flags.image !== undefined || flags.overridesFile !== undefined || overrideProperties.length > 0;
  if (perFile && files.length !== 1) {
    throw new UsageError('--image, --overrides-file and --override-property apply to one workload: give exactly one Score file with them');
  }
  if (flags.generateNamespace && !flags.namespace) throw new UsageError('--generate-namespace needs --namespace NAME');
  for (const property of overrideProperties) splitOverrideProperty(property);
  return {
    projectDir,
    scoreFiles: files,
    ...(flags.image !== undefined ? { image: flags.image } : {}),
    ...(flags.overridesFile !== undefined ? { overridesFile: flags.overridesFile } : {}),
    overrideProperties,
    ...(flags.namespace !== undefined ? { namespace: flags.namespace } : {}),
    generateNamespace: Boolean(flags.generateNamespace),
    provisionerFiles: flags.provisioners ?? [],
    allowFilesOutsideProject: Boolean(flags.allowFilesOutsideProject),
    output: flags.output,
    envAllowList: parseEnvAllowList(flags.allowEnv ?? []),
    format: outputFormat(flags.format),
    ...(flags.project !== undefined ? { project: checkProjectName(flags.project) } : {}),
    env,
    ...(env[SEED_VARIABLE] ? { seed: env[SEED_VARIABLE] } : {}),
  };
}



function outputFormat(format: string): OutputFormat {
  return checkFormat(format, OUTPUT_FORMATS);
}
