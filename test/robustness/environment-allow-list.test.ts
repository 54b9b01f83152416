/**
 * The `environment` resource reads only the variables the person running score-ts allows with --allow-env,
 * never score-ts's own (SCORE_TS_SEED), and its values go into a Secret: never in plain text in another
 * object, in a message at any verbosity, or in the state outside the records' secret values.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runIn, tempProject } from '../support/run-cli.js';

const SEED = 'seed-value-3f9a1c';
const TOKEN = 'ci-deploy-token-7e21b0';
const ENV = { SCORE_TS_SEED: SEED, CI_DEPLOY_TOKEN: TOKEN, API_URL: 'https://api.example.com/v1', APP_MODE: 'blue$(HOME)', APP_LEVEL: '3' };

const SCORE = `apiVersion: score.dev/v1b1
metadata: {name: web}
containers:
  main:
    image: nginx:1.28
    variables:
      API_URL: \${resources.env.API_URL}
      MODE: mode=\${resources.env.APP_MODE}
      LEVEL: \${resources.env.APP_LEVEL}
    files:
      /etc/app.conf:
        content: "url=\${resources.env.API_URL}"
resources:
  env: {type: environment}
`;

/** The reproduction: a Score file reads the seed and a CI token. */
const HOSTILE = `apiVersion: score.dev/v1b1
metadata: {name: evil}
containers:
  main:
    image: nginx:1.28
    variables:
      SEED: \${resources.env.SCORE_TS_SEED}
      TOKEN: \${resources.env.CI_DEPLOY_TOKEN}
resources:
  env: {type: environment}
`;

function project(score: string): string {
  const dir = tempProject();
  writeFileSync(path.join(dir, 'score.yaml'), score);
  return dir;
}

type Doc = { kind: string; metadata: { name: string }; stringData?: Record<string, string> };

/** The documents of generated manifests, of the shape every one of them has. */
function documents(text: string): Doc[] {
  return parseAllDocuments(text).map((d) => d.toJS() as Doc);
}

describe('environment: what a Score file may read', () => {
  it('the reproduction reads nothing: no output, no state, neither value in a message', async () => {
    const dir = project(HOSTILE);
    const run = await runIn(dir, ['-vv', 'generate', 'score.yaml'], ENV);
    expect(run.code).toBe(1);
    for (const value of [SEED, TOKEN]) expect(run.stderr).not.toContain(value);
    // -vv first says what it loaded; the error comes last.
    expect(run.stderr.slice(run.stderr.indexOf('error:'))).toBe(
      [
        'error: workloads read environment variables this run does not allow; the person running score-ts decides which to allow: --allow-env CI_DEPLOY_TOKEN',
        "  score.yaml:7:13: containers.main.variables.SEED: ${resources.env.SCORE_TS_SEED}: SCORE_TS_SEED is score-ts's own variable, which is never readable",
        '  score.yaml:8:14: containers.main.variables.TOKEN: ${resources.env.CI_DEPLOY_TOKEN} reads the environment variable CI_DEPLOY_TOKEN, which this run does not allow',
        '',
      ].join('\n'),
    );
    expect(run.stdout).toBe('');
    expect(() => readFileSync(path.join(dir, 'manifests.yaml'))).toThrow();
    expect(() => readFileSync(path.join(dir, '.score-ts', 'state.yaml'))).toThrow();
  });

  it('the seed stays unreadable even when a prefix covers it; the rest of the run is reported with it', async () => {
    const run = await runIn(project(HOSTILE), ['generate', 'score.yaml', '-o', '-', '--allow-env', 'S*', '--allow-env', 'CI_*'], ENV);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      [
        'error: workloads read environment variables this run does not allow',
        "  score.yaml:7:13: containers.main.variables.SEED: ${resources.env.SCORE_TS_SEED}: SCORE_TS_SEED is score-ts's own variable, which is never readable",
        '',
      ].join('\n'),
    );
  });

  it.each<{ name: string; flags: string[]; message: string }>([
    {
      name: 'a bare *',
      flags: ['--allow-env', '*'],
      message:
        "error: --allow-env '*' would let Score files read every variable of the run, CI secrets included: name each variable (--allow-env API_URL) or a prefix (--allow-env 'APP_*')\n",
    },
    {
      name: 'the seed by name',
      flags: ['--allow-env', 'SCORE_TS_SEED'],
      message: "error: --allow-env SCORE_TS_SEED: score-ts's own SCORE_TS_* variables are never readable by a Score file\n",
    },
    {
      name: "score-ts's own prefix",
      flags: ['--allow-env', 'SCORE_TS_*'],
      message: "error: --allow-env SCORE_TS_*: score-ts's own SCORE_TS_* variables are never readable by a Score file\n",
    },
    {
      name: 'not a variable name',
      flags: ['--allow-env', 'API-URL'],
      message: `error: --allow-env "API-URL" is not a variable name (letters, digits and '_', not starting with a digit), nor a PREFIX* of one\n`,
    },
    {
      name: 'a * inside the name',
      flags: ['--allow-env', 'A*B'],
      message: `error: --allow-env "A*B" is not a variable name (letters, digits and '_', not starting with a digit), nor a PREFIX* of one\n`,
    },
  ])('a usage error: $name', async ({ flags, message }) => {
    const run = await runIn(project(SCORE), ['generate', 'score.yaml', ...flags], ENV);
    expect({ code: run.code, stderr: run.stderr, stdout: run.stdout }).toEqual({ code: 2, stderr: message, stdout: '' });
  });

  it('allowed by name and by prefix, for this run only: the next run without the flags reads nothing', async () => {
    const dir = project(SCORE);
    expect((await runIn(dir, ['generate', 'score.yaml', '--allow-env', 'API_URL', '--allow-env', 'APP_*'], ENV)).code).toBe(0);
    const again = await runIn(dir, ['generate'], ENV);
    expect(again.code).toBe(1);
    expect(again.stderr.split('\n')[0]).toBe(
      'error: workloads read environment variables this run does not allow; the person running score-ts decides which to allow: --allow-env API_URL --allow-env APP_LEVEL --allow-env APP_MODE',
    );
  });
});

describe('environment: the values stay secret', () => {
  const values = [ENV.API_URL, ENV.APP_MODE];

  it('a Secret per environment resource holds them; variables read it, the file is mounted from a Secret', async () => {
    const dir = project(SCORE);
    const run = await runIn(dir, ['generate', 'score.yaml', '-o', '-', '--allow-env', 'API_URL', '--allow-env', 'APP_*'], ENV);
    expect(run.code).toBe(0);
    const docs = documents(run.stdout);
    const secret = docs.find((d) => d.kind === 'Secret' && d.metadata.name.startsWith('environment-web-env-'))!;
    expect(secret.stringData).toEqual({ API_URL: ENV.API_URL, APP_LEVEL: '3', APP_MODE: ENV.APP_MODE });
    const deployment = docs.find((d) => d.kind === 'Deployment') as unknown as {
      spec: { template: { spec: { containers: Array<{ env: Array<{ name: string }> }> } } };
    };
    const name = secret.metadata.name;
    const env = deployment.spec.template.spec.containers[0]!.env;
    const helper = env[0]!.name;
    expect(helper).toMatch(/^SCORE_TS_SECRET_[0-9A-F]+$/);
    expect(env).toEqual([
      { name: helper, valueFrom: { secretKeyRef: { name, key: 'APP_MODE' } } },
      { name: 'API_URL', valueFrom: { secretKeyRef: { name, key: 'API_URL' } } },
      { name: 'LEVEL', valueFrom: { secretKeyRef: { name, key: 'APP_LEVEL' } } },
      { name: 'MODE', value: `mode=$(${helper})` },
    ]);
    const files = docs.find((d) => d.kind === 'Secret' && d.metadata.name === 'web-secret-files') as unknown as {
      data: Record<string, string>;
    };
    expect(Object.values(files.data).map((v) => Buffer.from(v, 'base64').toString('utf8'))).toEqual([`url=${ENV.API_URL}`]);
    expect(docs.some((d) => d.kind === 'ConfigMap')).toBe(false);
    for (const d of docs.filter((doc) => doc.kind !== 'Secret')) for (const value of values) expect(JSON.stringify(d)).not.toContain(value);
  });

  it("never in stderr at any verbosity, nor in the state outside the records' secret values; get-outputs masks them", async () => {
    const dir = project(SCORE);
    for (const verbosity of [['-q'], [], ['-v'], ['-vv']]) {
      const run = await runIn(
        dir,
        [...verbosity, 'generate', 'score.yaml', '-o', '-', '--allow-env', 'API_URL', '--allow-env', 'APP_*'],
        ENV,
      );
      expect(run.code).toBe(0);
      for (const value of [...values, SEED, TOKEN]) expect(run.stderr).not.toContain(value);
    }
    const text = readFileSync(path.join(dir, '.score-ts', 'state.yaml'), 'utf8');
    const state = JSON.parse(text.slice(text.indexOf('\n') + 1)) as {
      resources: Record<string, { secretValues?: Record<string, string> }>;
    };
    const record = state.resources['environment.default#web.env']!;
    expect(Object.values(record.secretValues ?? {}).sort()).toEqual([ENV.API_URL, '3', ENV.APP_MODE].sort());
    delete record.secretValues;
    for (const value of [...values, SEED, TOKEN]) expect(JSON.stringify(state)).not.toContain(value);
    const outputs = await runIn(dir, ['resources', 'get-outputs', 'environment.default#web.env']);
    expect(outputs.code).toBe(0);
    expect(JSON.parse(outputs.stdout)).toEqual({
      API_URL: expect.stringMatching(/^<secret environment-web-env-[0-9a-f]{8}\/API_URL>$/) as unknown,
      APP_LEVEL: expect.stringMatching(/^<secret environment-web-env-[0-9a-f]{8}\/APP_LEVEL>$/) as unknown,
      APP_MODE: expect.stringMatching(/^<secret environment-web-env-[0-9a-f]{8}\/APP_MODE>$/) as unknown,
    });
  });
});

describe("templates and programs never get score-ts's own variables", () => {
  it('getenv in a provisioner template cannot read the seed', async () => {
    const dir = project(
      HOSTILE.replace('type: environment', 'type: reader')
        .replace(/SEED: .*\n/, 'SEED: ${resources.env.seed}\n')
        .replace(/ {6}TOKEN: .*\n/, ''),
    );
    writeFileSync(
      path.join(dir, 'reader.provisioners.yaml'),
      '- uri: template://reader\n  type: reader\n  outputs: |\n    seed: {{quote (getenv "SCORE_TS_SEED")}}\n',
    );
    const run = await runIn(dir, ['generate', 'score.yaml', '--provisioners', 'reader.provisioners.yaml'], ENV);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("template://reader, stage outputs: SCORE_TS_SEED is score-ts's own variable: templates cannot read it");
    expect(run.stderr).not.toContain(SEED);
  });

  it('a cmd:// request holds no SCORE_TS_ variable or value', async () => {
    const dir = project(
      HOSTILE.replace('type: environment', 'type: reader')
        .replace(/SEED: .*\n/, 'SEED: ${resources.env.x}\n')
        .replace(/ {6}TOKEN: .*\n/, ''),
    );
    const program = path.join(dir, 'record.mjs');
    writeFileSync(
      program,
      "#!/usr/bin/env node\nimport { readFileSync, writeFileSync } from 'node:fs';\nwriteFileSync(new URL('./request.json', import.meta.url), readFileSync(0));\nprocess.stdout.write(JSON.stringify({ resource_outputs: { x: 'ok' } }));\n",
    );
    chmodSync(program, 0o755);
    writeFileSync(path.join(dir, 'cmd.provisioners.yaml'), '- uri: cmd://./record.mjs\n  type: reader\n');
    const run = await runIn(dir, ['generate', 'score.yaml', '--provisioners', 'cmd.provisioners.yaml'], ENV);
    expect(run.code, run.stderr).toBe(0);
    const request = readFileSync(path.join(dir, 'request.json'), 'utf8');
    expect(request).toContain('"resource_type":"reader"');
    for (const text of [SEED, 'SCORE_TS_']) expect(request).not.toContain(text);
  });
});
