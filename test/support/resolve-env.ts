/**
 * What a container would see if the manifests were applied: its environment, command, args and the files
 * mounted from Secrets and ConfigMaps, computed the way the kubelet does (pkg/kubelet/kubelet_pods.go
 * makeEnvironmentVariables, third_party/forked/golang/expansion). Tests use it to prove that generated
 * manifests work, by handing the resolved values to real programs.
 *
 * Not modelled: the Service link variables (`FOO_SERVICE_HOST`, ...; a `$(VAR)` naming one stays as written
 * and is listed in `unresolved`), resourceFieldRef and the fieldRefs a test gives no value for (an error),
 * and the image's own ENTRYPOINT/CMD
 * (`command`/`args` are undefined when the manifest leaves them out).
 */
import { parseAllDocuments } from 'yaml';

export type K8sObject = Record<string, any>;

/** Reads a manifests stream the way kubectl does (YAML 1.1); a YAML error is thrown, not skipped. */
export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text, { version: '1.1' }).flatMap((doc) => {
    if (doc.errors.length > 0) throw new Error(`manifests: ${doc.errors[0]!.message}`);
    const obj = doc.toJS() as K8sObject | null;
    return obj ? [obj] : [];
  });
}

export interface MountedFile {
  readonly content: Buffer;
  /** The file mode the kubelet gives it (item mode, else the volume's defaultMode, else 0644). */
  readonly mode: number;
}

export interface ResolvedContainer {
  /** The final environment; a name declared twice has its last value, as in the kubelet. */
  readonly env: Readonly<Record<string, string>>;
  /** After `$(VAR)` expansion; undefined when the image's own entrypoint / cmd would apply. */
  readonly command: readonly string[] | undefined;
  readonly args: readonly string[] | undefined;
  /** Files mounted from Secret, ConfigMap and projected volumes, by absolute path in the container. */
  readonly files: ReadonlyMap<string, MountedFile>;
  /** Names in `$(NAME)` references that named no variable, so Kubernetes left them as written. */
  readonly unresolved: readonly string[];
}

export interface ContainerSelector {
  /** Deployment or StatefulSet name. */
  readonly workload: string;
  /** A container or init container of its pod template. */
  readonly container: string;
  readonly kind?: 'Deployment' | 'StatefulSet';
  /** Values of downward-API fields (`status.podIP`: '10.0.0.1'); a fieldRef to any other is an error. */
  readonly fieldRefs?: Readonly<Record<string, string>>;
}

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet'];

/** The Deployment or StatefulSet named `name` (and of `kind`, when given); exactly one must exist. */
export function findWorkload(objects: readonly K8sObject[], name: string, kind?: string): K8sObject {
  const found = objects.filter((o) => (kind ? o.kind === kind : WORKLOAD_KINDS.includes(o.kind)) && o.metadata?.name === name);
  if (found.length !== 1) throw new Error(`expected one ${kind ?? 'Deployment or StatefulSet'} named ${name}, found ${found.length}`);
  return found[0]!;
}

export function resolveContainer(objects: readonly K8sObject[], selector: ContainerSelector): ResolvedContainer {
  const workload = findWorkload(objects, selector.workload, selector.kind);
  const pod = workload.spec?.template?.spec ?? {};
  const containers: K8sObject[] = [...(pod.initContainers ?? []), ...(pod.containers ?? [])];
  const container = containers.find((c) => c.name === selector.container);
  if (!container) {
    throw new Error(`${workload.kind}/${selector.workload} has no container ${selector.container} (has: ${containers.map((c) => c.name).join(', ')})`);
  }
  const where = `${workload.kind}/${selector.workload} container ${selector.container}`;
  const source = new ObjectSource(objects, workload.metadata?.namespace ?? '', where);
  const unresolved = new Set<string>();
  const env = resolveEnv(container, source, unresolved, selector.fieldRefs ?? {});
  const expand = (list: unknown): string[] | undefined => (Array.isArray(list) ? list.map((s) => expandReferences(String(s), env, unresolved)) : undefined);
  return {
    env: Object.fromEntries(env),
    command: expand(container.command),
    args: expand(container.args),
    files: mountedFiles(container, pod.volumes ?? [], source),
    unresolved: [...unresolved],
  };
}

/** envFrom first, then env in order; each `value` is expanded from the variables defined before it. */
function resolveEnv(container: K8sObject, source: ObjectSource, unresolved: Set<string>, fieldRefs: Readonly<Record<string, string>>): Map<string, string> {
  const env = new Map<string, string>();
  for (const from of container.envFrom ?? []) {
    const ref = from.secretRef ?? from.configMapRef;
    const data = from.secretRef ? source.secretData(ref.name, ref.optional) : source.configMapData(ref.name, ref.optional);
    for (const [key, value] of data ?? []) {
      // The kubelet skips keys that are not valid variable names; since RelaxedEnvironmentVariableValidation
      // (on by default from Kubernetes 1.32) that is any printable ASCII but '='.
      const name = `${from.prefix ?? ''}${key}`;
      if (/^[\x20-\x3c\x3e-\x7e]+$/.test(name)) env.set(name, value.toString('utf8'));
    }
  }
  for (const entry of container.env ?? []) {
    if (entry.valueFrom === undefined) {
      env.set(entry.name, expandReferences(String(entry.value ?? ''), env, unresolved));
      continue;
    }
    // valueFrom values are taken as they are: no `$(VAR)` expansion.
    const value = valueFrom(entry.name, entry.valueFrom, source, fieldRefs);
    if (value !== undefined) env.set(entry.name, value);
  }
  return env;
}

function valueFrom(name: string, from: K8sObject, source: ObjectSource, fieldRefs: Readonly<Record<string, string>>): string | undefined {
  if (from.secretKeyRef) return source.key('Secret', from.secretKeyRef, name)?.toString('utf8');
  if (from.configMapKeyRef) return source.key('ConfigMap', from.configMapKeyRef, name)?.toString('utf8');
  const field = from.fieldRef?.fieldPath;
  if (typeof field === 'string' && Object.hasOwn(fieldRefs, field)) return fieldRefs[field];
  throw new Error(`${source.where}: env ${name}: valueFrom ${Object.keys(from).join(', ')} is not modelled by the resolver`);
}

/**
 * Kubernetes' `$(VAR)` expansion, as third_party/forked/golang/expansion/expand.go: `$(NAME)` becomes the value
 * of NAME when it is defined and stays as written when not, `$$` becomes `$`, any other `$` is kept, and an
 * unclosed `$(` is kept as written.
 */
export function expandReferences(input: string, vars: ReadonlyMap<string, string>, unresolved?: Set<string>): string {
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const next = input[cursor + 1];
    let advance = 1;
    if (next === '$') out += '$';
    else if (next === '(') {
      const close = input.indexOf(')', cursor + 2);
      if (close === -1) out += '$(';
      else {
        const name = input.slice(cursor + 2, close);
        const value = vars.get(name);
        if (value === undefined) unresolved?.add(name);
        out += value ?? `$(${name})`;
        advance = close - cursor;
      }
    } else out += `$${next}`;
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}

/** Secrets and ConfigMaps of the pod's namespace, with Kubernetes' rules for missing ones. */
class ObjectSource {
  constructor(
    private readonly objects: readonly K8sObject[],
    private readonly namespace: string,
    readonly where: string,
  ) {}

  private find(kind: string, name: string): K8sObject | undefined {
    return this.objects.find((o) => o.kind === kind && o.metadata?.name === name && (o.metadata?.namespace ?? '') === this.namespace);
  }

  /** A Secret's keys: `data` is base64; the API server merges `stringData` over it. */
  secretData(name: string, optional = false): Map<string, Buffer> | undefined {
    const secret = this.find('Secret', name);
    if (!secret) return this.missing(`Secret ${name}`, optional);
    const data = new Map<string, Buffer>();
    for (const [k, v] of Object.entries(secret.data ?? {})) data.set(k, decodeBase64(String(v), `Secret ${name} key ${k}`));
    for (const [k, v] of Object.entries(secret.stringData ?? {})) data.set(k, Buffer.from(String(v), 'utf8'));
    return data;
  }

  configMapData(name: string, optional = false, withBinary = false): Map<string, Buffer> | undefined {
    const configMap = this.find('ConfigMap', name);
    if (!configMap) return this.missing(`ConfigMap ${name}`, optional);
    const data = new Map<string, Buffer>();
    for (const [k, v] of Object.entries(configMap.data ?? {})) data.set(k, Buffer.from(String(v), 'utf8'));
    if (withBinary) for (const [k, v] of Object.entries(configMap.binaryData ?? {})) data.set(k, decodeBase64(String(v), `ConfigMap ${name} key ${k}`));
    return data;
  }

  /** One key of a secretKeyRef / configMapKeyRef (a ConfigMap's env values come from `data` only). */
  key(kind: 'Secret' | 'ConfigMap', ref: K8sObject, envName: string): Buffer | undefined {
    const data = kind === 'Secret' ? this.secretData(ref.name, ref.optional) : this.configMapData(ref.name, ref.optional);
    if (!data) return undefined;
    const value = data.get(ref.key);
    if (value === undefined && !ref.optional) {
      throw new Error(`${this.where}: env ${envName}: ${kind} ${ref.name} has no key ${ref.key} (the pod would not start: CreateContainerConfigError)`);
    }
    return value;
  }

  private missing(what: string, optional: boolean): undefined {
    if (optional) return undefined;
    throw new Error(`${this.where}: ${what} is not in the manifests (the pod would not start)`);
  }
}

function decodeBase64(text: string, what: string): Buffer {
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) throw new Error(`${what}: not valid base64`);
  return Buffer.from(clean, 'base64');
}

/** The files of every Secret / ConfigMap / projected volume the container mounts, at their paths. */
function mountedFiles(container: K8sObject, volumes: readonly K8sObject[], source: ObjectSource): Map<string, MountedFile> {
  const files = new Map<string, MountedFile>();
  for (const mount of container.volumeMounts ?? []) {
    const volume = volumes.find((v) => v.name === mount.name);
    if (!volume) continue; // a volumeClaimTemplate or a missing volume: no files to read
    const content = volumeFiles(volume, source);
    const subPath = String(mount.subPath ?? '').replace(/\/+$/, '');
    for (const [rel, file] of content) {
      if (subPath === '') files.set(joinPath(mount.mountPath, rel), file);
      else if (rel === subPath) files.set(mount.mountPath, file);
      else if (rel.startsWith(`${subPath}/`)) files.set(joinPath(mount.mountPath, rel.slice(subPath.length + 1)), file);
    }
  }
  return files;
}

function volumeFiles(volume: K8sObject, source: ObjectSource): Map<string, MountedFile> {
  if (volume.secret) return projectKeys(source.secretData(volume.secret.secretName, volume.secret.optional), volume.secret, volume.secret.defaultMode, `Secret ${volume.secret.secretName}`);
  if (volume.configMap) return projectKeys(source.configMapData(volume.configMap.name, volume.configMap.optional, true), volume.configMap, volume.configMap.defaultMode, `ConfigMap ${volume.configMap.name}`);
  const files = new Map<string, MountedFile>();
  for (const part of volume.projected?.sources ?? []) {
    const projected = part.secret
      ? projectKeys(source.secretData(part.secret.name, part.secret.optional), part.secret, volume.projected.defaultMode, `Secret ${part.secret.name}`)
      : part.configMap
        ? projectKeys(source.configMapData(part.configMap.name, part.configMap.optional, true), part.configMap, volume.projected.defaultMode, `ConfigMap ${part.configMap.name}`)
        : new Map<string, MountedFile>();
    for (const [k, v] of projected) files.set(k, v);
  }
  return files;
}

/** Every key as a file of its own name, or with `items` only the listed keys at their paths. */
function projectKeys(data: Map<string, Buffer> | undefined, spec: K8sObject, defaultMode: number | undefined, what: string): Map<string, MountedFile> {
  const files = new Map<string, MountedFile>();
  if (!data) return files;
  const baseMode = defaultMode ?? 0o644;
  if (!spec.items) {
    for (const [key, content] of data) files.set(key, { content, mode: baseMode });
    return files;
  }
  for (const item of spec.items) {
    const content = data.get(item.key);
    if (content === undefined) {
      if (spec.optional) continue;
      throw new Error(`volume from ${what}: no key ${item.key} (the pod would not start)`);
    }
    files.set(item.path, { content, mode: item.mode ?? baseMode });
  }
  return files;
}

function joinPath(dir: string, rel: string): string {
  return `${dir.replace(/\/+$/, '')}/${rel}`;
}

/** The pod template behind a Service: the Deployment / StatefulSet its selector matches, and the target port. */
export function serviceBackend(objects: readonly K8sObject[], serviceName: string, port: number): { workload: K8sObject; container: K8sObject; containerPort: number } {
  const service = objects.find((o) => o.kind === 'Service' && o.metadata?.name === serviceName);
  if (!service) throw new Error(`no Service named ${serviceName} in the manifests`);
  const servicePort = (service.spec?.ports ?? []).find((p: K8sObject) => Number(p.port) === port);
  if (!servicePort) throw new Error(`Service ${serviceName} has no port ${port}`);
  const selector = Object.entries((service.spec?.selector ?? {}) as Record<string, string>);
  if (selector.length === 0) throw new Error(`Service ${serviceName} has no selector`);
  const workloads = objects.filter((o) => WORKLOAD_KINDS.includes(o.kind) && selector.every(([k, v]) => o.spec?.template?.metadata?.labels?.[k] === v));
  if (workloads.length !== 1) throw new Error(`Service ${serviceName} selects ${workloads.length} pod templates, expected 1`);
  const workload = workloads[0]!;
  const target = servicePort.targetPort ?? servicePort.port;
  for (const container of workload.spec.template.spec.containers ?? []) {
    for (const p of container.ports ?? []) {
      if ((typeof target === 'number' && p.containerPort === target) || (typeof target === 'string' && p.name === target)) {
        return { workload, container, containerPort: p.containerPort };
      }
    }
  }
  // A numeric targetPort reaches the pod whether or not a container declares it.
  const only = workload.spec.template.spec.containers ?? [];
  if (typeof target === 'number' && only.length === 1) return { workload, container: only[0], containerPort: target };
  throw new Error(`Service ${serviceName} port ${port} targets ${String(target)}, which no container of ${workload.kind}/${workload.metadata.name} declares`);
}
