import { describe, expect, it } from 'vitest';
import { convertVariables, type EnvVar } from '../../src/convert/env.js';
import { expandContext, formatted, problemsFor, workloadFromYaml } from './fixtures.js';

interface Case {
  name: string;
  yaml: string;
  outputs?: Record<string, Record<string, unknown>>;
}

function run({ yaml, outputs }: Case) {
  const workload = workloadFromYaml(yaml);
  const problems = problemsFor(workload);
  const env = convertVariables('main', workload.spec.containers.main!, expandContext(workload, outputs), problems);
  return { env, problems };
}

describe('convertVariables: env', () => {
  const rows: Array<Case & { env: EnvVar[] }> = [
    {
      name: 'sorted by name in code-point order, whatever the file order',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            variables:
              b_lower: "3"
              ZED: "2"
              ALPHA: "1"
              A_B: "0"
      `,
      env: [
        { name: 'ALPHA', value: '1' },
        { name: 'A_B', value: '0' },
        { name: 'ZED', value: '2' },
        { name: 'b_lower', value: '3' },
      ],
    },
    {
      name: 'placeholders for metadata and resource outputs are expanded',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
          annotations:
            example.com/team: blue
        containers:
          main:
            image: nginx
            variables:
              APP: \${metadata.name}
              TEAM: \${metadata.annotations.example\\.com/team}
              DB_URL: postgres://\${resources.db.host}:\${resources.db.port}/app
      `,
      outputs: { db: { host: 'pg.internal', port: 5432 } },
      env: [
        { name: 'APP', value: 'web' },
        { name: 'DB_URL', value: 'postgres://pg.internal:5432/app' },
        { name: 'TEAM', value: 'blue' },
      ],
    },
    {
      name: '$ is doubled so Kubernetes does not expand $(X)',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            variables:
              REF: $(HOME)/bin
              PRICE: a$b
      `,
      env: [
        { name: 'PRICE', value: 'a$$b' },
        { name: 'REF', value: '$$(HOME)/bin' },
      ],
    },
    {
      name: 'Score escapes are undone first, then $ is doubled for Kubernetes',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            variables:
              LITERAL: $\${HOME}
              DOLLAR: cost $$5
      `,
      env: [
        { name: 'DOLLAR', value: 'cost $$5' },
        { name: 'LITERAL', value: '$${HOME}' },
      ],
    },
    {
      name: 'a $ inside an expanded resource output is doubled too',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            variables:
              PASSWORD: \${resources.db.password}
      `,
      outputs: { db: { password: 'p$(x)ss' } },
      env: [{ name: 'PASSWORD', value: 'p$$(x)ss' }],
    },
    {
      name: 'a value without $ or placeholders is unchanged',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            variables:
              PLAIN: "hello world"
              EMPTY: ""
      `,
      env: [
        { name: 'EMPTY', value: '' },
        { name: 'PLAIN', value: 'hello world' },
      ],
    },
    {
      name: 'no variables',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
      `,
      env: [],
    },
  ];

  it.each(rows)('$name', (row) => {
    const { env, problems } = run(row);
    expect(formatted(problems)).toEqual([]);
    expect(env).toStrictEqual(row.env);
  });
});

describe('convertVariables: problems', () => {
  const rows: Array<Case & { messages: string[]; env: EnvVar[] }> = [
    {
      name: 'unknown placeholder names the variable and its line',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            variables:
              GOOD: ok
              BAD: \${unknown.x}
      `,
      messages: [
        "score.yaml:9:12: containers.main.variables.BAD: ${unknown.x} is not a known placeholder: use ${metadata.KEY} or ${resources.NAME.OUTPUT}, or write $${...} for a literal '${'",
      ],
      env: [{ name: 'GOOD', value: 'ok' }],
    },
    {
      name: 'a dotted variable name is escaped in the field',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            variables:
              app.mode: \${metadata.mode}
      `,
      messages: ["score.yaml:8:17: containers.main.variables.app\\.mode: ${metadata.mode}: metadata has no key 'mode' (known: name)"],
      env: [],
    },
    {
      name: 'every bad variable is reported, in name order',
      yaml: `
        apiVersion: score.dev/v1b1
        metadata:
          name: web
        containers:
          main:
            image: nginx
            variables:
              Z: \${resources.db.host}
              A: \${}
              M: fine
      `,
      messages: [
        'score.yaml:9:10: containers.main.variables.A: placeholder ${} has an empty part',
        "score.yaml:8:10: containers.main.variables.Z: ${resources.db.host} refers to resource 'db', which this workload does not declare under 'resources'",
      ],
      env: [{ name: 'M', value: 'fine' }],
    },
  ];

  it.each(rows)('$name', (row) => {
    const { env, problems } = run(row);
    expect(formatted(problems)).toEqual(row.messages);
    expect(env).toStrictEqual(row.env);
  });
});
