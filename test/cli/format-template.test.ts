/**
 * `resources get-outputs --format` and `resources list --format` take a Go template with sprig's functions,
 * as score-k8s's do (the samples' Makefiles run `--format '{{ .host }}'`); json, yaml and table still work.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runIn } from '../support/run-cli.js';
import { generateIn, projectWith, scoreFile } from '../score-k8s/support.js';

let dir: string;

beforeAll(async () => {
  dir = projectWith({
    'score.yaml': scoreFile('app', '  db: {type: postgres}\n  cache: {type: redis}\n'),
  });
  expect((await generateIn(dir, ['score.yaml'])).code).toBe(0);
});

describe('--format with a Go template', () => {
  it.each([
    {
      name: 'a field and text',
      args: ['resources', 'get-outputs', 'postgres.default#app.db', '--format', '{{ .username }}@{{ .name }}:{{ .port }}'],
      stdout: 'app@app:5432',
    },
    {
      name: 'ints stay ints',
      args: ['resources', 'get-outputs', 'postgres.default#app.db', '--format', '{{ printf "%T %d" .port .port }}'],
      stdout: 'int 5432',
    },
    {
      name: 'sprig functions',
      args: ['resources', 'get-outputs', 'postgres.default#app.db', '--format', '{{ .database | upper }}'],
      stdout: 'APP',
    },
    {
      name: 'secrets stay hidden',
      args: [
        'resources',
        'get-outputs',
        'postgres.default#app.db',
        '--format',
        '{{ regexMatch "^<secret postgres-app-db-[0-9a-f]{8}/password>$" .password }}',
      ],
      stdout: 'true',
    },
    {
      name: "the resource list, with score-ts's and score-k8s's fields",
      args: ['resources', 'list', '--format', '{{ range . }}{{ .uid }} {{ .UID }} {{ len .Outputs }}\n{{ end }}'],
      stdout: 'postgres.default#app.db postgres.default#app.db 7\nredis.default#app.cache redis.default#app.cache 5\n',
    },
  ])('$name', async ({ args, stdout }) => {
    const run = await runIn(dir, args);
    expect(run).toEqual({ code: 0, stdout, stderr: '' });
  });

  it.each([
    {
      name: 'a template that does not parse is a usage error',
      args: ['resources', 'get-outputs', 'postgres.default#app.db', '--format', '{{ .host'],
      code: 2,
      stderr: 'error: --format is not a valid Go template: unclosed action\n',
    },
    {
      name: 'a template that fails',
      args: ['resources', 'get-outputs', 'postgres.default#app.db', '--format', '{{ fail "no" }}'],
      code: 1,
      stderr: 'error: the --format template failed: no\n',
    },
    {
      name: 'a name that is no format and no template',
      args: ['resources', 'list', '--format', 'xml'],
      code: 2,
      stderr: 'error: --format xml is not known: use table, json or yaml\n',
    },
  ])('$name', async ({ args, code, stderr }) => {
    const run = await runIn(dir, args);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code, stderr });
  });

  it('json stays the default', async () => {
    const run = await runIn(dir, ['resources', 'get-outputs', 'postgres.default#app.db']);
    expect((JSON.parse(run.stdout) as { port: unknown }).port).toBe(5432);
  });
});
