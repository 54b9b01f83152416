/**
 * The engine's API and what the oracle cannot show: parse caching, error fields, associated templates, the
 * value model's entry points (decoded YAML and JSON), methods and Stringers for the function interface, and
 * the known differences from Go (pointer addresses, bytes cut inside a character).
 */
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  GoFuncError,
  GoTemplate,
  GoTemplateError,
  T,
  Typed,
  compileGoTemplate,
  fromDecoded,
  funcMap,
  goFunc,
  namedType,
  sprintf,
  structType,
  structValue,
  type GoValue,
} from '../../src/templates/go/index.js';

function render(text: string, data: GoValue = null, options: Parameters<typeof GoTemplate.parse>[2] = {}): string {
  return GoTemplate.parse('t', text, options).execute(data);
}

function thrown(f: () => unknown): GoTemplateError {
  try {
    f();
  } catch (e) {
    if (e instanceof GoTemplateError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

describe('GoTemplate', () => {
  it('parses once per text, name, functions and options', () => {
    const a = compileGoTemplate('p', '{{.x}}');
    expect(compileGoTemplate('p', '{{.x}}')).toBe(a);
    expect(compileGoTemplate('q', '{{.x}}')).not.toBe(a);
    expect(compileGoTemplate('p', '{{.x}}', { missingKey: 'error' })).not.toBe(a);
  });

  it('caches a parse error and throws it again', () => {
    const first = thrown(() => compileGoTemplate('p', '{{.x'));
    expect(thrown(() => compileGoTemplate('p', '{{.x'))).toBe(first);
  });

  it.each<{ name: string; text: string; phase: string; line: number | undefined; column: number | undefined; partial: string }>([
    { name: 'a parse error has a line, no column', text: 'a\n{{.x', phase: 'parse', line: 2, column: undefined, partial: '' },
    {
      name: 'an exec error has a line and a byte column, and the output so far',
      text: 'ok\n é{{.s.x}}',
      phase: 'exec',
      line: 2,
      column: 7,
      partial: 'ok\n é',
    },
  ])('$name', ({ text, phase, line, column, partial }) => {
    const error = thrown(() => render(text, { s: 'str' }));
    expect([error.phase, error.line, error.column, error.partialOutput, error.templateName]).toEqual([phase, line, column, partial, 't']);
  });

  it('executes an associated template by name, and lists them', () => {
    const t = GoTemplate.parse('main', '{{define "a"}}A{{.}}{{end}}{{block "b" .}}B{{end}}main');
    expect([t.execute(1n), t.execute(2n, 'a'), t.execute(null, 'b'), t.templateNames().sort()]).toEqual([
      'Bmain',
      'A2',
      'B',
      ['a', 'b', 'main'],
    ]);
  });

  it('names an unknown associated template as Go does', () => {
    expect(thrown(() => GoTemplate.parse('main', 'x').execute(null, 'nope')).message).toBe(
      'template: no template "nope" associated with template "main"',
    );
  });

  it('lets a function replace a built-in of the same name (no short-circuit for a replaced and)', () => {
    const funcs = funcMap({
      len: goFunc([T.any], T.string, () => 'mine'),
      and: goFunc([T.any, T.any], T.any, ([a, b]) => `${a as string}+${b as string}`),
    });
    expect(render('{{len 1}} {{and "x" "y"}}', null, { funcs })).toBe('mine x+y');
  });

  it('reports a deeply recursive template as Go does, without overflowing', () => {
    const error = thrown(() => render('{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}'));
    expect(error.message).toBe('template: t:1:25: executing "r" at <{{template "r" .}}>: exceeded maximum template depth (100000)');
  });
});

describe('values from decoded data', () => {
  it.each<{ name: string; data: unknown; text: string; expected: string }>([
    {
      name: 'JSON numbers are float64',
      data: JSON.parse('{"a": 5, "b": 1.5, "c": 1e21}'),
      text: '{{printf "%T %v|%T %v|%v" .a .a .b .b .c}}',
      expected: 'float64 5|float64 1.5|1e+21',
    },
    {
      name: 'YAML ints are int, floats float64',
      data: parseYaml('a: 5\nb: 5.0\nc: 0x10', { intAsBigInt: true }),
      text: '{{printf "%T %v|%T %v|%v" .a .a .b .b .c}}',
      expected: 'int 5|float64 5|16',
    },
    {
      name: 'YAML ints beyond int64 are uint64, then float64',
      data: parseYaml('a: 18446744073709551615\nb: 18446744073709551616', { intAsBigInt: true }),
      text: '{{printf "%T %v|%T %v" .a .a .b .b}}',
      expected: 'uint64 18446744073709551615|float64 1.8446744073709552e+19',
    },
    {
      name: 'null is nil; a __proto__ key is a key',
      data: JSON.parse('{"n": null, "__proto__": "p"}'),
      text: '{{.n}} {{print .n}} {{index . "__proto__"}} {{len .}}',
      expected: '<no value> <nil> p 2',
    },
  ])('$name', ({ data, text, expected }) => {
    expect(render(text, fromDecoded(data))).toBe(expected);
  });

  it('reads only own properties of plain objects', () => {
    expect(render('{{.constructor}} {{.toString}} {{.__proto__}}', { a: 1n })).toBe('<no value> <no value> <no value>');
  });
});

describe("methods (for values such as sprig's time.Time)", () => {
  const Stamp = structType('time.Time', [{ name: 'sec', type: T.int }], {
    String: goFunc([], T.string, ([self]) => `t=${((self as Typed).v as GoValue[])[0] as bigint}`),
    Add: goFunc([T.int], T.int, ([self, n]) => (((self as Typed).v as GoValue[])[0] as bigint) + (n as bigint)),
    Fail: goFunc(
      [],
      T.string,
      () => {
        throw new GoFuncError('method failed');
      },
      { canFail: true },
    ),
  });
  const now = structValue(Stamp, { sec: 5n });

  it.each<{ name: string; text: string; expected: string }>([
    {
      name: 'a String method prints the value',
      text: '{{.}} {{print .}} {{printf "%v|%s|%q|%d" . . . .}}',
      expected: 't=5 t=5 t=5|t=5|"t=5"|{5}',
    },
    { name: 'a method with arguments', text: '{{.Add 2}} {{2 | .Add}}', expected: '7 7' },
  ])('$name', ({ text, expected }) => {
    expect(render(text, now)).toBe(expected);
  });

  it('a method error names the method', () => {
    expect(thrown(() => render('{{.Fail}}', now)).message).toBe(
      'template: t:1:2: executing "t" at <.Fail>: error calling Fail: method failed',
    );
  });
});

describe('known differences from Go', () => {
  it.each<{ name: string; text: string; data: GoValue; expected: string }>([
    {
      name: 'addresses (%p, nested pointers, functions) print a fixed fake address',
      text: '{{printf "%p" .}}',
      data: { a: 1n },
      expected: '0xc000010000',
    },
    {
      name: 'a byte cut out of a character becomes U+FFFD (Go keeps the byte: len 1)',
      text: '{{slice . 0 1}}|{{len (slice . 0 1)}}',
      data: 'éa',
      expected: '\ufffd|3',
    },
  ])('$name', ({ text, data, expected }) => {
    expect(render(text, data)).toBe(expected);
  });

  it('a named string type prints with its own String method only if declared', () => {
    const Protocol = namedType('score.ServicePortProtocol', T.string);
    expect(sprintf('%v %q %T', [new Typed(Protocol, 'TCP'), new Typed(Protocol, 'UDP'), new Typed(Protocol, 'x')])).toBe(
      'TCP "UDP" score.ServicePortProtocol',
    );
  });
});
