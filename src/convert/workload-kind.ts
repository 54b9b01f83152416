/**
 * Which Kubernetes object runs a workload's pods, from the annotation `k8s.score.dev/kind`: a Deployment
 * (default), a StatefulSet, a Job (runs to completion once) or a CronJob (runs to completion on the schedule
 * in `k8s.score.dev/schedule`, optionally in the zone of `k8s.score.dev/time-zone`).
 */
import type { FieldPath, WorkloadInput } from '../base/types.js';
import { scheduleProblem, timeZoneProblem } from './cron-schedule.js';
import { KIND_ANNOTATION, SCHEDULE_ANNOTATION, TIME_ZONE_ANNOTATION } from './names.js';
import type { Diagnostics } from '../base/diagnostics.js';

export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'Job', 'CronJob'] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

/** The kind, with a CronJob's schedule and optional time zone. */
export type WorkloadPlan =
  { readonly kind: Exclude<WorkloadKind, 'CronJob'> } | { readonly kind: 'CronJob'; readonly schedule: string; readonly timeZone?: string };

/** Kubernetes names each Job of a CronJob NAME-<11 characters>, and Job names stay within 63 (ValidateCronJob). */
export const CRONJOB_NAME_MAX = 52;
/**
 * Kubernetes labels each pod of a StatefulSet `controller-revision-hash: NAME-<10-character hash>`, and a label
 * value has at most 63 characters: with a longer name no pod can be created (kubernetes/kubernetes#64023).
 */
export const STATEFULSET_NAME_MAX = 52;

const annotationPath = (name: string): FieldPath => ['metadata', 'annotations', name];

/** Reads the kind annotations, reporting every problem with them; undefined when the kind is unknown. */
export function planWorkloadKind(workload: WorkloadInput, problems: Diagnostics): WorkloadPlan | undefined {
  const annotations = workload.spec.metadata.annotations ?? {};
  const value = annotation(annotations, KIND_ANNOTATION) ?? 'Deployment';
  if (!(WORKLOAD_KINDS as readonly string[]).includes(value)) {
    problems.add(annotationPath(KIND_ANNOTATION), `'${value}' is not a supported workload kind; use one of: ${WORKLOAD_KINDS.join(', ')}`);
    return undefined;
  }
  const kind = value as WorkloadKind;
  if (kind === 'Job' || kind === 'CronJob') checkNoServicePorts(kind, workload, problems);
  if (kind === 'CronJob') return planCronJob(workload, annotations, problems);
  if (kind === 'StatefulSet') checkNameLength(workload, kind, problems);
  for (const name of [SCHEDULE_ANNOTATION, TIME_ZONE_ANNOTATION]) {
    if (annotation(annotations, name) !== undefined) {
      problems.add(
        annotationPath(name),
        `only a CronJob runs on a schedule, and this workload is a ${kind}; set ${KIND_ANNOTATION}: CronJob or remove ${name}`,
      );
    }
  }
  return { kind };
}

function planCronJob(workload: WorkloadInput, annotations: Readonly<Record<string, string>>, problems: Diagnostics): WorkloadPlan {
  const schedule = annotation(annotations, SCHEDULE_ANNOTATION);
  const timeZone = annotation(annotations, TIME_ZONE_ANNOTATION);
  if (schedule === undefined) {
    problems.add(
      annotationPath(KIND_ANNOTATION),
      `a CronJob needs the annotation ${SCHEDULE_ANNOTATION}: a cron schedule such as "0 3 * * *" (minute hour day-of-month month day-of-week) or a macro such as @daily`,
    );
  } else {
    const problem = scheduleProblem(schedule);
    if (problem) problems.add(annotationPath(SCHEDULE_ANNOTATION), problem);
  }
  const zoneProblem = timeZone === undefined ? undefined : timeZoneProblem(timeZone);
  if (zoneProblem) problems.add(annotationPath(TIME_ZONE_ANNOTATION), zoneProblem);
  checkNameLength(workload, 'CronJob', problems);
  return { kind: 'CronJob', schedule: schedule ?? '', ...(timeZone === undefined ? {} : { timeZone }) };
}

/** Kinds whose controllers build longer names or labels from the workload's name: a lower limit than 63. */
const NAME_LIMITS = {
  StatefulSet: { max: STATEFULSET_NAME_MAX, why: 'Kubernetes adds 11 to label each of its pods with its revision' },
  CronJob: { max: CRONJOB_NAME_MAX, why: 'Kubernetes adds 11 to name each Job it starts' },
} as const;

function checkNameLength(workload: WorkloadInput, kind: keyof typeof NAME_LIMITS, problems: Diagnostics): void {
  const { name } = workload;
  const { max, why } = NAME_LIMITS[kind];
  if (name.length > max)
    problems.add(
      ['metadata', 'name'],
      `a ${kind} name has at most ${max} characters (${why}), and '${name}' has ${name.length}; shorten metadata.name`,
    );
}

/**
 * A Job's pods exist only while a run lasts, so a Service in front of them would have no endpoints most of
 * the time, and workloads pointing at it (service-port, endpoint, wait-for) would fail or hang.
 */
function checkNoServicePorts(kind: 'Job' | 'CronJob', workload: WorkloadInput, problems: Diagnostics): void {
  if (Object.keys(workload.spec.service?.ports ?? {}).length === 0) return;
  problems.add(
    ['service', 'ports'],
    `a ${kind} runs to completion, so a Service for it would have no pods to send traffic to most of the time; remove service.ports, or use ${KIND_ANNOTATION}: Deployment or StatefulSet for a workload that serves traffic`,
    true,
  );
}

function annotation(annotations: Readonly<Record<string, string>>, name: string): string | undefined {
  return Object.hasOwn(annotations, name) ? annotations[name] : undefined;
}
