import { describe, expect, it } from 'vitest';
import {
  parsePlaceholders,
  PlaceholderSyntaxError,
  resourcePlaceholders,
  splitReference,
  type PlaceholderPart,
  type TemplatePart,
} from '../../src/convert/placeholders.js';

describe('parsePlaceholders', () => {
  it.each<{ name: string; input: string; expected: TemplatePart[] }>([
    { name: 'empty string', input: '', expected: [] },
    { name: 'plain text', input: 'plain', expected: [{ text: 'plain' }] },
    { name: 'one placeholder', input: '${metadata.name}', expected: [{ ref: ['metadata', 'name'], source: '${metadata.name}' }] },
    {
      name: 'placeholder between text',
      input: 'a${metadata.name}b',
      expected: [{ text: 'a' }, { ref: ['metadata', 'name'], source: '${metadata.name}' }, { text: 'b' }],
    },
    {
      name: 'two placeholders side by side',
      input: '${resources.db.host}:${resources.db.port}',
      expected: [
        { ref: ['resources', 'db', 'host'], source: '${resources.db.host}' },
        { text: ':' },
        { ref: ['resources', 'db', 'port'], source: '${resources.db.port}' },
      ],
    },
    { name: '$$ is a literal $', input: 'cost: $$5', expected: [{ text: 'cost: $5' }] },
    { name: '$${x} is the literal text ${x}', input: '$${metadata.name}', expected: [{ text: '${metadata.name}' }] },
    { name: '$$$ is $ then a lone $', input: '$$$', expected: [{ text: '$$' }] },
    {
      name: '$$ then a placeholder',
      input: '$$${metadata.name}',
      expected: [{ text: '$' }, { ref: ['metadata', 'name'], source: '${metadata.name}' }],
    },
    { name: 'lone $ is text', input: 'a$b $', expected: [{ text: 'a$b $' }] },
    { name: '$ without a brace is text', input: '$HOME', expected: [{ text: '$HOME' }] },
    { name: 'unterminated ${ is literal text', input: 'x ${metadata.name', expected: [{ text: 'x ${metadata.name' }] },
    {
      name: 'unterminated ${ after a placeholder',
      input: '${metadata.name}-${oops',
      expected: [{ ref: ['metadata', 'name'], source: '${metadata.name}' }, { text: '-${oops' }],
    },
    {
      name: 'escaped dot keeps a key whole',
      input: '${metadata.annotations.example\\.com/owner}',
      expected: [{ ref: ['metadata', 'annotations', 'example.com/owner'], source: '${metadata.annotations.example\\.com/owner}' }],
    },
    {
      name: 'a placeholder ends at the first }',
      input: '${a.b}}',
      expected: [{ ref: ['a', 'b'], source: '${a.b}' }, { text: '}' }],
    },
    {
      name: 'multi-line text around a placeholder',
      input: 'host=${resources.db.host}\nport=5432\n',
      expected: [{ text: 'host=' }, { ref: ['resources', 'db', 'host'], source: '${resources.db.host}' }, { text: '\nport=5432\n' }],
    },
  ])('$name', ({ input, expected }) => {
    expect(parsePlaceholders(input)).toEqual(expected);
  });

  it.each<{ name: string; input: string; message: string }>([
    { name: 'empty placeholder', input: '${}', message: 'placeholder ${} has an empty part' },
    { name: 'blank placeholder', input: 'x ${ } y', message: 'placeholder ${ } has an empty part' },
    { name: 'double dot', input: '${metadata..name}', message: 'placeholder ${metadata..name} has an empty part' },
    { name: 'leading dot', input: '${.name}', message: 'placeholder ${.name} has an empty part' },
    { name: 'trailing dot', input: '${resources.db.}', message: 'placeholder ${resources.db.} has an empty part' },
    { name: 'blank part between dots', input: '${resources. .host}', message: 'placeholder ${resources. .host} has an empty part' },
  ])('rejects $name', ({ input, message }) => {
    expect(() => parsePlaceholders(input)).toThrow(PlaceholderSyntaxError);
    expect(() => parsePlaceholders(input)).toThrow(new PlaceholderSyntaxError(message));
  });
});

describe('splitReference', () => {
  it.each<{ name: string; inner: string; expected: string[] }>([
    { name: 'one part', inner: 'metadata', expected: ['metadata'] },
    { name: 'dotted parts', inner: 'resources.db.host', expected: ['resources', 'db', 'host'] },
    { name: 'escaped dot', inner: 'metadata.annotations.a\\.b', expected: ['metadata', 'annotations', 'a.b'] },
    {
      name: 'several escaped dots',
      inner: 'metadata.annotations.k8s\\.score\\.dev/kind',
      expected: ['metadata', 'annotations', 'k8s.score.dev/kind'],
    },
    { name: 'backslash before another character is kept', inner: 'a\\b.c', expected: ['a\\b', 'c'] },
    { name: 'escaped dot at the end of a part', inner: 'a\\..b', expected: ['a.', 'b'] },
  ])('$name', ({ inner, expected }) => {
    expect(splitReference(inner, `\${${inner}}`)).toEqual(expected);
  });

  it('names the source in its error', () => {
    expect(() => splitReference('a..b', '${a..b}')).toThrow(new PlaceholderSyntaxError('placeholder ${a..b} has an empty part'));
  });
});

describe('resourcePlaceholders', () => {
  it.each<{ name: string; input: string; expected: PlaceholderPart[] }>([
    { name: 'plain text', input: 'plain', expected: [] },
    { name: 'a metadata placeholder is not one', input: '${metadata.name}', expected: [] },
    {
      name: 'resource placeholders among others, in order',
      input: '${resources.db.host}:${metadata.name}:${resources.cache}',
      expected: [
        { ref: ['resources', 'db', 'host'], source: '${resources.db.host}' },
        { ref: ['resources', 'cache'], source: '${resources.cache}' },
      ],
    },
    { name: 'an escaped placeholder is text', input: '$${resources.db.host}', expected: [] },
    { name: 'a text whose placeholders do not parse has none', input: '${resources.db.host} ${resources..x}', expected: [] },
  ])('$name', ({ input, expected }) => {
    expect(resourcePlaceholders(input)).toEqual(expected);
  });
});

describe('parsePlaceholders against a character-at-a-time reading', () => {
  /** The rules read one character at a time: `$$` is `$`, `${...}` a reference, an unclosed `${` text. */
  function reference(input: string): TemplatePart[] {
    const parts: TemplatePart[] = [];
    let text = '';
    for (let i = 0; i < input.length;) {
      if (input.startsWith('$$', i)) {
        text += '$';
        i += 2;
      } else if (input.startsWith('${', i) && input.indexOf('}', i + 2) >= 0) {
        const close = input.indexOf('}', i + 2);
        if (text !== '') parts.push({ text });
        text = '';
        const source = input.slice(i, close + 1);
        parts.push({ ref: splitReference(source.slice(2, -1), source), source });
        i = close + 1;
      } else if (input.startsWith('${', i)) {
        text += input.slice(i);
        break;
      } else {
        text += input[i++];
      }
    }
    if (text !== '') parts.push({ text });
    return parts;
  }
  const PIECES = ['$', '$', '{', '}', 'a', '.', ' ', 'resources.db.host', 'metadata.name', '\n', 'é'];

  it('gives the same parts for 5,000 random texts of dollars, braces and references', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 5000; n++) {
      const input = Array.from({ length: Math.floor(next() * 12) }, () => PIECES[Math.floor(next() * PIECES.length)]).join('');
      const outcome = (parse: (text: string) => TemplatePart[]) => {
        try {
          return parse(input);
        } catch (e) {
          return (e as Error).message;
        }
      };
      expect(outcome(parsePlaceholders), JSON.stringify(input)).toEqual(outcome(reference));
    }
  });
});
