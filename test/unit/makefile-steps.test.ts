import { describe, expect, it } from 'vitest';
import { recipeCommands, scoreK8sSteps, shellCommands, withoutFlags } from '../support/makefile-steps.js';
import { thrown } from '../provision/builders.js';

const MAKEFILE = [
  '# Disable all the default make stuff',
  'MAKEFLAGS += --no-builtin-rules',
  '',
  '.score-k8s/state.yaml:',
  '\tscore-k8s init \\',
  '\t\t--no-sample \\',
  '\t\t--provisioners https://example.com/10-service.provisioners.yaml \\',
  '\t\t--patch-templates https://example.com/unprivileged.tpl',
  '',
  'manifests.yaml: a/score.yaml b/score.yaml .score-k8s/state.yaml Makefile',
  '\tscore-k8s generate \\',
  '\t\ta/score.yaml \\',
  '\t\tb/score.yaml',
  '\t@score-k8s generate \\',
  '\t\tfrontend/score.yaml \\',
  '\t\t--override-property containers.frontend.variables.FRONTEND_MESSAGE="Hello, Score Kubernetes!"',
  '',
  '# a comment between recipe lines',
  '\t-score-k8s generate c/score.yaml',
  '',
  '.PHONY: k8s-up',
  'k8s-up: manifests.yaml',
  '\tkubectl apply -f manifests.yaml',
].join('\n');

describe('Makefile recipes', () => {
  it('the generate steps of manifests.yaml, in order, with the shell quoting applied', () => {
    expect(scoreK8sSteps(MAKEFILE, 'manifests.yaml', 'generate')).toEqual([
      ['generate', 'a/score.yaml', 'b/score.yaml'],
      ['generate', 'frontend/score.yaml', '--override-property', 'containers.frontend.variables.FRONTEND_MESSAGE=Hello, Score Kubernetes!'],
      ['generate', 'c/score.yaml'],
    ]);
  });

  it('the init step, without the flags whose files score-ts supplies itself', () => {
    const [init] = scoreK8sSteps(MAKEFILE, '.score-k8s/state.yaml', 'init');
    expect(withoutFlags(init!, ['--provisioners', '--patch-templates'])).toEqual(['init', '--no-sample']);
  });

  it('a recipe stops at the next rule', () => {
    expect(recipeCommands(MAKEFILE, 'k8s-up')).toEqual([['kubectl', 'apply', '-f', 'manifests.yaml']]);
  });

  it.each<{ name: string; line: string; expected: string[][] }>([
    { name: 'words split on spaces and tabs', line: 'a  b\tc', expected: [['a', 'b', 'c']] },
    { name: 'single quotes keep everything', line: 'a \'b "c" $d\'', expected: [['a', 'b "c" $d']] },
    { name: 'double quotes with escapes', line: 'a "b \\"c\\" \\\\ d"', expected: [['a', 'b "c" \\ d']] },
    { name: 'quotes inside a word join it', line: 'x=a"b c"\'d\'', expected: [['x=ab cd']] },
    { name: 'a backslash escapes a space', line: 'a\\ b c', expected: [['a b', 'c']] },
    { name: 'an empty quoted word is a word', line: 'a "" b', expected: [['a', '', 'b']] },
    { name: '&&, || and ; separate commands', line: 'a 1 && b 2; c || d', expected: [['a', '1'], ['b', '2'], ['c'], ['d']] },
    { name: 'a comment ends the line', line: 'a b # c d', expected: [['a', 'b']] },
    { name: 'a # inside a word is a character', line: 'a b#c', expected: [['a', 'b#c']] },
    { name: 'an empty line has no command', line: '   ', expected: [] },
  ])('shell words: $name', ({ line, expected }) => {
    expect(shellCommands(line)).toEqual(expected);
  });

  it.each<{ name: string; makefile: string; target: string; message: string }>([
    { name: 'no such target', makefile: MAKEFILE, target: 'compose.yaml', message: 'the Makefile has no rule for compose.yaml' },
    {
      name: 'a make variable',
      makefile: 'm:\n\tscore-k8s generate $(FILES)\n',
      target: 'm',
      message: 'the recipe of m uses the make expansion $(FILES), which this reader does not evaluate',
    },
    {
      name: 'a shell variable (after $$)',
      makefile: 'm:\n\tscore-k8s generate $$FILE\n',
      target: 'm',
      message: `the shell syntax '$' in "score-k8s generate $FILE" is not read here`,
    },
    {
      name: 'a pipe',
      makefile: 'm:\n\tscore-k8s generate a | tee x\n',
      target: 'm',
      message: `the shell syntax '|' in "score-k8s generate a | tee x" is not read here`,
    },
    {
      name: 'an expansion in double quotes',
      makefile: 'm:\n\tscore-k8s generate "$$HOME"\n',
      target: 'm',
      message: `the shell expansion '$' in "score-k8s generate "$HOME"" is not read here`,
    },
    {
      name: 'an unclosed quote',
      makefile: "m:\n\tscore-k8s generate 'a\n",
      target: 'm',
      message: "unclosed single quote in: score-k8s generate 'a",
    },
  ])('refuses what it does not read: $name', ({ makefile, target, message }) => {
    expect(thrown(() => recipeCommands(makefile, target)).message).toBe(message);
  });
});
