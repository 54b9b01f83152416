/**
 * score-k8s's patch templates (Go): `.Manifests`, `.Workloads` and `.Namespace` typed as score-k8s's
 * patchTemplateInput, numbers as float64 once a template's operations went through JSON, operations read
 * strictly, and substituteValue expanding a workload's placeholders.
 */
import { describe, expect, it } from 'vitest';
import { runIn } from '../support/run-cli.js';
import { at } from '../support/fields.js';
import { generateIn, objectOf, projectWith, scoreFile } from '../score-k8s/support.js';

async function patched(templates: Readonly<Record<string, string>>, args: readonly string[] = []) {
  const dir = projectWith({ 'score.yaml': scoreFile('app', '  dns: {type: dns}\n'), ...templates });
  for (const name of Object.keys(templates)) {
    const init = await runIn(dir, ['init', '--no-sample', '--patch-templates', name]);
    if (init.code !== 0) return { code: init.code, stderr: init.stderr, docs: [] };
  }
  return generateIn(dir, ['score.yaml', ...args]);
}

const TYPES = (n: number) => `{{ range $i, $m := .Manifests }}{{ if eq $m.kind "Service" }}
- op: set
  path: {{ $i }}.metadata.annotations.types-${n}
  value: {{ printf "%T %T %T %T" $.Manifests $.Workloads $.Namespace (index $m.spec.ports 0).port | quote }}
{{ end }}{{ end }}`;

describe('Go patch templates', () => {
  it("see score-k8s's types: ints, then float64 once a template's operations went through JSON", async () => {
    const run = await patched({ '1.tpl': TYPES(1), '2.tpl': TYPES(2) }, ['--namespace', 'shop']);
    expect(run.code, run.stderr).toBe(0);
    expect(at(objectOf(run.docs, 'Service', 'app'), 'metadata', 'annotations')).toEqual({
      team: 'blue',
      'types-1': '[]map[string]interface {} map[string]interface {} string int',
      'types-2': '[]map[string]interface {} map[string]interface {} string float64',
    });
  });

  it("expand a workload's placeholders with substituteValue", async () => {
    const run = await patched({
      'cm.tpl': `{{ range $name, $spec := .Workloads }}
- op: set
  path: -1
  value:
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: {{ $name }}-endpoints
    data:
      host: {{ substituteValue $name "\${metadata.name}.\${resources.dns.host}" | quote }}
{{ end }}`,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(at(objectOf(run.docs, 'ConfigMap', 'app-endpoints'), 'data', 'host')).toMatch(/^app\.app-[a-z0-9]{6}\.localhost$/);
  });

  it.each([
    {
      name: 'an unknown field',
      text: '{{/* a Go template */}}\n- op: set\n  path: 0.x\n  value: 1\n  when: always\n',
      error: 'p.tpl: operation 1: an operation has only the fields op, path, value and description (it has 1 other field)',
    },
    {
      name: 'an unknown op',
      text: '{{/* a Go template */}}\n- op: add\n  path: 0.x\n',
      error: "p.tpl: operation 1: op must be 'set' or 'delete'",
    },
    {
      name: 'a query path',
      text: '{{/* a Go template */}}\n- op: set\n  path: 0.spec.#.x\n  value: 1\n',
      error: 'p.tpl: operation 1 (set): segment 3 of the path is a query (|, #, @, *, ?), which score-ts does not apply: name each key',
    },
    { name: 'fail', text: '{{ if .Manifests }}{{ fail "no manifests wanted" }}{{ end }}', error: 'p.tpl:1:1: no manifests wanted' },
    {
      name: 'not a list',
      text: '{{ with .Namespace }}{{ end }}op: set\n',
      error: 'p.tpl: it must render a YAML list of operations (- op: set, path: ..., value: ...)',
    },
  ])('stop with $name, naming the template', async ({ text, error }) => {
    const run = await patched({ 'p.tpl': text });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`error: patch template p.tpl failed\n  ${error}\n`);
  });

  it('a template that does not parse is refused at init, with the rule that chose its language', async () => {
    const run = await patched({ 'p.tpl': '{{ range .Manifests }}' });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "error: invalid patch templates\n  p.tpl:1:1: unexpected EOF (read as a Go template (score-k8s's format) because it has no marker and its templates use Go template syntax ({{ range .Manifests }}); if it is Handlebars (score-ts's format), make `{{!-- score-ts: handlebars --}}` its first line)\n",
    );
  });
});
