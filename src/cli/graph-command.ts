/** `score-ts graph`: flags -> GraphOptions -> graphProject -> Mermaid or dot text on stdout. */
import type { Command } from 'commander';
import { graphProject } from '../inspect/graph.js';
import { renderGraph } from '../inspect/graph-render.js';
import { collectValues } from './collect.js';
import { checkFormat, formatOption } from './format.js';
import { readStdinScoreFile } from './stdin-score-file.js';
import { type CommandContext } from './command-context.js';
import { SOURCE_VALUE } from './source-options.js';
import { loadProjectFile, scoreFilesOnly } from '../project/project-file.js';
import { fetchProjectSources } from './project-sources.js';

const GRAPH_FORMATS = ['mermaid', 'dot'] as const;

export function registerGraph(program: Command, ctx: CommandContext): void {
  program
    .command('graph')
    .description('draw the workloads, their resources and provisioners as a Mermaid or dot graph')
    .argument('[score-files...]', 'Score files to draw with the workloads score-ts.yaml lists')
    .addOption(formatOption(GRAPH_FORMATS, 'mermaid', 'mermaid or dot'))
    .option(
      `--provisioners ${SOURCE_VALUE}`,
      'include these files (or URLs) first, as `generate --provisioners` would; repeatable',
      collectValues,
    )
    .addHelpText(
      'after',
      `
Examples:
  score-ts graph                                        # the workloads score-ts.yaml lists
  score-ts graph api/score.yaml web/score.yaml > graph.mmd
  score-ts graph --format dot | dot -Tsvg > graph.svg
  score-ts graph score.yaml --provisioners ci/prod.provisioners.yaml

Solid arrows go from a workload to the resources it uses, labelled with its name for
the resource; dashed arrows go to the workload that a service, service-port, endpoint
or route resource names in params.workload (without it, a service, service-port or
endpoint names the workload called like the resource). Resources no provisioner serves, and
workloads named there but missing from the project, are drawn dashed in red.
Nothing is provisioned or written, and no resource output or secret is shown.`,
    )
    .action(async (given: string[], opts: { format: string; provisioners?: string[] }) => {
      const format = checkFormat(opts.format, GRAPH_FORMATS);
      const projectFile = loadProjectFile(ctx.io.cwd);
      const files = scoreFilesOnly(ctx.io.cwd, given, projectFile, (m) => ctx.reporter().warn(m));
      const stdinScoreFile = await readStdinScoreFile(ctx, files, opts.provisioners ?? []);
      const sources = await fetchProjectSources(ctx, ctx.reporter(), opts.provisioners ?? [], projectFile, false);
      const project = projectFile ? { projectFile, listedProvisioners: sources.listedProvisioners } : {};
      const graph = graphProject(
        { projectDir: ctx.io.cwd, scoreFiles: files, provisionerFiles: sources.runProvisioners, ...project, stdinScoreFile },
        ctx.reporter(),
      );
      ctx.io.stdout(renderGraph(graph, format));
    });
}
