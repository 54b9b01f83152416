/**
 * The language score-k8s 0.6.1 runs (built with Go 1.23.5) beyond the oracle's Go 1.19: `{{range}}` over an
 * integer (Go 1.22) and `{{else with}}` (Go 1.23), with goVersion '1.23'. Expected values are Go 1.23's, written
 * by hand from its text/template source (the oracle is Go 1.19); the same texts under 1.19 keep 1.19's errors.
 * Also the execution limits score-ts renders with (Go has none).
 */
import { describe, expect, it } from 'vitest';
import { GoTemplate, GoTemplateError, T, typedInt, type GoValue } from '../../src/templates/go/index.js';

function render(
  text: string,
  data: GoValue,
  goVersion: '1.19' | '1.23' = '1.23',
  limits?: { maxOutput: number; maxIterations: number },
): { out: string; err: string } {
  try {
    return { out: GoTemplate.parse('t', text, { goVersion }).execute(data, 't', limits), err: '' };
  } catch (e) {
    if (!(e instanceof GoTemplateError)) throw e;
    return { out: e.partialOutput, err: e.message };
  }
}

const DATA: GoValue = { n: 3n, zero: 0n, neg: -2n, u8: typedInt(T.uint8, 2n), s: 'str', e: '', m: { a: 1n } };

describe('Go 1.23: range over an integer', () => {
  it.each([
    { name: 'a constant counts from 0', text: '{{range 3}}[{{.}}]{{end}}', out: '[0][1][2]' },
    { name: 'a data int counts from 0', text: '{{range .n}}{{.}},{{end}}', out: '0,1,2,' },
    { name: 'one variable is the element', text: '{{range $i := .n}}{{$i}}{{end}}', out: '012' },
    { name: 'the element keeps the type of N', text: '{{range .u8}}{{printf "%T " .}}{{end}}', out: 'uint8 uint8 ' },
    { name: 'zero runs else', text: '{{range .zero}}x{{else}}none{{end}}', out: 'none' },
    { name: 'a negative N runs else', text: '{{range .neg}}x{{else}}none{{end}}', out: 'none' },
    {
      name: 'break and continue work',
      text: '{{range 5}}{{if eq . 1}}{{continue}}{{end}}{{if eq . 3}}{{break}}{{end}}{{.}}{{end}}',
      out: '02',
    },
    { name: '$ is still the data', text: '{{range 2}}{{$.s}}{{end}}', out: 'strstr' },
  ])('$name', ({ text, out }) => {
    expect(render(text, DATA)).toEqual({ out, err: '' });
  });

  it.each([
    {
      name: 'two variables are an error',
      text: '{{range $i, $v := 3}}x{{end}}',
      err: 'template: t:1:18: executing "t" at <3>: can\'t use 3 to iterate over more than one variable',
    },
    {
      name: 'a string is still not rangeable',
      text: '{{range .s}}x{{end}}',
      err: 'template: t:1:8: executing "t" at <.s>: range can\'t iterate over str',
    },
  ])('$name', ({ text, err }) => {
    expect(render(text, DATA)).toEqual({ out: '', err });
  });

  it('Go 1.19 refuses the same text, as the oracle says', () => {
    expect(render('{{range 3}}x{{end}}', DATA, '1.19')).toEqual({
      out: '',
      err: 'template: t:1:8: executing "t" at <3>: range can\'t iterate over 3',
    });
  });
});

describe('Go 1.23: else with', () => {
  it.each([
    { name: 'the first true with wins', text: '{{with .e}}a{{else with .s}}b:{{.}}{{else}}c{{end}}', out: 'b:str' },
    { name: 'else runs when none is true', text: '{{with .e}}a{{else with .zero}}b{{else}}c{{end}}', out: 'c' },
    { name: 'a chain of three', text: '{{with .e}}a{{else with .zero}}b{{else with .m}}{{.a}}{{end}}', out: '1' },
    { name: 'nothing when none is true and there is no else', text: '{{with .e}}a{{else with .zero}}b{{end}}', out: '' },
    { name: 'else if still works', text: '{{if .e}}a{{else if .s}}b{{end}}', out: 'b' },
  ])('$name', ({ text, out }) => {
    expect(render(text, DATA)).toEqual({ out, err: '' });
  });

  it.each([
    {
      name: 'else with after if is not a chain',
      text: '{{if .e}}a{{else with .s}}b{{end}}',
      version: '1.23' as const,
      err: 'template: t:1: unexpected <with> in input',
    },
    {
      name: 'Go 1.19 refuses else with',
      text: '{{with .e}}a{{else with .s}}b{{end}}',
      version: '1.19' as const,
      err: 'template: t:1: unexpected <with> in else',
    },
  ])('$name', ({ text, version, err }) => {
    expect(render(text, DATA, version)).toEqual({ out: '', err });
  });
});

describe('execution limits', () => {
  it.each([
    {
      name: 'too many iterations',
      text: 'x{{range 5}}{{.}}{{end}}',
      limits: { maxOutput: 1000, maxIterations: 3 },
      err: 'template: t:1:9: executing "t" at <5>: range loops more than 3 times in one render; iterate over less data',
    },
    {
      name: 'a huge range stops at the limit, without counting to the end first',
      text: '{{range 1000000000000}}{{end}}',
      limits: { maxOutput: 1000, maxIterations: 10 },
      err: 'template: t:1:8: executing "t" at <1000000000000>: range loops more than 10 times in one render; iterate over less data',
    },
    {
      name: 'too much output',
      text: '{{range 3}}0123456789{{end}}',
      limits: { maxOutput: 1024 * 1024 * 0.00001, maxIterations: 100 },
      err: 'template: t:1:11: executing "t" at <0123456789>: the output is longer than 0 MiB; render less text',
    },
  ])('$name', ({ text, limits, err }) => {
    expect(render(text, DATA, '1.23', limits).err).toBe(err);
  });
});
