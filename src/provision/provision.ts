/**
 * The resource stage: each resource, in dependency order, is matched to a provisioner, its params are
 * expanded (they may read outputs of resources provisioned before it), and the provisioner gives its state,
 * a patch to the shared state (merged here, resource after resource), outputs and manifests. The records of
 * this run become the next project state.
 */
import { ProvisionError } from '../base/errors.js';
import { expandText, PlaceholderError, type ExpandContext } from '../convert/expand.js';
import { sortedEntries } from '../base/sorted.js';
import { serviceName } from '../convert/names.js';
import type { ResourceRecord } from '../project/state.js';
import type { Manifest, WorkloadInput } from '../base/types.js';
import { Diagnostics } from '../base/diagnostics.js';
import { mapStrings } from '../base/plain-data.js';
import { checkOutputReferences } from './check-outputs.js';
import { matchResources } from './match-resources.js';
import { ProvisionFailures } from './provision-failures.js';
import { runsProgram, type Provisioner } from './provisioner-file.js';
import type { ProvisionRequest, ProvisionResult, WorkloadService } from './provision-request.js';
import { cryptoRandom, randomUuid, seededRandom } from '../base/random.js';
import { buildResourceGraph, checkPreviousRecords, type ResourceGraph, type ResourceNode } from './resource-graph.js';
import { CommandError } from './run-cmd-provisioner.js';
import { StageError } from './run-template-provisioner.js';
import { runByKind } from './run-by-kind.js';
import { applyMergePatch } from '../base/merge-patch.js';
import { SecretRefCodec, SecretRefError } from '../base/secret-ref.js';
import { collectSecretValues, type SecretValues } from './secret-values.js';
import { provisionerSource, sourced, type SourcedManifest } from '../base/manifest-source.js';
import { checkEnvironmentReads } from './check-env-reads.js';
import { NO_ENV_ALLOWED, templateEnv, type EnvAllowList } from '../templates/env-allow-list.js';
import { checkObjects, type ObjectProblem } from '../check/check-objects.js';
import { problemLine } from '../check/problem-line.js';
import { type WaitFor } from '../convert/wait-for.js';

export interface ProvisionOptions {
  readonly provisioners: readonly Provisioner[];
  /** Records of the previous run, by uid. */
  readonly previous: Readonly<Record<string, ResourceRecord>>;
  readonly sharedState: Readonly<Record<string, unknown>>;
  readonly namespace?: string | undefined;
  /** Derive generated values from this secret instead of the random source (CI without state). */
  readonly seed?: string | undefined;
  readonly projectDir: string;
  /** The environment of the generate run, read by the getenv helper. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** The variables the built-in environment provisioner may read (--allow-env); none by default. */
  readonly envAllowList?: EnvAllowList | undefined;
  /** The run's secret references (a new token when not given). */
  readonly secretRefs?: SecretRefCodec | undefined;
  /** Let cmd:// provisioners that score-ts.yaml's sources bring run their programs (--allow-project-cmd). */
  readonly allowProjectCmd?: boolean | undefined;
}

/** The options of a run, with its environment (without score-ts's own variables) and its secret references. */
type RunOptions = ProvisionOptions & { readonly env: Readonly<Record<string, string | undefined>>; readonly secretRefs: SecretRefCodec };

export interface ProvisionedResources {
  /**
   * The objects, each with the provisioner and resource that made it, in order. The output may take them as it
   * writes them, emptying the list, so that a large project's are not all kept to the end.
   */
  readonly sourcedManifests: SourcedManifest[];
  readonly records: Record<string, ResourceRecord>;
  readonly sharedState: Record<string, unknown>;
  readonly secretValues: SecretValues;
  /** The secret references of the outputs, manifests and records. */
  readonly secretRefs: SecretRefCodec;
  /** Outputs of a workload's resource, or undefined if the workload declares no such resource. */
  outputs(workload: string, resource: string): Readonly<Record<string, unknown>> | undefined;
  /** Where to check that a workload's resource accepts connections, when its provisioner says. */
  waitFor(workload: string, resource: string): WaitFor | undefined;
  /** For the run's summary: params that a resource's provisioner does not list (they are passed on). */
  readonly warnings: readonly string[];
  /** `apiVersion kind` of custom provisioners' objects that had no schema to be checked against (-v). */
  readonly uncheckedKinds: readonly string[];
}

export function provisionResources(workloads: readonly WorkloadInput[], given: ProvisionOptions): ProvisionedResources {
  // Templates never see score-ts's own variables (the seed among them).
  const options: RunOptions = { ...given, env: templateEnv(given.env ?? {}), secretRefs: given.secretRefs ?? SecretRefCodec.fresh() };
  const graph = buildResourceGraph(workloads);
  checkPreviousRecords(graph, options.previous);
  const { matched, warnings } = matchResources(graph, options.provisioners);
  const referenced = checkOutputReferences(workloads, graph, matched);
  checkEnvironmentReads(workloads, graph, matched, options.envAllowList ?? NO_ENV_ALLOWED);
  const services = workloadServices(workloads);
  const shared = structuredClone(options.sharedState) as Record<string, unknown>;
  const records: Record<string, ResourceRecord> = { ...options.previous };
  const outputsByUid = new Map<string, Record<string, unknown>>();
  const waits = new Map<string, WaitFor>();
  const manifests: Manifest[] = [];
  const sourcedManifests: SourcedManifest[] = [];
  const failures = new ProvisionFailures();
  const unchecked = new Set<string>();
  for (const node of graph.order) {
    if (failures.skips(node)) continue;
    const provisioner = matched.get(node.uid)!;
    try {
      const request = {
        ...buildRequest(node, graph, outputsByUid, options, services, shared),
        references: [...(referenced.get(node.uid) ?? [])].sort(),
      };
      const result = runProvisioner(node, provisioner, request, options, unchecked);
      // The one place the shared state changes: each resource's patch, in order, once it has succeeded.
      applyMergePatch(shared, result.shared);
      outputsByUid.set(node.uid, result.outputs);
      if (result.waitFor) waits.set(node.uid, result.waitFor);
      manifests.push(...result.manifests);
      sourcedManifests.push(...sourced(result.manifests, provisionerSource(provisioner, node.uid, request.sourceWorkload)));
      records[node.uid] = record(node, request, provisioner, result);
    } catch (e) {
      if (!(e instanceof ProvisionError)) throw e;
      failures.add(node, e);
    }
  }
  failures.throwIfAny();
  const secretValues = collectSecretValues(manifests, outputsByUid.values(), options.secretRefs);
  for (const uid of outputsByUid.keys()) {
    const values = secretValues.forOutputs(records[uid]!.outputs);
    if (values) records[uid]!.secretValues = values;
  }
  return {
    sourcedManifests,
    records,
    sharedState: shared,
    secretValues,
    secretRefs: options.secretRefs,
    outputs: (workload, resource) => {
      const uid = graph.uidOf(workload, resource);
      return uid === undefined ? undefined : outputsByUid.get(uid);
    },
    waitFor: (workload, resource) => {
      const uid = graph.uidOf(workload, resource);
      return uid === undefined ? undefined : waits.get(uid);
    },
    warnings,
    uncheckedKinds: [...unchecked].sort(),
  };
}

function buildRequest(
  node: ResourceNode,
  graph: ResourceGraph,
  outputsByUid: ReadonlyMap<string, Record<string, unknown>>,
  options: ProvisionOptions,
  workloadServices: Record<string, WorkloadService>,
  shared: Readonly<Record<string, unknown>>,
): Omit<ProvisionRequest, 'references'> {
  const { workload, name, spec } = node.declarations[0]!;
  const previous = options.previous[node.uid];
  const ctx: ExpandContext = {
    metadata: workload.spec.metadata,
    resourceOutputs: (other) => {
      const uid = graph.uidOf(workload.name, other);
      return uid === undefined ? undefined : outputsByUid.get(uid);
    },
  };
  return {
    uid: node.uid,
    guid: previous?.guid ?? randomUuid(randomFor(node.uid, options, 'guid')),
    type: node.type,
    class: node.class,
    id: node.id,
    params: expandParams(spec.params ?? {}, ['resources', name, 'params'], ctx, workload),
    metadata: spec.metadata ?? {},
    state: previous?.state ?? {},
    shared,
    sourceWorkload: workload.name,
    workloadServices,
    namespace: options.namespace ?? '',
  };
}

function randomFor(uid: string, options: ProvisionOptions, scope: string) {
  return options.seed ? seededRandom(options.seed, `${uid}\u0000${scope}`) : cryptoRandom();
}

/** Params with placeholders expanded, keeping their structure; every problem is reported. */
function expandParams(
  params: Record<string, unknown>,
  path: Array<string | number>,
  ctx: ExpandContext,
  workload: WorkloadInput,
): Record<string, unknown> {
  const problems = new Diagnostics(workload.locate);
  const expanded = mapStrings(
    params,
    (text, at) => problems.attempt(at, PlaceholderError, () => expandText(text, ctx)) ?? text,
    path,
  ) as Record<string, unknown>;
  if (problems.list.length > 0) throw new ProvisionError('resource params cannot be expanded', problems.list);
  return expanded;
}

function runProvisioner(
  node: ResourceNode,
  provisioner: Provisioner,
  request: ProvisionRequest,
  options: RunOptions,
  unchecked: Set<string>,
): ProvisionResult {
  const { workload, name } = node.declarations[0]!;
  const fail = (message: string | readonly string[], line?: number, output?: string): never => {
    const location = line ? { file: provisioner.file, line, column: 1 } : workload.locate(['resources', name], true);
    const field = line ? '' : `resources.${name}`;
    // A provisioner's message may quote a param that holds a secret reference: show where it points, never its token.
    const problems = (typeof message === 'string' ? [message] : message).map((m) => ({
      location,
      field,
      message: options.secretRefs.mask(m),
      ...(output ? { output: options.secretRefs.mask(output) } : {}),
    }));
    throw new ProvisionError(`resource '${name}' of workload '${workload.name}' (${node.uid}) failed`, problems);
  };
  if (provisioner.chosenByRepository && runsProgram(provisioner) && !options.allowProjectCmd) fail(REPOSITORY_PROGRAM(provisioner));
  let result: ProvisionResult;
  try {
    result = runByKind(provisioner, request, {
      random: randomFor(node.uid, options, 'templates'),
      env: options.env,
      envAllowList: options.envAllowList ?? NO_ENV_ALLOWED,
      secretRefs: options.secretRefs,
      workloadMetadata: workload.spec.metadata,
      projectDir: options.projectDir,
    });
  } catch (e) {
    if (e instanceof StageError)
      return fail(
        e.problems.map((problem) => `${provisioner.uri}, stage ${e.stage}: ${problem}`),
        e.line,
      );
    if (e instanceof CommandError) return fail(`${provisioner.uri}: ${firstLine(e.message)}`, undefined, linesAfterFirst(e.message));
    if (e instanceof SecretRefError) return fail(`${provisioner.uri}: ${e.message}`);
    throw e;
  }
  const missing = (provisioner.expectedOutputs ?? []).filter((o) => !Object.hasOwn(result.outputs, o));
  if (missing.length > 0) fail(`${provisioner.uri} did not give the outputs it promises: ${missing.join(', ')}`);
  const bad = result.manifests.find(
    (m) => typeof m.apiVersion !== 'string' || typeof m.kind !== 'string' || typeof m.metadata?.name !== 'string',
  );
  if (bad) fail(`${provisioner.uri} made a manifest without apiVersion, kind and metadata.name`);
  // Built-in provisioners' objects are proven by the test suite: the schemas load only for others'.
  if (provisioner.origin !== 'built-in' && result.manifests.length > 0) {
    const check = checkObjects(result.manifests);
    for (const kind of check.unchecked) unchecked.add(kind);
    if (check.problems.length > 0) throw objectProblems(node, provisioner, check.problems, (text) => options.secretRefs.mask(text));
  }
  return result;
}

/**
 * A problem is located at the line of the manifests template that writes its field, when one line does; else at
 * the template's first line, or at the entry when it has no template of ours (cmd://, Go templates).
 */
function objectProblems(
  node: ResourceNode,
  provisioner: Provisioner,
  problems: readonly ObjectProblem[],
  mask: (text: string) => string,
): ProvisionError {
  const { workload, name } = node.declarations[0]!;
  const template = provisioner.kind === 'template' ? provisioner.templates.manifests : undefined;
  const diagnostics = problems.map((p) => ({
    location: { file: provisioner.file, line: problemLine(template, p.key) ?? template?.firstLine ?? provisioner.line, column: 1 },
    field: '',
    // An object's name may be made from a param holding a secret reference: show where it points, never its token.
    message: mask(`${provisioner.uri}, stage manifests: ${p.message}`),
  }));
  return new ProvisionError(
    `resource '${name}' of workload '${workload.name}' (${node.uid}) made objects that Kubernetes would refuse`,
    diagnostics,
  );
}

const REPOSITORY_PROGRAM = (p: Provisioner): string =>
  `${p.uri} would run a program, and ${p.file} comes from a source that score-ts.yaml lists: a file the repository chooses does not run programs (they would get this run's environment) unless the person running generate allows it with --allow-project-cmd`;

/** A cmd:// program's stderr follows the first line of its error: shown as its own lines, under the diagnostic. */
const firstLine = (message: string): string => message.split('\n')[0]!;
const linesAfterFirst = (message: string): string => message.split('\n').slice(1).join('\n');

function record(node: ResourceNode, request: ProvisionRequest, provisioner: Provisioner, result: ProvisionResult): ResourceRecord {
  return {
    type: node.type,
    class: node.class,
    id: node.id,
    guid: request.guid,
    provisioner: provisioner.uri,
    sourceWorkload: request.sourceWorkload,
    state: result.state,
    outputs: result.outputs,
  };
}

/**
 * Each workload's Service name and ports, for provisioners that point at other workloads: `ports` by name and
 * `portsByNumber` by port number (the first by name when two share a number), so a template finds a port by
 * either with one lookup, however many ports there are.
 */
function workloadServices(workloads: readonly WorkloadInput[]): Record<string, WorkloadService> {
  return Object.fromEntries(
    workloads.map((w) => {
      const ports = sortedEntries(w.spec.service?.ports).map(
        ([portName, p]) => [portName, { port: p.port, targetPort: p.targetPort ?? p.port, protocol: p.protocol ?? 'TCP' }] as const,
      );
      const portsByNumber: Record<string, WorkloadService['ports'][string]> = {};
      for (const [, port] of ports) portsByNumber[String(port.port)] ??= port;
      return [w.name, { serviceName: serviceName(w.name), ports: Object.fromEntries(ports), portsByNumber }];
    }),
  );
}
