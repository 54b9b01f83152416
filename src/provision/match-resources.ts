/**
 * Every resource of the run matched to its provisioner before anything is provisioned. A resource no
 * provisioner serves is an error (all of them reported together). A param that its provisioner does not list
 * in `supported_params` is not: as in score-k8s, the list is information, and Score files carry params meant
 * for other platforms. It is passed on, with one warning per provisioner and param.
 */
import { ProvisionError, formatDiagnostic, formatLocation, type Diagnostic } from '../base/errors.js';
import { fieldProblem } from '../base/diagnostics.js';
import { matchProvisioner, supportedTypes } from './match-provisioner.js';
import type { Provisioner } from './provisioner-file.js';
import type { ResourceGraph } from './resource-graph.js';

export interface MatchedResources {
  /** The provisioner of each resource uid. */
  readonly matched: Map<string, Provisioner>;
  /** One line per provisioner and param it does not list, for the run's summary. */
  readonly warnings: string[];
}

export function matchResources(graph: ResourceGraph, provisioners: readonly Provisioner[]): MatchedResources {
  const matched = new Map<string, Provisioner>();
  const problems: Diagnostic[] = [];
  // The first resource that sets each unlisted param, located only if its warning is shown.
  const unlisted = new Map<string, { first: () => Diagnostic; more: number }>();
  for (const node of graph.order) {
    const provisioner = matchProvisioner(node, provisioners);
    const { workload, name, spec } = node.declarations[0]!;
    const at = (path: Array<string | number>, message: string): Diagnostic => fieldProblem(workload.locate, path, message, true);
    if (!provisioner) {
      const types = supportedTypes(provisioners);
      problems.push(
        at(
          ['resources', name, 'type'],
          `no provisioner for type '${node.type}'${node.class !== 'default' ? ` and class '${node.class}'` : ''}; the loaded provisioners support: ${types.join(', ') || 'nothing'}`,
        ),
      );
      continue;
    }
    matched.set(node.uid, provisioner);
    const supported = provisioner.supportedParams;
    for (const param of Object.keys(spec.params ?? {})) {
      if (!supported || supported.includes(param)) continue;
      const key = `${provisioner.uri}\u0000${param}`;
      const seen = unlisted.get(key);
      if (seen) seen.more++;
      else unlisted.set(key, { first: () => at(['resources', name, 'params', param], unlistedMessage(provisioner, supported)), more: 0 });
    }
  }
  if (problems.length > 0)
    throw new ProvisionError('some resources cannot be provisioned', [
      ...problems,
      { location: {}, field: '', message: KEEP_PROVISIONERS_HINT },
    ]);
  return { matched, warnings: unlistedWarnings([...unlisted.values()]) };
}

/** Said under unmatched resources: a provisioner file given for one run is gone on the next. */
export const KEEP_PROVISIONERS_HINT =
  '--provisioners counts for one run only: `score-ts generate --provisioners FILE --save` (or listing it under provisioners in score-ts.yaml) keeps a provisioner file for every run';

/** At most this many warnings about unlisted params: a Score file with thousands of params gets a count. */
const MAX_PARAM_WARNINGS = 20;

function unlistedWarnings(unlisted: ReadonlyArray<{ first: () => Diagnostic; more: number }>): string[] {
  const shown = unlisted
    .slice(0, MAX_PARAM_WARNINGS)
    .map(({ first, more }) => formatDiagnostic(first()) + (more > 0 ? `; ${more} more resource${more === 1 ? '' : 's'} set it too` : ''));
  const left = unlisted.length - shown.length;
  return left > 0
    ? [
        ...shown,
        `${left} more params are not listed in the supported_params of their provisioners (only the first ${MAX_PARAM_WARNINGS} are shown)`,
      ]
    : shown;
}

function unlistedMessage(provisioner: Provisioner, supported: readonly string[]): string {
  const where = formatLocation({ file: provisioner.file, line: provisioner.line, column: 1 });
  return `provisioner ${provisioner.uri} at ${where} does not list this param in supported_params (${supported.join(', ') || 'none'}): it is passed on, and the provisioner may ignore it`;
}
