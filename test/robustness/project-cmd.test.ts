/**
 * A score-ts.yaml from a pull request can list provisioner files; a cmd:// provisioner in one would run a
 * program with the environment of the run (CI's secrets, SCORE_TS_SEED). Such programs run only when the person
 * running generate allows it (--allow-project-cmd); a copy that person installed with init runs as before.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIn, tempProject } from '../support/run-cli.js';

const SCORE = `apiVersion: score.dev/v1b1
metadata: {name: web}
containers: {main: {image: nginx:1.28, variables: {THING: "\${resources.thing.value}"}}}
resources: {thing: {type: thing}}
`;
const URL = 'https://platform.example.com/thing.provisioners.yaml';
/** A program that leaves a mark when it runs, and answers one output. */
const PROGRAM = `#!/bin/sh
cat > /dev/null
touch "$(dirname "$0")/program-ran"
echo '{"resource_outputs": {"value": "from-program"}}'
`;
const PROVISIONERS = '- uri: cmd://./thing-program\n  type: thing\n';

function project(listed: string): string {
  const dir = tempProject();
  writeFileSync(path.join(dir, 'score.yaml'), SCORE);
  writeFileSync(path.join(dir, 'thing-program'), PROGRAM, { mode: 0o755 });
  writeFileSync(path.join(dir, 'thing.provisioners.yaml'), PROVISIONERS);
  writeFileSync(path.join(dir, 'score-ts.yaml'), `version: 1\nproject: p\nworkloads: [{file: score.yaml}]\nprovisioners: [${listed}]\n`);
  return dir;
}

describe('cmd:// provisioners from the files score-ts.yaml lists', () => {
  it.each([
    { format: "score-ts's", provisioners: PROVISIONERS, uri: 'cmd://./thing-program' },
    { format: "score-k8s's", provisioners: '- uri: cmd://sh#thing\n  type: thing\n  args: ["./thing-program"]\n', uri: 'cmd://sh#thing' },
  ])(
    'do not run without --allow-project-cmd ($format format): the run fails at the provisioner, and the program never starts',
    async ({ provisioners, uri }) => {
      const dir = project('thing.provisioners.yaml');
      writeFileSync(path.join(dir, 'thing.provisioners.yaml'), provisioners);
      const run = await runIn(dir, ['generate', '-o', 'manifests.yaml']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        `score.yaml:4:13: resources.thing: ${uri} would run a program, and thing.provisioners.yaml comes from a source that score-ts.yaml lists: a file the repository chooses does not run programs (they would get this run's environment) unless the person running generate allows it with --allow-project-cmd`,
      );
      expect(existsSync(path.join(dir, 'program-ran'))).toBe(false);
      expect(existsSync(path.join(dir, 'manifests.yaml'))).toBe(false);
    },
  );

  it('run with --allow-project-cmd', async () => {
    const dir = project('thing.provisioners.yaml');
    const run = await runIn(dir, ['generate', '-o', '-', '--allow-project-cmd']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('value: from-program');
    expect(existsSync(path.join(dir, 'program-ran'))).toBe(true);
  });

  it('run from a copy the runner installed with init (the listed URL is read from that copy)', async () => {
    const dir = project(URL);
    mkdirSync(path.join(dir, '.score-ts'), { recursive: true });
    writeFileSync(path.join(dir, '.score-ts', 'thing.provisioners.yaml'), `# Installed by score-ts init from ${URL}\n${PROVISIONERS}`);
    const run = await runIn(dir, ['generate', '-o', '-']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('value: from-program');
  });

  it('a listed file the runner installed with init runs; once its text changes (a pull request), it does not', async () => {
    const dir = project('');
    writeFileSync(path.join(dir, 'score-ts.yaml'), 'version: 1\nproject: p\nworkloads: [{file: score.yaml}]\n');
    const init = await runIn(dir, ['init', '--no-sample', '--provisioners', 'thing.provisioners.yaml']);
    expect(init.code, init.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'score-ts.yaml'), 'utf8')).toContain('thing.provisioners.yaml');
    const vetted = await runIn(dir, ['generate', '-o', '-']);
    expect(vetted.code, vetted.stderr).toBe(0);
    expect(vetted.stdout).toContain('value: from-program');
    writeFileSync(path.join(dir, 'thing.provisioners.yaml'), `${PROVISIONERS}  description: changed in a pull request\n`);
    const changed = await runIn(dir, ['generate', '-o', '-']);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toContain('--allow-project-cmd');
  });

  it('given with --provisioners, the runner chose them: they run as before', async () => {
    const dir = project('');
    const run = await runIn(dir, ['generate', '-o', '-', '--provisioners', 'thing.provisioners.yaml']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('value: from-program');
  });
});
