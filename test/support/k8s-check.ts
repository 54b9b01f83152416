/**
 * Checks generated manifests the way a cluster would: each object against the Kubernetes schema
 * (kubernetes-models), then the cross-references a schema cannot see.
 */
import { parseAllDocuments } from 'yaml';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute';
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import { at, isFields, mappings, maybeMapping, maybeText, type Fields } from './fields.js';

type Obj = Fields;

/** A model of the parsed object: the model's type is what validate() checks, so the data is passed as that type. */
function model<D>(Model: new (data: D) => { validate(): void }): (data: Obj) => { validate(): void } {
  return (data) => new Model(data as D);
}

const MODELS: Record<string, (data: Obj) => { validate(): void }> = {
  'v1/ConfigMap': model(ConfigMap),
  'v1/Namespace': model(Namespace),
  'v1/PersistentVolumeClaim': model(PersistentVolumeClaim),
  'v1/Secret': model(Secret),
  'v1/ServiceAccount': model(ServiceAccount),
  'v1/Service': model(Service),
  'apps/v1/Deployment': model(Deployment),
  'apps/v1/StatefulSet': model(StatefulSet),
  'batch/v1/Job': model(Job),
  'batch/v1/CronJob': model(CronJob),
  'networking.k8s.io/v1/Ingress': model(Ingress),
  'networking.k8s.io/v1/NetworkPolicy': model(NetworkPolicy),
  'gateway.networking.k8s.io/v1/HTTPRoute': model(HTTPRoute),
  'rbac.authorization.k8s.io/v1/ClusterRole': model(ClusterRole),
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': model(ClusterRoleBinding),
};

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_1035 = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

export interface CheckOptions {
  /** PersistentVolumeClaims that exist outside the manifests. */
  readonly externalClaims?: readonly string[];
  /** Secrets that exist outside the manifests (a production provisioner's credentials). */
  readonly externalSecrets?: readonly string[];
  /** Custom resources (`apiVersion/kind`) with no schema here, checked for shape and names only. */
  readonly customKinds?: readonly string[];
  /**
   * A StatefulSet's serviceName may name a Service that is not headless, or none: score-k8s's provisioners and
   * patch templates do this, and Kubernetes accepts it (its pods then have no DNS names of their own).
   */
  readonly nonHeadlessServiceNames?: boolean;
}

/** Parses a manifests stream as kubectl does (YAML 1.1) and returns every problem found. */
export function checkManifests(text: string, options: CheckOptions = {}): string[] {
  const docs = parseAllDocuments(text, { version: '1.1' });
  const problems: string[] = [];
  const objects: Obj[] = [];
  for (const [i, doc] of (Array.isArray(docs) ? docs : [docs]).entries()) {
    if (doc.errors.length > 0) problems.push(`YAML: ${doc.errors[0]!.message}`);
    const obj: unknown = doc.toJS();
    if (isFields(obj)) objects.push(obj);
    else if (obj !== null && obj !== undefined) problems.push(`YAML: document ${i + 1} is not a mapping`);
  }
  if (objects.length === 0) problems.push('no objects');
  for (const obj of objects) problems.push(...checkSchema(obj, options), ...shaped(obj, () => checkNames(obj)));
  problems.push(...checkUnique(objects), ...checkReferences(objects, options));
  return problems;
}

/** A field as the messages show it (`undefined` when absent). */
function show(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined');
}

function id(obj: Obj): string {
  return `${show(obj.kind)}/${show(isFields(obj.metadata) ? obj.metadata.name : undefined)}`;
}

/** The problems `check` finds in `obj`; a field of the wrong kind where the check reads (./fields.ts throws) is one too. */
function shaped(obj: Obj, check: () => string[]): string[] {
  try {
    return check();
  } catch (e) {
    if (e instanceof TypeError) return [`${id(obj)}: ${e.message}`];
    throw e;
  }
}

function checkSchema(obj: Obj, options: CheckOptions): string[] {
  const type = `${show(obj.apiVersion)}/${show(obj.kind)}`;
  if ((options.customKinds ?? []).includes(type)) return isFields(obj.spec) ? [] : [`${id(obj)}: no spec`];
  const modelOf = MODELS[type];
  if (!modelOf) return [`${id(obj)}: no schema known for ${show(obj.apiVersion)} ${show(obj.kind)}`];
  try {
    modelOf(obj).validate();
    return [];
  } catch (e) {
    return [`${id(obj)}: ${(e as Error).message}`];
  }
}

function checkNames(obj: Obj): string[] {
  const problems: string[] = [];
  const name = show(at(obj, 'metadata', 'name') ?? '');
  const rule = obj.kind === 'Service' ? DNS_1035 : obj.kind === 'Namespace' ? DNS_LABEL : DNS_SUBDOMAIN;
  if (!rule.test(name) || name.length > 253) problems.push(`${id(obj)}: invalid name`);
  const labelSets = [
    maybeMapping(obj, 'metadata', 'labels'),
    maybeMapping(obj, 'spec', 'template', 'metadata', 'labels'),
    maybeMapping(obj, 'spec', 'selector', 'matchLabels'),
    obj.kind === 'Service' ? maybeMapping(obj, 'spec', 'selector') : undefined,
  ];
  for (const labels of labelSets) {
    for (const [k, v] of Object.entries(labels ?? {})) {
      if (typeof v !== 'string' || !LABEL_VALUE.test(v) || v.length > 63)
        problems.push(`${id(obj)}: label ${k} has invalid value ${show(v)}`);
    }
  }
  for (const key of [...Object.keys(maybeMapping(obj, 'data') ?? {}), ...Object.keys(maybeMapping(obj, 'binaryData') ?? {})]) {
    if (!CONFIG_KEY.test(key)) problems.push(`${id(obj)}: invalid data key ${key}`);
  }
  return problems;
}

function checkUnique(objects: readonly Obj[]): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const o of objects) {
    const metadata = isFields(o.metadata) ? o.metadata : {};
    const key = `${show(o.apiVersion)}/${show(o.kind)}/${show(metadata.namespace ?? '')}/${show(metadata.name)}`;
    if (seen.has(key)) problems.push(`duplicate object ${key}`);
    seen.add(key);
  }
  return problems;
}

/** The pod template of a workload (a CronJob's is in its jobTemplate). */
function podTemplateOf(obj: Obj): Obj | undefined {
  return obj.kind === 'CronJob' ? maybeMapping(obj, 'spec', 'jobTemplate', 'spec', 'template') : maybeMapping(obj, 'spec', 'template');
}

function podSpecOf(obj: Obj): Obj | undefined {
  return maybeMapping(podTemplateOf(obj), 'spec');
}

function checkReferences(objects: readonly Obj[], options: CheckOptions): string[] {
  const problems: string[] = [];
  const find = (kind: string, name: string) => objects.find((o) => o.kind === kind && isFields(o.metadata) && o.metadata.name === name);
  for (const obj of objects) problems.push(...shaped(obj, () => checkObjectReferences(obj, objects, find, options)));
  return problems;
}

function checkObjectReferences(
  obj: Obj,
  objects: readonly Obj[],
  find: (kind: string, name: string) => Obj | undefined,
  options: CheckOptions,
): string[] {
  const problems: string[] = [];
  if (obj.kind === 'Service' && maybeMapping(obj, 'spec', 'selector')) problems.push(...checkServiceSelector(obj, objects));
  const pod = podSpecOf(obj);
  if (!pod) return problems;
  const matchLabels = maybeMapping(obj, 'spec', 'selector', 'matchLabels') ?? {};
  const podLabels = maybeMapping(podTemplateOf(obj), 'metadata', 'labels');
  for (const [k, v] of Object.entries(matchLabels))
    if (podLabels?.[k] !== v) problems.push(`${id(obj)}: selector ${k}=${show(v)} does not match the pod labels`);
  if (obj.kind === 'StatefulSet' && !options.nonHeadlessServiceNames) {
    const serviceName = at(obj, 'spec', 'serviceName');
    const svc = typeof serviceName === 'string' ? find('Service', serviceName) : undefined;
    if (!svc || at(svc, 'spec', 'clusterIP') !== 'None')
      problems.push(`${id(obj)}: serviceName ${show(serviceName)} is not a headless Service in the output`);
  }
  const claimTemplates = mappings(obj, 'spec', 'volumeClaimTemplates').map((t) => at(t, 'metadata', 'name'));
  problems.push(...checkPod(id(obj), pod, find, options, claimTemplates));
  return problems;
}

function checkServiceSelector(svc: Obj, objects: readonly Obj[]): string[] {
  const selector = Object.entries(maybeMapping(svc, 'spec', 'selector') ?? {});
  const matches = objects.some((o) => {
    const labels = podSpecOf(o) ? (maybeMapping(o, 'spec', 'template', 'metadata', 'labels') ?? {}) : undefined;
    return labels && selector.every(([k, v]) => labels[k] === v);
  });
  return matches ? [] : [`${id(svc)}: selector matches no pod template in the output`];
}

function checkPod(
  owner: string,
  pod: Obj,
  find: (kind: string, name: string) => Obj | undefined,
  options: CheckOptions,
  claimTemplateNames: readonly unknown[] = [],
): string[] {
  const problems: string[] = [];
  const podVolumes = mappings(pod, 'volumes');
  const volumes = new Map<unknown, Obj>(podVolumes.map((v) => [v.name, v]));
  if (volumes.size !== podVolumes.length) problems.push(`${owner}: duplicate volume names`);
  const claimTemplates = new Set<unknown>(claimTemplateNames);
  const containers = [...mappings(pod, 'initContainers'), ...mappings(pod, 'containers')];
  const names = new Set(containers.map((c) => c.name));
  if (names.size !== containers.length) problems.push(`${owner}: duplicate container names`);
  for (const c of containers) {
    const container = show(c.name);
    if (!c.image) problems.push(`${owner}: container ${container} has no image`);
    const paths = new Set<unknown>();
    for (const m of mappings(c, 'volumeMounts')) {
      if (!volumes.has(m.name) && !claimTemplates.has(m.name))
        problems.push(`${owner}: container ${container} mounts unknown volume ${show(m.name)}`);
      if (paths.has(m.mountPath)) problems.push(`${owner}: container ${container} mounts ${show(m.mountPath)} twice`);
      paths.add(m.mountPath);
      if (typeof m.subPath === 'string' && (m.subPath.startsWith('/') || m.subPath.split('/').includes('..')))
        problems.push(`${owner}: subPath ${m.subPath} must be relative`);
    }
    for (const e of mappings(c, 'env')) {
      const secretRef = maybeMapping(e, 'valueFrom', 'secretKeyRef');
      const ref = secretRef ?? maybeMapping(e, 'valueFrom', 'configMapKeyRef');
      if (!ref) continue;
      const kind = secretRef ? 'Secret' : 'ConfigMap';
      const refName = maybeText(ref, 'name') ?? '';
      const key = show(ref.key);
      const target = find(kind, refName);
      if (!target && kind === 'Secret' && (options.externalSecrets ?? []).includes(refName)) continue;
      if (!target) problems.push(`${owner}: env ${show(e.name)} refers to missing ${kind} ${refName}`);
      else if (!Object.hasOwn(maybeMapping(target, 'data') ?? {}, key) && !Object.hasOwn(maybeMapping(target, 'stringData') ?? {}, key))
        problems.push(`${owner}: env ${show(e.name)} refers to missing key ${key} of ${kind} ${refName}`);
    }
  }
  for (const v of volumes.values()) problems.push(...checkVolume(owner, v, find, options));
  return problems;
}

function checkVolume(owner: string, v: Obj, find: (kind: string, name: string) => Obj | undefined, options: CheckOptions): string[] {
  const configMap = maybeMapping(v, 'configMap');
  const secret = maybeMapping(v, 'secret');
  const source = configMap
    ? { kind: 'ConfigMap', name: maybeText(configMap, 'name') ?? '', items: mappings(configMap, 'items') }
    : secret
      ? { kind: 'Secret', name: maybeText(secret, 'secretName') ?? '', items: mappings(secret, 'items') }
      : undefined;
  if (source) {
    const target = find(source.kind, source.name);
    if (!target) return [`${owner}: volume ${show(v.name)} refers to missing ${source.kind} ${source.name}`];
    const keys = new Set<unknown>([
      ...Object.keys(maybeMapping(target, 'data') ?? {}),
      ...Object.keys(maybeMapping(target, 'binaryData') ?? {}),
      ...Object.keys(maybeMapping(target, 'stringData') ?? {}),
    ]);
    return source.items.filter((i) => !keys.has(i.key)).map((i) => `${owner}: volume ${show(v.name)} wants missing key ${show(i.key)}`);
  }
  if (maybeMapping(v, 'persistentVolumeClaim')) {
    const claim = maybeText(v, 'persistentVolumeClaim', 'claimName') ?? '';
    if (!find('PersistentVolumeClaim', claim) && !(options.externalClaims ?? []).includes(claim))
      return [`${owner}: volume ${show(v.name)} refers to missing PersistentVolumeClaim ${claim}`];
  }
  return [];
}
