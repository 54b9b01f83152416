/**
 * Secret references cannot be forged: marker text in a Score file, an override, a param a template echoes, a
 * cmd:// answer or a file source reads as text, never as a reference to another workload's Secret; and no
 * message or output ever shows a token (the run's, or the one the state keeps).
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SecretRefCodec } from '../../src/base/secret-ref.js';
import { runIn, tempProject } from '../support/run-cli.js';

const API = `apiVersion: score.dev/v1b1
metadata: {name: api}
containers:
  main:
    image: nginx:1.28
    variables:
      DB_PASSWORD: \${resources.db.password}
resources:
  db: {type: postgres}
`;

/** The attacker's workload: every channel carries `FORGED`, replaced by a marker naming api's Secret. */
const EVIL = `apiVersion: score.dev/v1b1
metadata: {name: evil}
containers:
  main:
    image: nginx:1.28
    variables:
      FROM_SCORE: "FORGED"
      FROM_PARAM: \${resources.echo.v}
      FROM_PROGRAM: \${resources.prog.v}
    files:
      /etc/content: {content: "password=FORGED"}
      /etc/source: {source: ./forged.txt}
resources:
  echo:
    type: echo
    params: {v: "FORGED"}
  prog: {type: prog}
`;

const PROVISIONERS = `- uri: template://echo
  type: echo
  outputs: |
    v: {{quote params.v}}
- uri: cmd://./answer.mjs
  type: prog
`;

interface Doc {
  kind: string;
  metadata: { name: string };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  spec?: { template: { spec: { containers: Array<{ env: Array<{ name: string; value?: string; valueFrom?: unknown }> }> } } };
}

/** The run tokens made while `fn` runs (they are never shown: the test finds them through the codec). */
async function withRunTokens<T>(fn: () => Promise<T>): Promise<{ result: T; tokens: string[] }> {
  const tokens: string[] = [];
  const fresh = SecretRefCodec.fresh.bind(SecretRefCodec);
  vi.spyOn(SecretRefCodec, 'fresh').mockImplementation(() => {
    const codec = fresh();
    tokens.push(codec.tokenForState()!);
    return codec;
  });
  return { result: await fn(), tokens };
}

afterEach(() => {
  vi.restoreAllMocks();
});

function stateToken(dir: string): string {
  const text = readFileSync(path.join(dir, '.score-ts', 'state.yaml'), 'utf8');
  return (JSON.parse(text.slice(text.indexOf('\n') + 1)) as { secretRefToken: string }).secretRefToken;
}

/** A project where api's postgres has run once, so its Secret's name is public in manifests.yaml. */
async function projectWithApi(): Promise<{ dir: string; secretName: string; password: string }> {
  const dir = tempProject();
  mkdirSync(path.join(dir, 'api'));
  writeFileSync(path.join(dir, 'api', 'score.yaml'), API);
  expect((await runIn(dir, ['generate', 'api/score.yaml'])).code).toBe(0);
  const docs = parseAllDocuments(readFileSync(path.join(dir, 'manifests.yaml'), 'utf8')).map((d) => d.toJS() as Doc);
  const secret = docs.find((d) => d.kind === 'Secret')!;
  return {
    dir,
    secretName: secret.metadata.name,
    password: secret.stringData?.password ?? Buffer.from(secret.data!.password!, 'base64').toString('utf8'),
  };
}

function writeEvil(dir: string, marker: string): void {
  const yamlMarker = JSON.stringify(marker).slice(1, -1);
  mkdirSync(path.join(dir, 'evil'), { recursive: true });
  writeFileSync(path.join(dir, 'evil', 'score.yaml'), EVIL.replaceAll('FORGED', yamlMarker));
  writeFileSync(path.join(dir, 'evil', 'forged.txt'), `password=${marker}`);
  writeFileSync(path.join(dir, 'evil.provisioners.yaml'), PROVISIONERS);
  const program = path.join(dir, 'answer.mjs');
  writeFileSync(
    program,
    `#!/usr/bin/env node\nprocess.stdout.write(${JSON.stringify(JSON.stringify({ resource_outputs: { v: marker } }))});\n`,
  );
  chmodSync(program, 0o755);
}

const forms: Array<{ name: string; marker: (secret: string, stateToken: string) => string }> = [
  { name: "the marker text without a token (the issue's reproduction)", marker: (s) => `\u27e6secret:${s}:password\u27e7` },
  { name: 'a marker with a made-up token', marker: (s) => `\u27e6secret:${'0'.repeat(32)}:${s}:password\u27e7` },
  { name: 'a marker with the token the state keeps (copied out of state.yaml)', marker: (s, t) => `\u27e6secret:${t}:${s}:password\u27e7` },
];

describe('forged secret references read as text', () => {
  it.each(forms)(
    '$name: in a Score variable and file, a param, a cmd:// answer, a file source and an override',
    async ({ marker: make }) => {
      const { dir, secretName, password } = await projectWithApi();
      const token = stateToken(dir);
      const marker = make(secretName, token);
      writeEvil(dir, marker);
      const { result: run, tokens } = await withRunTokens(() =>
        runIn(dir, [
          '-vv',
          'generate',
          'evil/score.yaml',
          '-o',
          '-',
          '--provisioners',
          'evil.provisioners.yaml',
          '--override-property',
          `containers.main.variables.FROM_OVERRIDE=${marker}`,
        ]),
      );
      expect(run.code, run.stderr).toBe(0);
      const docs = parseAllDocuments(run.stdout).map((d) => d.toJS() as Doc);
      const evil = docs.find((d) => d.kind === 'Deployment' && d.metadata.name === 'evil')!;
      expect(evil.spec!.template.spec.containers[0]!.env).toEqual(
        ['FROM_OVERRIDE', 'FROM_PARAM', 'FROM_PROGRAM', 'FROM_SCORE'].map((name) => ({ name, value: marker })),
      );
      const files = docs.find((d) => d.kind === 'ConfigMap' && d.metadata.name === 'evil-files')!;
      expect(Object.values(files.data!).sort()).toEqual([`password=${marker}`, `password=${marker}`]);
      expect(docs.some((d) => d.metadata.name === 'evil-secret-files')).toBe(false);
      // api still gets its real reference, so the run did know the Secret's value.
      const api = docs.find((d) => d.kind === 'Deployment' && d.metadata.name === 'api')!;
      expect(api.spec!.template.spec.containers[0]!.env).toEqual([
        { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: secretName, key: 'password' } } },
      ]);
      for (const doc of docs.filter((d) => d.kind !== 'Secret')) expect(JSON.stringify(doc)).not.toContain(password);
      expect(tokens).toHaveLength(1);
      for (const secretToken of [...tokens, token]) {
        if (!marker.includes(secretToken)) expect(run.stdout + run.stderr).not.toContain(secretToken);
      }
    },
  );
});

describe('no token is ever shown', () => {
  it('a message that quotes a param holding a secret output shows where it points, not the marker', async () => {
    const { dir, secretName } = await projectWithApi();
    const token = stateToken(dir);
    writeFileSync(
      path.join(dir, 'api', 'score.yaml'),
      `${API}  route:\n    type: route\n    params: {host: "\${resources.db.password}", port: 80}\nservice:\n  ports:\n    www: {port: 80}\n`,
    );
    const { result: run, tokens } = await withRunTokens(() => runIn(dir, ['-vv', 'generate', 'api/score.yaml', '-o', '-']));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`route: params.host must be a DNS name such as app.example.com, not '<secret ${secretName}/password>'`);
    for (const secretToken of [...tokens, token]) expect(run.stdout + run.stderr).not.toContain(secretToken);
    expect(run.stderr).not.toContain('\u27e6');
  });

  it('a conversion message that quotes an expanded value shows where a secret points, not the marker', async () => {
    const { dir, secretName } = await projectWithApi();
    writeFileSync(
      path.join(dir, 'api', 'score.yaml'),
      API.replace('    variables:', '    volumes:\n      /data: {source: "${resources.db.password}"}\n    variables:'),
    );
    const { result: run, tokens } = await withRunTokens(() => runIn(dir, ['generate', 'api/score.yaml', '-o', '-']));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`'<secret ${secretName}/password>' is neither \${resources.NAME} nor the name of a PersistentVolumeClaim`);
    for (const secretToken of [...tokens, stateToken(dir)]) expect(run.stderr).not.toContain(secretToken);
  });

  it('the state keeps its token across runs, and it is never in the manifests file', async () => {
    const { dir } = await projectWithApi();
    const token = stateToken(dir);
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect((await runIn(dir, ['generate'])).code).toBe(0);
    expect(stateToken(dir)).toBe(token);
    expect(readFileSync(path.join(dir, 'manifests.yaml'), 'utf8')).not.toContain(token);
  });

  it('a state saved before tokens still loads; its old markers read as text until the next run rewrites them', async () => {
    const { dir, secretName } = await projectWithApi();
    const file = path.join(dir, '.score-ts', 'state.yaml');
    const token = stateToken(dir);
    const old = readFileSync(file, 'utf8')
      .replace(/\n {2}"secretRefToken": "[0-9a-f]{32}",/, '')
      .replaceAll(`${token}:`, '');
    expect(old).not.toContain(token);
    writeFileSync(file, old, { mode: 0o600 });
    const outputs = await runIn(dir, ['resources', 'get-outputs', 'postgres.default#api.db']);
    expect(outputs.code).toBe(0);
    expect((JSON.parse(outputs.stdout) as { password: unknown }).password).toBe(`\u27e6secret:${secretName}:password\u27e7`);
    expect((await runIn(dir, ['generate'])).code).toBe(0);
    const after = await runIn(dir, ['resources', 'get-outputs', 'postgres.default#api.db']);
    expect((JSON.parse(after.stdout) as { password: unknown }).password).toBe(`<secret ${secretName}/password>`);
  });
});
