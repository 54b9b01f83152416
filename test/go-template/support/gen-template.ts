/**
 * Random templates for the property test: every action (if/else if/else, with/else, range with break and
 * continue, define/template/block, variables declared and assigned, comments), trim markers, pipelines,
 * parenthesised calls, field chains, each built-in, and printf formats with flags, widths, precisions,
 * argument indexes and wrong verbs. Generated as a spec first, then written out with the variables in scope,
 * so most templates parse and the engines are compared on execution.
 */
import fc from 'fast-check';
import { KEYS, stringArb } from './gen-data.js';

type Arg =
  | { readonly k: 'dot' }
  | { readonly k: 'field'; readonly path: readonly string[] }
  | { readonly k: 'var'; readonly pick: number; readonly path: readonly string[] }
  | { readonly k: 'lit'; readonly text: string }
  | { readonly k: 'paren'; readonly pipe: Pipe; readonly path: readonly string[] };
type Cmd = { readonly fn?: string; readonly args: readonly Arg[] };
type Pipe = readonly Cmd[];
type Decl = { readonly mode: 'none' | ':=' | '='; readonly pick: number };

type Spec =
  | { readonly k: 'text'; readonly text: string }
  | { readonly k: 'comment'; readonly trim: readonly [boolean, boolean] }
  | { readonly k: 'action'; readonly pipe: Pipe; readonly decl: Decl; readonly trim: readonly [boolean, boolean] }
  | {
      readonly k: 'if' | 'with';
      readonly pipe: Pipe;
      readonly decl: boolean;
      readonly body: Specs;
      readonly elifs: readonly { pipe: Pipe; body: Specs }[];
      readonly otherwise?: Specs | undefined;
    }
  | { readonly k: 'range'; readonly pipe: Pipe; readonly vars: number; readonly body: Specs; readonly otherwise?: Specs | undefined }
  | { readonly k: 'loop'; readonly word: 'break' | 'continue' }
  | { readonly k: 'call'; readonly name: 'A' | 'B'; readonly pipe?: Pipe | undefined };
type Specs = readonly Spec[];

const LITERALS = [
  '0',
  '1',
  '-1',
  '3',
  '2.5',
  '1e3',
  '0x1F',
  "'a'",
  '"s"',
  '"x y"',
  '`raw`',
  'true',
  'false',
  'nil',
  '"<&>"',
  '"é"',
  '1.0',
  '255',
  '"%v"',
  '"\\n"',
  '9223372036854775807',
  '1i',
  '"a"',
  '"B"',
  '"Ü"',
  '"k_1"',
  '-0',
  '0.1',
];
/** Functions and the argument counts they take (a call sometimes gets one more or one fewer). */
const ARITY: Readonly<Record<string, readonly [number, number]>> = {
  and: [1, 3],
  or: [1, 3],
  not: [1, 1],
  len: [1, 1],
  index: [1, 3],
  slice: [1, 3],
  print: [0, 3],
  println: [0, 2],
  eq: [2, 3],
  ne: [2, 2],
  lt: [2, 2],
  le: [2, 2],
  gt: [2, 2],
  ge: [2, 2],
  html: [0, 2],
  js: [1, 2],
  urlquery: [1, 2],
  call: [1, 3],
  anyval: [1, 1],
  pair: [2, 2],
  isnil: [1, 1],
  strs: [0, 2],
  mapof: [2, 2],
  tail: [1, 3],
  add: [2, 2],
  fail: [1, 1],
};
const FUNCS = Object.keys(ARITY);
const TEXTS = ['', ' ', '\n', 'x', ' - ', 'é', '{', '}', '\t\n ', 'a b', '😀', '}}', '-'];

const pathArb = (max: number): fc.Arbitrary<string[]> =>
  fc.array(fc.constantFrom(...KEYS), { minLength: 0, maxLength: max, depthIdentifier: 'path' });

/** A printf format: literal text and directives with flags, width, precision, [n] and a verb (some wrong). */
export const formatArb: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom('', ' ', 'x=', '|', 'é'),
      fc
        .record({
          flags: fc.subarray(['#', '0', '+', '-', ' ']),
          width: fc.oneof(fc.constant(''), fc.integer({ min: 0, max: 12 }).map(String), fc.constant('*')),
          prec: fc.oneof(
            fc.constant(''),
            fc.integer({ min: 0, max: 8 }).map((n) => `.${n}`),
            fc.constant('.'),
            fc.constant('.*'),
          ),
          index: fc.oneof(
            { weight: 6, arbitrary: fc.constant('') },
            { weight: 1, arbitrary: fc.constantFrom('[1]', '[2]', '[3]', '[0]', '[x]') },
          ),
          verb: fc.constantFrom(
            'v',
            'v',
            'd',
            's',
            'q',
            'x',
            'X',
            'o',
            'O',
            'b',
            'e',
            'E',
            'f',
            'F',
            'g',
            'G',
            't',
            'c',
            'U',
            'T',
            '%',
            'z',
            '!',
          ),
        })
        .map(({ flags, width, prec, index, verb }) => `%${flags.join('')}${index}${width}${prec}${verb}`),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((parts) => parts.join(''));

function argArb(depth: number): fc.Arbitrary<Arg> {
  const leaves = [
    { weight: 2, arbitrary: fc.constant({ k: 'dot' } as const) },
    {
      weight: 4,
      arbitrary: pathArb(2)
        .filter((p) => p.length > 0)
        .map((path) => ({ k: 'field', path }) as const),
    },
    { weight: 2, arbitrary: fc.record({ pick: fc.nat(9), path: pathArb(2) }).map(({ pick, path }) => ({ k: 'var', pick, path }) as const) },
    { weight: 3, arbitrary: fc.constantFrom(...LITERALS).map((text) => ({ k: 'lit', text }) as const) },
  ];
  if (depth <= 0) return fc.oneof(...leaves);
  const paren = fc.record({ pipe: pipeArb(depth - 1), path: pathArb(1) }).map(({ pipe, path }) => ({ k: 'paren', pipe, path }) as const);
  return fc.oneof(...leaves, { weight: 2, arbitrary: paren });
}

/** A call with a fitting number of arguments (fewer when the pipeline supplies the last one). */
function callArb(depth: number, piped: boolean): fc.Arbitrary<Cmd> {
  return fc.constantFrom(...FUNCS).chain((fn) => {
    const [min, max] = ARITY[fn]!;
    const lo = Math.max(0, min - (piped ? 1 : 0));
    const hi = Math.max(lo, max - (piped ? 1 : 0));
    const count = fc.oneof(
      { weight: 9, arbitrary: fc.integer({ min: lo, max: hi }) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: hi + 1 }) },
    );
    return count.chain((n) => fc.array(argArb(depth), { minLength: n, maxLength: n })).map((args) => ({ fn, args }));
  });
}

function printfArb(depth: number): fc.Arbitrary<Cmd> {
  return fc
    .record({ format: formatArb, args: fc.array(argArb(depth), { maxLength: 3 }) })
    .map(({ format, args }) => ({ fn: 'printf', args: [{ k: 'lit', text: JSON.stringify(format) } as const, ...args] }));
}

function cmdArb(depth: number): fc.Arbitrary<Cmd> {
  return fc.oneof(
    { weight: 4, arbitrary: argArb(depth).map((arg) => ({ args: [arg] })) },
    { weight: 4, arbitrary: callArb(depth, false) },
    { weight: 2, arbitrary: printfArb(depth) },
  );
}

function pipeArb(depth: number): fc.Arbitrary<Pipe> {
  const later = fc.oneof({ weight: 3, arbitrary: callArb(0, true) }, { weight: 1, arbitrary: printfArb(0) });
  return fc.tuple(cmdArb(depth), fc.array(later, { maxLength: 2 })).map(([first, rest]) => [first, ...rest]);
}

const trimArb = fc.tuple(fc.boolean(), fc.boolean());

function specsArb(depth: number): fc.Arbitrary<Specs> {
  const leaf: Array<fc.Arbitrary<Spec>> = [
    fc
      .oneof(fc.constantFrom(...TEXTS), stringArb)
      .filter((s) => !s.includes('{{') && !s.endsWith('{'))
      .map((text) => ({ k: 'text', text }) as const),
    trimArb.map((trim) => ({ k: 'comment', trim }) as const),
    fc
      .record({ pipe: pipeArb(1), decl: fc.record({ mode: fc.constantFrom('none', 'none', ':=', '='), pick: fc.nat(9) }), trim: trimArb })
      .map((a) => ({ k: 'action', ...a }) as const),
    fc.constantFrom('break', 'continue').map((word) => ({ k: 'loop', word }) as const),
    fc
      .record({ name: fc.constantFrom('A', 'B'), pipe: fc.option(pipeArb(0), { nil: undefined }) })
      .map((c) => ({ k: 'call', ...c }) as const),
  ];
  const node =
    depth <= 0 ? fc.oneof(...leaf) : fc.oneof({ weight: 5, arbitrary: fc.oneof(...leaf) }, { weight: 2, arbitrary: controlArb(depth) });
  return fc.array(node, { maxLength: 4 });
}

function controlArb(depth: number): fc.Arbitrary<Spec> {
  const body = specsArb(depth - 1);
  const otherwise = fc.option(body, { nil: undefined });
  return fc.oneof(
    fc.record({
      k: fc.constantFrom('if', 'with'),
      pipe: pipeArb(1),
      decl: fc.boolean(),
      body,
      elifs: fc.array(fc.record({ pipe: pipeArb(0), body }), { maxLength: 2 }),
      otherwise,
    }),
    fc.record({ k: fc.constant('range'), pipe: pipeArb(1), vars: fc.integer({ min: 0, max: 2 }), body, otherwise }),
  );
}

/** A whole template: optional definitions of A and B (A may call B; B calls nothing), then the main body. */
const structuredArb: fc.Arbitrary<string> = fc
  .record({
    a: fc.option(specsArb(1), { nil: undefined }),
    b: fc.option(specsArb(1), { nil: undefined }),
    main: specsArb(2),
    block: fc.boolean(),
  })
  .map(({ a, b, main, block }) => {
    let out = '';
    if (b) out += `{{define "B"}}${write(b, new Writer([]))}{{end}}`;
    if (a && !block) out += `{{define "A"}}${write(a, new Writer(['B']))}{{end}}`;
    out += write(main, new Writer(['A', 'B']));
    if (a && block) out += `{{block "A" .}}${write(a, new Writer(['B']))}{{end}}`;
    return out;
  });

/** Templates that print the data in many ways, mostly without failing: fmt's coverage. */
const key = fc.constantFrom(...KEYS);
const dumpArb: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constant('{{.}}'),
      key.map((k) => `{{.${k}}}`),
      fc.tuple(key, key).map(([k, j]) => `{{.${k}.${j}}}`),
      fc.tuple(formatArb, key, key).map(([f, k, j]) => `{{printf ${JSON.stringify(f)} .${k} .${j}}}`),
      formatArb.map((f) => `{{range $k, $v := .}}{{$k}}={{printf ${JSON.stringify(f)} $v}};{{end}}`),
      fc
        .tuple(
          fc.constantFrom('print', 'println', 'html', 'js', 'urlquery', 'len', 'eq', 'lt', 'le', 'index', 'slice', 'not', 'and', 'or'),
          key,
          key,
        )
        .map(([fn, k, j]) => `{{${fn} .${k}${fn === 'len' || fn === 'not' ? '' : ` .${j}`}}}`),
      fc.tuple(key, fc.constantFrom('if', 'with', 'range')).map(([k, kw]) => `{{${kw} .${k}}}[{{.}}]{{else}}-{{end}}`),
      fc.tuple(key, fc.nat(3)).map(([k, n]) => `{{index .${k} ${n}}}`),
    ),
    { minLength: 1, maxLength: 5 },
  )
  .map((parts) => parts.join('\n'));

export const templateArb: fc.Arbitrary<string> = fc.oneof({ weight: 2, arbitrary: structuredArb }, { weight: 1, arbitrary: dumpArb });

/** Writes specs out, tracking the variables in scope and whether a range encloses. */
class Writer {
  vars = ['$'];
  inRange = false;
  /** The templates this one may call (none may call itself, so nothing recurses). */
  constructor(readonly calls: readonly string[]) {}

  pick(n: number): string {
    return this.vars[n % this.vars.length]!;
  }

  scoped(body: () => string): string {
    const mark = this.vars.length;
    try {
      return body();
    } finally {
      this.vars.length = mark;
    }
  }
}

function write(specs: Specs, w: Writer): string {
  return specs.map((s) => writeOne(s, w)).join('');
}

function open(trim: readonly [boolean, boolean], inner: string): string {
  return `{{${trim[0] ? '- ' : ''}${inner}${trim[1] ? ' -' : ''}}}`;
}

function writeOne(s: Spec, w: Writer): string {
  switch (s.k) {
    case 'text':
      return s.text;
    case 'comment':
      return open(s.trim, '/* c */');
    case 'loop':
      return w.inRange ? `{{${s.word}}}` : s.word;
    case 'call':
      return w.calls.includes(s.name) ? `{{template "${s.name}"${s.pipe ? ` ${writePipe(s.pipe, w)}` : ''}}}` : '';
    case 'action': {
      const pipe = writePipe(s.pipe, w);
      if (s.decl.mode === 'none') return open(s.trim, pipe);
      const name = s.decl.mode === '=' ? w.pick(s.decl.pick) : `$v${w.vars.length}`;
      if (s.decl.mode === ':=') w.vars.push(name);
      return open(s.trim, `${name} ${s.decl.mode} ${pipe}`);
    }
    case 'if':
    case 'with':
      return w.scoped(() => {
        const decl = s.decl ? `$v${w.vars.length} := ` : '';
        const head = `{{${s.k} ${decl}${writePipe(s.pipe, w)}}}`;
        if (s.decl) w.vars.push(`$v${w.vars.length}`);
        const body = write(s.body, w);
        const elifs = s.k === 'if' ? s.elifs.map((e) => `{{else if ${writePipe(e.pipe, w)}}}${write(e.body, w)}`).join('') : '';
        const otherwise = s.otherwise ? `{{else}}${write(s.otherwise, w)}` : '';
        return `${head}${body}${elifs}${otherwise}{{end}}`;
      });
    case 'range':
      return w.scoped(() => {
        const names = Array.from({ length: s.vars }, (_, i) => `$v${w.vars.length + i}`);
        const head = `{{range ${names.length ? `${names.join(', ')} := ` : ''}${writePipe(s.pipe, w)}}}`;
        w.vars.push(...names);
        const outer = w.inRange;
        w.inRange = true;
        const body = write(s.body, w);
        w.inRange = outer;
        return `${head}${body}${s.otherwise ? `{{else}}${write(s.otherwise, w)}` : ''}{{end}}`;
      });
  }
}

function writePipe(pipe: Pipe, w: Writer): string {
  return pipe.map((c) => [c.fn, ...c.args.map((a) => writeArg(a, w))].filter((x) => x !== undefined).join(' ')).join(' | ');
}

function writeArg(a: Arg, w: Writer): string {
  const fields = (path: readonly string[]): string => path.map((p) => `.${p}`).join('');
  switch (a.k) {
    case 'dot':
      return '.';
    case 'field':
      return fields(a.path);
    case 'var':
      return w.pick(a.pick) + fields(a.path);
    case 'lit':
      return a.text;
    case 'paren':
      return `(${writePipe(a.pipe, w)})${fields(a.path)}`;
  }
}
