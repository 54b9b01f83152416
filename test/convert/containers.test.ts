import { describe, expect, it } from 'vitest';
import { convertContainers, type ContainerOptions } from '../../src/convert/containers.js';
import type { K8sContainer, VolumeMount } from '../../src/convert/pod-types.js';
import { expandContext, formatted, problemsFor, workloadFromYaml } from './fixtures.js';

interface Case {
  name: string;
  yaml: string;
  image?: string;
  mounts?: Record<string, VolumeMount[]>;
}

function run({ yaml, image, mounts }: Case) {
  const workload = workloadFromYaml(yaml);
  const problems = problemsFor(workload);
  const options: ContainerOptions = { mounts: new Map(Object.entries(mounts ?? {})), ...(image === undefined ? {} : { image }) };
  const result = convertContainers(workload, expandContext(workload), options, problems);
  return { result, problems };
}

describe('convertContainers: Kubernetes containers', () => {
  const rows: Array<Case & { containers: K8sContainer[] }> = [
    {
      name: 'image only',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx:1.27
      `,
      containers: [{ name: 'main', image: 'nginx:1.27' }],
    },
    {
      name: "image '.' is replaced by the image option",
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: .
      `,
      image: 'registry.example.com/web:1.2.3',
      containers: [{ name: 'main', image: 'registry.example.com/web:1.2.3' }],
    },
    {
      name: "the image option leaves images other than '.' alone",
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          built:
            image: .
          sidecar:
            image: busybox
      `,
      image: 'web:dev',
      containers: [
        { name: 'built', image: 'web:dev' },
        { name: 'sidecar', image: 'busybox' },
      ],
    },
    {
      name: 'command and args are copied as written, each $ doubled so Kubernetes expands nothing (see dollar-rule.test.ts)',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: busybox
            command: ["/bin/sh", "-c"]
            args: ["echo $HOME", "--flag"]
      `,
      containers: [{ name: 'main', image: 'busybox', command: ['/bin/sh', '-c'], args: ['echo $$HOME', '--flag'] }],
    },
    {
      name: 'empty command and args lists are kept',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: busybox
            command: []
            args: []
      `,
      containers: [{ name: 'main', image: 'busybox', command: [], args: [] }],
    },
    {
      name: 'resources limits and requests',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            resources:
              limits:
                cpu: "1"
                memory: 512Mi
              requests:
                cpu: 250m
                memory: 128Mi
      `,
      containers: [
        {
          name: 'main',
          image: 'nginx',
          resources: { limits: { cpu: '1', memory: '512Mi' }, requests: { cpu: '250m', memory: '128Mi' } },
        },
      ],
    },
    {
      name: 'resources with requests only',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            resources:
              requests:
                memory: 64Mi
      `,
      containers: [{ name: 'main', image: 'nginx', resources: { requests: { memory: '64Mi' } } }],
    },
    {
      name: 'empty resources are left out',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            resources: {}
      `,
      containers: [{ name: 'main', image: 'nginx' }],
    },
    {
      name: 'mounts sorted by mountPath, per container',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
          other:
            image: busybox
      `,
      mounts: {
        main: [
          { name: 'vol-z', mountPath: '/z' },
          { name: 'files', mountPath: '/a/b', subPath: 'main-a-b', readOnly: true },
          { name: 'vol-B', mountPath: '/B' },
          { name: 'vol-a', mountPath: '/a' },
        ],
        other: [{ name: 'vol-x', mountPath: '/x' }],
      },
      containers: [
        {
          name: 'main',
          image: 'nginx',
          volumeMounts: [
            { name: 'vol-B', mountPath: '/B' },
            { name: 'vol-a', mountPath: '/a' },
            { name: 'files', mountPath: '/a/b', subPath: 'main-a-b', readOnly: true },
            { name: 'vol-z', mountPath: '/z' },
          ],
        },
        { name: 'other', image: 'busybox', volumeMounts: [{ name: 'vol-x', mountPath: '/x' }] },
      ],
    },
    {
      name: 'env and probes',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            variables:
              NAME: \${metadata.name}
            livenessProbe:
              exec:
                command: [alive]
            readinessProbe:
              httpGet:
                path: /ready
                port: 8080
      `,
      containers: [
        {
          name: 'main',
          image: 'nginx',
          env: [{ name: 'NAME', value: 'web' }],
          livenessProbe: { exec: { command: ['alive'] } },
          readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
        },
      ],
    },
    {
      name: 'containers keep file order',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          zz:
            image: z
          aa:
            image: a
      `,
      containers: [
        { name: 'zz', image: 'z' },
        { name: 'aa', image: 'a' },
      ],
    },
  ];

  it.each(rows)('$name', (row) => {
    const { result, problems } = run(row);
    expect(formatted(problems)).toEqual([]);
    expect(result.containers).toStrictEqual(row.containers);
    expect(result.initContainers).toStrictEqual([]);
  });

  it('the container does not share arrays or objects with the Score spec', () => {
    const workload = workloadFromYaml(`
      apiVersion: score.dev/v1b1
      metadata:
        name: web
      containers:
        main:
          image: nginx
          command: [run]
          resources:
            limits:
              cpu: "1"
    `);
    const [main] = convertContainers(workload, expandContext(workload), { mounts: new Map() }, problemsFor(workload)).containers;
    (main!.command as string[]).push('changed');
    (main!.resources as { limits: { cpu: string } }).limits.cpu = '2';
    expect(workload.spec.containers.main!.command).toEqual(['run']);
    expect(workload.spec.containers.main!.resources).toEqual({ limits: { cpu: '1' } });
  });
});

describe('convertContainers: problems', () => {
  const rows: Array<Case & { messages: string[] }> = [
    {
      name: "image '.' without the image option",
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: .
      `,
      messages: ["score.yaml:6:12: containers.main.image: is '.', the image built from this project: pass it with --image IMAGE"],
    },
    {
      name: "image '.' with an empty image option",
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: .
      `,
      image: '',
      messages: ["score.yaml:6:12: containers.main.image: is '.', the image built from this project: pass it with --image IMAGE"],
    },
    {
      name: 'problems of every container, and of its env and probes, together',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          one:
            image: .
          two:
            image: nginx
            variables:
              X: \${nope}
            readinessProbe: {}
      `,
      messages: [
        "score.yaml:6:12: containers.one.image: is '.', the image built from this project: pass it with --image IMAGE",
        "score.yaml:10:10: containers.two.variables.X: ${nope} is not a known placeholder: use ${metadata.KEY} or ${resources.NAME.OUTPUT}, or write $${...} for a literal '${'",
        'score.yaml:11:21: containers.two.readinessProbe: a probe needs httpGet or exec',
      ],
    },
  ];

  it.each(rows)('$name', (row) => {
    expect(formatted(run(row).problems)).toEqual(row.messages);
  });
});
