import { describe, expect, it } from 'vitest';
import { PlaceholderError } from '../../src/convert/expand.js';
import { convertWorkload, type ConvertOptions } from '../../src/convert/workload.js';
import { ConvertError, sortDiagnostics } from '../../src/base/errors.js';
import { renderOutput } from '../../src/yaml/output-formats.js';
import type { Manifest } from '../../src/base/types.js';
import { at, list, mapping } from '../support/fields.js';
import { checkManifests } from '../support/k8s-check.js';
import { expandContext, formatted, labelsOf, workloadFromYaml } from './fixtures.js';

/** Converts with a wait for resource `db` when `outputs` has one (as the pipeline does for a database). */
function convert(yaml: string, outputs: Record<string, Record<string, unknown>> = {}): Manifest[] {
  const workload = workloadFromYaml(yaml);
  const options: ConvertOptions = {
    resourceOutputs: expandContext(workload, outputs).resourceOutputs,
    resourceVolume: (name) => {
      if (name === 'data') return { emptyDir: {} };
      throw new PlaceholderError(`resource '${name}' provides no volume`);
    },
    waits: outputs.db ? [{ resource: 'db', waitFor: { host: 'db-host', port: 5432 } }] : [],
  };
  return convertWorkload(workload, options);
}

/** A workload using every pod feature: files, volumes, probes, start order of all three kinds, waits. */
function richWorkload(annotations: string): string {
  return `
    apiVersion: score.dev/v1b1
    metadata:
      name: batch
      annotations:
        example.com/owner: team-a
        ${annotations}
    containers:
      main:
        image: app:1
        command: ["/bin/app"]
        args: ["run"]
        variables:
          DB: \${resources.db.host}
        files:
          /etc/app.conf:
            content: "db=\${resources.db.host}"
        volumes:
          /data:
            source: \${resources.data}
          /cache:
            source: cache-claim
        livenessProbe:
          exec:
            command: ["true"]
        readinessProbe:
          httpGet:
            path: /ready
            port: 8080
      migrate:
        image: migrate:1
        before:
          proxy: {ready: complete}
      proxy:
        image: proxy:1
        readinessProbe:
          httpGet:
            path: /
            port: 9000
        before:
          main: {ready: healthy}
      logs:
        image: logs:1
        before:
          main: {ready: started}
    resources:
      db:
        type: postgres
      data:
        type: volume
  `;
}

const OUTPUTS = { db: { host: 'db-host' }, data: {} };
const byKind = (manifests: readonly Manifest[], kind: string): Manifest => {
  const found = manifests.find((m) => m.kind === kind);
  if (!found) throw new Error(`no ${kind} among the manifests`);
  return found;
};
const valid = (manifests: readonly Manifest[]) =>
  checkManifests([...renderOutput(manifests, 'yaml')].join(''), { externalClaims: ['cache-claim'] });

describe('Job and CronJob: the pod template is the Deployment one', () => {
  const deployment = convert(richWorkload(''), OUTPUTS);
  const job = convert(richWorkload('k8s.score.dev/kind: Job'), OUTPUTS);
  const cronJob = convert(richWorkload('k8s.score.dev/kind: CronJob\n        k8s.score.dev/schedule: "*/15 * * * *"'), OUTPUTS);
  const deploymentObject = byKind(deployment, 'Deployment');

  it.each([
    { name: 'Job', manifests: job, jobSpec: (m: Manifest[]) => mapping(byKind(m, 'Job'), 'spec') },
    { name: 'CronJob', manifests: cronJob, jobSpec: (m: Manifest[]) => mapping(byKind(m, 'CronJob'), 'spec', 'jobTemplate', 'spec') },
  ])('$name: same pod spec plus restartPolicy OnFailure, same template metadata, no selector', ({ manifests, jobSpec }) => {
    const spec = jobSpec(manifests);
    expect(mapping(spec, 'template', 'spec')).toStrictEqual({
      ...mapping(deploymentObject, 'spec', 'template', 'spec'),
      restartPolicy: 'OnFailure',
    });
    expect(mapping(spec, 'template', 'metadata')).toStrictEqual(mapping(deploymentObject, 'spec', 'template', 'metadata'));
    expect(mapping(spec, 'template', 'metadata', 'labels')).toMatchObject(mapping(deploymentObject, 'spec', 'selector', 'matchLabels'));
    expect(spec.selector).toBeUndefined();
    expect(spec.manualSelector).toBeUndefined();
    expect(spec.backoffLimit).toBe(6);
  });

  it.each([
    { name: 'Job', manifests: job },
    { name: 'CronJob', manifests: cronJob },
  ])('$name: the other objects are the Deployment ones, and the object metadata is the same', ({ manifests }) => {
    const workloadObject = manifests.at(-1)!;
    expect(manifests.slice(0, -1)).toStrictEqual(deployment.slice(0, -1));
    expect(workloadObject.metadata).toStrictEqual(deploymentObject.metadata);
    expect(workloadObject.metadata.labels).toStrictEqual(labelsOf('batch'));
  });

  it('the pod spec has the wait, the init container, both sidecars, files, volumes and probes', () => {
    const pod = mapping(byKind(job, 'Job'), 'spec', 'template', 'spec');
    expect(list(pod, 'initContainers').map((c) => [at(c, 'name'), at(c, 'restartPolicy') ?? '-'])).toEqual([
      ['wait-for-db', '-'],
      ['migrate', '-'],
      ['proxy', 'Always'],
      ['logs', 'Always'],
    ]);
    expect(list(pod, 'containers').map((c) => Object.keys(mapping(c)))).toEqual([
      ['name', 'image', 'command', 'args', 'env', 'volumeMounts', 'livenessProbe', 'readinessProbe'],
    ]);
    expect(list(pod, 'volumes').map((v) => at(v, 'name'))).toEqual(['files', 'vol-data', 'pvc-cache-claim']);
  });

  it('the CronJob Job template carries the labels and annotations, so every Job it starts has them', () => {
    expect(at(byKind(cronJob, 'CronJob'), 'spec', 'jobTemplate', 'metadata')).toStrictEqual({
      labels: labelsOf('batch'),
      annotations: { 'example.com/owner': 'team-a' },
    });
  });

  it.each([
    { name: 'Deployment', manifests: deployment },
    { name: 'Job', manifests: job },
    { name: 'CronJob', manifests: cronJob },
  ])('$name: passes the Kubernetes validator', ({ manifests }) => {
    expect(valid(manifests)).toEqual([]);
  });

  it('templates are separate objects: changing one (as a patch does) changes no other', () => {
    const spec = mapping(
      byKind(convert(richWorkload('k8s.score.dev/kind: CronJob\n        k8s.score.dev/schedule: "@daily"'), OUTPUTS), 'CronJob'),
      'spec',
    );
    mapping(spec, 'jobTemplate', 'metadata', 'labels').extra = 'x';
    expect(mapping(spec, 'jobTemplate', 'spec', 'template', 'metadata', 'labels').extra).toBeUndefined();
  });
});

describe('Job and CronJob: whole objects', () => {
  const base = (annotations: string) => `
    apiVersion: score.dev/v1b1
    metadata:
      name: report
      annotations:
        ${annotations}
    containers:
      main:
        image: report:1
  `;
  const template = {
    metadata: { labels: labelsOf('report') },
    spec: { containers: [{ name: 'main', image: 'report:1' }], restartPolicy: 'OnFailure' },
  };
  const metadata = { name: 'report', labels: labelsOf('report') };

  it.each([
    {
      name: 'a Job',
      annotations: 'k8s.score.dev/kind: Job',
      object: { apiVersion: 'batch/v1', kind: 'Job', metadata, spec: { backoffLimit: 6, template } },
    },
    {
      name: 'a CronJob with a schedule, concurrencyPolicy Forbid',
      annotations: 'k8s.score.dev/kind: CronJob\n        k8s.score.dev/schedule: "0 3 * * *"',
      object: {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata,
        spec: {
          schedule: '0 3 * * *',
          concurrencyPolicy: 'Forbid',
          jobTemplate: { metadata: { labels: labelsOf('report') }, spec: { backoffLimit: 6, template } },
        },
      },
    },
    {
      name: 'a CronJob with a macro and a time zone',
      annotations:
        'k8s.score.dev/kind: CronJob\n        k8s.score.dev/schedule: "@weekly"\n        k8s.score.dev/time-zone: America/New_York',
      object: {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata,
        spec: {
          schedule: '@weekly',
          timeZone: 'America/New_York',
          concurrencyPolicy: 'Forbid',
          jobTemplate: { metadata: { labels: labelsOf('report') }, spec: { backoffLimit: 6, template } },
        },
      },
    },
  ])('$name', ({ annotations, object }) => {
    const manifests = convert(base(annotations));
    expect(manifests).toStrictEqual([object]);
    expect(valid(manifests)).toEqual([]);
  });

  it('a StatefulSet name of 52 characters is accepted', () => {
    const name = 'n'.repeat(52);
    const manifests = convert(base('k8s.score.dev/kind: StatefulSet').replace('name: report', `name: ${name}`));
    expect(manifests.at(-1)!.metadata.name).toBe(name);
  });

  it('a CronJob name of 52 characters is accepted', () => {
    const name = 'n'.repeat(52);
    const manifests = convert(
      base('k8s.score.dev/kind: CronJob\n        k8s.score.dev/schedule: "@daily"').replace('name: report', `name: ${name}`),
    );
    expect(manifests.at(-1)!.metadata.name).toBe(name);
  });
});

describe('Job and CronJob: problems', () => {
  function diagnostics(yaml: string): string[] {
    const name = /name: (\S+)/.exec(yaml)![1]!;
    try {
      convert(yaml);
    } catch (e) {
      if (!(e instanceof ConvertError)) throw e;
      expect(e.message).toBe(`score.yaml: workload '${name}' cannot be converted`);
      return formatted(sortDiagnostics(e.diagnostics));
    }
    throw new Error('expected a ConvertError, but the workload converted');
  }
  const workload = (annotations: string, extra = '') => `
    apiVersion: score.dev/v1b1
    metadata:
      name: job
      annotations:
        ${annotations}
    containers:
      main:
        image: busybox
    ${extra}
  `;
  const ports = `service:
      ports:
        http:
          port: 80`;

  it.each([
    {
      name: 'a CronJob without a schedule: the kind annotation is pointed at, the schedule annotation named',
      yaml: workload('k8s.score.dev/kind: CronJob'),
      diagnostics: [
        'score.yaml:5:25: metadata.annotations.k8s\\.score\\.dev/kind: a CronJob needs the annotation k8s.score.dev/schedule: a cron schedule such as "0 3 * * *" (minute hour day-of-month month day-of-week) or a macro such as @daily',
      ],
    },
    {
      name: 'a bad schedule is pointed at',
      yaml: workload('k8s.score.dev/kind: CronJob\n        k8s.score.dev/schedule: "0 3 * *"'),
      diagnostics: [
        `score.yaml:6:29: metadata.annotations.k8s\\.score\\.dev/schedule: '0 3 * *' is not a cron schedule: it has 4 fields; write five fields "minute hour day-of-month month day-of-week" such as "0 3 * * *", or one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly`,
      ],
    },
    {
      name: 'a bad time zone is pointed at',
      yaml: workload(
        'k8s.score.dev/kind: CronJob\n        k8s.score.dev/schedule: "@daily"\n        k8s.score.dev/time-zone: Mars/Olympus',
      ),
      diagnostics: [
        "score.yaml:7:30: metadata.annotations.k8s\\.score\\.dev/time-zone: 'Mars/Olympus' is not a known IANA time zone; use a name such as Europe/Berlin or UTC",
      ],
    },
    ...(['Deployment', 'StatefulSet', 'Job'] as const).map((kind) => ({
      name: `a schedule on a ${kind} is an error, not silently ignored`,
      yaml: workload(`k8s.score.dev/kind: ${kind}\n        k8s.score.dev/schedule: "@daily"`),
      diagnostics: [
        `score.yaml:6:29: metadata.annotations.k8s\\.score\\.dev/schedule: only a CronJob runs on a schedule, and this workload is a ${kind}; set k8s.score.dev/kind: CronJob or remove k8s.score.dev/schedule`,
      ],
    })),
    {
      name: 'a schedule and a time zone on the default kind (Deployment): both reported',
      yaml: workload('k8s.score.dev/schedule: "@daily"\n        k8s.score.dev/time-zone: UTC'),
      diagnostics: [
        'score.yaml:5:29: metadata.annotations.k8s\\.score\\.dev/schedule: only a CronJob runs on a schedule, and this workload is a Deployment; set k8s.score.dev/kind: CronJob or remove k8s.score.dev/schedule',
        'score.yaml:6:30: metadata.annotations.k8s\\.score\\.dev/time-zone: only a CronJob runs on a schedule, and this workload is a Deployment; set k8s.score.dev/kind: CronJob or remove k8s.score.dev/time-zone',
      ],
    },
    ...(['Job', 'CronJob\n        k8s.score.dev/schedule: "@daily"'] as const).map((kind) => {
      const name = kind.split('\n')[0]!;
      return {
        name: `service ports on a ${name} are refused`,
        yaml: workload(`k8s.score.dev/kind: ${kind}`, ports),
        diagnostics: [
          `score.yaml:${name === 'Job' ? 10 : 11}:3: service.ports: a ${name} runs to completion, so a Service for it would have no pods to send traffic to most of the time; remove service.ports, or use k8s.score.dev/kind: Deployment or StatefulSet for a workload that serves traffic`,
        ],
      };
    }),
    {
      name: 'a CronJob name over 52 characters',
      yaml: workload('k8s.score.dev/kind: CronJob\n        k8s.score.dev/schedule: "@daily"').replace(
        'name: job',
        `name: job${'x'.repeat(50)}`,
      ),
      diagnostics: [
        `score.yaml:3:9: metadata.name: a CronJob name has at most 52 characters (Kubernetes adds 11 to name each Job it starts), and 'job${'x'.repeat(50)}' has 53; shorten metadata.name`,
      ],
    },
    {
      name: 'a StatefulSet name over 52 characters (its pods could not be created)',
      yaml: workload('k8s.score.dev/kind: StatefulSet').replace('name: job', `name: job${'x'.repeat(60)}`),
      diagnostics: [
        `score.yaml:3:9: metadata.name: a StatefulSet name has at most 52 characters (Kubernetes adds 11 to label each of its pods with its revision), and 'job${'x'.repeat(60)}' has 63; shorten metadata.name`,
      ],
    },
    {
      name: 'kind problems are listed with the other problems of the workload',
      yaml: workload('k8s.score.dev/kind: CronJob\n        k8s.score.dev/time-zone: Moon/Base', ports).replace(
        'image: busybox',
        'image: .',
      ),
      diagnostics: [
        'score.yaml:5:25: metadata.annotations.k8s\\.score\\.dev/kind: a CronJob needs the annotation k8s.score.dev/schedule: a cron schedule such as "0 3 * * *" (minute hour day-of-month month day-of-week) or a macro such as @daily',
        "score.yaml:6:30: metadata.annotations.k8s\\.score\\.dev/time-zone: 'Moon/Base' is not a known IANA time zone; use a name such as Europe/Berlin or UTC",
        "score.yaml:9:12: containers.main.image: is '.', the image built from this project: pass it with --image IMAGE",
        'score.yaml:11:3: service.ports: a CronJob runs to completion, so a Service for it would have no pods to send traffic to most of the time; remove service.ports, or use k8s.score.dev/kind: Deployment or StatefulSet for a workload that serves traffic',
      ],
    },
    {
      name: 'a still unsupported kind lists every supported one',
      yaml: workload('k8s.score.dev/kind: DaemonSet\n        k8s.score.dev/schedule: "@daily"', ports),
      diagnostics: [
        "score.yaml:5:25: metadata.annotations.k8s\\.score\\.dev/kind: 'DaemonSet' is not a supported workload kind; use one of: Deployment, StatefulSet, Job, CronJob",
      ],
    },
  ])('$name', ({ yaml, diagnostics: expected }) => {
    expect(diagnostics(yaml)).toEqual(expected);
  });
});
