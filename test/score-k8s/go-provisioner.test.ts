/**
 * score-k8s's template provisioners run unchanged: the data is a `*templateprov.Data` with score-k8s's fields
 * and Go types, the stages render in order with state replaced and shared merged as a JSON merge patch, the
 * rendered YAML is typed as yaml.v3 types it, and secret references become score-ts's.
 */
import { describe, expect, it } from 'vitest';
import { at } from '../support/fields.js';
import { generateIn, objectOf, outputsOf, projectWith, scoreFile } from './support.js';

const DUMP = `- uri: template://test/dump
  type: dump
  init: |
    port: 5432
    ratio: 1.5
    flag: yes
    octal: 010
    big: 1_000
  outputs: |
    data: {{ printf "%T" . | quote }}
    params: {{ printf "%#v" .Params | quote }}
    services: {{ printf "%T" .WorkloadServices | quote }}
    ports: "{{ range $k, $v := (index .WorkloadServices "app").Ports }}{{ $k }},{{ end }}"
    byNumber: {{ (index (index .WorkloadServices "app").Ports "80").Name | quote }}
    target: {{ (index (index .WorkloadServices "app").Ports "web").TargetPort }}
    protocol: {{ printf "%T=%v" (index (index .WorkloadServices "app").Ports "web").Protocol (index (index .WorkloadServices "app").Ports "web").Protocol | quote }}
    serviceName: {{ (index .WorkloadServices "app").ServiceName | quote }}
    ids: {{ printf "%s|%s|%s|%s" .Uid .Type .Class .Id | quote }}
    namespace: {{ .Namespace | quote }}
    workload: {{ .SourceWorkload }}/{{ .WorkloadMetadata.name }}/{{ .WorkloadMetadata.annotations.team }}
    metadata: {{ .Metadata.annotations.owner | quote }}
    initTypes: {{ printf "%T %T %T %T %T" .Init.port .Init.ratio .Init.flag .Init.octal .Init.big | quote }}
    initValues: {{ printf "%v %v %v %v" .Init.port .Init.ratio .Init.octal .Init.big | quote }}
    counted: "{{ range $i := 3 }}{{ $i }}{{ end }}"
    chained: {{ with .Params }}params{{ else with .Metadata }}metadata{{ end }}
`;

describe('the template data', () => {
  it("is a *templateprov.Data with score-k8s's fields and types", async () => {
    const dir = projectWith({
      'score.yaml': scoreFile('app', '  thing:\n    type: dump\n    metadata:\n      annotations: {owner: ops}\n'),
      'p.provisioners.yaml': DUMP,
    });
    const run = await generateIn(dir, ['score.yaml', '--provisioners', 'p.provisioners.yaml']);
    expect(run.code, run.stderr).toBe(0);
    expect(await outputsOf(dir, 'dump.default#app.thing')).toEqual({
      data: '*templateprov.Data',
      params: 'map[string]interface {}(nil)',
      services: 'map[string]provisioners.NetworkService',
      ports: '80,9090,metrics,web,',
      byNumber: 'web',
      target: 8080,
      protocol: 'types.ServicePortProtocol=TCP',
      serviceName: 'app',
      ids: 'dump.default#app.thing|dump|default|app.thing',
      namespace: '',
      workload: 'app/app/blue',
      metadata: 'ops',
      initTypes: 'int float64 string int int',
      initValues: '5432 1.5 8 1000',
      counted: '012',
      chained: 'metadata',
    });
  });

  it.each([
    {
      name: 'a field score-k8s does not have',
      template: '{{ .Foo }}',
      error:
        "p.provisioners.yaml:4:1: template://test/broken, stage outputs: at <.Foo>: can't evaluate field Foo in type *templateprov.Data",
    },
    {
      name: "fail, with the author's words",
      template: 'x: 1\n    {{ if not .Params.size }}{{ fail "params.size must be set" }}{{ end }}',
      error: 'p.provisioners.yaml:5:1: template://test/broken, stage outputs: params.size must be set',
    },
    {
      name: 'a map where a list is due',
      template: '{{ range .Params }}{{ end }}x: [',
      error:
        'p.provisioners.yaml:4:1: template://test/broken, stage outputs: rendered outputs is not valid YAML (rendered line 2): a [ or { is never closed: end it with ] or }',
    },
    {
      name: 'a template that does not parse, when a resource uses it',
      template: '{{ $w.ServiceName }}',
      error:
        'p.provisioners.yaml:4:1: template://test/broken, stage outputs: the template does not parse: undefined variable "$w" (read as a Go template (score-k8s\'s format) because it has no marker and its templates use Go template syntax ({{ $w.ServiceName }}); if it is Handlebars (score-ts\'s format), make `# score-ts: handlebars` its first line)',
    },
  ])('an error names the file line, the provisioner and the stage: $name', async ({ template, error }) => {
    const dir = projectWith({
      'score.yaml': scoreFile('app', '  thing: {type: broken}\n'),
      'p.provisioners.yaml': `- uri: template://test/broken\n  type: broken\n  outputs: |\n    ${template}\n`,
    });
    const run = await generateIn(dir, ['score.yaml', '--provisioners', 'p.provisioners.yaml']);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')[1]).toBe(`  ${error}`);
  });

  it('a template that does not parse stops only the resources that use it, as in score-k8s', async () => {
    const dir = projectWith({
      'score.yaml': scoreFile('app', '  fine: {type: fine}\n'),
      'p.provisioners.yaml':
        '- uri: template://test/broken\n  type: broken\n  outputs: "{{ $w }}"\n- uri: template://test/fine\n  type: fine\n  outputs: "x: {{ .Type }}"\n',
    });
    expect((await generateIn(dir, ['score.yaml', '--provisioners', 'p.provisioners.yaml'])).code).toBe(0);
    expect(await outputsOf(dir, 'fine.default#app.fine')).toEqual({ x: 'fine' });
  });
});

describe('the stages', () => {
  const STAGES = `- uri: template://test/first
  type: first
  state: |
    runs: {{ add1 (default 0 .State.runs) }}
  shared: |
    nested:
      drop: 1
      stay: 2
  outputs: |
    runs: {{ .State.runs }}
- uri: template://test/second
  type: second
  shared: |
    nested:
      drop: null
      more: {{ .Params.from }}
    fresh:
      inner: null
      kept: yes
  outputs: |
    nested: {{ .Shared.nested | toJson | quote }}
    fresh: {{ .Shared.fresh | toJson | quote }}
  manifests: |
    - apiVersion: v1
      kind: ConfigMap
      metadata:
        name: {{ .Id | replace "." "-" }}
      data:
        runs: {{ .Params.from | quote }}
`;

  it('replace the state, merge shared as a JSON merge patch (null deletes), and give outputs and manifests', async () => {
    const dir = projectWith({
      'score.yaml': scoreFile('app', '  one: {type: first}\n  two:\n    type: second\n    params: {from: "${resources.one.runs}"}\n'),
      'p.provisioners.yaml': STAGES,
    });
    const args = ['score.yaml', '--provisioners', 'p.provisioners.yaml'];
    expect((await generateIn(dir, args)).code).toBe(0);
    const second = await generateIn(dir, args);
    expect(second.code).toBe(0);
    expect(await outputsOf(dir, 'first.default#app.one')).toEqual({ runs: 2 });
    expect(await outputsOf(dir, 'second.default#app.two')).toEqual({ nested: '{"more":2,"stay":2}', fresh: '{"kept":"yes"}' });
    const configMap = objectOf(second.docs, 'ConfigMap', 'app-two');
    expect(configMap.data).toEqual({ runs: '2' });
    expect(at(configMap, 'metadata', 'annotations')).toEqual({ 'score-ts.dev/resource-uid': 'second.default#app.two' });
  });
});

describe('secret references', () => {
  const SECRETS = `- uri: template://test/secret
  type: secret
  outputs: |
    password: {{ encodeSecretRef "db-credentials" "password" }}
    literal: 🔐💬db-credentials_api_key💬🔐
    echoed: {{ .Params.echo | quote }}
  manifests: |
    - apiVersion: v1
      kind: Secret
      metadata:
        name: db-credentials
      stringData:
        password: s3cret
        api_key: k3y
`;

  it('encodeSecretRef and 🔐💬NAME_KEY💬🔐 become secretKeyRefs; the same text from a Score file stays text', async () => {
    const forged = '🔐💬db-credentials_password💬🔐';
    const variables = '      PASSWORD: ${resources.db.password}\n      KEY: ${resources.db.literal}\n      ECHO: ${resources.db.echoed}\n';
    const dir = projectWith({
      'score.yaml': scoreFile('app', `  db:\n    type: secret\n    params: {echo: "${forged}"}\n`, variables),
      'p.provisioners.yaml': SECRETS,
    });
    const run = await generateIn(dir, ['score.yaml', '--provisioners', 'p.provisioners.yaml']);
    expect(run.code, run.stderr).toBe(0);
    const env = at(objectOf(run.docs, 'Deployment'), 'spec', 'template', 'spec', 'containers', 0, 'env');
    expect(env).toEqual([
      { name: 'ECHO', value: forged },
      { name: 'KEY', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'api_key' } } },
      { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } },
    ]);
    expect(await outputsOf(dir, 'secret.default#app.db')).toEqual({
      password: '<secret db-credentials/password>',
      literal: '<secret db-credentials/api_key>',
      echoed: forged,
    });
  });

  it('a malformed reference is an error naming the stage', async () => {
    const dir = projectWith({
      'score.yaml': scoreFile('app', '  db: {type: secret}\n'),
      'p.provisioners.yaml': '- uri: template://test/secret\n  type: secret\n  outputs: |\n    p: {{ encodeSecretRef "Not_A_Name" "k" }}\n',
    });
    const run = await generateIn(dir, ['score.yaml', '--provisioners', 'p.provisioners.yaml']);
    expect(run.stderr.split('\n')[1]).toBe(
      '  p.provisioners.yaml:4:1: template://test/secret, stage outputs: at <encodeSecretRef "Not_A_Name" "k">: error calling encodeSecretRef: \'Not_A_Name\' is not a valid Secret name',
    );
  });
});
