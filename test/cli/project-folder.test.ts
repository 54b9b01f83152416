/** What init and generate do to `.score-ts/`, and say about it: only what they did. */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIn, tempProject } from '../support/run-cli.js';

const GOOD = 'apiVersion: score.dev/v1b1\nmetadata: {name: web}\ncontainers: {main: {image: nginx:1.28}}\n';
const CREATED = 'created .score-ts/ (its .gitignore keeps state and secrets out of git)\n';
const SAMPLE_LEFT = 'score.yaml already exists; left as it is\n';
const PROJECT_FILE = 'created score-ts.yaml (project label project; workloads score.yaml): commit it; .score-ts/ stays private\n';

describe('init says exactly what it created or left', () => {
  it.each<{ name: string; before: (dir: string) => void; stderr: string }>([
    {
      name: 'a fresh folder',
      before: () => {},
      stderr: `${CREATED}${PROJECT_FILE}created score.yaml: run \`score-ts generate score.yaml\` next\n`,
    },
    {
      name: 'an initialised project',
      before: (dir) => initialised(dir),
      stderr: `.score-ts/ already exists; left as it is\n${SAMPLE_LEFT}`,
    },
    {
      name: 'an initialised project without score-ts.yaml',
      before: (dir) => initialised(dir, 'score-ts.yaml'),
      stderr: `.score-ts/ already exists; left as it is\n${PROJECT_FILE}${SAMPLE_LEFT}`,
    },
    {
      name: 'a project whose .gitignore was removed',
      before: (dir) => initialised(dir, '.gitignore'),
      stderr: `.score-ts/ already exists; created the missing .score-ts/.gitignore (it keeps state and secrets out of git)\n${SAMPLE_LEFT}`,
    },
    {
      name: 'a project whose state.yaml was removed',
      before: (dir) => initialised(dir, 'state.yaml'),
      stderr: `.score-ts/ already exists; created the missing .score-ts/state.yaml\n${SAMPLE_LEFT}`,
    },
    {
      name: 'an empty .score-ts/ (as a failed run of an older score-ts left it)',
      before: (dir) => {
        mkdirSync(path.join(dir, '.score-ts'), { mode: 0o700 });
        writeFileSync(path.join(dir, 'score.yaml'), GOOD);
      },
      stderr: `.score-ts/ already exists; created the missing .score-ts/.gitignore (it keeps state and secrets out of git) and .score-ts/state.yaml\n${PROJECT_FILE}${SAMPLE_LEFT}`,
    },
  ])('$name', async ({ before, stderr }) => {
    const dir = tempProject();
    before(dir);
    const run = await runIn(dir, ['init']);
    expect(run).toEqual({ code: 0, stdout: '', stderr });
    expect(readdirSync(path.join(dir, '.score-ts')).sort()).toEqual(['.gitignore', 'state.yaml']);
  });
});

describe('only a successful run creates .score-ts/', () => {
  it.each<{ name: string; args: string[]; code: number }>([
    { name: 'generate of an invalid Score file', args: ['generate', 'bad.yaml'], code: 1 },
    { name: 'generate of a missing Score file', args: ['generate', 'missing.yaml'], code: 1 },
    { name: 'generate --check', args: ['generate', 'score.yaml', '--check'], code: 1 },
    { name: 'resources prune in a project without state', args: ['resources', 'prune'], code: 0 },
  ])('$name leaves no .score-ts/ behind', async ({ args, code }) => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), GOOD);
    writeFileSync(path.join(dir, 'bad.yaml'), GOOD.replace('name: web', 'name: Web'));
    expect((await runIn(dir, args)).code).toBe(code);
    expect(existsSync(path.join(dir, '.score-ts'))).toBe(false);
    expect(existsSync(path.join(dir, 'score-ts.yaml'))).toBe(false);
  });

  it('so the next run initialises the state, and says so', async () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), 'apiVersion: [\n');
    expect((await runIn(dir, ['generate', 'score.yaml'])).code).toBe(1);
    writeFileSync(path.join(dir, 'score.yaml'), GOOD);
    const run = await runIn(dir, ['generate', 'score.yaml', '-o', '-']);
    expect(run.stderr).toBe(
      'initialised the project state in .score-ts/ (run `score-ts init` to also get a sample score.yaml)\nwrote 1 object for web to stdout\n',
    );
    expect(readdirSync(path.join(dir, '.score-ts')).sort()).toEqual(['.gitignore', 'state.yaml']);
  });
});

/** A project `init` made, with one of its files removed (a state file, or score-ts.yaml). */
function initialised(dir: string, removed?: string): void {
  mkdirSync(path.join(dir, '.score-ts'), { mode: 0o700 });
  writeFileSync(path.join(dir, '.score-ts', '.gitignore'), '*\n');
  writeFileSync(path.join(dir, '.score-ts', 'state.yaml'), '{"version": 1, "workloads": {}, "resources": {}, "sharedState": {}}\n', {
    mode: 0o600,
  });
  writeFileSync(path.join(dir, 'score.yaml'), GOOD);
  writeFileSync(path.join(dir, 'score-ts.yaml'), 'version: 1\nproject: project\nworkloads: [{file: score.yaml}]\n');
  if (removed) rmSync(path.join(dir, removed === 'score-ts.yaml' ? '' : '.score-ts', removed));
}
