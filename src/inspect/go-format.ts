/** The Go side of `--format` templates (format-template.ts): parse, then execute on plain data. */
import { InputError, UsageError } from '../base/errors.js';
import { compileGoTemplate, GoTemplateError, type GoTemplate, type GoValue } from '../templates/go/index.js';
import { formatFuncs, systemClock, withGoRun } from '../templates/go/sprig-funcs.js';
import { goErrorText } from '../provision/score-k8s/provisioner-entries.js';
import { goData } from '../provision/score-k8s/template-data.js';
import { cryptoRandom } from '../base/random.js';

/** Renders `format` on plain data (converted as Go's yaml decoding gives it: whole numbers are ints). */
export function renderFormatTemplate(format: string, data: unknown): string {
  return execute(parse(format), goData(data));
}

function parse(format: string): GoTemplate {
  try {
    return compileGoTemplate('', format, { funcs: formatFuncs(), goVersion: '1.23' });
  } catch (e) {
    if (e instanceof GoTemplateError) throw new UsageError(`--format is not a valid Go template: ${goErrorText(e)}`);
    throw e;
  }
}

function execute(template: GoTemplate, data: GoValue): string {
  try {
    return withGoRun({ random: cryptoRandom(), now: systemClock }, () => template.execute(data));
  } catch (e) {
    if (e instanceof GoTemplateError) throw new InputError(`the --format template failed: ${goErrorText(e)}`);
    throw e;
  }
}
