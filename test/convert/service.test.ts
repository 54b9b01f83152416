import { describe, expect, it } from 'vitest';
import { convertHeadlessService, convertService, headlessServiceName } from '../../src/convert/service.js';
import type { Manifest } from '../../src/base/types.js';
import { labelsOf, workloadFromYaml } from './fixtures.js';

const SELECTOR = (name: string) => ({ 'app.kubernetes.io/instance': name });

describe('convertService', () => {
  const rows: Array<{ name: string; yaml: string; service: Manifest | undefined }> = [
    {
      name: 'ports sorted by name; targetPort defaults to port; protocol defaults to TCP',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        service:
          ports:
            www:
              port: 80
              targetPort: 8080
            dns:
              port: 53
              protocol: UDP
            admin:
              port: 9000
        containers:
          main:
            image: nginx
      `,
      service: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', labels: labelsOf('web') },
        spec: {
          selector: SELECTOR('web'),
          ports: [
            { name: 'admin', port: 9000, targetPort: 9000, protocol: 'TCP' },
            { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
            { name: 'www', port: 80, targetPort: 8080, protocol: 'TCP' },
          ],
        },
      },
    },
    {
      name: 'no service section: no Service',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
      `,
      service: undefined,
    },
    {
      name: 'a service without ports: no Service',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        service: {}
        containers:
          main:
            image: nginx
      `,
      service: undefined,
    },
    {
      name: 'an empty ports map: no Service',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        service:
          ports: {}
        containers:
          main:
            image: nginx
      `,
      service: undefined,
    },
    {
      name: 'a workload name starting with a digit gets a DNS-1035 Service name; labels keep the workload name',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: 9lives
        service:
          ports:
            http:
              port: 80
        containers:
          main:
            image: nginx
      `,
      service: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'svc-9lives', labels: labelsOf('9lives') },
        spec: { selector: SELECTOR('9lives'), ports: [{ name: 'http', port: 80, targetPort: 80, protocol: 'TCP' }] },
      },
    },
    {
      name: 'workload annotations are carried, k8s.score.dev/* ones are not',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
          annotations:
            example.com/owner: team-a
            k8s.score.dev/kind: Deployment
        service:
          ports:
            http:
              port: 80
        containers:
          main:
            image: nginx
      `,
      service: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', labels: labelsOf('web'), annotations: { 'example.com/owner': 'team-a' } },
        spec: { selector: SELECTOR('web'), ports: [{ name: 'http', port: 80, targetPort: 80, protocol: 'TCP' }] },
      },
    },
  ];

  it.each(rows)('$name', ({ yaml, service }) => {
    const workload = workloadFromYaml(yaml);
    expect(convertService(workload.name, workload.spec)).toStrictEqual(service);
  });
});

describe('convertHeadlessService (for StatefulSets)', () => {
  const rows: Array<{ name: string; yaml: string; service: Manifest }> = [
    {
      name: 'clusterIP None, ports by name on the container port',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: db
        service:
          ports:
            sql:
              port: 5432
              targetPort: 15432
            metrics:
              port: 9187
              protocol: UDP
        containers:
          main:
            image: postgres
      `,
      service: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'db-headless', labels: labelsOf('db') },
        spec: {
          clusterIP: 'None',
          selector: SELECTOR('db'),
          ports: [
            { name: 'metrics', port: 9187, protocol: 'UDP' },
            { name: 'sql', port: 15432, protocol: 'TCP' },
          ],
        },
      },
    },
    {
      name: 'without ports: a headless Service all the same',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: db
        containers:
          main:
            image: postgres
      `,
      service: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'db-headless', labels: labelsOf('db') },
        spec: { clusterIP: 'None', selector: SELECTOR('db') },
      },
    },
    {
      name: 'a workload name starting with a digit',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: 1db
        containers:
          main:
            image: postgres
      `,
      service: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'svc-1db-headless', labels: labelsOf('1db') },
        spec: { clusterIP: 'None', selector: SELECTOR('1db') },
      },
    },
  ];

  it.each(rows)('$name', ({ yaml, service }) => {
    const workload = workloadFromYaml(yaml);
    const headless = convertHeadlessService(workload.name, workload.spec);
    expect(headless).toStrictEqual(service);
    expect(headlessServiceName(workload.name)).toBe(service.metadata.name);
  });

  it('is never named like the ordinary Service of the same workload', () => {
    const workload = workloadFromYaml(`
      apiVersion: score.dev/v1b1
      metadata:
        name: db
      service:
        ports:
          sql:
            port: 5432
      containers:
        main:
          image: postgres
    `);
    expect(convertHeadlessService(workload.name, workload.spec).metadata.name).not.toBe(
      convertService(workload.name, workload.spec)!.metadata.name,
    );
  });
});
