/**
 * Nothing lost: a run that fails at any stage leaves the manifests and the state byte-identical; writing
 * runs of one project never overlap; a killed run never leaves new manifests with the old state.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFilesTogether } from '../../src/base/write-file.js';
import { repoRoot, runIn, tempProject } from '../support/run-cli.js';

const bin = path.join(repoRoot, 'bin', 'score-ts.js');
const withDatabase = `apiVersion: score.dev/v1b1
metadata: {name: shop}
containers:
  main:
    image: nginx:1.28
    variables:
      DB: \${resources.db.url}
resources:
  db: {type: postgres}
`;

/** A project generated once: its manifests and state are the "previous" files the failures must keep. */
async function generatedProject(): Promise<{ dir: string; snapshot: () => Buffer[] }> {
  const dir = tempProject();
  writeFileSync(path.join(dir, 'score.yaml'), withDatabase);
  const first = await runIn(dir, ['generate', 'score.yaml']);
  expect(first.code, first.stderr).toBe(0);
  const snapshot = (): Buffer[] => ['manifests.yaml', '.score-ts/state.yaml', 'score-ts.yaml'].map((f) => readFileSync(path.join(dir, f)));
  return { dir, snapshot };
}

const failingTemplate = `- uri: template://test/broken
  type: postgres
  outputs: |
    url: {{fail "the platform's database quota is used up"}}
`;
// Found only while the output is written: after the big object before it (more than one write's worth) went
// to the temporary file.
const leakingTemplate = `- uri: template://test/leaky
  type: postgres
  outputs: |
    url: {{quote (secretRef "db" "url")}}
  manifests: |
    - {apiVersion: v1, kind: ConfigMap, metadata: {name: big}, data: {text: ${'x'.repeat(400_000)}}}
    - {apiVersion: v1, kind: ConfigMap, metadata: {name: zz-last}, data: {url: {{quote (secretRef "db" "url")}} }}
`;
const failingProgram = `- uri: cmd://node
  args: [-e, "process.exit(3)"]
  type: postgres
`;

describe('a failed run changes nothing', () => {
  it.each([
    {
      stage: 'template error',
      setup: (dir: string) => writeFileSync(path.join(dir, 'p.provisioners.yaml'), failingTemplate),
      args: ['--provisioners', 'p.provisioners.yaml'],
      message: 'quota is used up',
    },
    {
      stage: 'provisioner program failure',
      setup: (dir: string) => writeFileSync(path.join(dir, 'p.provisioners.yaml'), failingProgram),
      args: ['--provisioners', 'p.provisioners.yaml'],
      message: "'node' exited with 3",
    },
    {
      stage: 'secret reference leaked into the last object',
      setup: (dir: string) => writeFileSync(path.join(dir, 'p.provisioners.yaml'), leakingTemplate),
      args: ['--provisioners', 'p.provisioners.yaml'],
      message: 'ConfigMap zz-last holds a secret reference',
    },
    {
      stage: 'secret reference leaked, output to stdout',
      setup: (dir: string) => writeFileSync(path.join(dir, 'p.provisioners.yaml'), leakingTemplate),
      args: ['--provisioners', 'p.provisioners.yaml', '-o', '-'],
      message: 'ConfigMap zz-last holds a secret reference',
    },
    { stage: 'disk full (/dev/full)', setup: () => {}, args: ['-o', '/dev/full'], message: 'cannot write /dev/full' },
    {
      stage: 'output folder is a file',
      setup: (dir: string) => writeFileSync(path.join(dir, 'plain-file'), ''),
      args: ['-o', 'plain-file/manifests.yaml'],
      message: 'cannot write plain-file/manifests.yaml',
    },
    {
      stage: 'broken provisioner file',
      setup: (dir: string) => writeFileSync(path.join(dir, 'p.provisioners.yaml'), '- uri: [\n'),
      args: ['--provisioners', 'p.provisioners.yaml'],
      message: 'p.provisioners.yaml:',
    },
  ])('$stage', async ({ setup, args, message }) => {
    const { dir, snapshot } = await generatedProject();
    const before = snapshot();
    writeFileSync(path.join(dir, 'score.yaml'), withDatabase.replace('nginx:1.28', 'nginx:1.29'));
    setup(dir);
    const run = await runIn(dir, ['generate', 'score.yaml', ...args]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
    expect(snapshot()).toEqual(before);
    expect(readdirSync(path.join(dir, '.score-ts')).sort()).toEqual(['.gitignore', 'state.yaml']);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a first run that fails leaves no state behind', async () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), 'apiVersion: score.dev/v1b1\nmetadata: {name: x}\ncontainers: {}\n');
    const run = await runIn(dir, ['generate', 'score.yaml']);
    expect(run.code).toBe(1);
    expect(existsSync(path.join(dir, '.score-ts', 'state.yaml'))).toBe(false);
    expect(existsSync(path.join(dir, 'manifests.yaml'))).toBe(false);
  });

  it.each([
    { name: 'empty', text: '' },
    { name: 'a list', text: '- 1\n' },
    { name: 'another version', text: 'version: 9\nworkloads: {}\n' },
  ])('a state file that is $name is reported and kept', async ({ text }) => {
    const { dir, snapshot } = await generatedProject();
    writeFileSync(path.join(dir, '.score-ts', 'state.yaml'), text);
    const before = snapshot();
    const run = await runIn(dir, ['generate', 'score.yaml']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('.score-ts/state.yaml');
    expect(snapshot()).toEqual(before);
  });

  const uid = 'postgres.default#shop.db';
  const escapedUid = 'postgres\\.default#shop\\.db';
  it.each([
    {
      name: "a resource's state turned into a string",
      damage: (s: StateJson) => (s.resources[uid]!.state = 'oops'),
      field: `resources.${escapedUid}.state`,
      message: 'must be a map (it is a string)',
    },
    {
      name: "a resource's state set to null",
      damage: (s: StateJson) => (s.resources[uid]!.state = null),
      field: `resources.${escapedUid}.state`,
      message: 'must be a map (it is null)',
    },
    {
      name: "a resource's outputs turned into a list",
      damage: (s: StateJson) => (s.resources[uid]!.outputs = []),
      field: `resources.${escapedUid}.outputs`,
      message: 'must be a map (it is a list)',
    },
    {
      name: "a resource's guid turned into a number",
      damage: (s: StateJson) => (s.resources[uid]!.guid = 7),
      field: `resources.${escapedUid}.guid`,
      message: 'must be a string (it is a number)',
    },
    {
      name: "a resource's type removed",
      damage: (s: StateJson) => delete s.resources[uid]!.type,
      field: `resources.${escapedUid}.type`,
      message: 'must be a string (it is missing)',
    },
    {
      name: "a resource's provisioner turned into a map",
      damage: (s: StateJson) => (s.resources[uid]!.provisioner = {}),
      field: `resources.${escapedUid}.provisioner`,
      message: 'must be a string (it is a map)',
    },
    {
      name: 'a secret value that is not a string',
      damage: (s: StateJson) => ((s.resources[uid]!.secretValues as Record<string, unknown>)['x/y'] = 1),
      field: `resources.${escapedUid}.secretValues`,
      message: 'must be a map of strings (some of its values are not strings)',
    },
    {
      name: 'a resource record that is not a map',
      damage: (s: StateJson) => (s.resources[uid] = 'gone' as never),
      field: `resources.${escapedUid}`,
      message: 'must be a map (it is a string)',
    },
    // Workload records are in the state of an older score-ts only (this project has score-ts.yaml): still checked.
    {
      name: "a workload's file turned into a number",
      damage: (s: StateJson) => (s.workloads.shop = { file: 1 }),
      field: 'workloads.shop.file',
      message: 'must be a string (it is a number)',
    },
    {
      name: "a workload's override properties turned into a string",
      damage: (s: StateJson) => (s.workloads.shop = { file: 'score.yaml', overrideProperties: 'a=b' }),
      field: 'workloads.shop.overrideProperties',
      message: 'must be a list of strings (it is a string)',
    },
    {
      name: 'a workload record that is a list',
      damage: (s: StateJson) => (s.workloads.shop = [] as never),
      field: 'workloads.shop',
      message: 'must be a map (it is a list)',
    },
    {
      name: 'the project label turned into a number',
      damage: (s: StateJson) => (s.project = 3),
      field: 'project',
      message: 'must be a string (it is a number)',
    },
    {
      name: 'the output files turned into a map',
      damage: (s: StateJson) => (s.outputFiles = {}),
      field: 'outputFiles',
      message: 'must be a list of strings (it is a map)',
    },
  ])('a damaged record is reported with its uid and field, and kept: $name', async ({ damage, field, message }) => {
    const { dir, snapshot } = await generatedProject();
    const stateFile = path.join(dir, '.score-ts', 'state.yaml');
    const text = readFileSync(stateFile, 'utf8');
    const state = JSON.parse(text.slice(text.indexOf('\n') + 1)) as StateJson;
    damage(state);
    writeFileSync(stateFile, `${text.slice(0, text.indexOf('\n'))}\n${JSON.stringify(state, null, 2)}\n`);
    const before = snapshot();
    const run = await runIn(dir, ['generate', 'score.yaml']);
    expect(run.code).toBe(1);
    const lines = run.stderr.split('\n');
    expect(lines[0]).toBe(
      'error: .score-ts/state.yaml has damaged records; fix them by hand or move the file away (it holds generated passwords, so do not delete it lightly)',
    );
    expect(lines[1]).toMatch(/^ {2}\.score-ts\/state\.yaml:\d+:\d+: /);
    expect(lines[1]!.replace(/^.*?:\d+:\d+: /, '')).toBe(`${field}: ${message}`);
    expect(snapshot()).toEqual(before);
    const password = /"password": "([^"⟦]+)"/.exec(text)![1]!;
    expect(run.stderr).not.toContain(password);
  });

  it('points at the line of the damaged field', async () => {
    const { dir } = await generatedProject();
    const stateFile = path.join(dir, '.score-ts', 'state.yaml');
    const text = readFileSync(stateFile, 'utf8').replace(/"state": \{[^}]*\}/, '"state": "oops"');
    writeFileSync(stateFile, text);
    const line = text.split('\n').findIndex((l) => l.includes('"state": "oops"')) + 1;
    const run = await runIn(dir, ['generate', 'score.yaml']);
    expect(run.stderr).toContain(`.score-ts/state.yaml:${line}:16: resources.${escapedUid}.state: must be a map (it is a string)`);
  });

  it('writes several files together or not at all', () => {
    const dir = mkdirTemp();
    writeFileSync(path.join(dir, 'a'), 'old a');
    writeFileSync(path.join(dir, 'blocker'), '');
    expect(() =>
      writeFilesTogether([
        { file: path.join(dir, 'a'), content: 'new a', displayPath: 'a' },
        { file: path.join(dir, 'blocker', 'b'), content: 'new b', displayPath: 'blocker/b' },
      ]),
    ).toThrow(/cannot write blocker\/b/);
    expect(readFileSync(path.join(dir, 'a'), 'utf8')).toBe('old a');
    expect(readdirSync(dir).sort()).toEqual(['a', 'blocker']);
  });
});

/** The parts of the state file the damage tests change. */
interface StateJson {
  project?: unknown;
  outputFiles?: unknown;
  workloads: Record<string, Record<string, unknown>>;
  resources: Record<string, Record<string, unknown>>;
}

function mkdirTemp(): string {
  const dir = path.join(os.tmpdir(), `score-ts-write-${process.pid}-${Math.random().toString(16).slice(2)}`);
  mkdirSync(dir);
  return dir;
}

describe("the output file's mode", () => {
  const umask = process.umask();
  const withoutSecrets = 'apiVersion: score.dev/v1b1\nmetadata: {name: web}\ncontainers: {main: {image: nginx:1.28}}\n';
  it.each([
    {
      name: 'a new file holding Secret data (generated passwords) is readable by its owner only',
      score: withDatabase,
      before: undefined,
      expected: 0o600 & ~umask,
    },
    { name: 'a new file without Secret data is 0644 less the umask', score: withoutSecrets, before: undefined, expected: 0o644 & ~umask },
    {
      name: 'an existing file keeps exactly its mode (0640, which the umask would change)',
      score: withDatabase,
      before: 0o640,
      expected: 0o640,
    },
    {
      name: 'an existing 0644 file stays 0644 even with Secret data (the owner chose it)',
      score: withDatabase,
      before: 0o644,
      expected: 0o644,
    },
    { name: 'an existing private file without Secret data stays private', score: withoutSecrets, before: 0o600, expected: 0o600 },
  ])('$name', async ({ score, before, expected }) => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), score);
    const output = path.join(dir, 'manifests.yaml');
    if (before !== undefined) {
      writeFileSync(output, 'old');
      chmodSync(output, before);
    }
    const run = await runIn(dir, ['generate', 'score.yaml']);
    expect(run.code, run.stderr).toBe(0);
    expect((statSync(output).mode & 0o777).toString(8)).toBe(expected.toString(8));
  });
});

describe('one writing run at a time', () => {
  it('refuses to run while a live process holds the lock, and names it', async () => {
    const { dir, snapshot } = await generatedProject();
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(
        path.join(dir, '.score-ts', 'lock'),
        JSON.stringify({ pid: holder.pid, host: os.hostname(), started: '2026-01-01T00:00:00Z' }),
      );
      const before = snapshot();
      const run = await runIn(dir, ['generate', 'score.yaml']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`another score-ts run (process ${holder.pid} on ${os.hostname()}`);
      expect(run.stderr).toContain('remove .score-ts/lock if no score-ts is running');
      expect(snapshot()).toEqual(before);
      expect((await runIn(dir, ['init', '--no-sample'])).code).toBe(1);
    } finally {
      holder.kill();
    }
  });

  it('takes over the lock of a process that is gone, and releases its own', async () => {
    const { dir } = await generatedProject();
    const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    writeFileSync(path.join(dir, '.score-ts', 'lock'), JSON.stringify({ pid: Number(gone.stdout), host: os.hostname(), started: 'x' }));
    const run = await runIn(dir, ['generate', 'score.yaml']);
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(path.join(dir, '.score-ts', 'lock'))).toBe(false);
  });

  const host = os.hostname();
  const goneProcess = () => Number(spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout);
  it.each([
    {
      name: 'a lock made on another host says how to clear it',
      setup: (state: string) =>
        writeFileSync(path.join(state, 'lock'), JSON.stringify({ pid: 1, host: 'build-agent-7', started: '2026-01-01T00:00:00Z' })),
      message: () =>
        '.score-ts/lock was made by process 1 on another host, build-agent-7 (started 2026-01-01T00:00:00Z; a shared folder?), so score-ts cannot tell whether that run still works; check that no score-ts runs on build-agent-7 in this project, then remove .score-ts/lock',
    },
    {
      name: 'a takeover guard left by a run that was killed during a takeover says how to clear it',
      setup: (state: string, pid: number) => {
        writeFileSync(path.join(state, 'lock'), JSON.stringify({ pid, host, started: 'x' }));
        writeFileSync(path.join(state, 'lock.takeover'), JSON.stringify({ pid, host, started: 'x' }));
        utimesSync(path.join(state, 'lock.takeover'), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
      },
      message: (pid: number) =>
        `.score-ts/lock.takeover was left by a score-ts run (process ${pid} on ${host}) stopped while it took over a stale lock; if no score-ts is running in this project, remove .score-ts/lock.takeover and .score-ts/lock`,
    },
    {
      name: 'a takeover guard held by a live run means it is taking over now',
      setup: (state: string) => {
        writeFileSync(path.join(state, 'lock'), JSON.stringify({ pid: goneProcess(), host, started: 'x' }));
        writeFileSync(path.join(state, 'lock.takeover'), JSON.stringify({ pid: process.ppid, host, started: 'x' }));
        utimesSync(path.join(state, 'lock.takeover'), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
      },
      message: () =>
        `another score-ts run (process ${process.ppid} on ${host}) is taking over the lock a killed run left in this project; try again when it has finished`,
    },
  ])('$name', async ({ setup, message }) => {
    const { dir, snapshot } = await generatedProject();
    const pid = goneProcess();
    setup(path.join(dir, '.score-ts'), pid);
    const before = snapshot();
    const run = await runIn(dir, ['generate', 'score.yaml']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`error: ${message(pid)}\n`);
    expect(snapshot()).toEqual(before);
  });

  it('two generate processes started together never corrupt the state', async () => {
    const dir = largeProject(60);
    for (let round = 0; round < 4; round++) {
      const runs = await Promise.all([0, 1].map(() => runProcess(dir, ['generate', ...workloadFiles(60)])));
      for (const r of runs) {
        if (r.code !== 0) expect(r.stderr).toMatch(/another score-ts run .* is (writing|starting)|is starting in this project/);
      }
      expect(runs.some((r) => r.code === 0)).toBe(true);
      const state = readFileSync(path.join(dir, '.score-ts', 'state.yaml'), 'utf8');
      expect(() => {
        JSON.parse(state.slice(state.indexOf('\n') + 1));
      }).not.toThrow();
      expect(existsSync(path.join(dir, '.score-ts', 'lock'))).toBe(false);
    }
  }, 60_000);
});

describe('a run killed at any moment', () => {
  it('leaves the old files, the new files, or the new state with the old manifests (repaired by the next run)', async () => {
    const dir = largeProject(150);
    const args = ['generate', ...workloadFiles(150)];
    expect((await runProcess(dir, args)).code).toBe(0);
    const outcomes = new Set<string>();
    for (let attempt = 0; attempt < 12; attempt++) {
      const before = snapshot(dir);
      // Each attempt gives one workload a new database, so both its manifests and the state change.
      writeFileSync(path.join(dir, 'w0', 'score.yaml'), workloadYaml(0, `db${attempt}`));
      const killed = await runProcess(dir, args, 60 + attempt * 60);
      const after = snapshot(dir);
      const next = await runProcess(dir, ['generate']);
      expect(next.code, next.stderr).toBe(0);
      const repaired = snapshot(dir);
      const manifestsChanged = !after.manifests.equals(before.manifests);
      const stateChanged = !after.state.equals(before.state);
      // Never new manifests with the old state: those manifests would hold passwords the state forgot.
      expect(manifestsChanged && !stateChanged).toBe(false);
      if (manifestsChanged) expect(after.manifests).toEqual(repaired.manifests);
      if (stateChanged) expect(after.state).toEqual(repaired.state);
      outcomes.add(`${killed.signal ?? 'exit'}:${manifestsChanged}/${stateChanged}`);
      // Temporary files a killed run left are removed by the next one.
      expect([...readdirSync(dir), ...readdirSync(path.join(dir, '.score-ts'))].filter((f) => f.endsWith('.tmp'))).toEqual([]);
    }
    expect([...outcomes].some((o) => o.startsWith('SIGKILL'))).toBe(true);
  }, 120_000);
});

function snapshot(dir: string): { manifests: Buffer; state: Buffer } {
  return { manifests: readFileSync(path.join(dir, 'manifests.yaml')), state: readFileSync(path.join(dir, '.score-ts', 'state.yaml')) };
}

function workloadYaml(i: number, database = 'db'): string {
  return `apiVersion: score.dev/v1b1
metadata: {name: svc-${i}}
containers:
  main:
    image: registry.example.com/svc-${i}:1
    variables: {DB: "\${resources.${database}.url}"}
resources:
  ${database}: {type: postgres}
`;
}

function largeProject(size: number): string {
  const dir = tempProject();
  for (let i = 0; i < size; i++) {
    mkdirSync(path.join(dir, `w${i}`));
    writeFileSync(path.join(dir, `w${i}`, 'score.yaml'), workloadYaml(i));
  }
  return dir;
}

const workloadFiles = (size: number): string[] => Array.from({ length: size }, (_, i) => `w${i}/score.yaml`);

/** Runs the built CLI as a process; with `killAfterMs`, sends SIGKILL then. */
function runProcess(
  cwd: string,
  args: string[],
  killAfterMs?: number,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
