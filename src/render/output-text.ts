/**
 * The text of the files generate writes, in the chosen format: made when `text()` is called, one piece at a
 * time (a large output is never held whole), each piece checked for leaked secret references first.
 */
import { ConvertError } from '../base/errors.js';
import type { SecretRefCodec } from '../base/secret-ref.js';
import type { Manifest } from '../base/types.js';
import { renderOutput, type OutputFormat } from '../yaml/output-formats.js';
import { splitSecrets } from './split-secrets.js';

export interface OutputText {
  readonly manifests: readonly Manifest[];
  /** The file's text in pieces, rendered anew at each call. */
  text(): Generator<string>;
}

/** The Secrets' own file (--secrets-output). */
export interface SecretsText extends OutputText {
  readonly file: string;
}

/** The output, and with a Secrets file the Secrets apart from it, in the same format. */
export function outputTexts(
  manifests: readonly Manifest[],
  format: OutputFormat,
  secretsFile: string | undefined,
  secretRefs: SecretRefCodec,
): { output: OutputText; secrets?: SecretsText } {
  const rendered = (list: readonly Manifest[]): OutputText => ({
    manifests: list,
    text: () => checkedForSecretRefs(renderOutput(list, format), list, secretRefs),
  });
  if (secretsFile === undefined) return { output: rendered(manifests) };
  const { others, secrets } = splitSecrets(manifests);
  return { output: rendered(others), secrets: { file: secretsFile, ...rendered(secrets) } };
}

function* checkedForSecretRefs(pieces: Iterable<string>, manifests: readonly Manifest[], secretRefs: SecretRefCodec): Generator<string> {
  for (const piece of pieces) {
    checkNoSecretRefsLeft(piece, manifests, secretRefs);
    yield piece;
  }
}

/** A secret reference may only end up in a secretKeyRef or a Secret: anywhere else it is a provisioner bug. */
function checkNoSecretRefsLeft(text: string, manifests: readonly Manifest[], secretRefs: SecretRefCodec): void {
  // One scan of the output text; only when it finds a reference are the objects searched to name them.
  if (!secretRefs.contains(text)) return;
  const leaking = manifests.filter((m) => secretRefs.contains(JSON.stringify(m)));
  if (leaking.length > 0) {
    throw new ConvertError(
      'secret outputs were used where they cannot be kept secret',
      leaking.map((m) => ({
        location: {},
        field: '',
        message: `${m.kind} ${m.metadata.name} holds a secret reference; a provisioner may use secretRef only in outputs`,
      })),
    );
  }
}
