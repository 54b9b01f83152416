import { describe, expect, it } from 'vitest';
import { ProvisionError } from '../../src/base/errors.js';
import { parseYamlSource } from '../../src/yaml/yaml-source.js';
import type { ResourceRecord } from '../../src/project/state.js';
import { provisionResources, type ProvisionOptions } from '../../src/provision/provision.js';
import { KEEP_PROVISIONERS_HINT } from '../../src/provision/match-resources.js';
import { loadProvisioners, type Provisioner } from '../../src/provision/provisioner-file.js';
import type { WorkloadInput } from '../../src/base/types.js';
import { dedent, shownError, TEST_SECRET_REFS, testMarker, workloadFromYaml } from './builders.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const P = 'run.provisioners.yaml';

function provisioners(text: string): Provisioner[] {
  return loadProvisioners(parseYamlSource(P, dedent(text)), 'run');
}

/** A workload `name` with a `resources:` block (indented two spaces); `resources:` is line 9, the first resource line 10. */
function workload(name: string, resources: string, variables = '      X: "1"\n'): WorkloadInput {
  return workloadFromYaml(
    `apiVersion: score.dev/v1b1\nmetadata:\n  name: ${name}\ncontainers:\n  main:\n    image: nginx\n    variables:\n${variables}resources:\n${resources}`,
  );
}

function options(list: Provisioner[], more: Partial<ProvisionOptions> = {}): ProvisionOptions {
  return { provisioners: list, previous: {}, sharedState: {}, projectDir: '/nonexistent', secretRefs: TEST_SECRET_REFS, ...more };
}

/** A postgres provisioner: a generated password kept in state, outputs host/port/password, a Secret. */
const PG = `
  - uri: template://pg
    type: postgres
    expected_outputs: [host, port, password]
    supported_params: [size]
    init: |
      name: {{quote (dnsLabel (concat "pg-" id))}}
    state: |
      password: {{quote (default state.password (randomString 16))}}
    outputs: |
      host: {{quote init.name}}
      port: 5432
      password: {{secretRef init.name "password"}}
      user: {{secretRef init.name "user"}}
      guid: {{quote guid}}
    manifests: |
      - apiVersion: v1
        kind: Secret
        metadata:
          name: {{quote init.name}}
        data:
          password: {{quote (base64 state.password)}}
        stringData:
          user: admin
`;

/** An app provisioner that echoes its params and request as outputs. */
const ECHO = `
  - uri: template://echo
    type: echo
    outputs: |
      params: {{toJson params}}
      namespace: {{quote namespace}}
      shared: {{toJson shared}}
      references: {{toJson references}}
    shared: |
      seen: {"{{id}}": true}
`;

describe('provisionResources', () => {
  it('provisions in dependency order; params read outputs of resources provisioned before', () => {
    const w = workload(
      'web',
      '  app:\n    type: echo\n    params:\n      url: "postgres://${resources.db.host}:${resources.db.port}/x"\n      list: ["${resources.db.port}"]\n  db:\n    type: postgres\n',
    );
    const result = provisionResources([w], options(provisioners(PG + ECHO), { namespace: 'dev' }));
    expect(Object.keys(result.records)).toEqual(['postgres.default#web.db', 'echo.default#web.app']);
    expect(result.outputs('web', 'app')).toEqual({
      params: { url: 'postgres://pg-web-db:5432/x', list: ['5432'] },
      namespace: 'dev',
      shared: { seen: { 'web.app': true } },
      references: [],
    });
    expect(result.outputs('web', 'nope')).toBeUndefined();
    expect(result.outputs('api', 'db')).toBeUndefined();
    expect(result.sourcedManifests.map(({ manifest: m }) => `${m.kind}/${m.metadata.name}`)).toEqual(['Secret/pg-web-db']);
  });

  it('references lists the outputs the workloads read, sorted', () => {
    const w = workload(
      'web',
      '  app:\n    type: echo\n',
      '      B: "${resources.app.zeta}"\n      A: "${resources.app.alpha} ${resources.app.zeta}"\n',
    );
    expect(provisionResources([w], options(provisioners(ECHO))).outputs('web', 'app')!.references).toEqual(['alpha', 'zeta']);
  });

  it('records: type, class, id, guid, provisioner, workload, state, outputs and secret values', () => {
    const w = workload('web', '  db:\n    type: postgres\n');
    const result = provisionResources([w], options(provisioners(PG), { seed: 's' }));
    const record = result.records['postgres.default#web.db']!;
    const password = record.state.password as string;
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(record).toEqual({
      type: 'postgres',
      class: 'default',
      id: 'web.db',
      guid: record.guid,
      provisioner: 'template://pg',
      sourceWorkload: 'web',
      state: { password },
      outputs: {
        host: 'pg-web-db',
        port: 5432,
        password: testMarker('pg-web-db', 'password'),
        user: testMarker('pg-web-db', 'user'),
        guid: record.guid,
      },
      secretValues: { 'pg-web-db/password': password, 'pg-web-db/user': 'admin' },
    });
    expect(record.guid).toMatch(UUID_V4);
  });

  it('secret values come from Secret data (base64) and stringData', () => {
    const w = workload('web', '  db:\n    type: postgres\n');
    const result = provisionResources([w], options(provisioners(PG)));
    const password = result.records['postgres.default#web.db']!.state.password as string;
    expect(result.secretValues.get({ name: 'pg-web-db', key: 'password' })).toBe(password);
    expect(result.secretValues.get({ name: 'pg-web-db', key: 'user' })).toBe('admin');
    expect(result.secretValues.get({ name: 'pg-web-db', key: 'nope' })).toBeUndefined();
    expect(result.secretValues.get({ name: 'other', key: 'user' })).toBeUndefined();
  });

  it('state and guid are reused from `previous`; other previous records are kept', () => {
    const w = workload('web', '  db:\n    type: postgres\n');
    const old: ResourceRecord = {
      type: 'postgres',
      class: 'default',
      id: 'web.db',
      guid: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
      provisioner: 'template://pg',
      sourceWorkload: 'web',
      state: { password: 'kept-password' },
      outputs: {},
    };
    const gone: ResourceRecord = { ...old, id: 'gone', guid: 'g' };
    const result = provisionResources(
      [w],
      options(provisioners(PG), { previous: { 'postgres.default#web.db': old, 'postgres.default#gone': gone } }),
    );
    const record = result.records['postgres.default#web.db']!;
    expect(record.guid).toBe('aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee');
    expect(record.state).toEqual({ password: 'kept-password' });
    expect(record.outputs.guid).toBe('aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee');
    expect(record.secretValues).toEqual({ 'pg-web-db/password': 'kept-password', 'pg-web-db/user': 'admin' });
    expect(result.records['postgres.default#gone']).toEqual(gone);
  });

  it('a seed gives identical results twice; another seed or no seed gives others', () => {
    const run = (seed?: string) => {
      const w = workload('web', '  db:\n    type: postgres\n  other:\n    type: postgres\n');
      const r = provisionResources([w], options(provisioners(PG), seed ? { seed } : {}));
      return { records: r.records, manifests: r.sourcedManifests.map((o) => o.manifest) };
    };
    const a = run('ci-secret');
    expect(run('ci-secret')).toEqual(a);
    const db = a.records['postgres.default#web.db']!;
    const other = a.records['postgres.default#web.other']!;
    expect(db.guid).not.toBe(other.guid);
    expect(db.state.password).not.toBe(other.state.password);
    expect(run('other-secret').records['postgres.default#web.db']!.state.password).not.toBe(db.state.password);
    expect(run('other-secret').records['postgres.default#web.db']!.guid).not.toBe(db.guid);
    expect(run().records['postgres.default#web.db']!.guid).not.toBe(run().records['postgres.default#web.db']!.guid);
    expect(run().records['postgres.default#web.db']!.state.password).not.toBe(run().records['postgres.default#web.db']!.state.password);
  });

  it('shared state: starts from options, merged per resource, options not changed', () => {
    const sharedState = { seen: { old: true }, keep: 1 };
    const w = workload('web', '  a:\n    type: echo\n  b:\n    type: echo\n');
    const result = provisionResources([w], options(provisioners(ECHO), { sharedState }));
    expect(result.sharedState).toEqual({ seen: { old: true, 'web.a': true, 'web.b': true }, keep: 1 });
    expect(sharedState).toEqual({ seen: { old: true }, keep: 1 });
    expect(result.outputs('web', 'b')!.shared).toEqual({ seen: { old: true, 'web.a': true, 'web.b': true }, keep: 1 });
  });

  it('shared state: each patch is merged once, as a JSON merge patch (a new map loses its nulls), and its own later stages see it so', () => {
    const PATCH =
      '  - uri: template://patch\n    type: patch\n    shared: |\n      fresh: {kept: 1, dropped: null}\n    outputs: |\n      shared: {{toJson shared}}\n';
    const w = workload('web', '  a:\n    type: patch\n  b:\n    type: echo\n');
    const result = provisionResources([w], options(provisioners(PATCH + ECHO)));
    expect(result.outputs('web', 'a')!.shared).toEqual({ fresh: { kept: 1 } });
    expect(result.sharedState).toEqual({ fresh: { kept: 1 }, seen: { 'web.b': true } });
  });

  it('a shared id is provisioned once, for the first workload', () => {
    const api = workload('api', '  db:\n    type: echo\n    id: shared\n    params:\n      size: 2\n');
    const web = workload('web', '  main:\n    type: echo\n    id: shared\n    params:\n      size: 2\n');
    const result = provisionResources([api, web], options(provisioners(ECHO)));
    expect(Object.keys(result.records)).toEqual(['echo.default#shared']);
    expect(result.records['echo.default#shared']!.sourceWorkload).toBe('api');
    expect(result.outputs('web', 'main')).toBe(result.outputs('api', 'db'));
    expect(result.outputs('web', 'main')!.params).toEqual({ size: 2 });
  });

  it('a shared id declared with different params is an error naming both files', () => {
    const api = workload('api', '  db:\n    type: echo\n    id: shared\n    params:\n      from: api\n');
    const web = workload('web', '  main:\n    type: echo\n    id: shared\n    params:\n      from: web\n');
    expect(() => provisionResources([api, web], options(provisioners(ECHO)))).toThrow(
      'resource echo.default#shared is declared with different params',
    );
  });

  it.each<{ name: string; workloads: () => WorkloadInput[]; provisioners: string; message: string; diagnostics: string[] }>([
    {
      name: 'no provisioner for the type',
      workloads: () => [
        workload('web', '  q:\n    type: queue\n  e:\n    type: echo\n    class: huge\n  ok:\n    type: echo\n    class: small\n'),
      ],
      provisioners: PG + ECHO.replace('type: echo', 'type: echo\n    class: small'),
      message: 'some resources cannot be provisioned',
      diagnostics: [
        "score.yaml:11:5: resources.q.type: no provisioner for type 'queue'; the loaded provisioners support: echo, postgres",
        "score.yaml:13:5: resources.e.type: no provisioner for type 'echo' and class 'huge'; the loaded provisioners support: echo, postgres",
        KEEP_PROVISIONERS_HINT,
      ],
    },
    {
      name: 'no provisioners at all',
      workloads: () => [workload('web', '  q:\n    type: queue\n')],
      provisioners: '[]',
      message: 'some resources cannot be provisioned',
      diagnostics: [
        "score.yaml:11:5: resources.q.type: no provisioner for type 'queue'; the loaded provisioners support: nothing",
        KEEP_PROVISIONERS_HINT,
      ],
    },
    {
      name: 'expected_outputs missing from the outputs',
      workloads: () => [workload('web', '  db:\n    type: t\n')],
      provisioners: '- uri: template://t\n  type: t\n  expected_outputs: [host, port, user]\n  outputs: |\n    host: h\n',
      message: "resource 'db' of workload 'web' (t.default#web.db) failed",
      diagnostics: ['score.yaml:10:3: resources.db: template://t did not give the outputs it promises: port, user'],
    },
    {
      name: 'expected output named like an Object method',
      workloads: () => [workload('web', '  db:\n    type: t\n')],
      provisioners: '- uri: template://t\n  type: t\n  expected_outputs: [toString]\n',
      message: "resource 'db' of workload 'web' (t.default#web.db) failed",
      diagnostics: ['score.yaml:10:3: resources.db: template://t did not give the outputs it promises: toString'],
    },
    {
      name: 'workload reads an output the provisioner does not promise',
      workloads: () => [workload('web', '  db:\n    type: postgres\n', '      URL: "${resources.db.url}"\n')],
      provisioners: PG,
      message: 'workloads read outputs their resources do not give',
      diagnostics: [
        "score.yaml:8:12: containers.main.variables.URL: ${resources.db.url}: template://pg gives no output 'url' (it gives: host, port, password)",
      ],
    },
    {
      name: 'a template stage fails: the provisioner file line',
      workloads: () => [workload('web', '  db:\n    type: t\n')],
      provisioners: '- uri: template://t\n  type: t\n  outputs: |\n    a: 1\n    b: {{params.nope}}\n',
      message: "resource 'db' of workload 'web' (t.default#web.db) failed",
      diagnostics: [
        `${P}:5:1: template://t, stage outputs: 'nope' is not defined here; for optional values use (default VALUE FALLBACK), (dig MAP KEY ...) or {{#if VALUE}}`,
      ],
    },
    {
      name: 'fail helper: at the resource',
      workloads: () => [workload('web', '  db:\n    type: t\n    params:\n      size: x\n')],
      provisioners:
        '- uri: template://t\n  type: t\n  init: |\n    {{#unless (regexMatch "^[0-9]+Gi$" params.size)}}{{fail (concat "size must be like 1Gi, not " params.size)}}{{/unless}}\n',
      message: "resource 'db' of workload 'web' (t.default#web.db) failed",
      diagnostics: ['score.yaml:10:3: resources.db: template://t, stage init: size must be like 1Gi, not x'],
    },
    {
      name: 'failAll: every problem of the resource, each on its own line',
      workloads: () => [workload('web', '  db:\n    type: t\n    params:\n      size: x\n      user: "1"\n')],
      provisioners:
        '- uri: template://t\n  type: t\n  init: |\n    {{#failAll}}\n    {{#unless (regexMatch "^[0-9]+Gi$" params.size)}}size must be like 1Gi{{/unless}}\n    {{#unless (regexMatch "^[a-z]+$" params.user)}}user must be lowercase letters{{/unless}}\n    {{/failAll}}\n',
      message: "resource 'db' of workload 'web' (t.default#web.db) failed",
      diagnostics: [
        'score.yaml:10:3: resources.db: template://t, stage init: size must be like 1Gi',
        'score.yaml:10:3: resources.db: template://t, stage init: user must be lowercase letters',
      ],
    },
    {
      name: 'a manifest without a name',
      workloads: () => [workload('web', '  db:\n    type: t\n')],
      provisioners: '- uri: template://t\n  type: t\n  manifests: |\n    - apiVersion: v1\n      kind: ConfigMap\n      metadata: {}\n',
      message: "resource 'db' of workload 'web' (t.default#web.db) failed",
      diagnostics: ['score.yaml:10:3: resources.db: template://t made a manifest without apiVersion, kind and metadata.name'],
    },
    {
      name: 'params placeholder that cannot expand',
      workloads: () => [workload('web', '  db:\n    type: t\n    params:\n      a: "${metadata.nope}"\n')],
      provisioners: '- uri: template://t\n  type: t\n',
      message: 'resource params cannot be expanded',
      diagnostics: ["score.yaml:13:10: resources.db.params.a: ${metadata.nope}: metadata has no key 'nope' (known: name)"],
    },
    {
      name: 'cmd provisioner that cannot run: at the resource',
      workloads: () => [workload('web', '  db:\n    type: t\n')],
      provisioners: '- uri: cmd://score-ts-no-such-program-7f3a\n  type: t\n',
      message: "resource 'db' of workload 'web' (t.default#web.db) failed",
      diagnostics: [
        "score.yaml:10:3: resources.db: cmd://score-ts-no-such-program-7f3a: cannot run 'score-ts-no-such-program-7f3a': no such program",
      ],
    },
  ])('$name', ({ workloads, provisioners: text, message, diagnostics }) => {
    expect(shownError(() => provisionResources(workloads(), options(provisioners(text))), ProvisionError)).toEqual({
      message,
      diagnostics,
    });
  });
});

/** Fails when params.bad is set, and for resource `broken` at a template line; echoes params otherwise. */
const FAILING = `
  - uri: template://f
    type: f
    outputs: |
      {{#if params.bad}}{{fail (concat "bad is " params.bad)}}{{/if}}
      value: {{quote (default params.value "ok")}}
      line: {{#if (eq id "web.broken")}}{{params.nope}}{{/if}}
`;

describe('provisionResources: every failure of the run together', () => {
  it.each<{ name: string; resources: string; message: string; diagnostics: string[] }>([
    {
      name: 'one failure: the resource in the headline, as before',
      resources: '  a:\n    type: f\n    params:\n      bad: x\n  b:\n    type: f\n',
      message: "resource 'a' of workload 'web' (f.default#web.a) failed",
      diagnostics: ['score.yaml:10:3: resources.a: template://f, stage outputs: bad is x'],
    },
    {
      name: 'two failures: both, each at its resource',
      resources: '  a:\n    type: f\n    params:\n      bad: x\n  ok:\n    type: f\n  b:\n    type: f\n    params:\n      bad: y\n',
      message: '2 resources cannot be provisioned',
      diagnostics: [
        'score.yaml:10:3: resources.a: template://f, stage outputs: bad is x',
        'score.yaml:16:3: resources.b: template://f, stage outputs: bad is y',
      ],
    },
    {
      name: 'a failure at a template line names its resource',
      resources: '  a:\n    type: f\n    params:\n      bad: x\n  broken:\n    type: f\n',
      message: '2 resources cannot be provisioned',
      diagnostics: [
        'score.yaml:10:3: resources.a: template://f, stage outputs: bad is x',
        `${P}:6:1: resource 'broken' of workload 'web' (f.default#web.broken): template://f, stage outputs: 'nope' is not defined here; for optional values use (default VALUE FALLBACK), (dig MAP KEY ...) or {{#if VALUE}}`,
      ],
    },
    {
      name: 'a resource reading outputs of a failed one is not tried, only counted',
      resources:
        '  a:\n    type: f\n    params:\n      bad: x\n  b:\n    type: f\n    params:\n      value: ${resources.a.value}\n  c:\n    type: f\n    params:\n      value: ${resources.b.value}\n',
      message: "resource 'a' of workload 'web' (f.default#web.a) failed; 2 resources that read its outputs were not provisioned",
      diagnostics: ['score.yaml:10:3: resources.a: template://f, stage outputs: bad is x'],
    },
    {
      name: 'two failures and a resource reading one of them',
      resources:
        '  a:\n    type: f\n    params:\n      bad: x\n  b:\n    type: f\n    params:\n      value: ${resources.a.value}\n  c:\n    type: f\n    params:\n      bad: z\n',
      message: '2 resources cannot be provisioned; 1 resource that reads their outputs was not provisioned',
      diagnostics: [
        'score.yaml:10:3: resources.a: template://f, stage outputs: bad is x',
        'score.yaml:18:3: resources.c: template://f, stage outputs: bad is z',
      ],
    },
    {
      name: 'params that cannot expand and a failing provisioner, together',
      resources: '  a:\n    type: f\n    params:\n      value: ${metadata.nope}\n  b:\n    type: f\n    params:\n      bad: y\n',
      message: '2 resources cannot be provisioned',
      diagnostics: [
        "score.yaml:13:14: resources.a.params.value: ${metadata.nope}: metadata has no key 'nope' (known: name)",
        'score.yaml:14:3: resources.b: template://f, stage outputs: bad is y',
      ],
    },
  ])('$name', ({ resources, message, diagnostics }) => {
    expect(shownError(() => provisionResources([workload('web', resources)], options(provisioners(FAILING))), ProvisionError)).toEqual({
      message,
      diagnostics,
    });
  });

  it('six failing resources of one workload are all reported (onlineboutique checkout)', () => {
    const names = ['cart', 'currency', 'email', 'payment', 'productcatalog', 'shipping'];
    const resources = names.map((n) => `  ${n}:\n    type: f\n    params:\n      bad: ${n}\n`).join('');
    const shown = shownError(() => provisionResources([workload('checkout', resources)], options(provisioners(FAILING))), ProvisionError);
    expect(shown.message).toBe('6 resources cannot be provisioned');
    expect(shown.diagnostics.map((d) => d.replace(/^score\.yaml:\d+:3: /, ''))).toEqual(
      names.map((n) => `resources.${n}: template://f, stage outputs: bad is ${n}`),
    );
  });
});

describe('provisionResources: params a provisioner does not list', () => {
  const NO_LIST = '- uri: template://free\n  type: free\n  outputs: |\n    params: {{toJson params}}\n';
  const EMPTY_LIST = '- uri: template://none\n  type: none\n  supported_params: []\n';

  it.each<{ name: string; workloads: () => WorkloadInput[]; provisioners: string; warnings: string[] }>([
    {
      name: 'one param: a warning naming the param, the provisioner and its file line',
      workloads: () => [workload('web', '  db:\n    type: postgres\n    params:\n      size: 1Gi\n      version: 16\n')],
      provisioners: PG,
      warnings: [
        `score.yaml:14:7: resources.db.params.version: provisioner template://pg at ${P}:1:1 does not list this param in supported_params (size): it is passed on, and the provisioner may ignore it`,
      ],
    },
    {
      name: 'once per provisioner and param, counting the other resources',
      workloads: () => [
        workload(
          'api',
          '  db:\n    type: postgres\n    params:\n      version: 16\n  db2:\n    type: postgres\n    params:\n      version: 15\n      tier: gold\n',
        ),
        workload('web', '  db:\n    type: postgres\n    params:\n      version: 16\n'),
      ],
      provisioners: PG,
      warnings: [
        `score.yaml:13:7: resources.db.params.version: provisioner template://pg at ${P}:1:1 does not list this param in supported_params (size): it is passed on, and the provisioner may ignore it; 2 more resources set it too`,
        `score.yaml:18:7: resources.db2.params.tier: provisioner template://pg at ${P}:1:1 does not list this param in supported_params (size): it is passed on, and the provisioner may ignore it`,
      ],
    },
    {
      name: 'supported_params empty: the list says none',
      workloads: () => [workload('web', '  e:\n    type: none\n    params:\n      a: 1\n')],
      provisioners: EMPTY_LIST,
      warnings: [
        `score.yaml:13:7: resources.e.params.a: provisioner template://none at ${P}:1:1 does not list this param in supported_params (none): it is passed on, and the provisioner may ignore it`,
      ],
    },
    {
      name: "no supported_params: every param is the provisioner's, no warning",
      workloads: () => [workload('web', '  x:\n    type: free\n    params:\n      anything: 1\n')],
      provisioners: NO_LIST,
      warnings: [],
    },
    {
      name: 'a listed param: no warning',
      workloads: () => [workload('web', '  db:\n    type: postgres\n    params:\n      size: 1Gi\n')],
      provisioners: PG,
      warnings: [],
    },
    {
      name: 'a param named like an Object method is a param like any other',
      workloads: () => [workload('web', '  db:\n    type: postgres\n    params:\n      constructor: 1\n      __proto__: 2\n')],
      provisioners: PG,
      warnings: [
        `score.yaml:13:7: resources.db.params.constructor: provisioner template://pg at ${P}:1:1 does not list this param in supported_params (size): it is passed on, and the provisioner may ignore it`,
        `score.yaml:14:7: resources.db.params.__proto__: provisioner template://pg at ${P}:1:1 does not list this param in supported_params (size): it is passed on, and the provisioner may ignore it`,
      ],
    },
  ])('$name', ({ workloads, provisioners: text, warnings }) => {
    expect(provisionResources(workloads(), options(provisioners(text))).warnings).toEqual(warnings);
  });

  it('thousands of unlisted params give the first 20 warnings and a count, quickly', () => {
    const params = Array.from({ length: 5000 }, (_, i) => `      p${i}: ${i}\n`).join('');
    const started = Date.now();
    const { warnings } = provisionResources(
      [workload('web', `  db:\n    type: postgres\n    params:\n${params}`)],
      options(provisioners(PG)),
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(warnings).toHaveLength(21);
    expect(warnings[0]).toMatch(/^score\.yaml:13:7: resources\.db\.params\.p0: provisioner template:\/\/pg at /);
    expect(warnings[20]).toBe(
      '4980 more params are not listed in the supported_params of their provisioners (only the first 20 are shown)',
    );
  });

  it('the unlisted param reaches the provisioner', () => {
    const result = provisionResources(
      [workload('web', '  x:\n    type: free\n    params:\n      openapi_file: ./api.yaml\n')],
      options(
        provisioners('- uri: template://free\n  type: free\n  supported_params: [port]\n  outputs: |\n    params: {{toJson params}}\n'),
      ),
    );
    expect(result.outputs('web', 'x')).toEqual({ params: { openapi_file: './api.yaml' } });
    expect(result.warnings).toHaveLength(1);
  });
});
