/**
 * A state written before one-dot shared ids were refused may hold, under a private uid, the record of a
 * resource shared by another workload: the private resource must not take it over.
 */
import { describe, expect, it } from 'vitest';
import { ProvisionError } from '../../src/base/errors.js';
import type { ResourceRecord } from '../../src/project/state.js';
import { provisionResources } from '../../src/provision/provision.js';
import { provisionersFromYaml, shownError, workloadFromYaml } from './builders.js';

const PROVISIONER = `
  - uri: template://pg
    type: postgres
    state: |
      password: {{quote (default state.password "fresh")}}
    outputs: |
      password: {{quote state.password}}
`;

/** Workload api with its own (private) resource db, declared on line 8. */
const api = () =>
  workloadFromYaml(
    'apiVersion: score.dev/v1b1\nmetadata:\n  name: api\ncontainers:\n  main:\n    image: nginx\nresources:\n  db:\n    type: postgres\n',
  );

const record = (sourceWorkload: string): ResourceRecord => ({
  type: 'postgres',
  class: 'default',
  id: 'api.db',
  guid: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
  provisioner: 'template://pg',
  sourceWorkload,
  state: { password: `password-of-${sourceWorkload}` },
  outputs: {},
});

const provision = (previous: ResourceRecord) =>
  provisionResources([api()], {
    provisioners: provisionersFromYaml(PROVISIONER),
    previous: { 'postgres.default#api.db': previous },
    sharedState: {},
    projectDir: '/nonexistent',
  });

describe('records of the previous state', () => {
  it('a private resource keeps its own record', () => {
    expect(provision(record('api')).outputs('api', 'db')).toEqual({ password: 'password-of-api' });
  });

  it("a private resource does not take over the record another workload's shared id left under its uid", () => {
    expect(shownError(() => provision(record('x')), ProvisionError)).toEqual({
      message: 'the project state gave a private resource the record of a shared one',
      diagnostics: [
        "score.yaml:8:3: resources.db: the project state's record of postgres.default#api.db was made for workload 'x' (a shared id 'api.db', refused since), which got its generated values; remove the entry 'postgres.default#api.db' under resources in .score-ts/state.yaml, and generate again to provision this resource anew",
      ],
    });
  });
});
