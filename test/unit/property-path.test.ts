import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/base/errors.js';
import { parsePropertyPath, type PathSegment } from '../../src/override/property-path.js';

describe('parsePropertyPath', () => {
  it.each<{ name: string; path: string; expected: PathSegment[] }>([
    { name: 'one key', path: 'metadata', expected: ['metadata'] },
    { name: 'dotted keys', path: 'containers.web.image', expected: ['containers', 'web', 'image'] },
    {
      name: 'escaped dots stay inside one key',
      path: 'metadata.annotations.k8s\\.score\\.dev/kind',
      expected: ['metadata', 'annotations', 'k8s.score.dev/kind'],
    },
    { name: 'escaped backslash is one backslash', path: 'a\\\\b', expected: ['a\\b'] },
    { name: 'escaped backslash before a dot still splits', path: 'a\\\\.b', expected: ['a\\', 'b'] },
    { name: 'escaped backslash then escaped dot', path: 'a\\\\\\.b', expected: ['a\\.b'] },
    { name: 'escaped bracket without a closing one', path: 'a\\[x', expected: ['a[x'] },
    { name: 'number segment is an index', path: 'containers.web.args.0', expected: ['containers', 'web', 'args', 0] },
    { name: 'bracket index', path: 'containers.web.args[1]', expected: ['containers', 'web', 'args', 1] },
    { name: 'several bracket indexes', path: 'a[0][12]', expected: ['a', 0, 12] },
    { name: 'bracket index as its own segment', path: 'a.[2]', expected: ['a', 2] },
    { name: 'path that is only an index', path: '[0]', expected: [0] },
    { name: 'bracket index then a key', path: 'files[0].mode', expected: ['files', 0, 'mode'] },
    { name: 'negative number is a key', path: 'a.-1', expected: ['a', '-1'] },
    { name: 'spaces are kept', path: ' a.b ', expected: [' a', 'b '] },
    { name: 'slashes are plain characters', path: 'files./etc/app.conf', expected: ['files', '/etc/app', 'conf'] },
  ])('$name', ({ path, expected }) => {
    expect(parsePropertyPath(path)).toEqual(expected);
  });

  it.each<{ name: string; path: string; message: string }>([
    { name: 'empty path', path: '', message: "--override-property path '' is not valid: it has an empty segment" },
    { name: 'double dot', path: 'a..b', message: "--override-property path 'a..b' is not valid: it has an empty segment" },
    { name: 'leading dot', path: '.a', message: "--override-property path '.a' is not valid: it has an empty segment" },
    { name: 'trailing dot', path: 'a.', message: "--override-property path 'a.' is not valid: it has an empty segment" },
    { name: 'lone dot', path: '.', message: "--override-property path '.' is not valid: it has an empty segment" },
    {
      name: 'backslash before a letter',
      path: 'a\\b',
      message: "--override-property path 'a\\b' is not valid: '\\' must be followed by '.', '[' or '\\'",
    },
    {
      name: 'trailing backslash',
      path: 'a\\',
      message: "--override-property path 'a\\' is not valid: '\\' must be followed by '.', '[' or '\\'",
    },
    {
      name: 'word in brackets',
      path: 'a[x]',
      message: "--override-property path 'a[x]' is not valid: brackets must hold an array index, like args[0]",
    },
    {
      name: 'text after brackets',
      path: 'a[0]b',
      message: "--override-property path 'a[0]b' is not valid: brackets must hold an array index, like args[0]",
    },
    {
      name: 'unclosed bracket',
      path: 'a[',
      message: "--override-property path 'a[' is not valid: brackets must hold an array index, like args[0]",
    },
    {
      name: 'negative index in brackets',
      path: 'a[-1]',
      message: "--override-property path 'a[-1]' is not valid: brackets must hold an array index, like args[0]",
    },
    {
      name: 'empty brackets',
      path: 'a[]',
      message: "--override-property path 'a[]' is not valid: brackets must hold an array index, like args[0]",
    },
  ])('rejects $name', ({ path, message }) => {
    let caught: unknown;
    try {
      parsePropertyPath(path);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as UsageError).message).toBe(message);
  });

  // fieldName() in src/validate/schema-errors.ts prints a key `a[0]` as `a\[0]` so users can paste it back;
  // the `\[` escape is documented as "a literal bracket", so the closing bracket must be accepted as plain text.
  it.each<{ name: string; path: string; expected: PathSegment[] }>([
    { name: 'escaped bracket with its closing bracket', path: 'a\\[0]', expected: ['a[0]'] },
    { name: 'closing bracket alone is a plain character', path: 'x.a]', expected: ['x', 'a]'] },
  ])('$name', ({ path, expected }) => {
    expect(parsePropertyPath(path)).toEqual(expected);
  });
});
