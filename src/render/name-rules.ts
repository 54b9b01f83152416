/**
 * The names Kubernetes accepts for the kinds score-ts writes, checked on every object before it is written, so
 * a name that the API server (or a controller, later, when it makes pods) would refuse fails the run instead,
 * naming its maker. Kinds not listed here are not checked. Limits, from the Kubernetes sources:
 * - Service: `ValidateServiceName = NameIsDNS1035Label` (pkg/apis/core/validation/validation.go).
 * - Namespace: `ValidateNamespaceName`, a DNS-1123 label.
 * - Job: its pods carry the label `batch.kubernetes.io/job-name: NAME` (validateGeneratedSelector in
 *   pkg/apis/batch/validation/validation.go), and a label value has at most 63 characters.
 * - CronJob: the controller names each Job NAME-<11 characters>, so ValidateCronJob refuses names over 52.
 * - StatefulSet: the controller labels each pod `controller-revision-hash: NAME-<10-character hash>`
 *   (ControllerRevisionName, pkg/controller/history/controller_history.go; kubernetes/kubernetes#64023), so a
 *   name over 52 characters gives pods that cannot be created; pod names NAME-ORDINAL are hostnames (labels).
 *   Claim templates make PVCs CLAIM-NAME-ORDINAL: PVC names are DNS subdomains (253), checked by the API server.
 * - ConfigMap, Secret, PersistentVolumeClaim, Deployment, ServiceAccount: `NameIsDNSSubdomain` (253). A
 *   Deployment's pods get generated names and a `pod-template-hash` label without the name, so 253 holds.
 */
import { CRONJOB_NAME_MAX, STATEFULSET_NAME_MAX } from '../convert/workload-kind.js';

interface NameRule {
  readonly pattern: RegExp;
  /** What the pattern allows, for the message. */
  readonly chars: string;
  readonly max: number;
  /** Why the limit is lower than the pattern's own, for the message. */
  readonly why?: string | undefined;
}

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const label = (max: number, why?: string): NameRule => ({
  pattern: DNS_1123_LABEL,
  chars: "lowercase letters, digits and '-', starting and ending with a letter or digit",
  max,
  why,
});
const subdomain: NameRule = {
  pattern: DNS_1123_SUBDOMAIN,
  chars: "lowercase letters, digits, '-' and '.', starting and ending with a letter or digit",
  max: 253,
};

const RULES: Readonly<Record<string, NameRule>> = {
  Service: {
    pattern: DNS_1035_LABEL,
    chars: "lowercase letters, digits and '-', starting with a letter and ending with a letter or digit",
    max: 63,
  },
  Namespace: label(63),
  Job: label(63, 'its pods carry the name in a label'),
  CronJob: label(CRONJOB_NAME_MAX, 'Kubernetes adds 11 to name each Job it starts'),
  StatefulSet: label(STATEFULSET_NAME_MAX, 'Kubernetes adds 11 to label each pod with its revision'),
  ConfigMap: subdomain,
  Secret: subdomain,
  PersistentVolumeClaim: subdomain,
  Deployment: subdomain,
  ServiceAccount: subdomain,
};

/** Why Kubernetes would refuse `name` for an object of `kind`, or undefined when it is fine (or the kind is not listed). */
export function nameProblem(kind: string, name: string): string | undefined {
  const rule = Object.hasOwn(RULES, kind) ? RULES[kind] : undefined;
  if (rule === undefined) return undefined;
  if (!rule.pattern.test(name)) return `'${name}' cannot be a ${kind} name: use ${rule.chars}`;
  if (name.length > rule.max)
    return `a ${kind} name has at most ${rule.max} characters${rule.why ? ` (${rule.why})` : ''}, and '${name}' has ${name.length}`;
  return undefined;
}
