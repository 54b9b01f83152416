/**
 * Loading score-k8s's provisioner file format: what it accepts (class: null, cmd:// with a #name,
 * description and lists) and what it refuses, every problem of a file reported together.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/base/errors.js';
import { parseYamlSource } from '../../src/yaml/yaml-source.js';
import { loadProvisionerFile } from '../../src/provision/score-k8s/load-provisioner-file.js';
import { programOf, type GoTemplateProvisioner, type Provisioner } from '../../src/provision/provisioner-file.js';

function load(text: string) {
  return loadProvisionerFile(parseYamlSource('p.yaml', text), text, 'project');
}

/** The Go templates of a provisioner of score-k8s's format; {} for its cmd:// ones. */
function goTemplates(p: Provisioner | undefined): GoTemplateProvisioner['templates'] {
  return p?.kind === 'go-template' ? p.templates : {};
}

function problems(text: string): string[] {
  try {
    load(text);
  } catch (e) {
    if (e instanceof InputError) return e.diagnostics.map((d) => `${d.location.line ?? '-'}: ${d.message}`);
    throw e;
  }
  return [];
}

describe("score-k8s's provisioner format", () => {
  it('loads what score-k8s loads: class and id null, a cmd:// program named by its #name, descriptions and lists', () => {
    const provisioners = load(`- uri: template://a/one
  type: thing
  class: null
  id: null
  description: the first
  init: "k: {{ .Uid }}"
  supported_params: [size]
  expected_outputs: [k]
- uri: cmd://bash#two
  type: thing
  class: big
  args: ['-c', 'echo {}', '<mode>']
  expected_outputs: [x]
`);
    expect(
      provisioners.map((p) => ({
        uri: p.uri,
        class: p.class,
        id: p.id,
        description: p.description,
        params: p.supportedParams,
        outputs: p.expectedOutputs,
        kind: p.kind,
        program: programOf(p),
        args: p.kind === 'score-k8s-cmd' ? p.args : undefined,
        stages: Object.keys(goTemplates(p)),
      })),
    ).toEqual([
      {
        uri: 'template://a/one',
        class: undefined,
        id: undefined,
        description: 'the first',
        params: ['size'],
        outputs: ['k'],
        kind: 'go-template',
        program: undefined,
        args: undefined,
        stages: ['init'],
      },
      {
        uri: 'cmd://bash#two',
        class: 'big',
        id: undefined,
        description: undefined,
        params: undefined,
        outputs: ['x'],
        kind: 'score-k8s-cmd',
        program: 'bash',
        args: ['-c', 'echo {}', '<mode>'],
        stages: [],
      },
    ]);
  });

  it('gives the empty template (white space only) no stage, as score-k8s trims it', () => {
    expect(Object.keys(goTemplates(load('- uri: template://a/b\n  type: t\n  state: "{{ .Uid }}"\n  outputs: "  \\n "\n')[0]))).toEqual([
      'state',
    ]);
  });

  it('refuses, all together: unknown fields, templates on cmd://, a missing type, a bad scheme, a program with a path, two entries with one uri', () => {
    expect(
      problems(`- uri: template://a/one
  type: t
  outputs: "{{ .Uid }}"
  wait_for: "{}"
- uri: cmd://bash#two
  type: t
  init: "x"
- uri: template://a/three
- uri: http://a/four
  type: t
- uri: cmd://bash/sub#five
  type: t
- uri: template://a/one
  type: t
`),
    ).toEqual([
      "4: template://a/one: unknown field wait_for: a template:// provisioner of score-k8s's format has uri, type, class, id, description, supported_params, expected_outputs, init, state, shared, outputs, manifests",
      "7: cmd://bash#two: unknown field init: a cmd:// provisioner of score-k8s's format has uri, type, class, id, description, supported_params, expected_outputs, args",
      '8: template://a/three: type is required',
      '9: http://a/four: the uri must start with template:// or cmd://',
      '11: cmd://bash/sub#five: a program found on PATH (cmd://NAME) cannot have a path after it; use cmd://./PATH for a file of the project',
      '13: template://a/one is defined twice in this file',
    ]);
  });

  it('refuses a file whose templates look like both languages, naming the markers', () => {
    expect(problems('- uri: template://a/b\n  type: t\n  state: "{{#if x}}{{/if}}"\n  outputs: "{{ .Uid }}"\n')).toEqual([
      "-: its templates look like both Go templates (score-k8s's format: {{ .Uid }}) and Handlebars (score-ts's format: {{#if x}}); make `# score-ts: go-template` or `# score-ts: handlebars` its first line",
    ]);
  });

  it('reads a marked file in the marked language', () => {
    // Marked Go, a Handlebars template loads: as in score-k8s, a Go template that does not parse fails the resources that use it.
    expect(
      goTemplates(load('# score-ts: go-template\n- uri: template://a/b\n  type: t\n  outputs: "x: {{quote params.x}}"\n')[0]).outputs!
        .parseError!.message,
    ).toBe(
      'the template does not parse: function "params" not defined (read as a Go template (score-k8s\'s format) because it is marked `# score-ts: go-template`; if it is Handlebars (score-ts\'s format), remove the marker or change it to `# score-ts: handlebars`)',
    );
    expect(problems('# score-ts: handlebars\n- uri: template://a/b\n  type: t\n  outputs: "x: {{ .Params.x }"\n')).toEqual([
      '4: template://a/b: template syntax error: unexpected text inside {{ }}: check the names, quotes and parentheses',
    ]);
  });
});
