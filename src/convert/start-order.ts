/**
 * `containers.X.before.Y.ready: R` means X starts first and Y starts once X has reached R (the reading of
 * the Score proposal and of score-compose). Kubernetes expresses that with init containers, which all run
 * before the main containers:
 *   complete -> a plain init container (runs to completion);
 *   started  -> a native sidecar (init container with restartPolicy Always);
 *   healthy  -> a native sidecar whose startupProbe is its readinessProbe.
 */
import type { Container } from '../base/types.js';
import type { Diagnostics } from '../base/diagnostics.js';

export type StartRole = 'complete' | 'started' | 'healthy';

export interface StartOrder {
  /** Containers that run as init containers, in start order, with how each must be ready. */
  readonly init: ReadonlyArray<{ name: string; role: StartRole }>;
  /** The remaining containers, in file order. */
  readonly main: readonly string[];
}

export function planStartOrder(containers: Readonly<Record<string, Container>>, problems: Diagnostics): StartOrder {
  const names = Object.keys(containers);
  const edges = new Map<string, string[]>(names.map((n) => [n, []]));
  const roles = new Map<string, StartRole>();
  for (const [name, container] of Object.entries(containers)) {
    for (const [next, { ready }] of Object.entries(container.before ?? {})) {
      const path = ['containers', name, 'before', next];
      if (next === name) problems.add(path, 'a container cannot start before itself', true);
      else if (!edges.has(next))
        problems.add(path, `there is no container '${next}' in this workload (containers: ${names.join(', ')})`, true);
      else edges.get(name)!.push(next);
      const role = combineRoles(roles.get(name), ready);
      if (role === undefined)
        problems.add(
          ['containers', name, 'before'],
          "mixes 'complete' and 'healthy': a container cannot both run to completion and stay healthy",
        );
      else roles.set(name, role);
    }
  }
  const order = topologicalOrder(names, edges);
  if (!order) {
    const cycle = findCycle(names, edges);
    problems.add(['containers', cycle[0] ?? '', 'before'], `the 'before' start order has a cycle: ${cycle.join(' -> ')}`);
    return { init: [], main: names };
  }
  for (const [name, role] of roles) checkRole(name, role, containers[name]!, problems);
  return {
    init: order.filter((n) => roles.has(n)).map((name) => ({ name, role: roles.get(name)! })),
    main: names.filter((n) => !roles.has(n)),
  };
}

function combineRoles(current: StartRole | undefined, ready: StartRole): StartRole | undefined {
  if (current === undefined || current === ready) return ready;
  const pair = new Set([current, ready]);
  if (pair.has('complete') && pair.has('healthy')) return undefined;
  return pair.has('complete') ? 'complete' : 'healthy';
}

function checkRole(name: string, role: StartRole, container: Container, problems: Diagnostics): void {
  if (role === 'complete') {
    for (const probe of ['livenessProbe', 'readinessProbe'] as const) {
      if (container[probe])
        problems.add(
          ['containers', name, probe],
          `'${name}' runs to completion before other containers start (before: ready: complete), and such init containers cannot have probes in Kubernetes; remove the probe`,
        );
    }
  }
  if (role === 'healthy' && !container.readinessProbe) {
    problems.add(['containers', name, 'before'], `'ready: healthy' needs a readinessProbe on '${name}' to tell when it is healthy`);
  }
}

/** Kahn's algorithm, taking ready containers in file order so the result is stable. */
function topologicalOrder(names: readonly string[], edges: ReadonlyMap<string, string[]>): string[] | undefined {
  const incoming = new Map(names.map((n) => [n, 0]));
  for (const targets of edges.values()) for (const t of targets) incoming.set(t, incoming.get(t)! + 1);
  const order: string[] = [];
  const done = new Set<string>();
  while (order.length < names.length) {
    const next = names.find((n) => !done.has(n) && incoming.get(n) === 0);
    if (next === undefined) return undefined;
    order.push(next);
    done.add(next);
    for (const t of edges.get(next)!) incoming.set(t, incoming.get(t)! - 1);
  }
  return order;
}

function findCycle(names: readonly string[], edges: ReadonlyMap<string, string[]>): string[] {
  const visiting: string[] = [];
  const finished = new Set<string>();
  const visit = (n: string): string[] | undefined => {
    const at = visiting.indexOf(n);
    if (at >= 0) return [...visiting.slice(at), n];
    if (finished.has(n)) return undefined;
    visiting.push(n);
    for (const t of edges.get(n)!) {
      const cycle = visit(t);
      if (cycle) return cycle;
    }
    visiting.pop();
    finished.add(n);
    return undefined;
  };
  for (const n of names) {
    const cycle = visit(n);
    if (cycle) return cycle;
  }
  return [];
}
