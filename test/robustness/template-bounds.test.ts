/**
 * Hostile params cannot make a template run away: a nested `{{#each}}` over a 25,000-item list (which used to
 * reach 4.3 GB before V8 aborted) and a backtracking-prone regular expression on a long value (which used to
 * hang, leaving the project lock behind) both end at once with a clear error, and the next run goes ahead.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIn, tempProject } from '../support/run-cli.js';

const PROVISIONERS = `- uri: template://t/loops
  type: loops
  init: |
    a: 1
    {{#each params.list}}
    {{#each ../params.list}}x{{/each}}
    {{/each}}
- uri: template://t/pattern
  type: pattern
  init: |
    {{#unless (regexMatch "^(a+)+$" params.name)}}
    {{fail "params.name must be a run of a's"}}
    {{/unless}}
`;

const score = (resource: string) => `apiVersion: score.dev/v1b1
metadata: {name: app}
containers: {main: {image: nginx}}
resources:
  res: ${resource}
`;

describe('templates over hostile params end at once, and the next run goes ahead', () => {
  it.each([
    {
      name: 'nested each over a 25,000-item params list',
      resource: `{type: loops, params: {list: ${JSON.stringify(Array.from({ length: 25_000 }, (_, i) => `i${i}`))}}}`,
      stderr:
        'p.yaml:6:1: template://t/loops, stage init: loops more than 1,000,000 times ({{#each}} iterations of one render); iterate over less data\n',
    },
    {
      name: 'regexMatch "^(a+)+$" on a long near-miss',
      resource: `{type: pattern, params: {name: "${'a'.repeat(20_000)}!"}}`,
      stderr: "score.yaml:5:3: resources.res: template://t/pattern, stage init: params.name must be a run of a's\n",
    },
  ])(
    '$name',
    async ({ resource, stderr }) => {
      const dir = tempProject();
      writeFileSync(path.join(dir, 'p.yaml'), PROVISIONERS);
      writeFileSync(path.join(dir, 'score.yaml'), score(resource));
      const run = await runIn(dir, ['generate', 'score.yaml', '--provisioners', 'p.yaml', '-o', '-']);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `error: resource 'res' of workload 'app' (${/loops/.test(resource) ? 'loops' : 'pattern'}.default#app.res) failed\n  ${stderr}`,
      );
      writeFileSync(path.join(dir, 'score.yaml'), score('{type: pattern, params: {name: aaa}}'));
      expect((await runIn(dir, ['-q', 'generate', 'score.yaml', '--provisioners', 'p.yaml', '-o', '-'])).code).toBe(0);
    },
    30_000,
  );
});
