import { afterEach, describe, expect, it } from 'vitest';
import { runTemplateProvisioner, StageError } from '../../src/provision/run-template-provisioner.js';
import { PROVISIONER_FILE, provisionerFromYaml, request, templateData, thrown } from './builders.js';

const MISSING = (field: string) =>
  `'${field}' is not defined here; for optional values use (default VALUE FALLBACK), (dig MAP KEY ...) or {{#if VALUE}}`;

describe('runTemplateProvisioner: stage order and what each stage sees', () => {
  it('init is visible to state; the previous state is `state` in init and state; the new state is `state` for outputs', () => {
    const p = provisionerFromYaml(`
      - uri: template://t
        type: t
        init: |
          user: {{quote (concat "u-" id)}}
          previous: {{toJson state}}
        state: |
          user: {{quote init.user}}
          count: {{#if state.count}}{{state.count}}1{{else}}1{{/if}}
          previous: {{toJson state}}
        outputs: |
          state: {{toJson state}}
          init: {{toJson init}}
    `);
    const result = runTemplateProvisioner(p, request({ id: 'web.db', state: { count: 4 } }), templateData());
    expect(result.state).toEqual({ user: 'u-web.db', count: 41, previous: { count: 4 } });
    expect(result.outputs).toEqual({
      state: { user: 'u-web.db', count: 41, previous: { count: 4 } },
      init: { user: 'u-web.db', previous: { count: 4 } },
    });
  });

  it('the request fields are visible to every stage', () => {
    const p = provisionerFromYaml(`
      - uri: template://t
        type: t
        outputs: |
          all: {{toJson (concat uid "|" guid "|" type "|" class "|" id "|" sourceWorkload "|" namespace)}}
          params: {{toJson params}}
          metadata: {{toJson metadata}}
          services: {{toJson workloadServices}}
    `);
    const req = request({
      params: { size: '2Gi' },
      metadata: { annotations: { a: 'b' } },
      namespace: 'ns1',
      workloadServices: {
        web: {
          serviceName: 'web',
          ports: { www: { port: 80, targetPort: 8080, protocol: 'TCP' } },
          portsByNumber: { '80': { port: 80, targetPort: 8080, protocol: 'TCP' } },
        },
      },
    });
    expect(runTemplateProvisioner(p, req, templateData()).outputs).toEqual({
      all: 'postgres.default#web.db|00000000-0000-4000-8000-000000000000|postgres|default|web.db|web|ns1',
      params: { size: '2Gi' },
      metadata: { annotations: { a: 'b' } },
      services: {
        web: {
          serviceName: 'web',
          ports: { www: { port: 80, targetPort: 8080, protocol: 'TCP' } },
          portsByNumber: { '80': { port: 80, targetPort: 8080, protocol: 'TCP' } },
        },
      },
    });
  });

  it("shared is returned as a patch; later stages see it merged, the request's shared state is not changed", () => {
    const p = provisionerFromYaml(`
      - uri: template://t
        type: t
        shared: |
          dbs: {"{{id}}": true}
          drop: null
        outputs: |
          shared: {{toJson shared}}
    `);
    const live: Record<string, unknown> = { dbs: { other: true }, drop: 'x', keep: 1 };
    const result = runTemplateProvisioner(p, request({ id: 'mine', shared: live }), templateData());
    expect(live).toEqual({ dbs: { other: true }, drop: 'x', keep: 1 });
    expect(result.shared).toEqual({ dbs: { mine: true }, drop: null });
    expect(result.outputs).toEqual({ shared: { dbs: { other: true, mine: true }, keep: 1 } });
  });

  it('outputs are visible in manifests', () => {
    const p = provisionerFromYaml(`
      - uri: template://t
        type: t
        outputs: |
          name: {{quote (dnsLabel id)}}
        manifests: |
          - apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{quote outputs.name}}
    `);
    expect(runTemplateProvisioner(p, request({ id: 'Web.DB' }), templateData()).manifests).toEqual([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-db' } },
    ]);
  });

  it('missing stages give {} and []', () => {
    const p = provisionerFromYaml(`
      - uri: template://t
        type: t
    `);
    const shared = { a: 1 };
    expect(runTemplateProvisioner(p, request({ shared, state: { old: 1 } }), templateData())).toEqual({
      state: {},
      shared: {},
      outputs: {},
      manifests: [],
    });
    expect(shared).toEqual({ a: 1 });
  });

  it('the random source of the run is used by randomString', () => {
    const p = provisionerFromYaml(`
      - uri: template://t
        type: t
        state: |
          password: {{quote (default state.password (randomString 4 "ab"))}}
    `);
    const counting = templateData();
    expect(runTemplateProvisioner(p, request(), counting).state).toEqual({ password: 'abab' });
    expect(runTemplateProvisioner(p, request({ state: { password: 'kept' } }), templateData()).state).toEqual({ password: 'kept' });
  });
});

describe('runTemplateProvisioner: StageError carries the stage and the file line', () => {
  // Line 1 is `- uri:`; the block of each stage starts on the line after its key.
  const FILE = `
    - uri: template://t
      type: t
      init: |
        a: 1
        b: {{init_missing}}
      state: |
        a: 1
        b: {{state_missing}}
      shared: |
        x: {{shared_missing}}
      outputs: |
        a: 1

        c: {{outputs_missing}}
      manifests: |
        - {{manifests_missing}}
  `;

  it.each<{ name: string; defined: string[]; stage: string; line: number | undefined; message: string }>([
    { name: 'init', defined: [], stage: 'init', line: 5, message: MISSING('init_missing') },
    { name: 'state', defined: ['init_missing'], stage: 'state', line: 8, message: MISSING('state_missing') },
    { name: 'shared', defined: ['init_missing', 'state_missing'], stage: 'shared', line: 10, message: MISSING('shared_missing') },
    {
      name: 'outputs, after a blank line',
      defined: ['init_missing', 'state_missing', 'shared_missing'],
      stage: 'outputs',
      line: 14,
      message: MISSING('outputs_missing'),
    },
    {
      name: 'manifests',
      defined: ['init_missing', 'state_missing', 'shared_missing', 'outputs_missing'],
      stage: 'manifests',
      line: 16,
      message: MISSING('manifests_missing'),
    },
  ])('$name', ({ defined, stage, line, message }) => {
    const p = provisionerFromYaml(FILE);
    expect(p.file).toBe(PROVISIONER_FILE);
    const params = Object.fromEntries(defined.map((k) => [k, 'v']));
    // The missing fields are top-level: make the earlier ones defined through the request.
    const error = thrown(() => runTemplateProvisioner(p, { ...request(), ...params }, templateData()));
    expect(error).toBeInstanceOf(StageError);
    expect({ stage: (error as StageError).stage, line: (error as StageError).line, message: error.message }).toEqual({
      stage,
      line,
      message,
    });
  });

  it.each<{ name: string; yaml: string; stage: string; line: number | undefined; message: string }>([
    {
      name: 'fail helper: its message, no line',
      yaml: '- uri: template://t\n  type: t\n  state: |\n    {{fail "size must be like 1Gi"}}\n',
      stage: 'state',
      line: undefined,
      message: 'size must be like 1Gi',
    },
    {
      name: 'rendered outputs not a map',
      yaml: '- uri: template://t\n  type: t\n  outputs: |\n    - a\n',
      stage: 'outputs',
      line: 4,
      message: 'rendered outputs must be a YAML map',
    },
    {
      name: 'rendered state is not valid YAML, the value is not shown',
      yaml: '- uri: template://t\n  type: t\n  state: |\n    password: {{randomString 8}}\n      bad: x\n',
      stage: 'state',
      line: 4,
      message:
        'rendered state is not valid YAML (rendered line 2): bad indentation: the keys or items of one map or list must start at the same column',
    },
    {
      name: 'rendered manifests is a map',
      yaml: '- uri: template://t\n  type: t\n  manifests: |\n    kind: A\n',
      stage: 'manifests',
      line: 4,
      message: 'rendered manifests must be a YAML list of manifests',
    },
    {
      name: 'invalid secretRef in outputs',
      yaml: '- uri: template://t\n  type: t\n  outputs: |\n    p: {{secretRef "Bad" "k"}}\n',
      stage: 'outputs',
      line: undefined,
      message: "secretRef: 'Bad' is not a valid Secret name",
    },
    {
      name: 'inline template: line of the key',
      yaml: '- uri: template://t\n  type: t\n  init: "a: 1"\n  outputs: "a: {{nope}}"\n',
      stage: 'outputs',
      line: 4,
      message: MISSING('nope'),
    },
  ])('$name', ({ yaml, stage, line, message }) => {
    const error = thrown(() => runTemplateProvisioner(provisionerFromYaml(yaml), request(), templateData()));
    expect(error).toBeInstanceOf(StageError);
    expect({ stage: (error as StageError).stage, line: (error as StageError).line, message: error.message }).toEqual({
      stage,
      line,
      message,
    });
  });

  it('a failing state stage stops the later stages: shared is not merged', () => {
    const p = provisionerFromYaml('- uri: template://t\n  type: t\n  state: |\n    {{fail "stop"}}\n  shared: |\n    touched: true\n');
    const live: Record<string, unknown> = {};
    expect(thrown(() => runTemplateProvisioner(p, request({ shared: live }), templateData()))).toBeInstanceOf(StageError);
    expect(live).toEqual({});
  });
});

describe('runTemplateProvisioner: shared state keys are data', () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>).polluted;
  });

  it('a shared stage that renders __proto__ does not pollute', () => {
    const p = provisionerFromYaml(
      '- uri: template://t\n  type: t\n  shared: |\n    __proto__:\n      polluted: yes\n  outputs: |\n    seen: {{toJson shared}}\n',
    );
    try {
      runTemplateProvisioner(p, request({ shared: {} }), templateData());
    } catch (e) {
      expect(e).toBeInstanceOf(StageError);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
