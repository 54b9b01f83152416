/** Kubernetes names and labels derived from workload names, always valid and always the same. */
import { sha256Hex } from '../base/sha256.js';
import type { Manifest } from '../base/types.js';

export const MANAGED_BY = 'score-ts';
/**
 * On everything made for a workload, its resources included, so `kubectl delete ... -l score-ts.dev/workload=NAME`
 * removes exactly what one app created.
 */
export const WORKLOAD_LABEL = 'score-ts.dev/workload';
/** Annotation that picks the workload kind: Deployment (default), StatefulSet, Job or CronJob. */
export const KIND_ANNOTATION = 'k8s.score.dev/kind';
/** A CronJob's cron schedule (required for a CronJob, an error on any other kind). */
export const SCHEDULE_ANNOTATION = 'k8s.score.dev/schedule';
/** A CronJob's IANA time zone, such as Europe/Berlin (optional; the cluster's zone, usually UTC, otherwise). */
export const TIME_ZONE_ANNOTATION = 'k8s.score.dev/time-zone';
/** Annotations under these prefixes steer score-ts and are not copied to the objects. */
const CONTROL_ANNOTATION_PREFIXES = ['k8s.score.dev/', 'score-ts.dev/'];

/** A short, stable hash for making derived names unique. */
export function shortHash(text: string, length = 8): string {
  return sha256Hex(text).slice(0, length);
}

/**
 * A DNS-1123 label (63 chars at most) made of `base` and `suffix`; when too long, the base is cut and
 * a hash of the whole name keeps it unique.
 */
export function dnsLabel(base: string, suffix = ''): string {
  const clean = (base + suffix)
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const name = clean === '' ? 'x' : clean;
  if (name.length <= 63) return name;
  const hash = shortHash(base + suffix);
  return `${name.slice(0, 63 - hash.length - 1).replace(/-+$/, '')}-${hash}`;
}

/** Service names must be DNS-1035 labels: they may not start with a digit. */
export function serviceName(workloadName: string, suffix = ''): string {
  const name = dnsLabel(workloadName, suffix);
  return /^[a-z]/.test(name) ? name : dnsLabel(`svc-${workloadName}`, suffix);
}

/** Labels on every object made for a workload. */
export function workloadLabels(workloadName: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': workloadName,
    'app.kubernetes.io/instance': workloadName,
    'app.kubernetes.io/managed-by': MANAGED_BY,
    [WORKLOAD_LABEL]: workloadName,
  };
}

/**
 * True when an object's labels are exactly a workload's own (workloadLabels): every object a workload makes
 * has them, so no other object can be identical to one.
 */
export function carriesWorkloadLabels(manifest: Manifest): boolean {
  const labels = (manifest.metadata as { labels?: unknown }).labels;
  if (typeof labels !== 'object' || labels === null) return false;
  const name = (labels as Record<string, unknown>)[WORKLOAD_LABEL];
  if (typeof name !== 'string') return false;
  const own = Object.entries(workloadLabels(name));
  return Object.keys(labels).length === own.length && own.every(([k, v]) => (labels as Record<string, unknown>)[k] === v);
}

/** The labels that select a workload's pods. */
export function selectorLabels(workloadName: string): Record<string, string> {
  return { 'app.kubernetes.io/instance': workloadName };
}

/** Workload annotations that are carried to the objects (control annotations are not). */
export function carriedAnnotations(annotations: Readonly<Record<string, string>> | undefined): Record<string, string> | undefined {
  const entries = Object.entries(annotations ?? {}).filter(([k]) => !CONTROL_ANNOTATION_PREFIXES.some((p) => k.startsWith(p)));
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
