/** Renders an oracle case with score-ts's engine, in the oracle's result shape. */
import { GoTemplate, GoTemplateError } from '../../../src/templates/go/index.js';
import type { OracleCase, OracleResult } from './oracle.js';
import { TEST_FUNCS, decodeTagged } from './tagged.js';

export function renderCase(c: OracleCase): OracleResult {
  let template: GoTemplate;
  try {
    template = GoTemplate.parse(c.name ?? 't', c.text, { funcs: TEST_FUNCS, missingKey: c.missingkey || 'default' });
  } catch (e) {
    if (e instanceof GoTemplateError) return { out: '', err: e.message };
    throw e;
  }
  try {
    return { out: template.execute(c.data === undefined ? null : decodeTagged(c.data)), err: '' };
  } catch (e) {
    if (e instanceof GoTemplateError) return { out: e.partialOutput, err: e.message };
    throw e;
  }
}
