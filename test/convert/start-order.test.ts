import { describe, expect, it } from 'vitest';
import { convertContainers } from '../../src/convert/containers.js';
import type { K8sContainer } from '../../src/convert/pod-types.js';
import { planStartOrder, type StartOrder } from '../../src/convert/start-order.js';
import { expandContext, formatted, problemsFor, workloadFromYaml } from './fixtures.js';

function plan(yaml: string) {
  const workload = workloadFromYaml(yaml);
  const problems = problemsFor(workload);
  return { order: planStartOrder(workload.spec.containers, problems), problems };
}

describe('planStartOrder: X.before.Y.ready: R starts X before Y', () => {
  const rows: Array<{ name: string; yaml: string; order: StartOrder }> = [
    {
      name: 'no before: every container is a main container, in file order',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          zeta:
            image: z
          alpha:
            image: a
      `,
      order: { init: [], main: ['zeta', 'alpha'] },
    },
    {
      name: 'ready: complete makes an init container',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          app:
            image: app
          migrate:
            image: migrate
            before:
              app:
                ready: complete
      `,
      order: { init: [{ name: 'migrate', role: 'complete' }], main: ['app'] },
    },
    {
      name: 'a chain written backwards starts in chain order',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          app:
            image: app
          proxy:
            image: proxy
            before:
              app:
                ready: started
          setup:
            image: setup
            before:
              proxy:
                ready: complete
      `,
      order: {
        init: [
          { name: 'setup', role: 'complete' },
          { name: 'proxy', role: 'started' },
        ],
        main: ['app'],
      },
    },
    {
      name: 'a longer chain: every link is respected',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          c:
            image: c
            before:
              d:
                ready: started
          d:
            image: d
          b:
            image: b
            before:
              c:
                ready: started
          a:
            image: a
            before:
              b:
                ready: complete
      `,
      order: {
        init: [
          { name: 'a', role: 'complete' },
          { name: 'b', role: 'started' },
          { name: 'c', role: 'started' },
        ],
        main: ['d'],
      },
    },
    {
      name: 'unrelated init containers keep file order',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          second:
            image: s
            before:
              app:
                ready: started
          first:
            image: f
            before:
              app:
                ready: complete
          app:
            image: app
      `,
      order: {
        init: [
          { name: 'second', role: 'started' },
          { name: 'first', role: 'complete' },
        ],
        main: ['app'],
      },
    },
    {
      name: 'started and complete for two containers: complete wins',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          init:
            image: i
            before:
              a:
                ready: started
              b:
                ready: complete
          a:
            image: a
          b:
            image: b
      `,
      order: { init: [{ name: 'init', role: 'complete' }], main: ['a', 'b'] },
    },
    {
      name: 'started and healthy for two containers: healthy wins',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          db:
            image: db
            readinessProbe:
              exec:
                command: [pg_isready]
            before:
              a:
                ready: healthy
              b:
                ready: started
          a:
            image: a
          b:
            image: b
      `,
      order: { init: [{ name: 'db', role: 'healthy' }], main: ['a', 'b'] },
    },
  ];

  it.each(rows)('$name', ({ yaml, order }) => {
    const result = plan(yaml);
    expect(formatted(result.problems)).toEqual([]);
    expect(result.order).toStrictEqual(order);
  });
});

describe('planStartOrder: problems', () => {
  const rows: Array<{ name: string; yaml: string; messages: string[] }> = [
    {
      name: 'unknown container',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          app:
            image: app
            before:
              nope:
                ready: started
          db:
            image: db
      `,
      messages: ["score.yaml:8:7: containers.app.before.nope: there is no container 'nope' in this workload (containers: app, db)"],
    },
    {
      name: 'self reference',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          app:
            image: app
            before:
              app:
                ready: started
      `,
      messages: ['score.yaml:8:7: containers.app.before.app: a container cannot start before itself'],
    },
    {
      name: 'cycle of two names the cycle',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          a:
            image: a
            before:
              b:
                ready: started
          b:
            image: b
            before:
              a:
                ready: started
          main:
            image: main
      `,
      messages: ["score.yaml:8:7: containers.a.before: the 'before' start order has a cycle: a -> b -> a"],
    },
    {
      name: 'cycle of three behind a container outside it',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          entry:
            image: e
            before:
              x:
                ready: complete
          x:
            image: x
            before:
              y:
                ready: started
          y:
            image: y
            before:
              z:
                ready: started
          z:
            image: z
            before:
              x:
                ready: started
      `,
      messages: ["score.yaml:13:7: containers.x.before: the 'before' start order has a cycle: x -> y -> z -> x"],
    },
    {
      name: 'complete and healthy for one container',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          x:
            image: x
            before:
              a:
                ready: complete
              b:
                ready: healthy
          a:
            image: a
          b:
            image: b
      `,
      messages: [
        "score.yaml:8:7: containers.x.before: mixes 'complete' and 'healthy': a container cannot both run to completion and stay healthy",
      ],
    },
    {
      name: 'complete with probes',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          init:
            image: init
            livenessProbe:
              exec:
                command: ["true"]
            readinessProbe:
              httpGet:
                path: /
                port: 80
            before:
              app:
                ready: complete
          app:
            image: app
      `,
      messages: [
        "score.yaml:8:7: containers.init.livenessProbe: 'init' runs to completion before other containers start (before: ready: complete), and such init containers cannot have probes in Kubernetes; remove the probe",
        "score.yaml:11:7: containers.init.readinessProbe: 'init' runs to completion before other containers start (before: ready: complete), and such init containers cannot have probes in Kubernetes; remove the probe",
      ],
    },
    {
      name: 'healthy without readinessProbe',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          db:
            image: db
            livenessProbe:
              exec:
                command: ["true"]
            before:
              app:
                ready: healthy
          app:
            image: app
      `,
      messages: ["score.yaml:11:7: containers.db.before: 'ready: healthy' needs a readinessProbe on 'db' to tell when it is healthy"],
    },
  ];

  it.each(rows)('$name', ({ yaml, messages }) => {
    expect(formatted(plan(yaml).problems)).toEqual(messages);
  });
});

describe('convertContainers: how each start role runs', () => {
  const rows: Array<{ name: string; yaml: string; initContainers: K8sContainer[]; containers: K8sContainer[] }> = [
    {
      name: 'complete: a plain init container',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          app:
            image: app
          migrate:
            image: migrate
            args: [up]
            before:
              app:
                ready: complete
      `,
      initContainers: [{ name: 'migrate', image: 'migrate', args: ['up'] }],
      containers: [{ name: 'app', image: 'app' }],
    },
    {
      name: 'started: a sidecar with restartPolicy Always',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          app:
            image: app
          proxy:
            image: envoy
            before:
              app:
                ready: started
      `,
      initContainers: [{ name: 'proxy', image: 'envoy', restartPolicy: 'Always' }],
      containers: [{ name: 'app', image: 'app' }],
    },
    {
      name: 'healthy: a sidecar whose startupProbe is its readinessProbe',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          app:
            image: app
          db:
            image: postgres
            livenessProbe:
              exec:
                command: [pg_isready]
            readinessProbe:
              httpGet:
                path: /ready
                port: 8080
            before:
              app:
                ready: healthy
      `,
      initContainers: [
        {
          name: 'db',
          image: 'postgres',
          livenessProbe: { exec: { command: ['pg_isready'] } },
          readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
          restartPolicy: 'Always',
          startupProbe: { httpGet: { path: '/ready', port: 8080 } },
        },
      ],
      containers: [{ name: 'app', image: 'app' }],
    },
    {
      name: 'a chain of roles in start order',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          app:
            image: app
          cache:
            image: redis
            readinessProbe:
              exec:
                command: [redis-cli, ping]
            before:
              app:
                ready: healthy
          fetch:
            image: fetch
            before:
              cache:
                ready: complete
      `,
      initContainers: [
        { name: 'fetch', image: 'fetch' },
        {
          name: 'cache',
          image: 'redis',
          readinessProbe: { exec: { command: ['redis-cli', 'ping'] } },
          restartPolicy: 'Always',
          startupProbe: { exec: { command: ['redis-cli', 'ping'] } },
        },
      ],
      containers: [{ name: 'app', image: 'app' }],
    },
  ];

  it.each(rows)('$name', ({ yaml, initContainers, containers }) => {
    const workload = workloadFromYaml(yaml);
    const problems = problemsFor(workload);
    const result = convertContainers(workload, expandContext(workload), { mounts: new Map() }, problems);
    expect(formatted(problems)).toEqual([]);
    expect(result.initContainers).toStrictEqual(initContainers);
    expect(result.containers).toStrictEqual(containers);
  });

  it('the startupProbe is a copy, not the readinessProbe object itself', () => {
    const workload = workloadFromYaml(`
      apiVersion: score.dev/v1b1
      metadata:
        name: web
      containers:
        db:
          image: db
          readinessProbe:
            exec:
              command: [check]
          before:
            app:
              ready: healthy
        app:
          image: app
    `);
    const result = convertContainers(workload, expandContext(workload), { mounts: new Map() }, problemsFor(workload));
    const db = result.initContainers[0]!;
    expect(db.startupProbe).toEqual(db.readinessProbe);
    expect(db.startupProbe).not.toBe(db.readinessProbe);
  });
});
