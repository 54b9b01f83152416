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
import { at, isFields, mapping, mappings, maybeMapping, maybeNumber, maybeText, text, type Fields } from './fields.js';

/** A Kubernetes object as parsed: its fields are read with the accessors of ./fields.ts. */
export type K8sObject = Fields;

/** Reads a manifests stream the way kubectl does (YAML 1.1); a YAML error, or a document that is not a mapping, is thrown. */
export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text, { version: '1.1' }).flatMap((doc, i) => {
    if (doc.errors.length > 0) throw new Error(`manifests: ${doc.errors[0]!.message}`);
    const obj: unknown = doc.toJS();
    if (obj === null || obj === undefined) return [];
    if (!isFields(obj)) throw new Error(`manifests: document ${i + 1} is not a mapping`);
    return [obj];
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

const WORKLOAD_KINDS: readonly unknown[] = ['Deployment', 'StatefulSet'];

function isWorkloadKind(kind: unknown): kind is 'Deployment' | 'StatefulSet' {
  return WORKLOAD_KINDS.includes(kind);
}

/** The Deployment or StatefulSet named `name` (and of `kind`, when given); exactly one must exist. */
export function findWorkload(objects: readonly K8sObject[], name: string, kind?: string): K8sObject {
  const found = objects.filter((o) => (kind ? o.kind === kind : isWorkloadKind(o.kind)) && at(o, 'metadata', 'name') === name);
  if (found.length !== 1) throw new Error(`expected one ${kind ?? 'Deployment or StatefulSet'} named ${name}, found ${found.length}`);
  return found[0]!;
}

export function resolveContainer(objects: readonly K8sObject[], selector: ContainerSelector): ResolvedContainer {
  const workload = findWorkload(objects, selector.workload, selector.kind);
  const kind = text(workload, 'kind');
  const pod = maybeMapping(workload, 'spec', 'template', 'spec') ?? {};
  const containers = [...mappings(pod, 'initContainers'), ...mappings(pod, 'containers')];
  const container = containers.find((c) => c.name === selector.container);
  if (!container) {
    throw new Error(
      `${kind}/${selector.workload} has no container ${selector.container} (has: ${containers.map((c) => String(c.name)).join(', ')})`,
    );
  }
  const where = `${kind}/${selector.workload} container ${selector.container}`;
  const source = new ObjectSource(objects, maybeText(workload, 'metadata', 'namespace') ?? '', where);
  const unresolved = new Set<string>();
  const env = resolveEnv(container, source, unresolved, selector.fieldRefs ?? {});
  const expand = (list: unknown): string[] | undefined =>
    Array.isArray(list) ? list.map((s) => expandReferences(String(s), env, unresolved)) : undefined;
  return {
    env: Object.fromEntries(env),
    command: expand(container.command),
    args: expand(container.args),
    files: mountedFiles(container, mappings(pod, 'volumes'), source),
    unresolved: [...unresolved],
  };
}

/** envFrom first, then env in order; each `value` is expanded from the variables defined before it. */
function resolveEnv(
  container: K8sObject,
  source: ObjectSource,
  unresolved: Set<string>,
  fieldRefs: Readonly<Record<string, string>>,
): Map<string, string> {
  const env = new Map<string, string>();
  for (const from of mappings(container, 'envFrom')) {
    const secretRef = maybeMapping(from, 'secretRef');
    const ref = secretRef ?? maybeMapping(from, 'configMapRef');
    if (!ref) throw new Error(`${source.where}: envFrom ${Object.keys(from).join(', ')} is not modelled by the resolver`);
    const data = secretRef ? source.secretData(refName(ref), isOptional(ref)) : source.configMapData(refName(ref), isOptional(ref));
    for (const [key, value] of data ?? []) {
      // The kubelet skips keys that are not valid variable names; since RelaxedEnvironmentVariableValidation
      // (on by default from Kubernetes 1.32) that is any printable ASCII but '='.
      const name = `${maybeText(from, 'prefix') ?? ''}${key}`;
      if (/^[\x20-\x3c\x3e-\x7e]+$/.test(name)) env.set(name, value.toString('utf8'));
    }
  }
  for (const entry of mappings(container, 'env')) {
    const name = text(entry, 'name');
    const from = maybeMapping(entry, 'valueFrom');
    if (from === undefined) {
      env.set(name, expandReferences(scalarText(entry.value), env, unresolved));
      continue;
    }
    // valueFrom values are taken as they are: no `$(VAR)` expansion.
    const value = valueFrom(name, from, source, fieldRefs);
    if (value !== undefined) env.set(name, value);
  }
  return env;
}

/** A scalar as its text ('' when absent); a mapping or list has none. */
function scalarText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  throw new TypeError(`expected a scalar, found ${JSON.stringify(value)}`);
}

/** The object a secretRef / configMapRef / key selector names (Kubernetes' default name is ''). */
function refName(ref: Fields): string {
  return maybeText(ref, 'name') ?? '';
}

function isOptional(ref: Fields): boolean {
  return at(ref, 'optional') === true;
}

function valueFrom(name: string, from: Fields, source: ObjectSource, fieldRefs: Readonly<Record<string, string>>): string | undefined {
  const secretKeyRef = maybeMapping(from, 'secretKeyRef');
  if (secretKeyRef) return source.key('Secret', secretKeyRef, name)?.toString('utf8');
  const configMapKeyRef = maybeMapping(from, 'configMapKeyRef');
  if (configMapKeyRef) return source.key('ConfigMap', configMapKeyRef, name)?.toString('utf8');
  const field = at(from, 'fieldRef', 'fieldPath');
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
    return this.objects.find(
      (o) => o.kind === kind && at(o, 'metadata', 'name') === name && (at(o, 'metadata', 'namespace') ?? '') === this.namespace,
    );
  }

  /** A Secret's keys: `data` is base64; the API server merges `stringData` over it. */
  secretData(name: string, optional = false): Map<string, Buffer> | undefined {
    const secret = this.find('Secret', name);
    if (!secret) return this.missing(`Secret ${name}`, optional);
    const data = new Map<string, Buffer>();
    for (const [k, v] of Object.entries(maybeMapping(secret, 'data') ?? {}))
      data.set(k, decodeBase64(scalarText(v), `Secret ${name} key ${k}`));
    for (const [k, v] of Object.entries(maybeMapping(secret, 'stringData') ?? {})) data.set(k, Buffer.from(scalarText(v), 'utf8'));
    return data;
  }

  configMapData(name: string, optional = false, withBinary = false): Map<string, Buffer> | undefined {
    const configMap = this.find('ConfigMap', name);
    if (!configMap) return this.missing(`ConfigMap ${name}`, optional);
    const data = new Map<string, Buffer>();
    for (const [k, v] of Object.entries(maybeMapping(configMap, 'data') ?? {})) data.set(k, Buffer.from(scalarText(v), 'utf8'));
    if (withBinary)
      for (const [k, v] of Object.entries(maybeMapping(configMap, 'binaryData') ?? {}))
        data.set(k, decodeBase64(scalarText(v), `ConfigMap ${name} key ${k}`));
    return data;
  }

  /** One key of a secretKeyRef / configMapKeyRef (a ConfigMap's env values come from `data` only). */
  key(kind: 'Secret' | 'ConfigMap', ref: Fields, envName: string): Buffer | undefined {
    const name = refName(ref);
    const optional = isOptional(ref);
    const data = kind === 'Secret' ? this.secretData(name, optional) : this.configMapData(name, optional);
    if (!data) return undefined;
    const key = text(ref, 'key');
    const value = data.get(key);
    if (value === undefined && !optional) {
      throw new Error(
        `${this.where}: env ${envName}: ${kind} ${name} has no key ${key} (the pod would not start: CreateContainerConfigError)`,
      );
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
function mountedFiles(container: Fields, volumes: readonly Fields[], source: ObjectSource): Map<string, MountedFile> {
  const files = new Map<string, MountedFile>();
  for (const mount of mappings(container, 'volumeMounts')) {
    const volume = volumes.find((v) => v.name === mount.name);
    if (!volume) continue; // a volumeClaimTemplate or a missing volume: no files to read
    const content = volumeFiles(volume, source);
    const mountPath = text(mount, 'mountPath');
    const subPath = (maybeText(mount, 'subPath') ?? '').replace(/\/+$/, '');
    for (const [rel, file] of content) {
      if (subPath === '') files.set(joinPath(mountPath, rel), file);
      else if (rel === subPath) files.set(mountPath, file);
      else if (rel.startsWith(`${subPath}/`)) files.set(joinPath(mountPath, rel.slice(subPath.length + 1)), file);
    }
  }
  return files;
}

function volumeFiles(volume: Fields, source: ObjectSource): Map<string, MountedFile> {
  const secret = maybeMapping(volume, 'secret');
  if (secret) {
    const name = text(secret, 'secretName');
    return projectKeys(source.secretData(name, isOptional(secret)), secret, maybeNumber(secret, 'defaultMode'), `Secret ${name}`);
  }
  const configMap = maybeMapping(volume, 'configMap');
  if (configMap) {
    const name = refName(configMap);
    return projectKeys(
      source.configMapData(name, isOptional(configMap), true),
      configMap,
      maybeNumber(configMap, 'defaultMode'),
      `ConfigMap ${name}`,
    );
  }
  const files = new Map<string, MountedFile>();
  const defaultMode = maybeNumber(volume, 'projected', 'defaultMode');
  for (const part of mappings(volume, 'projected', 'sources')) {
    const partSecret = maybeMapping(part, 'secret');
    const partConfigMap = maybeMapping(part, 'configMap');
    const projected = partSecret
      ? projectKeys(
          source.secretData(refName(partSecret), isOptional(partSecret)),
          partSecret,
          defaultMode,
          `Secret ${refName(partSecret)}`,
        )
      : partConfigMap
        ? projectKeys(
            source.configMapData(refName(partConfigMap), isOptional(partConfigMap), true),
            partConfigMap,
            defaultMode,
            `ConfigMap ${refName(partConfigMap)}`,
          )
        : new Map<string, MountedFile>();
    for (const [k, v] of projected) files.set(k, v);
  }
  return files;
}

/** Every key as a file of its own name, or with `items` only the listed keys at their paths. */
function projectKeys(
  data: Map<string, Buffer> | undefined,
  spec: Fields,
  defaultMode: number | undefined,
  what: string,
): Map<string, MountedFile> {
  const files = new Map<string, MountedFile>();
  if (!data) return files;
  const baseMode = defaultMode ?? 0o644;
  if (spec.items === undefined || spec.items === null) {
    for (const [key, content] of data) files.set(key, { content, mode: baseMode });
    return files;
  }
  for (const item of mappings(spec, 'items')) {
    const key = text(item, 'key');
    const content = data.get(key);
    if (content === undefined) {
      if (isOptional(spec)) continue;
      throw new Error(`volume from ${what}: no key ${key} (the pod would not start)`);
    }
    files.set(text(item, 'path'), { content, mode: maybeNumber(item, 'mode') ?? baseMode });
  }
  return files;
}

function joinPath(dir: string, rel: string): string {
  return `${dir.replace(/\/+$/, '')}/${rel}`;
}

/** The pod template behind a Service: the Deployment / StatefulSet its selector matches, and the target port. */
export function serviceBackend(
  objects: readonly K8sObject[],
  serviceName: string,
  port: number,
): { workload: K8sObject; kind: 'Deployment' | 'StatefulSet'; container: K8sObject; containerPort: number } {
  const service = objects.find((o) => o.kind === 'Service' && at(o, 'metadata', 'name') === serviceName);
  if (!service) throw new Error(`no Service named ${serviceName} in the manifests`);
  const servicePort = mappings(service, 'spec', 'ports').find((p) => Number(p.port) === port);
  if (!servicePort) throw new Error(`Service ${serviceName} has no port ${port}`);
  const selector = Object.entries(maybeMapping(service, 'spec', 'selector') ?? {});
  if (selector.length === 0) throw new Error(`Service ${serviceName} has no selector`);
  const workloads = objects.filter(
    (o) => isWorkloadKind(o.kind) && selector.every(([k, v]) => at(o, 'spec', 'template', 'metadata', 'labels', k) === v),
  );
  if (workloads.length !== 1) throw new Error(`Service ${serviceName} selects ${workloads.length} pod templates, expected 1`);
  const workload = workloads[0]!;
  const kind = workload.kind;
  if (!isWorkloadKind(kind)) throw new Error(`Service ${serviceName}: ${String(kind)} is not a workload kind`);
  const target = servicePort.targetPort ?? servicePort.port;
  const containers = mappings(mapping(workload, 'spec', 'template', 'spec'), 'containers');
  for (const container of containers) {
    for (const p of mappings(container, 'ports')) {
      if ((typeof target === 'number' && p.containerPort === target) || (typeof target === 'string' && p.name === target)) {
        return { workload, kind, container, containerPort: Number(p.containerPort) };
      }
    }
  }
  // A numeric targetPort reaches the pod whether or not a container declares it.
  if (typeof target === 'number' && containers.length === 1) return { workload, kind, container: containers[0]!, containerPort: target };
  throw new Error(
    `Service ${serviceName} port ${port} targets ${String(target)}, which no container of ${kind}/${text(workload, 'metadata', 'name')} declares`,
  );
}
