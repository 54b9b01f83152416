import { describe, expect, it } from 'vitest';
import { convertProbe } from '../../src/convert/probes.js';
import { formatted, problemsFor, workloadFromYaml } from './fixtures.js';

const PROBE_PATH = ['containers', 'main', 'livenessProbe'];

function run(yaml: string) {
  const workload = workloadFromYaml(yaml);
  const problems = problemsFor(workload);
  const probe = convertProbe(workload.spec.containers.main!.livenessProbe, PROBE_PATH, problems);
  return { probe, problems };
}

describe('convertProbe: Kubernetes probes', () => {
  const rows: Array<{ name: string; yaml: string; probe: Record<string, unknown> | undefined }> = [
    {
      name: 'httpGet with host, scheme, path, port and httpHeaders',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            livenessProbe:
              httpGet:
                host: example.internal
                scheme: HTTPS
                path: /healthz
                port: 8443
                httpHeaders:
                  - name: X-Probe
                    value: liveness
                  - name: Accept
                    value: text/plain
      `,
      probe: {
        httpGet: {
          host: 'example.internal',
          scheme: 'HTTPS',
          path: '/healthz',
          port: 8443,
          httpHeaders: [
            { name: 'X-Probe', value: 'liveness' },
            { name: 'Accept', value: 'text/plain' },
          ],
        },
      },
    },
    {
      name: 'httpGet with only path and port',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            livenessProbe:
              httpGet:
                path: /ready
                port: 8080
      `,
      probe: { httpGet: { path: '/ready', port: 8080 } },
    },
    {
      name: "an empty path becomes '/'",
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            livenessProbe:
              httpGet:
                path: ""
                port: 80
      `,
      probe: { httpGet: { path: '/', port: 80 } },
    },
    {
      name: 'an empty httpHeaders list is left out',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            livenessProbe:
              httpGet:
                path: /
                port: 80
                httpHeaders: []
      `,
      probe: { httpGet: { path: '/', port: 80 } },
    },
    {
      name: 'exec',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            livenessProbe:
              exec:
                command: ["/bin/sh", "-c", "test -f /tmp/ok"]
      `,
      probe: { exec: { command: ['/bin/sh', '-c', 'test -f /tmp/ok'] } },
    },
    {
      name: 'no probe',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
      `,
      probe: undefined,
    },
  ];

  it.each(rows)('$name', ({ yaml, probe }) => {
    const result = run(yaml);
    expect(formatted(result.problems)).toEqual([]);
    expect(result.probe).toStrictEqual(probe);
  });

  it('the probe does not share arrays with the Score spec', () => {
    const workload = workloadFromYaml(`
      apiVersion: score.dev/v1b1
      metadata:
        name: web
      containers:
        main:
          image: nginx
          livenessProbe:
            exec:
              command: ["true"]
    `);
    const probe = convertProbe(workload.spec.containers.main!.livenessProbe, PROBE_PATH, problemsFor(workload)) as {
      exec: { command: string[] };
    };
    probe.exec.command.push('changed');
    expect(workload.spec.containers.main!.livenessProbe!.exec!.command).toEqual(['true']);
  });
});

describe('convertProbe: problems', () => {
  const rows: Array<{ name: string; yaml: string; messages: string[] }> = [
    {
      name: 'httpGet and exec together',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            livenessProbe:
              httpGet:
                path: /
                port: 80
              exec:
                command: ["true"]
      `,
      messages: [
        'score.yaml:8:7: containers.main.livenessProbe: set either httpGet or exec, not both: a Kubernetes probe has exactly one handler',
      ],
    },
    {
      name: 'neither httpGet nor exec',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            livenessProbe: {}
      `,
      messages: ['score.yaml:7:20: containers.main.livenessProbe: a probe needs httpGet or exec'],
    },
  ];

  it.each(rows)('$name', ({ yaml, messages }) => {
    const result = run(yaml);
    expect(formatted(result.problems)).toEqual(messages);
    expect(result.probe).toBeUndefined();
  });
});
