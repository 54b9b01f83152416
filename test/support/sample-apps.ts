/**
 * A Score sample app generated the way its Makefile runs score-k8s: the `init` step of `.score-k8s/state.yaml`
 * (without its provisioner and patch-template files: score-ts's built-ins stand in for the community
 * provisioners, and patch templates in Go's syntax are not read), then each `score-k8s generate` step of the
 * `manifests.yaml` target, in order, with the same files and flags, in a temporary copy of the sample folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { at, list, mapping, maybeMapping, text } from './fields.js';
import { scoreK8sSteps, withoutFlags } from './makefile-steps.js';
import { parseManifests, resolveContainer, serviceBackend, type K8sObject, type ResolvedContainer } from './resolve-env.js';
import { runIn, tempProject, type CliRun } from './run-cli.js';

/** One generate step: its arguments, the workloads of its files, what it printed and the manifests it wrote. */
export interface SampleStep {
  readonly args: readonly string[];
  readonly workloads: readonly string[];
  readonly run: CliRun;
  readonly manifests: string;
}

export interface SampleRun {
  readonly project: string;
  readonly init: CliRun | undefined;
  readonly steps: readonly SampleStep[];
}

/** Files whose score-k8s flags name provisioner and patch files: score-ts's built-ins stand in for them. */
const INIT_FLAGS_LEFT_OUT = ['--provisioners', '--patch-templates'];

export async function generateSample(sampleDir: string): Promise<SampleRun> {
  const makefile = readFileSync(path.join(sampleDir, 'Makefile'), 'utf8');
  const project = tempProject(sampleDir);
  const [init] = makefile.includes('.score-k8s/state.yaml:') ? scoreK8sSteps(makefile, '.score-k8s/state.yaml', 'init') : [];
  const initRun = init ? await runIn(project, withoutFlags(init, INIT_FLAGS_LEFT_OUT)) : undefined;
  const steps: SampleStep[] = [];
  for (const args of scoreK8sSteps(makefile, 'manifests.yaml', 'generate')) {
    const run = await runIn(project, args);
    const output = path.join(project, 'manifests.yaml');
    steps.push({
      args,
      workloads: scoreFiles(args).map((file) => workloadName(project, file)),
      run,
      manifests: existsSync(output) ? readFileSync(output, 'utf8') : '',
    });
  }
  if (steps.length === 0) throw new Error(`${sampleDir}/Makefile: the manifests.yaml target has no score-k8s generate step`);
  return { project, init: initRun, steps };
}

/** The Score files of generate arguments: the words that are neither flags nor flag values. */
export function scoreFiles(args: readonly string[]): string[] {
  const withValue = new Set([
    '-o',
    '--output',
    '-i',
    '--image',
    '--overrides-file',
    '--override-property',
    '--namespace',
    '-n',
    '--provisioners',
  ]);
  const files: string[] = [];
  for (let i = 1; i < args.length; i++) {
    if (withValue.has(args[i]!)) i++;
    else if (!args[i]!.startsWith('-')) files.push(args[i]!);
  }
  return files;
}

function workloadName(project: string, file: string): string {
  return (parse(readFileSync(path.join(project, file), 'utf8')) as { metadata: { name: string } }).metadata.name;
}

/** `containers.C.variables.V=VALUE` flags of a step, as container, variable and value (the value read as YAML). */
export function variableOverrides(args: readonly string[]): Array<{ container: string; variable: string; value: string }> {
  return args.flatMap((arg, i) => {
    if (args[i - 1] !== '--override-property') return [];
    const match = /^containers\.([^.=]+)\.variables\.([^.=]+)=(.*)$/s.exec(arg);
    return match ? [{ container: match[1]!, variable: match[2]!, value: String(parse(match[3]!)) }] : [];
  });
}

/** Every container of every Deployment, resolved as the kubelet would (environment, files). */
export function workloadContainers(
  objects: readonly K8sObject[],
): Array<{ workload: string; container: string; resolved: ResolvedContainer }> {
  return objects
    .filter((o) => o.kind === 'Deployment')
    .flatMap((d) =>
      list(d, 'spec', 'template', 'spec', 'containers').map((c) => ({
        workload: text(d, 'metadata', 'name'),
        container: text(c, 'name'),
        resolved: resolveContainer(objects, { workload: text(d, 'metadata', 'name'), container: text(c, 'name'), kind: 'Deployment' }),
      })),
    );
}

/** A data server of the output: a provisioner's StatefulSet behind a Service, its container resolved. */
export interface DataServer {
  readonly statefulSet: string;
  readonly image: string;
  /** The Services (name and port) that lead to it. */
  readonly addresses: ReadonlyArray<{ readonly host: string; readonly port: number }>;
  readonly container: ResolvedContainer;
}

/** What the downward API gives a server pod here (its address is a stand-in: there is no cluster). */
const POD_FIELDS = { 'status.podIP': '10.0.0.1', 'metadata.name': 'server-0', 'metadata.namespace': 'default' };

/** Every StatefulSet a provisioner made (it carries a resource uid), with the ClusterIP Services selecting it. */
export function dataServers(manifests: string): DataServer[] {
  const objects = parseManifests(manifests);
  const services = objects.filter((o) => o.kind === 'Service' && at(o, 'spec', 'clusterIP') !== 'None');
  return objects
    .filter((o) => o.kind === 'StatefulSet' && at(mapping(o, 'metadata'), 'annotations', 'score-ts.dev/resource-uid') !== undefined)
    .flatMap((set) => {
      const name = text(set, 'metadata', 'name');
      const labels = maybeMapping(mapping(set, 'spec', 'template'), 'metadata', 'labels') ?? {};
      const selecting = services.filter((svc) =>
        Object.entries(maybeMapping(mapping(svc, 'spec'), 'selector') ?? {}).every(([k, v]) => labels[k] === v),
      );
      const addresses = selecting.flatMap((svc) =>
        list(svc, 'spec', 'ports').map((p) => ({ host: text(svc, 'metadata', 'name'), port: Number(at(p, 'port')) })),
      );
      if (addresses.length === 0) return [];
      const { container } = serviceBackend(objects, addresses[0]!.host, addresses[0]!.port);
      const resolved = resolveContainer(objects, {
        workload: name,
        container: text(container, 'name'),
        kind: 'StatefulSet',
        fieldRefs: POD_FIELDS,
      });
      return [{ statefulSet: name, image: text(container, 'image'), addresses, container: resolved }];
    });
}

/** The server's user and password variables: `PREFIX_USER`/`PREFIX_USERNAME` with `PREFIX_PASSWORD`/`PREFIX_PASS`. */
export function serverCredentials(server: DataServer): Array<{ user: string; password: string }> {
  const env = server.container.env;
  return Object.keys(env).flatMap((name) => {
    const prefix = /^(.*)_USER(NAME)?$/.exec(name)?.[1];
    if (prefix === undefined) return [];
    const password = env[`${prefix}_PASSWORD`] ?? env[`${prefix}_PASS`];
    return password === undefined ? [] : [{ user: env[name]!, password }];
  });
}

/** The values of a container's environment that name one of the server's addresses (host, or host:port). */
export function valuesReaching(container: ResolvedContainer, server: DataServer): string[] {
  return Object.values(container.env).filter((value) =>
    server.addresses.some(({ host }) => new RegExp(`(^|[^-a-z0-9.])${host.replace(/[.]/g, '\\.')}([^-a-z0-9]|$)`).test(value)),
  );
}
