/**
 * The resources of all workloads as a graph: one node per resource uid (two workloads that declare the same
 * `id` share one node), edges from params that read other resources' outputs, and a dependency order.
 */
import { ProvisionError, type Diagnostic } from '../base/errors.js';
import { resourcePlaceholders } from '../convert/placeholders.js';
import type { ResourceSpec, WorkloadInput } from '../base/types.js';
import { fieldProblem } from '../base/diagnostics.js';
import type { ResourceRecord } from '../project/state.js';
import { canonicalJson, forEachString } from '../base/plain-data.js';

/** One `resources.NAME` entry of one workload. */
export interface ResourceDeclaration {
  readonly workload: WorkloadInput;
  readonly name: string;
  readonly spec: ResourceSpec;
}

export interface ResourceNode {
  readonly uid: string;
  readonly type: string;
  readonly class: string;
  readonly id: string;
  /** Every declaration of this resource; the first one (by workload name) supplies params and metadata. */
  readonly declarations: ResourceDeclaration[];
  /** uids of the resources whose outputs this one's params read. */
  readonly dependsOn: Set<string>;
}

export interface ResourceGraph {
  /** Nodes in dependency order: every node after the nodes it depends on. */
  readonly order: readonly ResourceNode[];
  /** The uid of a workload's resource. */
  uidOf(workload: string, resource: string): string | undefined;
}

/**
 * `type.class#id`, or `type.class#workload.name` for a resource without an id (score-go's format). Types and
 * classes have no dot, workload and resource names have none either, so the two forms meet only when an id has
 * exactly one dot: such ids are refused (checkSharedIds), and a shared id never reaches a private resource.
 */
export function resourceUid(workload: string, name: string, spec: ResourceSpec): string {
  return `${spec.type}.${spec.class ?? 'default'}#${spec.id ?? `${workload}.${name}`}`;
}

export function buildResourceGraph(workloads: readonly WorkloadInput[]): ResourceGraph {
  checkSharedIds(workloads);
  const nodes = new Map<string, ResourceNode>();
  // Workload name, then resource name: looked up for every placeholder, so no key string is built.
  const uids = new Map<string, Map<string, string>>();
  for (const workload of workloads) {
    const ofWorkload = uids.get(workload.name) ?? new Map<string, string>();
    uids.set(workload.name, ofWorkload);
    for (const [name, spec] of Object.entries(workload.spec.resources ?? {})) {
      const uid = resourceUid(workload.name, name, spec);
      ofWorkload.set(name, uid);
      const node = nodes.get(uid) ?? {
        uid,
        type: spec.type,
        class: spec.class ?? 'default',
        id: spec.id ?? `${workload.name}.${name}`,
        declarations: [],
        dependsOn: new Set<string>(),
      };
      const first = node.declarations[0];
      if (first && canonicalJson(first.spec.params ?? {}) !== canonicalJson(spec.params ?? {})) {
        throw new ProvisionError(`resource ${uid} is declared with different params`, [
          fieldProblem(
            workload.locate,
            ['resources', name, 'params'],
            `differs from the params of the same resource (id '${spec.id}') in ${first.workload.file}; a shared resource has one set of params`,
          ),
        ]);
      }
      node.declarations.push({ workload, name, spec });
      nodes.set(uid, node);
    }
  }
  const uidOf = (workload: string, resource: string) => uids.get(workload)?.get(resource);
  addDependencies(nodes, uidOf);
  return { order: dependencyOrder(nodes), uidOf };
}

/** An id of the form LABEL.LABEL is the uid of workload LABEL's private resource LABEL: refused, wherever it is. */
function checkSharedIds(workloads: readonly WorkloadInput[]): void {
  const problems = workloads.flatMap((workload) =>
    Object.entries(workload.spec.resources ?? {}).flatMap(([name, spec]) => {
      const parts = spec.id?.split('.') ?? [];
      if (parts.length !== 2) return [];
      const uid = resourceUid(workload.name, name, spec);
      return [
        fieldProblem(
          workload.locate,
          ['resources', name, 'id'],
          `'${spec.id}' has the form WORKLOAD.RESOURCE of a private resource (${uid} is resource '${parts[1]}' of a workload '${parts[0]}'), so sharing it could reach another workload's own resource; use an id without a dot, such as '${parts.join('-')}' (or with two dots or more)`,
        ),
      ];
    }),
  );
  if (problems.length > 0) throw new ProvisionError('some shared resource ids have the form of a private resource', problems);
}

/**
 * A state written before one-dot ids were refused may keep a shared resource's record under a private uid: made
 * for workload x's `id: api.db`, kept as postgres.default#api.db. Its generated values (passwords) went to x, so
 * workload api's own resource db must not take them over. A private record always names its own workload.
 */
export function checkPreviousRecords(graph: ResourceGraph, previous: Readonly<Record<string, ResourceRecord>>): void {
  const problems = graph.order.flatMap((node) => {
    const record = Object.hasOwn(previous, node.uid) ? previous[node.uid] : undefined;
    const { workload, name, spec } = node.declarations[0]!;
    if (
      record === undefined ||
      spec.id !== undefined ||
      typeof record.sourceWorkload !== 'string' ||
      record.sourceWorkload === workload.name
    )
      return [];
    return [
      {
        location: workload.locate(['resources', name], true),
        field: `resources.${name}`,
        message: `the project state's record of ${node.uid} was made for workload '${record.sourceWorkload}' (a shared id '${record.id}', refused since), which got its generated values; remove the entry '${node.uid}' under resources in .score-ts/state.yaml, and generate again to provision this resource anew`,
      },
    ];
  });
  if (problems.length > 0) throw new ProvisionError('the project state gave a private resource the record of a shared one', problems);
}

function addDependencies(nodes: ReadonlyMap<string, ResourceNode>, uidOf: ResourceGraph['uidOf']): void {
  const problems: Diagnostic[] = [];
  for (const node of nodes.values()) {
    for (const { workload, name, spec } of node.declarations) {
      forEachString(spec.params, ['resources', name, 'params'], (text, path) => {
        for (const ref of resourcePlaceholders(text).flatMap((p) => p.ref[1] ?? [])) {
          const uid = uidOf(workload.name, ref);
          if (uid) node.dependsOn.add(uid);
          else
            problems.push(
              fieldProblem(workload.locate, path, `\${resources.${ref}...} refers to a resource this workload does not declare`),
            );
        }
      });
    }
  }
  if (problems.length > 0) throw new ProvisionError('resource params refer to unknown resources', problems);
}

/** Depth-first post-order over nodes in declaration order: stable, and finds cycles. */
function dependencyOrder(nodes: ReadonlyMap<string, ResourceNode>): ResourceNode[] {
  const order: ResourceNode[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: ResourceNode[] = [];
  const visit = (node: ResourceNode): void => {
    const seen = state.get(node.uid);
    if (seen === 'done') return;
    if (seen === 'visiting') throw cycleError([...stack.slice(stack.indexOf(node)), node]);
    state.set(node.uid, 'visiting');
    stack.push(node);
    for (const uid of [...node.dependsOn].sort()) visit(nodes.get(uid)!);
    stack.pop();
    state.set(node.uid, 'done');
    order.push(node);
  };
  for (const node of nodes.values()) visit(node);
  return order;
}

function cycleError(cycle: readonly ResourceNode[]): ProvisionError {
  const first = cycle[0]!.declarations[0]!;
  const names = cycle.map((n) => n.declarations.find((d) => d.workload === first.workload)?.name ?? n.uid);
  return new ProvisionError('resources depend on each other in a cycle', [
    fieldProblem(
      first.workload.locate,
      ['resources', first.name, 'params'],
      `the params form a cycle: ${names.join(' -> ')}; break it by removing one of these placeholders`,
    ),
  ]);
}
