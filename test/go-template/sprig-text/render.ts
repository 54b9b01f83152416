/**
 * Renders a case with score-ts's engine and the text half of sprig (after the oracle's test functions, as
 * the oracle's Funcs calls order them), the random functions drawing from a seeded source.
 */
import { GoTemplate, GoTemplateError, funcMap, type FuncMap } from '../../../src/templates/go/index.js';
import { sprigTextFuncs } from '../../../src/templates/go/sprig/text-index.js';
import { seededRandom } from '../../../src/base/random.js';
import type { OracleCase, OracleResult } from '../support/oracle.js';
import { TEST_FUNCS, decodeTagged } from '../support/tagged.js';

export function sprigFuncs(seed = 'sprig-text-tests'): FuncMap {
  return funcMap(TEST_FUNCS, sprigTextFuncs({ random: seededRandom(seed, 'test') }));
}

const FUNCS = sprigFuncs();

export function renderSprig(c: OracleCase, funcs: FuncMap = FUNCS): OracleResult {
  let template: GoTemplate;
  try {
    template = GoTemplate.parse(c.name ?? 't', c.text, { funcs });
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
