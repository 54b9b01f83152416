/** Build artifacts are used only when they match their source; otherwise the source is compiled. */
import { describe, expect, it } from 'vitest';
import { loadArtifact, readPackageFile } from '../../src/build/artifacts.js';
import { loadValidator } from '../../src/validate/load-validator.js';

describe('build artifacts', () => {
  it('the precompiled Score validator matches the schema file (npm run build made it)', () => {
    expect(loadArtifact('score-validator.cjs', readPackageFile('schemas', 'score-v1b1.json'))).toBeTypeOf('function');
  });

  it('a stale artifact (another source text) is ignored', () => {
    expect(loadArtifact('score-validator.cjs', readPackageFile('schemas', 'score-v1b1.json') + ' ')).toBeUndefined();
  });

  it.each([
    { name: 'precompiled', artifact: 'score-validator.cjs' },
    { name: 'compiled from the schema when there is no artifact', artifact: 'no-such-artifact.cjs' },
  ])('the validator $name accepts and rejects the same documents', ({ artifact }) => {
    const validate = loadValidator(artifact, 'score-v1b1.json', false);
    expect(validate({ apiVersion: 'score.dev/v1b1', metadata: { name: 'ok' }, containers: { main: { image: 'nginx' } } })).toBe(true);
    expect(validate({ apiVersion: 'score.dev/v1b1', metadata: { name: 'ok' }, containers: { main: { image: 5 } } })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ instancePath: '/containers/main/image', keyword: 'type' });
  });
});
