/**
 * Loads a provisioner file in its language (template-language.ts): score-ts's own format with Handlebars
 * templates (provisioner-file.ts), or score-k8s's with Go templates (provisioner-entries.ts). The built-in
 * files are score-ts's. A template that does not compile is reported with the rule that chose its language.
 */
import { diagnosticsOf, InputError } from '../../base/errors.js';
import type { YamlSource } from '../../yaml/yaml-source.js';
import { loadProvisioners, type Provisioner, type ProvisionerOrigin } from '../provisioner-file.js';
import { scoreK8sFormat } from './gate.js';
import { chooseLanguage, languageHint, LanguageError, type LanguageChoice } from '../../templates/template-language.js';

/** The fields of either format that hold templates. */
const TEMPLATE_FIELDS = ['init', 'state', 'shared', 'outputs', 'manifests', 'wait_for'];

export function loadProvisionerFile(source: YamlSource, text: string, origin: ProvisionerOrigin): Provisioner[] {
  if (origin === 'built-in') return loadProvisioners(source, origin);
  const choice = fileLanguage(source, text);
  if (choice.language === 'go-template') return scoreK8sFormat().loadScoreK8sProvisioners(source, origin, choice);
  try {
    return loadProvisioners(source, origin);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    // A template that Handlebars cannot read, in a file without signs of either language, may be Go: say so.
    if (!choice.unsure) throw e;
    const diagnostics = diagnosticsOf(e).map((d) =>
      /template syntax error/.test(d.message) ? { ...d, message: `${d.message} (${languageHint('provisioner file', choice)})` } : d,
    );
    throw new InputError(e.message, diagnostics);
  }
}

/** score-k8s's conventions in cmd:// entries: `cmd://bash#name` (score-ts's own format has no `#name`), `<mode>`. */
function cmdSigns(entries: readonly unknown[]): string[] {
  return entries.flatMap((entry) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { uri, args } = entry as { uri?: unknown; args?: unknown };
    if (typeof uri !== 'string' || !uri.startsWith('cmd://')) return [];
    if (uri.includes('#')) return [`uri: ${uri}`];
    return Array.isArray(args) && args.includes('<mode>') ? [`${uri} with the arg <mode>`] : [];
  });
}

function fileLanguage(source: YamlSource, text: string): LanguageChoice {
  const entries = Array.isArray(source.value) ? source.value : [];
  const templates = entries.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const map = entry as Record<string, unknown>;
    return TEMPLATE_FIELDS.flatMap((stage) => (typeof map[stage] === 'string' ? [map[stage]] : []));
  });
  try {
    return chooseLanguage('provisioner file', text, templates, cmdSigns(entries));
  } catch (e) {
    if (!(e instanceof LanguageError)) throw e;
    throw new InputError(`${source.file} has provisioners that cannot be used`, [
      { location: { file: source.file }, field: '', message: e.message },
    ]);
  }
}
