import { describe, expect, it } from 'vitest';
import { PlaceholderError } from '../../src/convert/expand.js';
import { convertWorkload, type ConvertOptions } from '../../src/convert/workload.js';
import { carriesWorkloadLabels } from '../../src/convert/names.js';
import { ConvertError, sortDiagnostics } from '../../src/base/errors.js';
import type { Manifest } from '../../src/base/types.js';
import { expandContext, formatted, labelsOf, workloadFromYaml, type FileSourceBytes } from './fixtures.js';

interface Case {
  name: string;
  yaml: string;
  image?: string;
  sources?: FileSourceBytes[];
  outputs?: Record<string, Record<string, unknown>>;
}

function convert({ yaml, image, sources, outputs }: Case): Manifest[] {
  const workload = workloadFromYaml(yaml, sources);
  const options: ConvertOptions = {
    resourceOutputs: expandContext(workload, outputs).resourceOutputs,
    resourceVolume: (name) => {
      if (name === 'data') return { emptyDir: {} };
      throw new PlaceholderError(`resource '${name}' provides no volume`);
    },
    ...(image === undefined ? {} : { image }),
  };
  return convertWorkload(workload, options);
}

const SELECTOR = (name: string) => ({ 'app.kubernetes.io/instance': name });

describe('convertWorkload: Kubernetes objects', () => {
  const rows: Array<Case & { manifests: Manifest[] }> = [
    {
      name: 'a Deployment by default; no ports, no Service',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: hello
        containers:
          main:
            image: busybox
      `,
      manifests: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'hello', labels: labelsOf('hello') },
          spec: {
            selector: { matchLabels: SELECTOR('hello') },
            template: { metadata: { labels: labelsOf('hello') }, spec: { containers: [{ name: 'main', image: 'busybox' }] } },
          },
        },
      ],
    },
    {
      name: 'kind Deployment written out is the same as the default, and the annotation is dropped',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: hello
          annotations:
            k8s.score.dev/kind: Deployment
        containers:
          main:
            image: busybox
      `,
      manifests: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'hello', labels: labelsOf('hello') },
          spec: {
            selector: { matchLabels: SELECTOR('hello') },
            template: { metadata: { labels: labelsOf('hello') }, spec: { containers: [{ name: 'main', image: 'busybox' }] } },
          },
        },
      ],
    },
    {
      name: 'a Service before the Deployment; annotations on the objects and the pod template',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
          annotations:
            example.com/owner: team-a
            k8s.score.dev/something-else: dropped
        service:
          ports:
            http:
              port: 80
              targetPort: 8080
        containers:
          main:
            image: .
      `,
      image: 'web:1.0',
      manifests: [
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'web', labels: labelsOf('web'), annotations: { 'example.com/owner': 'team-a' } },
          spec: { selector: SELECTOR('web'), ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] },
        },
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web', labels: labelsOf('web'), annotations: { 'example.com/owner': 'team-a' } },
          spec: {
            selector: { matchLabels: SELECTOR('web') },
            template: {
              metadata: { labels: labelsOf('web'), annotations: { 'example.com/owner': 'team-a' } },
              spec: { containers: [{ name: 'main', image: 'web:1.0' }] },
            },
          },
        },
      ],
    },
    {
      name: 'a StatefulSet via k8s.score.dev/kind, with its headless Service as serviceName',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: db
          annotations:
            k8s.score.dev/kind: StatefulSet
        service:
          ports:
            sql:
              port: 5432
        containers:
          main:
            image: postgres:17
      `,
      manifests: [
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'db', labels: labelsOf('db') },
          spec: { selector: SELECTOR('db'), ports: [{ name: 'sql', port: 5432, targetPort: 5432, protocol: 'TCP' }] },
        },
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'db-headless', labels: labelsOf('db') },
          spec: { clusterIP: 'None', selector: SELECTOR('db'), ports: [{ name: 'sql', port: 5432, protocol: 'TCP' }] },
        },
        {
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          metadata: { name: 'db', labels: labelsOf('db') },
          spec: {
            serviceName: 'db-headless',
            selector: { matchLabels: SELECTOR('db') },
            template: { metadata: { labels: labelsOf('db') }, spec: { containers: [{ name: 'main', image: 'postgres:17' }] } },
          },
        },
      ],
    },
    {
      name: 'a StatefulSet without ports still gets its headless Service',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: 7db
          annotations:
            k8s.score.dev/kind: StatefulSet
        containers:
          main:
            image: postgres:17
      `,
      manifests: [
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'svc-7db-headless', labels: labelsOf('7db') },
          spec: { clusterIP: 'None', selector: SELECTOR('7db') },
        },
        {
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          metadata: { name: '7db', labels: labelsOf('7db') },
          spec: {
            serviceName: 'svc-7db-headless',
            selector: { matchLabels: SELECTOR('7db') },
            template: { metadata: { labels: labelsOf('7db') }, spec: { containers: [{ name: 'main', image: 'postgres:17' }] } },
          },
        },
      ],
    },
    {
      name: 'files, volumes and init containers in one pod; mounts of both kinds merged and sorted',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: app
        containers:
          main:
            image: app
            files:
              /etc/app.conf:
                content: "db=\${resources.db.host}"
            volumes:
              /data:
                source: \${resources.data}
              /cache:
                source: cache-claim
                readOnly: true
          setup:
            image: setup
            before:
              main:
                ready: complete
      `,
      outputs: { db: { host: 'pg' }, data: {} },
      manifests: [
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'app-files', labels: labelsOf('app') },
          data: { 'main-etc-app.conf': 'db=pg' },
        },
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'app', labels: labelsOf('app') },
          spec: {
            selector: { matchLabels: SELECTOR('app') },
            template: {
              metadata: { labels: labelsOf('app') },
              spec: {
                initContainers: [{ name: 'setup', image: 'setup' }],
                containers: [
                  {
                    name: 'main',
                    image: 'app',
                    volumeMounts: [
                      { name: 'pvc-cache-claim', mountPath: '/cache', readOnly: true },
                      { name: 'vol-data', mountPath: '/data' },
                      { name: 'files', mountPath: '/etc/app.conf', subPath: 'main-etc-app.conf', readOnly: true },
                    ],
                  },
                ],
                volumes: [
                  { name: 'files', configMap: { name: 'app-files', items: [{ key: 'main-etc-app.conf', path: 'main-etc-app.conf' }] } },
                  { name: 'vol-data', emptyDir: {} },
                  { name: 'pvc-cache-claim', persistentVolumeClaim: { claimName: 'cache-claim' } },
                ],
              },
            },
          },
        },
      ],
    },
  ];

  it.each(rows)('$name', (row) => {
    expect(convert(row)).toStrictEqual(row.manifests);
  });

  // render/assemble.ts counts on it: no object but a workload's own can then be identical to one of its objects.
  it.each(rows)("$name: every object carries exactly its workload's labels", (row) => {
    const objects = convert(row);
    expect(objects.length).toBeGreaterThan(0);
    for (const object of objects) expect(carriesWorkloadLabels(object), `${object.kind} ${object.metadata.name}`).toBe(true);
  });

  it.each([
    { name: 'Deployment', kind: undefined },
    { name: 'StatefulSet', kind: 'StatefulSet' },
  ])('$name: the selector matches the pod template labels and the Service selects the same pods', ({ kind }) => {
    const manifests = convert({
      name: 'selector',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
          ${kind ? `annotations: { k8s.score.dev/kind: ${kind} }` : ''}
        service:
          ports:
            http:
              port: 80
        containers:
          main:
            image: nginx
      `,
    });
    const workload = manifests.at(-1) as Manifest & {
      spec: { selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> } } };
    };
    const podLabels = workload.spec.template.metadata.labels;
    expect(Object.keys(workload.spec.selector.matchLabels).length).toBeGreaterThan(0);
    expect(podLabels).toMatchObject(workload.spec.selector.matchLabels);
    const services = manifests.filter((m) => m.kind === 'Service') as Array<Manifest & { spec: { selector: Record<string, string> } }>;
    expect(services.length).toBe(kind ? 2 : 1);
    for (const service of services) expect(podLabels).toMatchObject(service.spec.selector);
  });
});

describe('convertWorkload: problems', () => {
  function errorOf(row: Case): ConvertError {
    try {
      convert(row);
    } catch (e) {
      if (e instanceof ConvertError) return e;
      throw e;
    }
    throw new Error('expected a ConvertError, but the workload converted');
  }

  /** Diagnostics in reading order (the order the CLI prints them in). */
  const rows: Array<Case & { message: string; diagnostics: string[] }> = [
    {
      name: 'an unsupported kind is an error, never silently dropped',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
          annotations:
            k8s.score.dev/kind: DaemonSet
        containers:
          main:
            image: nginx
      `,
      message: "score.yaml: workload 'web' cannot be converted",
      diagnostics: [
        "score.yaml:5:25: metadata.annotations.k8s\\.score\\.dev/kind: 'DaemonSet' is not a supported workload kind; use one of: Deployment, StatefulSet, Job, CronJob",
      ],
    },
    {
      name: 'the kind is case-sensitive',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
          annotations:
            k8s.score.dev/kind: statefulset
        containers:
          main:
            image: nginx
      `,
      message: "score.yaml: workload 'web' cannot be converted",
      diagnostics: [
        "score.yaml:5:25: metadata.annotations.k8s\\.score\\.dev/kind: 'statefulset' is not a supported workload kind; use one of: Deployment, StatefulSet, Job, CronJob",
      ],
    },
    {
      name: 'every problem of every stage of the workload is listed together',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
          annotations:
            k8s.score.dev/kind: DaemonSet
        containers:
          main:
            image: .
            files:
              /etc/x:
                content: x
                mode: "0999"
            volumes:
              /data:
                source: \${resources.nope}
            variables:
              A: \${metadata.missing}
          side:
            image: nginx
            before:
              side:
                ready: started
      `,
      message: "score.yaml: workload 'web' cannot be converted",
      diagnostics: [
        "score.yaml:5:25: metadata.annotations.k8s\\.score\\.dev/kind: 'DaemonSet' is not a supported workload kind; use one of: Deployment, StatefulSet, Job, CronJob",
        "score.yaml:8:12: containers.main.image: is '.', the image built from this project: pass it with --image IMAGE",
        `score.yaml:12:15: containers.main.files./etc/x.mode: '0999' is not an octal file mode like "0644"`,
        "score.yaml:15:17: containers.main.volumes./data.source: resource 'nope' provides no volume",
        "score.yaml:17:10: containers.main.variables.A: ${metadata.missing}: metadata has no key 'missing' (known: annotations, name)",
        'score.yaml:21:7: containers.side.before.side: a container cannot start before itself',
      ],
    },
  ];

  it.each(rows)('$name', (row) => {
    const error = errorOf(row);
    expect(error.message).toBe(row.message);
    expect(formatted(sortDiagnostics(error.diagnostics))).toEqual(row.diagnostics);
  });
});
