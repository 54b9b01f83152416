/**
 * The object that runs a workload's pods: a Deployment, StatefulSet, Job or CronJob around one pod template,
 * the same for every kind (same labels, annotations, containers and volumes).
 *
 * Jobs and CronJobs get no selector: Kubernetes generates one from the Job's uid, and a hand-written one
 * would need `manualSelector` and could select another Job's pods. Defaults written out so they can be read
 * in the output (and changed with a patch):
 * - `restartPolicy: OnFailure`: a failed container restarts in its pod (a Deployment's Always is invalid);
 * - `backoffLimit: 6`: Kubernetes' own default, six retries before the Job is marked failed;
 * - CronJob `concurrencyPolicy: Forbid`: a run still going when the next one is due makes that one skip, so
 *   a slow run never overlaps the next (Kubernetes' default, Allow, would run both at once).
 * No `ttlSecondsAfterFinished`: a finished Job deleted by its TTL would run again on the next `kubectl apply`.
 */
import type { Manifest, WorkloadInput } from '../base/types.js';
import { carriedAnnotations, selectorLabels, workloadLabels } from './names.js';
import { headlessServiceName, objectMetadata } from './service.js';
import type { WorkloadPlan } from './workload-kind.js';

const JOB_BACKOFF_LIMIT = 6;

export function convertWorkloadObject(plan: WorkloadPlan, workload: WorkloadInput, podSpec: Record<string, unknown>): Manifest {
  const { name, spec } = workload;
  // Pod templates and a CronJob's Job template carry the labels and annotations of the object itself; each
  // gets its own copy, so a patch to one never changes another.
  const templateMetadata = () => {
    const annotations = carriedAnnotations(spec.metadata.annotations);
    return { labels: workloadLabels(name), ...(annotations ? { annotations } : {}) };
  };
  const metadata = objectMetadata(name, name, spec);
  const selector = { matchLabels: selectorLabels(name) };
  switch (plan.kind) {
    case 'Deployment':
      return {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata,
        spec: { selector, template: { metadata: templateMetadata(), spec: podSpec } },
      };
    case 'StatefulSet':
      return {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata,
        spec: { serviceName: headlessServiceName(name), selector, template: { metadata: templateMetadata(), spec: podSpec } },
      };
    case 'Job':
      return { apiVersion: 'batch/v1', kind: 'Job', metadata, spec: jobSpec(templateMetadata(), podSpec) };
    case 'CronJob':
      return {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata,
        spec: {
          schedule: plan.schedule,
          ...(plan.timeZone === undefined ? {} : { timeZone: plan.timeZone }),
          concurrencyPolicy: 'Forbid',
          jobTemplate: { metadata: templateMetadata(), spec: jobSpec(templateMetadata(), podSpec) },
        },
      };
  }
}

function jobSpec(templateMetadata: Record<string, unknown>, podSpec: Record<string, unknown>): Record<string, unknown> {
  return {
    backoffLimit: JOB_BACKOFF_LIMIT,
    template: { metadata: templateMetadata, spec: { ...podSpec, restartPolicy: 'OnFailure' } },
  };
}
