/**
 * Renders a case with score-ts's engine and the data half of sprig (after the oracle's test functions, as the
 * oracle's Funcs calls order them), on a fixed clock and a seeded random source.
 */
import { GoTemplate, GoTemplateError, funcMap, type FuncMap } from '../../../src/templates/go/index.js';
import { sprigDataFuncs } from '../../../src/templates/go/sprig/data-funcs.js';
import { seededRandom } from '../../../src/base/random.js';
import type { OracleCase, OracleResult } from '../support/oracle.js';
import { TEST_FUNCS, decodeTagged } from '../support/tagged.js';

/** The tests' clock: 2024-03-10 07:08:09.123456789 UTC. */
export const TEST_NOW = 1710054489123456789n;

export function dataFuncs(options: { seed?: string; localZone?: string | undefined; now?: bigint } = {}): FuncMap {
  const now = options.now ?? TEST_NOW;
  return funcMap(
    TEST_FUNCS,
    sprigDataFuncs({
      random: seededRandom(options.seed ?? 'sprig-data-tests', 'test'),
      now: () => now,
      ...(options.localZone === undefined ? {} : { localZone: options.localZone }),
    }),
  );
}

const byZone = new Map<string, FuncMap>();

function funcsFor(localZone: string | undefined): FuncMap {
  const key = localZone ?? '';
  let funcs = byZone.get(key);
  if (!funcs) byZone.set(key, (funcs = dataFuncs({ localZone })));
  return funcs;
}

export function renderData(c: OracleCase, localZone?: string, funcs: FuncMap = funcsFor(localZone)): OracleResult {
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
