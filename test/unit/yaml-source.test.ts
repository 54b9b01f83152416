/** YAML problems in the user's files: in our words, at the line and column where they start. */
import { describe, expect, it } from 'vitest';
import { InputError, type Diagnostic } from '../../src/base/errors.js';
import { parseYamlSource } from '../../src/yaml/yaml-source.js';

function problems(text: string): Diagnostic[] {
  try {
    parseYamlSource('f.yaml', text);
  } catch (e) {
    if (e instanceof InputError) return [...e.diagnostics];
    throw e;
  }
  return [];
}

const at = (line: number, column: number, message: string): Diagnostic => ({
  location: { file: 'f.yaml', line, column },
  field: '',
  message,
});

describe('parseYamlSource: problems', () => {
  it.each<{ name: string; text: string; expected: Diagnostic[] }>([
    {
      name: 'a second document: at its ---',
      text: 'a: 1\n---\nb: 2\n',
      expected: [
        at(2, 1, 'a second YAML document (---) starts here, but this file holds one document; remove it or move it to a file of its own'),
      ],
    },
    {
      name: 'an unclosed double quote: where it opens',
      text: 'a: 1\nb: "x\nc: 2\n',
      expected: [at(2, 4, 'a quoted value is never closed: add the closing quote')],
    },
    {
      name: 'an unclosed single quote: where it opens',
      text: "a: 'x\n",
      expected: [at(1, 4, 'a quoted value is never closed: add the closing quote')],
    },
    {
      name: 'an unclosed [ in a block: where it opens',
      text: 'a:\n  b: [1, 2\nc: 3\n',
      expected: [at(2, 6, 'a [ is never closed: end it with ] (or indent its next lines further than its key)')],
    },
    {
      name: 'an unclosed { in a block: where it opens',
      text: 'a: {x: 1\nb: 2\n',
      expected: [at(1, 4, 'a { is never closed: end it with } (or indent its next lines further than its key)')],
    },
    {
      name: 'a key twice: with the line of the first',
      text: 'a: 1\nb: 2\na: 3\n',
      expected: [at(3, 1, 'this key is already in this map, on line 1; a key may appear once')],
    },
    { name: 'a tab as indentation', text: 'a:\n\tb: 1\n', expected: [at(2, 1, 'tab characters must not be used in indentation')] },
    {
      name: 'a key without a value',
      text: 'a: 1\nb\nc: 2\n',
      expected: [at(2, 1, 'a key needs a colon and a value after it (key: value)')],
    },
    {
      name: 'a reserved first character',
      text: 'a: @x\n',
      expected: [at(1, 4, 'a value that starts with @, ` or another reserved character must be quoted')],
    },
  ])('$name', ({ text, expected }) => {
    expect(problems(text)).toEqual(expected);
  });
});

describe('parseYamlSource: an empty last document is accepted', () => {
  it.each<{ name: string; text: string }>([
    { name: 'a trailing ---', text: 'a: 1\n---\n' },
    { name: 'a trailing --- and a comment', text: 'a: 1\n---\n# the end\n' },
    { name: 'a trailing --- with spaces', text: 'a: 1\n--- \n  \n' },
  ])('$name', ({ text }) => {
    expect(parseYamlSource('f.yaml', text).value).toEqual({ a: 1 });
  });
});
