import { describe, expect, it } from 'vitest';
import { ignoreLine, listsFile } from '../../src/project/secrets-gitignore.js';

describe('does .gitignore list the Secrets file?', () => {
  it.each([
    { name: 'its name', text: 'secrets.yaml\n', file: 'secrets.yaml', lists: true },
    { name: 'its name anchored', text: '/secrets.yaml\n', file: 'secrets.yaml', lists: true },
    { name: 'its name, CRLF and trailing spaces', text: 'node_modules\r\nsecrets.yaml  \r\n', file: 'secrets.yaml', lists: true },
    { name: 'its name, in any folder', text: 'secrets.yaml\n', file: 'deploy/secrets.yaml', lists: true },
    { name: 'its path', text: 'deploy/secrets.yaml\n', file: 'deploy/secrets.yaml', lists: true },
    { name: 'its folder', text: 'deploy/\n', file: 'deploy/secrets.yaml', lists: true },
    { name: 'a glob', text: '*.secret.yaml\n', file: 'db.secret.yaml', lists: true },
    { name: 'a ? glob', text: 'secret?.yaml\n', file: 'secrets.yaml', lists: true },
    { name: 'a set', text: 'secret[sz].yaml\n', file: 'secrets.yaml', lists: true },
    { name: 'a ** glob', text: '**/secrets.yaml\n', file: 'a/b/secrets.yaml', lists: true },
    { name: 'an escaped name', text: '/my\\ secrets\\[1\\].yaml\n', file: 'my secrets[1].yaml', lists: true },
    { name: 'another file', text: 'node_modules/\nsecret.yaml\n', file: 'secrets.yaml', lists: false },
    { name: 'a comment', text: '# secrets.yaml\n', file: 'secrets.yaml', lists: false },
    { name: 'a negation', text: '!secrets.yaml\n', file: 'secrets.yaml', lists: false },
    { name: 'a folder-only pattern of the file name', text: 'secrets.yaml/\n', file: 'secrets.yaml', lists: false },
    { name: 'an anchored path elsewhere', text: '/other/secrets.yaml\n', file: 'deploy/secrets.yaml', lists: false },
    { name: 'a glob that stops at a folder', text: 'deploy*yaml\n', file: 'deploy/secrets.yaml', lists: false },
    { name: 'an empty file', text: '', file: 'secrets.yaml', lists: false },
  ])('$name', ({ text, file, lists }) => {
    expect(listsFile(text, file)).toBe(lists);
  });
});

describe('the line to add', () => {
  it.each([
    { name: 'a plain name', file: 'secrets.yaml', line: '/secrets.yaml' },
    { name: 'a path', file: 'deploy/dev.yaml', line: '/deploy/dev.yaml' },
    { name: 'glob characters, escaped', file: 'a*b?[c].yaml', line: '/a\\*b\\?\\[c].yaml' },
    { name: 'a leading # or ! needs nothing: the line starts with /', file: '#!.yaml', line: '/#!.yaml' },
    { name: 'a trailing space, escaped', file: 'secrets ', line: '/secrets\\ ' },
  ])('$name', ({ file, line }) => {
    expect(ignoreLine(file)).toBe(line);
    expect(listsFile(`${line}\n`, file)).toBe(true);
  });
});
