/**
 * The cluster side of a data-service test: generate manifests for a workload `app` that reads a resource
 * of the given type, then resolve what its container and the database container would see.
 *
 * There is no cluster DNS and no Service here: the test follows the workload's host to the Service and the
 * pod template it selects (so that wiring is checked), and then stands a local server in for that pod, on
 * 127.0.0.1 and a free port. The workload's values are used as they are, except that host:port is replaced
 * by the local server's.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { text } from '../support/fields.js';
import { checkManifests } from '../support/k8s-check.js';
import { parseManifests, resolveContainer, serviceBackend, type K8sObject, type ResolvedContainer } from '../support/resolve-env.js';
import { runIn, tempProject } from '../support/run-cli.js';
import { removeDir } from './harness.js';

export interface DataService {
  readonly manifests: string;
  readonly objects: readonly K8sObject[];
  /** The workload container `app/main`. */
  readonly workload: ResolvedContainer;
  /** The database container behind the Service the workload's host names. */
  readonly database: ResolvedContainer & { readonly spec: K8sObject };
  /** The Service name and port the workload was given. */
  readonly host: string;
  readonly port: number;
}

/** `app`'s Score file: its variables, and one resource of `type`. */
export function scoreFile(type: string, resource: string, variables: Record<string, string>): string {
  const vars = Object.entries(variables)
    .map(([k, v]) => `      ${k}: ${JSON.stringify(v)}`)
    .join('\n');
  return `apiVersion: score.dev/v1b1
metadata:
  name: app
containers:
  main:
    image: busybox:1.36.1
    variables:
${vars}
resources:
  ${resource}:
    type: ${type}
`;
}

/** Which resource the workload declares and which of its variables hold the resource's host and port. */
export interface Names {
  readonly resource: string;
  readonly host: string;
  readonly port: string;
}

export async function generateDataService(
  type: string,
  variables: Record<string, string>,
  names: Names = { resource: 'db', host: 'DB_HOST', port: 'DB_PORT' },
): Promise<DataService> {
  const dir = tempProject();
  try {
    writeFileSync(path.join(dir, 'score.yaml'), scoreFile(type, names.resource, variables));
    const run = await runIn(dir, ['generate', 'score.yaml', '-o', '-']);
    if (run.code !== 0) throw new Error(`score-ts generate failed (${run.code}):\n${run.stderr}`);
    expect(checkManifests(run.stdout)).toEqual([]);
    return dataServiceFrom(run.stdout, names.host, names.port);
  } finally {
    removeDir(dir);
  }
}

/** Resolves the workload `app/main` and the database container its host and port lead to. */
export function dataServiceFrom(manifests: string, hostVariable = 'DB_HOST', portVariable = 'DB_PORT'): DataService {
  const objects = parseManifests(manifests);
  const workload = resolveContainer(objects, { workload: 'app', container: 'main', kind: 'Deployment' });
  expect(workload.unresolved).toEqual([]);
  const host = workload.env[hostVariable] ?? '';
  const port = Number(workload.env[portVariable]);
  // In-cluster names: `svc`, `svc.ns`, `svc.ns.svc` or `svc.ns.svc.cluster.local`.
  const serviceName = host.split('.')[0]!;
  const backend = serviceBackend(objects, serviceName, port);
  const database = resolveContainer(objects, {
    workload: text(backend.workload, 'metadata', 'name'),
    container: text(backend.container, 'name'),
    kind: backend.kind,
  });
  expect(database.unresolved).toEqual([]);
  return { manifests, objects, workload, database: { ...database, spec: backend.container }, host, port };
}

/** Replaces exactly one `host:port` in a connection URL by the local server's address; nothing else changes. */
export function localUrl(url: string, host: string, port: number, localPort: number): string {
  const authority = `@${host}:${port}`;
  const at = url.indexOf(authority);
  if (at === -1 || url.indexOf(authority, at + 1) !== -1)
    throw new Error(`the url does not name ${host}:${port} exactly once after its credentials`);
  return `${url.slice(0, at)}@127.0.0.1:${localPort}${url.slice(at + authority.length)}`;
}
