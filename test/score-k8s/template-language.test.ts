/**
 * The rule that tells a provisioner file's (or patch template's) language: a marker, else the signs in its
 * templates (and, for cmd:// entries only, score-k8s's conventions); both kinds of signs are refused.
 */
import { describe, expect, it } from 'vitest';
import { chooseLanguage, languageHint, LanguageError } from '../../src/templates/template-language.js';

describe('chooseLanguage: provisioner files', () => {
  it.each([
    {
      name: 'the Go marker wins over Handlebars signs',
      text: '# score-ts: go-template\n- uri: x\n',
      templates: ['{{#if a}}x{{/if}}'],
      language: 'go-template',
      reason: 'it is marked `# score-ts: go-template`',
    },
    {
      name: 'the Handlebars marker wins over Go signs',
      text: '# score-ts: handlebars\n',
      templates: ['{{ .Params.x }}'],
      language: 'handlebars',
      reason: 'it is marked `# score-ts: handlebars`',
    },
    {
      name: 'a marker after an install note and the schema comment still counts',
      text: '# Installed by score-ts init from https://x\n# yaml-language-server: $schema=x\n  # score-ts: go-template\n- uri: a\n',
      templates: [],
      language: 'go-template',
      reason: 'it is marked `# score-ts: go-template`',
    },
    {
      name: 'a marker after the first entry does not count',
      text: '- uri: a\n# score-ts: go-template\n',
      templates: [],
      language: 'handlebars',
      reason: 'it has no marker and none of its templates uses Go template syntax',
    },
    {
      name: '.Field is Go',
      text: '',
      templates: ['host: {{ .State.service }}'],
      language: 'go-template',
      reason: 'it has no marker and its templates use Go template syntax ({{ .State.service }})',
    },
    {
      name: 'a $variable is Go',
      text: '',
      templates: ['{{ $w.ServiceName }}'],
      language: 'go-template',
      reason: 'it has no marker and its templates use Go template syntax ({{ $w.ServiceName }})',
    },
    {
      name: 'a pipe is Go',
      text: '',
      templates: ['{{ randAlphaNum 16 | quote }}'],
      language: 'go-template',
      reason: 'it has no marker and its templates use Go template syntax ({{ randAlphaNum 16 | quote }})',
    },
    {
      name: 'a keyword is Go',
      text: '',
      templates: ['{{ end }}'],
      language: 'go-template',
      reason: 'it has no marker and its templates use Go template syntax ({{ end }})',
    },
    {
      name: 'a trim marker is Go',
      text: '',
      templates: ['{{- x }}'],
      language: 'go-template',
      reason: 'it has no marker and its templates use Go template syntax ({{- x }})',
    },
    {
      name: 'a Go comment is Go',
      text: '',
      templates: ['{{/* note */}}'],
      language: 'go-template',
      reason: 'it has no marker and its templates use Go template syntax ({{/* note */}})',
    },
    {
      name: 'a function no score-ts helper has is Go',
      text: '',
      templates: ['{{ encodeSecretRef "db" "password" }}'],
      language: 'go-template',
      reason: 'it has no marker and its templates use Go template syntax ({{ encodeSecretRef "db" "password" }})',
    },
    {
      name: 'a block is Handlebars',
      text: '',
      templates: ['{{#each params}}{{@key}}{{/each}}'],
      language: 'handlebars',
      reason: 'it has no marker and its templates use Handlebars syntax ({{#each params}})',
    },
    {
      name: 'helper calls on lowercase paths are no sign: Handlebars',
      text: '',
      templates: ['{{quote (concat metadata.name "-x")}}'],
      language: 'handlebars',
      reason: 'it has no marker and none of its templates uses Go template syntax',
    },
    {
      name: 'signs inside string literals do not count',
      text: '',
      templates: ['{{quote "a | b $x .Y"}}'],
      language: 'handlebars',
      reason: 'it has no marker and none of its templates uses Go template syntax',
    },
    {
      name: 'plain text is Handlebars',
      text: '',
      templates: ['source:\n  emptyDir: {}\n'],
      language: 'handlebars',
      reason: 'it has no marker and none of its templates uses Go template syntax',
    },
  ])('$name', ({ text, templates, language, reason }) => {
    expect(chooseLanguage('provisioner file', text, templates)).toMatchObject({ language, reason });
  });

  it.each([
    {
      name: "cmd://bash#name is score-k8s's",
      signs: ['uri: cmd://bash#dns'],
      language: 'go-template',
      reason: "it has no marker and it follows score-k8s's conventions (uri: cmd://bash#dns)",
    },
    {
      name: "no convention: score-ts's own format",
      signs: [],
      language: 'handlebars',
      reason: 'it has no marker and none of its templates uses Go template syntax',
    },
  ])('cmd:// entries only: $name', ({ signs, language, reason }) => {
    expect(chooseLanguage('provisioner file', '- uri: cmd://x\n', [], signs)).toMatchObject({ language, reason });
  });

  it('signs of both languages are refused, with both markers named', () => {
    const error = (() => {
      try {
        chooseLanguage('provisioner file', '', ['{{#if a}}x{{/if}}', '{{ .Params.a }}']);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(LanguageError);
    expect((error as Error).message).toBe(
      "its templates look like both Go templates (score-k8s's format: {{ .Params.a }}) and Handlebars (score-ts's format: {{#if a}}); make `# score-ts: go-template` or `# score-ts: handlebars` its first line",
    );
  });
});

describe('chooseLanguage: patch templates', () => {
  it.each([
    { name: 'the Go comment marker', text: '{{/* score-ts: go-template */}}\n{{#if x}}{{/if}}', language: 'go-template' },
    {
      name: 'the Handlebars comment marker',
      text: '{{!-- score-ts: handlebars --}}\n{{ range .Manifests }}{{ end }}',
      language: 'handlebars',
    },
    {
      name: 'an install note before the marker',
      text: '{{!-- Installed by score-ts init from https://x --}}\n{{!-- score-ts: handlebars --}}\n{{ .x }}',
      language: 'handlebars',
    },
    {
      name: 'a community patcher',
      text: '{{ range $i, $m := .Manifests }}\n- op: delete\n  path: {{ $i }}\n{{ end }}',
      language: 'go-template',
    },
    {
      name: "score-ts's own patch template",
      text: '{{#each manifests}}\n- op: set\n  path: {{@index}}.spec.replicas\n  value: 3\n{{/each}}',
      language: 'handlebars',
    },
  ])('$name', ({ text, language }) => {
    expect(chooseLanguage('patch template', text, [text]).language).toBe(language);
  });
});

describe('languageHint', () => {
  it.each([
    {
      name: 'chosen by signs',
      choice: chooseLanguage('provisioner file', '', ['{{ .Uid }}']),
      hint: "read as a Go template (score-k8s's format) because it has no marker and its templates use Go template syntax ({{ .Uid }}); if it is Handlebars (score-ts's format), make `# score-ts: handlebars` its first line",
    },
    {
      name: 'chosen by a marker',
      choice: chooseLanguage('patch template', '{{/* score-ts: go-template */}}', []),
      hint: "read as a Go template (score-k8s's format) because it is marked `{{/* score-ts: go-template */}}`; if it is Handlebars (score-ts's format), remove the marker or change it to `{{!-- score-ts: handlebars --}}`",
    },
    {
      name: 'chosen for want of signs',
      choice: chooseLanguage('provisioner file', '', ['{{lower "X"}}']),
      hint: "read as Handlebars (score-ts's format) because it has no marker and none of its templates uses Go template syntax; if it is a Go template (score-k8s's format), make `# score-ts: go-template` its first line",
    },
  ])('$name', ({ choice, hint }) => {
    expect(languageHint(choice.marked ? 'patch template' : 'provisioner file', choice)).toBe(hint);
  });
});
