import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/base/errors.js';
import { parseYamlSource } from '../../src/yaml/yaml-source.js';
import { locateInSource } from '../../src/override/locate-with-overrides.js';
import { validateWorkload } from '../../src/validate/validate-workload.js';

const HEAD = 'apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers:\n  web:\n    image: nginx\n    variables:\n';
const RESERVED =
  'the prefix SCORE_TS_SECRET_ is reserved for the variables score-ts adds to carry secrets into values: rename the variable';

function validate(text: string): Diagnostic[] {
  const source = parseYamlSource('score.yaml', text);
  return validateWorkload(source.value, locateInSource(source));
}

const at = (line: number, column: number) => ({ file: 'score.yaml', line, column });

// SCORE_TS_SECRET_<hash> variables carry secret outputs into mixed values; a user variable of that name would
// duplicate one and, sorting first, replace the password inside $(...) expansion.
describe('validateWorkload: variable names reserved for secret helpers', () => {
  it.each<{ name: string; variables: string; expected: Diagnostic[] }>([
    { name: 'ordinary names pass', variables: '      DB_URL: x\n      SCORE_TS: y\n      SCORE_TS_SECRETS: z\n', expected: [] },
    { name: 'lower case is another name', variables: '      score_ts_secret_abc: x\n', expected: [] },
    {
      name: 'a helper-like name, located at its key',
      variables: '      SCORE_TS_SECRET_9F3A2B1C: x\n',
      expected: [{ location: at(8, 7), field: 'containers.web.variables.SCORE_TS_SECRET_9F3A2B1C', message: RESERVED }],
    },
    {
      name: 'the bare prefix, and every such name reported',
      variables: '      SCORE_TS_SECRET_: x\n      OK: y\n      SCORE_TS_SECRET_X: z\n',
      expected: [
        { location: at(8, 7), field: 'containers.web.variables.SCORE_TS_SECRET_', message: RESERVED },
        { location: at(10, 7), field: 'containers.web.variables.SCORE_TS_SECRET_X', message: RESERVED },
      ],
    },
  ])('$name', ({ variables, expected }) => {
    expect(validate(HEAD + variables)).toEqual(expected);
  });
});
