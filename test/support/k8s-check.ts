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

type Obj = Record<string, any>;

const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'v1/Secret': Secret,
  'v1/ServiceAccount': ServiceAccount,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'batch/v1/Job': Job,
  'batch/v1/CronJob': CronJob,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'gateway.networking.k8s.io/v1/HTTPRoute': HTTPRoute,
  'rbac.authorization.k8s.io/v1/ClusterRole': ClusterRole,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': ClusterRoleBinding,
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
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length > 0) problems.push(`YAML: ${doc.errors[0]!.message}`);
    const obj = doc.toJS() as Obj | null;
    if (obj) objects.push(obj);
  }
  if (objects.length === 0) problems.push('no objects');
  for (const obj of objects) problems.push(...checkSchema(obj, options), ...checkNames(obj));
  problems.push(...checkUnique(objects), ...checkReferences(objects, options));
  return problems;
}

function id(obj: Obj): string {
  return `${obj.kind}/${obj.metadata?.name}`;
}

function checkSchema(obj: Obj, options: CheckOptions): string[] {
  if ((options.customKinds ?? []).includes(`${obj.apiVersion}/${obj.kind}`)) return typeof obj.spec === 'object' ? [] : [`${id(obj)}: no spec`];
  const Model = MODELS[`${obj.apiVersion}/${obj.kind}`];
  if (!Model) return [`${id(obj)}: no schema known for ${obj.apiVersion} ${obj.kind}`];
  try {
    new Model(obj).validate();
    return [];
  } catch (e) {
    return [`${id(obj)}: ${(e as Error).message}`];
  }
}

function checkNames(obj: Obj): string[] {
  const problems: string[] = [];
  const name = String(obj.metadata?.name ?? '');
  const rule = obj.kind === 'Service' ? DNS_1035 : obj.kind === 'Namespace' ? DNS_LABEL : DNS_SUBDOMAIN;
  if (!rule.test(name) || name.length > 253) problems.push(`${id(obj)}: invalid name`);
  const labelSets = [obj.metadata?.labels, obj.spec?.template?.metadata?.labels, obj.spec?.selector?.matchLabels, obj.kind === 'Service' ? obj.spec?.selector : undefined];
  for (const labels of labelSets) {
    for (const [k, v] of Object.entries((labels ?? {}) as Record<string, unknown>)) {
      if (typeof v !== 'string' || !LABEL_VALUE.test(v) || v.length > 63) problems.push(`${id(obj)}: label ${k} has invalid value ${String(v)}`);
    }
  }
  for (const key of [...Object.keys(obj.data ?? {}), ...Object.keys(obj.binaryData ?? {})]) {
    if (!CONFIG_KEY.test(key)) problems.push(`${id(obj)}: invalid data key ${key}`);
  }
  return problems;
}

function checkUnique(objects: readonly Obj[]): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const o of objects) {
    const key = `${o.apiVersion}/${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
    if (seen.has(key)) problems.push(`duplicate object ${key}`);
    seen.add(key);
  }
  return problems;
}

function podSpecOf(obj: Obj): Obj | undefined {
  if (obj.kind === 'CronJob') return obj.spec?.jobTemplate?.spec?.template?.spec;
  return obj.spec?.template?.spec;
}

function checkReferences(objects: readonly Obj[], options: CheckOptions): string[] {
  const problems: string[] = [];
  const find = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata?.name === name);
  for (const obj of objects) {
    if (obj.kind === 'Service' && obj.spec?.selector) problems.push(...checkServiceSelector(obj, objects));
    const pod = podSpecOf(obj);
    if (!pod) continue;
    const matchLabels = obj.spec?.selector?.matchLabels ?? {};
    const podLabels = obj.kind === 'CronJob' ? obj.spec.jobTemplate.spec.template.metadata?.labels : obj.spec.template.metadata?.labels;
    for (const [k, v] of Object.entries(matchLabels)) if (podLabels?.[k] !== v) problems.push(`${id(obj)}: selector ${k}=${String(v)} does not match the pod labels`);
    if (obj.kind === 'StatefulSet' && !options.nonHeadlessServiceNames) {
      const svc = find('Service', obj.spec.serviceName);
      if (!svc || svc.spec?.clusterIP !== 'None') problems.push(`${id(obj)}: serviceName ${obj.spec.serviceName} is not a headless Service in the output`);
    }
    const claimTemplates = (obj.spec?.volumeClaimTemplates ?? []).map((t: Obj) => t.metadata?.name as string);
    problems.push(...checkPod(id(obj), pod, find, options, claimTemplates));
  }
  return problems;
}

function checkServiceSelector(svc: Obj, objects: readonly Obj[]): string[] {
  const selector = svc.spec.selector as Record<string, string>;
  const matches = objects.some((o) => {
    const labels = podSpecOf(o) ? (o.spec.template?.metadata?.labels ?? {}) : undefined;
    return labels && Object.entries(selector).every(([k, v]) => labels[k] === v);
  });
  return matches ? [] : [`${id(svc)}: selector matches no pod template in the output`];
}

function checkPod(owner: string, pod: Obj, find: (kind: string, name: string) => Obj | undefined, options: CheckOptions, claimTemplateNames: readonly string[] = []): string[] {
  const problems: string[] = [];
  const volumes = new Map<string, Obj>((pod.volumes ?? []).map((v: Obj) => [v.name, v]));
  if (volumes.size !== (pod.volumes ?? []).length) problems.push(`${owner}: duplicate volume names`);
  const claimTemplates = new Set<string>(claimTemplateNames);
  const containers: Obj[] = [...(pod.initContainers ?? []), ...(pod.containers ?? [])];
  const names = new Set(containers.map((c) => c.name));
  if (names.size !== containers.length) problems.push(`${owner}: duplicate container names`);
  for (const c of containers) {
    if (!c.image) problems.push(`${owner}: container ${c.name} has no image`);
    const paths = new Set<string>();
    for (const m of c.volumeMounts ?? []) {
      if (!volumes.has(m.name) && !claimTemplates.has(m.name)) problems.push(`${owner}: container ${c.name} mounts unknown volume ${m.name}`);
      if (paths.has(m.mountPath)) problems.push(`${owner}: container ${c.name} mounts ${m.mountPath} twice`);
      paths.add(m.mountPath);
      if (typeof m.subPath === 'string' && (m.subPath.startsWith('/') || m.subPath.split('/').includes('..'))) problems.push(`${owner}: subPath ${m.subPath} must be relative`);
    }
    for (const e of c.env ?? []) {
      const ref = e.valueFrom?.secretKeyRef ?? e.valueFrom?.configMapKeyRef;
      if (!ref) continue;
      const kind = e.valueFrom.secretKeyRef ? 'Secret' : 'ConfigMap';
      const target = find(kind, ref.name);
      if (!target && kind === 'Secret' && (options.externalSecrets ?? []).includes(ref.name)) continue;
      if (!target) problems.push(`${owner}: env ${e.name} refers to missing ${kind} ${ref.name}`);
      else if (!(ref.key in (target.data ?? {})) && !(ref.key in (target.stringData ?? {}))) problems.push(`${owner}: env ${e.name} refers to missing key ${ref.key} of ${kind} ${ref.name}`);
    }
  }
  for (const v of volumes.values()) problems.push(...checkVolume(owner, v, find, options));
  return problems;
}

function checkVolume(owner: string, v: Obj, find: (kind: string, name: string) => Obj | undefined, options: CheckOptions): string[] {
  const source = v.configMap ? { kind: 'ConfigMap', name: v.configMap.name, items: v.configMap.items } : v.secret ? { kind: 'Secret', name: v.secret.secretName, items: v.secret.items } : undefined;
  if (source) {
    const target = find(source.kind, source.name);
    if (!target) return [`${owner}: volume ${v.name} refers to missing ${source.kind} ${source.name}`];
    const keys = new Set([...Object.keys(target.data ?? {}), ...Object.keys(target.binaryData ?? {}), ...Object.keys(target.stringData ?? {})]);
    return (source.items ?? []).filter((i: Obj) => !keys.has(i.key)).map((i: Obj) => `${owner}: volume ${v.name} wants missing key ${i.key}`);
  }
  if (v.persistentVolumeClaim) {
    const claim = v.persistentVolumeClaim.claimName;
    if (!find('PersistentVolumeClaim', claim) && !(options.externalClaims ?? []).includes(claim)) return [`${owner}: volume ${v.name} refers to missing PersistentVolumeClaim ${claim}`];
  }
  return [];
}
