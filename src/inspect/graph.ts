/**
 * `score-ts graph`: the project as a graph of workloads, the resources they use (one node per resource uid,
 * with the provisioner that would serve it) and the workloads they point at. Nothing is provisioned or
 * written; the workloads are score-ts.yaml's (or, in a project of an older score-ts, the state's), and no
 * output or secret value of the state is used.
 */
import { compareStrings } from '../base/sorted.js';
import { loadProvisionersFor, type ListedSourceItems, type ProvisionerSource } from '../provision/provisioner-files.js';
import { type Logger } from '../base/logger.js';
import { emptyState, loadState } from '../project/state.js';
import { matchProvisioner } from '../provision/match-provisioner.js';
import type { Provisioner } from '../provision/provisioner-file.js';
import { buildResourceGraph } from '../provision/resource-graph.js';
import type { WorkloadInput } from '../base/types.js';
import { loadProjectWorkloads } from '../load/project-workloads.js';
import type { LoadedProjectFile } from '../project/project-file.js';
import { checkProjectFilePaths, knownWorkloads } from '../project/project-definition.js';
import { protectedFiles } from '../project/output-files.js';

export interface GraphWorkload {
  /** The node id: safe in Mermaid and dot. */
  readonly id: string;
  readonly name: string;
  /** False for a workload that a resource points at but the project does not have. */
  readonly inProject: boolean;
}

export interface GraphResource {
  readonly id: string;
  readonly uid: string;
  /** The uri of the provisioner that serves it (first match), or undefined when none matches. */
  readonly provisioner?: string;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  /** `uses`: a workload declares a resource; `link`: a workload's resource points at another workload. */
  readonly kind: 'uses' | 'link';
}

export interface ProjectGraph {
  /** By name. */
  readonly workloads: readonly GraphWorkload[];
  /** By uid. */
  readonly resources: readonly GraphResource[];
  /** Uses by workload then resource name, then links by workload then resource name. */
  readonly edges: readonly GraphEdge[];
}

export interface GraphOptions {
  readonly projectDir: string;
  readonly scoreFiles: readonly string[];
  /** Provisioner files or folders matched before the project's, as for `generate --provisioners` (or their fetched text). */
  readonly provisionerFiles: readonly ProvisionerSource[];
  /** The text of the Score file given as `-` (standard input). */
  readonly stdinScoreFile?: string | undefined;
  /** score-ts.yaml, when the project has one, and the provisioner files it lists. */
  readonly projectFile?: LoadedProjectFile | undefined;
  readonly listedProvisioners?: ListedSourceItems | undefined;
}

/** Resource types whose `params.workload` names the workload they connect to (see networking.provisioners.yaml). */
const LINK_TYPES: readonly string[] = ['endpoint', 'route', 'service', 'service-port'];

/** Of those, the types that connect to the workload named like the resource when `params.workload` is not set. */
const NAMED_LINK_TYPES: readonly string[] = ['endpoint', 'service', 'service-port'];

/** Loads the project and builds its graph; warns about each unmatched resource and missing workload. */
export function graphProject(options: GraphOptions, log: Logger): ProjectGraph {
  const state = loadState(options.projectDir) ?? emptyState();
  checkProjectFilePaths(options.projectFile, {
    projectDir: options.projectDir,
    allowOutside: false,
    protectedFiles: protectedFiles(options.projectDir, state.outputFiles, undefined),
  });
  const loadOptions = {
    projectDir: options.projectDir,
    scoreFiles: options.scoreFiles,
    readFileSources: false,
    command: 'graph',
    projectFile: options.projectFile !== undefined,
    stdinScoreFile: options.stdinScoreFile,
  };
  const workloads = loadProjectWorkloads(loadOptions, knownWorkloads(options.projectFile, state), log);
  const provisioners = loadProvisionersFor(options.projectDir, workloads, options.provisionerFiles, options.listedProvisioners);
  const graph = buildProjectGraph(workloads, provisioners);
  warnAboutMarked(graph, log);
  return graph;
}

/** What the graph draws as a problem is something generate would fail on: say so on stderr too. */
function warnAboutMarked(graph: ProjectGraph, log: Logger): void {
  for (const r of graph.resources) {
    if (r.provisioner === undefined)
      log.warn(`no provisioner serves resource ${r.uid}: it is drawn as unmatched, and generate fails until one is added`);
  }
  for (const w of graph.workloads) {
    if (!w.inProject)
      log.warn(
        `workload '${w.name}' is named in params.workload (or by a resource's name) but is not in the project: it is drawn as missing`,
      );
  }
}

/** The graph of loaded workloads, matching each resource as generate does (first match wins). */
export function buildProjectGraph(workloads: readonly WorkloadInput[], provisioners: readonly Provisioner[]): ProjectGraph {
  const sorted = [...workloads].sort((a, b) => compareStrings(a.name, b.name));
  const resourceGraph = buildResourceGraph(sorted);
  const nodes = [...resourceGraph.order].sort((a, b) => compareStrings(a.uid, b.uid));
  const resources = nodes.map((node, i): GraphResource => {
    const provisioner = matchProvisioner(node, provisioners)?.uri;
    return { id: `r${i + 1}`, uid: node.uid, ...(provisioner !== undefined ? { provisioner } : {}) };
  });
  const links = workloadLinks(sorted);
  const graphWorkloads = workloadNodes(
    sorted.map((w) => w.name),
    links.map((l) => l.to),
  );
  const workloadId = new Map(graphWorkloads.map((w) => [w.name, w.id]));
  const resourceId = new Map(resources.map((r) => [r.uid, r.id]));
  const uses = sorted.flatMap((w) =>
    resourceNames(w).map((name): GraphEdge => ({
      from: workloadId.get(w.name)!,
      to: resourceId.get(resourceGraph.uidOf(w.name, name)!)!,
      label: name,
      kind: 'uses',
    })),
  );
  const linkEdges = links.map((l): GraphEdge => ({
    from: workloadId.get(l.from)!,
    to: workloadId.get(l.to)!,
    label: l.label,
    kind: 'link',
  }));
  return { workloads: graphWorkloads, resources, edges: [...uses, ...linkEdges] };
}

interface WorkloadLink {
  readonly from: string;
  readonly to: string;
  readonly label: string;
}

/**
 * A resource of a link type whose `params.workload` names another workload; without that param, a service,
 * service-port or endpoint names the workload called like the resource (the last dot-separated part of its
 * id, or its name), as the built-in provisioners read it. A value with a placeholder is known only once
 * provisioned, so it draws no link.
 */
function workloadLinks(workloads: readonly WorkloadInput[]): WorkloadLink[] {
  return workloads.flatMap((w) =>
    resourceNames(w).flatMap((name) => {
      const spec = w.spec.resources![name]!;
      const given = spec.params?.workload;
      const target = given === undefined && NAMED_LINK_TYPES.includes(spec.type) ? (spec.id ?? name).split('.').pop()! : given;
      const namesOther = typeof target === 'string' && target !== '' && target !== w.name && !target.includes('${');
      return LINK_TYPES.includes(spec.type) && namesOther ? [{ from: w.name, to: target, label: `${name} (${spec.type})` }] : [];
    }),
  );
}

/** The project's workloads and the missing ones links point at, by name, numbered in that order. */
function workloadNodes(names: readonly string[], linkTargets: readonly string[]): GraphWorkload[] {
  const inProject = new Set(names);
  const all = [...new Set([...names, ...linkTargets])].sort(compareStrings);
  return all.map((name, i) => ({ id: `w${i + 1}`, name, inProject: inProject.has(name) }));
}

function resourceNames(workload: WorkloadInput): string[] {
  return Object.keys(workload.spec.resources ?? {}).sort(compareStrings);
}
