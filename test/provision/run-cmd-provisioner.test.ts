import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CmdProvisioner } from '../../src/provision/provisioner-file.js';
import { CMD_LIMITS, CommandError, runCmdProvisioner } from '../../src/provision/run-cmd-provisioner.js';
import { SecretRefError } from '../../src/base/secret-ref.js';
import { request, TEST_SECRET_REFS, testMarker, thrown } from './builders.js';

const dir = mkdtempSync(path.join(tmpdir(), 'score-ts-cmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a Node script (ESM) that gets the request as `req` and prints what it returns. */
function script(name: string, body: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `import { readFileSync } from 'node:fs';\nconst req = JSON.parse(readFileSync(0, 'utf8'));\n${body}\n`);
  return file;
}

function cmd(program: string, args: string[] = []): CmdProvisioner {
  return { kind: 'cmd', uri: `cmd://${program}`, type: 't', file: 'p.yaml', line: 1, origin: 'run', program, args };
}

const node = (file: string, ...args: string[]) => cmd('node', [file, ...args]);

describe('runCmdProvisioner: the request on stdin', () => {
  it('gets every request field under its wire name', () => {
    const echo = script('echo.mjs', 'process.stdout.write(JSON.stringify({ resource_outputs: { request: req } }));');
    const req = request({
      uid: 'postgres.large#shared',
      guid: '11111111-2222-4333-8444-555555555555',
      type: 'postgres',
      class: 'large',
      id: 'shared',
      params: { size: '2Gi', list: [1, { a: null }] },
      metadata: { annotations: { team: 'a' } },
      state: { password: 'old' },
      shared: { clusters: { main: true } },
      sourceWorkload: 'api',
      workloadServices: {
        api: {
          serviceName: 'api',
          ports: { http: { port: 80, targetPort: 8080, protocol: 'TCP' } },
          portsByNumber: { '80': { port: 80, targetPort: 8080, protocol: 'TCP' } },
        },
      },
      namespace: 'dev',
      references: ['host', 'port'],
    });
    expect(runCmdProvisioner(node(echo), req, dir, TEST_SECRET_REFS).outputs).toEqual({
      request: {
        resource_uid: 'postgres.large#shared',
        resource_guid: '11111111-2222-4333-8444-555555555555',
        resource_type: 'postgres',
        resource_class: 'large',
        resource_id: 'shared',
        resource_params: { size: '2Gi', list: [1, { a: null }] },
        resource_metadata: { annotations: { team: 'a' } },
        resource_state: { password: 'old' },
        shared_state: { clusters: { main: true } },
        source_workload: 'api',
        workload_services: {
          api: {
            serviceName: 'api',
            ports: { http: { port: 80, targetPort: 8080, protocol: 'TCP' } },
            portsByNumber: { '80': { port: 80, targetPort: 8080, protocol: 'TCP' } },
          },
        },
        namespace: 'dev',
        references: ['host', 'port'],
      },
    });
  });

  it('gets its args, and runs in the project folder', () => {
    const s = script(
      'args.mjs',
      'process.stdout.write(JSON.stringify({ resource_outputs: { args: process.argv.slice(2), cwd: process.cwd() } }));',
    );
    expect(runCmdProvisioner(node(s, '--flag', 'two words'), request(), dir, TEST_SECRET_REFS).outputs).toEqual({
      args: ['--flag', 'two words'],
      cwd: dir,
    });
  });

  it('a program path with a slash is relative to the project folder', () => {
    writeFileSync(
      path.join(dir, 'prov.mjs'),
      `#!/usr/bin/env node\nprocess.stdout.write(JSON.stringify({ resource_outputs: { ran: true } }));\n`,
    );
    chmodSync(path.join(dir, 'prov.mjs'), 0o755);
    expect(runCmdProvisioner(cmd('./prov.mjs'), request(), dir, TEST_SECRET_REFS).outputs).toEqual({ ran: true });
  });
});

describe('runCmdProvisioner: the answer on stdout', () => {
  it.each<{ name: string; answer: unknown; expected: unknown }>([
    { name: 'empty object: all defaults', answer: {}, expected: { outputs: {}, state: {}, shared: {}, manifests: [] } },
    {
      name: 'null fields: defaults',
      answer: { resource_outputs: null, resource_state: null, shared_state: null, manifests: null },
      expected: { outputs: {}, state: {}, shared: {}, manifests: [] },
    },
    {
      name: 'every field',
      answer: {
        resource_outputs: { host: 'db', port: 5432 },
        resource_state: { password: 'p' },
        shared_state: { a: { b: null } },
        manifests: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }],
      },
      expected: {
        outputs: { host: 'db', port: 5432 },
        state: { password: 'p' },
        shared: { a: { b: null } },
        manifests: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }],
      },
    },
    {
      name: 'secretRef objects in outputs become markers, also nested and in lists',
      answer: {
        resource_outputs: {
          password: { secretRef: { name: 'db-secret', key: 'password' } },
          nested: { user: { secretRef: { name: 'db-secret', key: 'user' } } },
          list: ['plain', { secretRef: { name: 's', key: 'k' } }],
          notARef: { secretRef: { name: 's', key: 'k' }, other: 1 },
          badShape: { secretRef: { name: 's' } },
        },
      },
      expected: {
        outputs: {
          password: testMarker('db-secret', 'password'),
          nested: { user: testMarker('db-secret', 'user') },
          list: ['plain', testMarker('s', 'k')],
          notARef: { secretRef: { name: 's', key: 'k' }, other: 1 },
          badShape: { secretRef: { name: 's' } },
        },
        state: {},
        shared: {},
        manifests: [],
      },
    },
    {
      name: 'secretRef objects in state stay as they are',
      answer: { resource_state: { p: { secretRef: { name: 's', key: 'k' } } } },
      expected: { outputs: {}, state: { p: { secretRef: { name: 's', key: 'k' } } }, shared: {}, manifests: [] },
    },
  ])('$name', ({ name, answer, expected }) => {
    const s = script(`answer-${name.replace(/\W+/g, '-')}.mjs`, `process.stdout.write(${JSON.stringify(JSON.stringify(answer))});`);
    expect(runCmdProvisioner(node(s), request(), dir, TEST_SECRET_REFS)).toEqual(expected);
  });

  it('an invalid secretRef name is a SecretRefError', () => {
    const s = script(
      'bad-ref.mjs',
      `process.stdout.write(JSON.stringify({ resource_outputs: { p: { secretRef: { name: 'Bad_Name', key: 'k' } } } }));`,
    );
    const error = thrown(() => runCmdProvisioner(node(s), request(), dir, TEST_SECRET_REFS));
    expect(error).toBeInstanceOf(SecretRefError);
    expect(error.message).toBe("secretRef: 'Bad_Name' is not a valid Secret name");
  });
});

describe('runCmdProvisioner: failures', () => {
  it.each<{ name: string; body: string; message: string }>([
    {
      name: 'non-zero exit shows stderr, indented',
      body: `process.stderr.write('cannot reach the API\\nsecond line\\n'); process.stdout.write('{}'); process.exit(3);`,
      message: "'node' exited with 3:\n    cannot reach the API\n    second line",
    },
    { name: 'non-zero exit without stderr', body: 'process.exit(1);', message: "'node' exited with 1 and wrote nothing on stderr" },
    {
      name: 'stderr is trimmed',
      body: `process.stderr.write('  boom  '); process.exitCode = 2;`,
      message: "'node' exited with 2:\n    boom",
    },
    { name: 'stdout not JSON', body: `process.stdout.write('host: db');`, message: "'node' did not answer JSON on stdout" },
    { name: 'stdout empty', body: '', message: "'node' did not answer JSON on stdout" },
    { name: 'stdout a JSON list', body: `process.stdout.write('[]');`, message: "'node' must answer a JSON object" },
    { name: 'stdout JSON null', body: `process.stdout.write('null');`, message: "'node' must answer a JSON object" },
    {
      name: 'outputs not an object',
      body: `process.stdout.write('{"resource_outputs": [1]}');`,
      message: "'node' answered a resource_outputs that is not an object",
    },
    {
      name: 'state not an object',
      body: `process.stdout.write('{"resource_state": "x"}');`,
      message: "'node' answered a resource_state that is not an object",
    },
    {
      name: 'shared not an object',
      body: `process.stdout.write('{"shared_state": 1}');`,
      message: "'node' answered a shared_state that is not an object",
    },
    {
      name: 'manifests not a list',
      body: `process.stdout.write('{"manifests": {}}');`,
      message: "'node' answered a manifests that is not a list",
    },
    {
      name: 'manifests with a non-object',
      body: `process.stdout.write('{"manifests": [{}, "x"]}');`,
      message: "'node' answered a manifests that is not a list",
    },
  ])('$name', ({ name, body, message }) => {
    const s = script(`fail-${name.replace(/\W+/g, '-')}.mjs`, body);
    const error = thrown(() => runCmdProvisioner(node(s), request(), dir, TEST_SECRET_REFS));
    expect(error).toBeInstanceOf(CommandError);
    expect(error.message).toBe(message);
  });

  it.each<{ name: string; program: string; message: string }>([
    {
      name: 'unknown program on PATH',
      program: 'score-ts-no-such-program-7f3a',
      message: "cannot run 'score-ts-no-such-program-7f3a': no such program",
    },
    {
      name: 'missing program in the project folder',
      program: './missing/prov.sh',
      message: "cannot run './missing/prov.sh': no such program",
    },
  ])('$name', ({ program, message }) => {
    const error = thrown(() => runCmdProvisioner(cmd(program), request(), dir, TEST_SECRET_REFS));
    expect(error).toBeInstanceOf(CommandError);
    expect(error.message).toBe(message);
  });
});

describe('runCmdProvisioner: programs at the edges', () => {
  const sh = (script: string) => cmd('sh', ['-c', script]);

  it('an answer over 16 MiB stops the program with a clear error (1 GB of stdout)', () => {
    const error = thrown(() => runCmdProvisioner(sh('head -c 1073741824 /dev/zero'), request(), dir, TEST_SECRET_REFS));
    expect(error).toBeInstanceOf(CommandError);
    expect(error.message).toBe("'sh' wrote more than 16 MiB on stdout (it was stopped): an answer is at most 16 MiB of JSON");
  }, 30_000);

  it('a program may answer without reading its request, however long the request (over 64 KB)', () => {
    const big = request({ params: { blob: 'x'.repeat(1024 * 1024) } });
    const answer = `echo '${JSON.stringify({ resource_outputs: { answered: true } })}'`;
    expect(runCmdProvisioner(sh(answer), big, dir, TEST_SECRET_REFS).outputs).toEqual({ answered: true });
  });

  it('the run ends when the program exits, even if a background process it started keeps stdout open', () => {
    const pidFile = path.join(dir, 'background.pid');
    const answer = `sleep 30 & echo $! > '${pidFile}'; echo '${JSON.stringify({ resource_outputs: { answered: true } })}'`;
    const started = Date.now();
    try {
      expect(runCmdProvisioner(sh(answer), request(), dir, TEST_SECRET_REFS).outputs).toEqual({ answered: true });
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      process.kill(Number(readFileSync(pidFile, 'utf8')));
    }
  }, 30_000);

  it('a program that does not finish in time is stopped', () => {
    const error = thrown(() => runCmdProvisioner(sh('sleep 5'), request(), dir, TEST_SECRET_REFS, { ...CMD_LIMITS, timeoutMs: 300 }));
    expect(error).toBeInstanceOf(CommandError);
    expect(error.message).toBe("'sh' did not finish within 0.3s (it was stopped)");
  });

  it('a failing program shows its stderr up to 8 KiB', () => {
    const line = 'e'.repeat(99);
    const error = thrown(() =>
      runCmdProvisioner(sh(`for i in $(seq 200); do echo ${line} >&2; done; exit 4`), request(), dir, TEST_SECRET_REFS),
    );
    expect(error).toBeInstanceOf(CommandError);
    const shown = `${line}\n`
      .repeat(200)
      .slice(0, 8 * 1024)
      .trim();
    expect(error.message).toBe(
      `'sh' exited with 4:\n${shown
        .split('\n')
        .map((l) => `    ${l}`)
        .join('\n')}\n    ... (stderr cut at 8 KiB)`,
    );
  });

  it('a program killed by a signal says so', () => {
    const error = thrown(() => runCmdProvisioner(sh('kill -9 $$'), request(), dir, TEST_SECRET_REFS));
    expect(error.message).toBe("'sh' exited with SIGKILL and wrote nothing on stderr");
  });

  it('a program that is not executable', () => {
    writeFileSync(path.join(dir, 'not-executable.sh'), '#!/bin/sh\necho {}\n');
    chmodSync(path.join(dir, 'not-executable.sh'), 0o644);
    const error = thrown(() => runCmdProvisioner(cmd('./not-executable.sh'), request(), dir, TEST_SECRET_REFS));
    expect(error.message).toBe("cannot run './not-executable.sh': permission denied (is it executable?)");
  });
});
