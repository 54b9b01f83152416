/**
 * The load stage before the lock and the pipeline: this run's --provisioners, and the provisioner files and
 * patch templates score-ts.yaml lists. A listed URL with an installed copy is read from the copy; one without
 * (a fresh clone) is fetched here, like a --provisioners URL.
 */
import { PATCH_TEMPLATE_COPIES, PROVISIONER_COPIES, resolveListedSources, type ResolvedSources } from '../sources/listed-sources.js';
import { NO_LISTED_SOURCES, type ListedSourceItems } from '../provision/provisioner-files.js';
import { fetchSources, type SourceItem } from '../sources/fetch-sources.js';
import type { LoadedProjectFile } from '../project/project-file.js';
import type { Reporter } from './io.js';
import { type CommandContext } from './command-context.js';
import { sourceOptions } from './source-options.js';

export interface ProjectSources {
  readonly runProvisioners: SourceItem[];
  readonly listedProvisioners: ListedSourceItems;
  readonly listedPatchTemplates: ListedSourceItems;
}

const NONE: ResolvedSources = { sources: [], covered: new Set(), vetted: new Set() };

export async function fetchProjectSources(
  ctx: CommandContext,
  reporter: Reporter,
  runProvisioners: readonly string[],
  file: LoadedProjectFile | undefined,
  withPatchTemplates: boolean,
): Promise<ProjectSources> {
  const provisioners = file?.data.provisioners ? resolveListedSources(ctx.io.cwd, file.data.provisioners, PROVISIONER_COPIES) : NONE;
  const patches =
    withPatchTemplates && file?.data.patchTemplates
      ? resolveListedSources(ctx.io.cwd, file.data.patchTemplates, PATCH_TEMPLATE_COPIES)
      : NONE;
  const [run, listed, patchTexts] = await fetchSources(
    [
      { flag: '--provisioners', values: runProvisioners },
      { flag: 'score-ts.yaml provisioners', values: urlsOf(provisioners) },
      { flag: 'score-ts.yaml patchTemplates', values: urlsOf(patches) },
    ],
    sourceOptions(ctx, reporter),
  );
  return {
    runProvisioners: run!,
    listedProvisioners: itemsOf(provisioners, listed!),
    listedPatchTemplates: withPatchTemplates ? itemsOf(patches, patchTexts!) : NO_LISTED_SOURCES,
  };
}

function urlsOf(resolved: ResolvedSources): string[] {
  return resolved.sources.filter((s) => s.kind === 'url').map((s) => s.value);
}

/** The listed sources in order, each URL replaced by its fetched text. */
function itemsOf(resolved: ResolvedSources, fetched: readonly SourceItem[]): ListedSourceItems {
  let next = 0;
  return {
    items: resolved.sources.map((s) => (s.kind === 'url' ? fetched[next++]! : s.value)),
    chosenByRepository: resolved.sources.map((s) => s.kind !== 'copy'),
    covered: resolved.covered,
    vetted: resolved.vetted,
  };
}
