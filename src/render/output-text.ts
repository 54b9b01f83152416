/**
 * The text of the files generate writes, in the chosen format: made when `text()` is read, one piece at a
 * time, each piece checked for leaked secret references first. The objects may themselves be made as the
 * pieces are read (see pipeline.ts), so neither the text nor the objects of a large output are held whole.
 */
import { ConvertError } from '../base/errors.js';
import type { SecretRefCodec } from '../base/secret-ref.js';
import type { Manifest } from '../base/types.js';
import { renderDocument, renderOutput, type OutputFormat } from '../yaml/output-formats.js';
import { splitSecrets } from './split-secrets.js';

/** What a complete reading of `text()` wrote. */
export interface WrittenObjects {
  readonly count: number;
  /** A Secret with data is among them: a new file for them is made private. */
  readonly holdsSecretData: boolean;
}

export interface OutputText {
  /** The file's text in pieces, made as they are read (the objects too, when they are made as they are read: then only once). */
  text(): Generator<string>;
  /** What the last complete reading of `text()` wrote; throws before one. */
  written(): WrittenObjects;
}

/** The Secrets' own file (--secrets-output). */
export interface SecretsText extends OutputText {
  readonly file: string;
}

/**
 * The output, and with a Secrets file the Secrets apart from it, in the same format. `objects` gives the
 * objects at each reading of the text; `onWritten` hears of each complete reading of the output's text.
 */
export function outputTexts(
  objects: () => Iterable<Manifest>,
  format: OutputFormat,
  secretsFile: string | undefined,
  secretRefs: SecretRefCodec,
  onWritten: (written: WrittenObjects) => void = () => {},
): { output: OutputText; secrets?: SecretsText } {
  if (secretsFile === undefined) return { output: outputText(objects, format, secretRefs, onWritten) };
  const { others, secrets } = splitSecrets([...objects()]);
  return {
    output: outputText(() => others, format, secretRefs, onWritten),
    secrets: { file: secretsFile, ...outputText(() => secrets, format, secretRefs) },
  };
}

function outputText(
  objects: () => Iterable<Manifest>,
  format: OutputFormat,
  secretRefs: SecretRefCodec,
  onWritten: (written: WrittenObjects) => void = () => {},
): OutputText {
  let last: WrittenObjects | undefined;
  return {
    *text() {
      const tally = { count: 0, holdsSecretData: false };
      const counted = function* (): Generator<Manifest> {
        for (const manifest of objects()) {
          tally.count++;
          tally.holdsSecretData ||= holdsSecretData(manifest);
          yield manifest;
        }
      };
      yield* format === 'json' ? checkedWhole(counted(), secretRefs) : checkedDocuments(counted(), format, secretRefs);
      last = tally;
      onWritten(tally);
    },
    written() {
      if (last === undefined) throw new Error('the output has not been written yet');
      return last;
    },
  };
}

/** One document per object; a document holding a secret reference is never given out, and every such object is named. */
function* checkedDocuments(objects: Iterable<Manifest>, format: 'yaml' | 'kyaml', secretRefs: SecretRefCodec): Generator<string> {
  const leaking: Manifest[] = [];
  for (const manifest of objects) {
    const piece = renderDocument(manifest, format);
    if (secretRefs.contains(piece)) leaking.push(manifest);
    else if (leaking.length === 0) yield piece;
  }
  if (leaking.length > 0) throw leakError(leaking);
}

/** The json output: one piece, all objects in one List. */
function* checkedWhole(objects: Iterable<Manifest>, secretRefs: SecretRefCodec): Generator<string> {
  const all = [...objects];
  const [text = ''] = renderOutput(all, 'json');
  // One scan of the output text; only when it finds a reference are the objects searched to name them.
  if (secretRefs.contains(text)) throw leakError(all.filter((m) => secretRefs.contains(JSON.stringify(m))));
  yield text;
}

/** A secret reference may only end up in a secretKeyRef or a Secret: anywhere else it is a provisioner bug. */
function leakError(leaking: readonly Manifest[]): ConvertError {
  return new ConvertError(
    'secret outputs were used where they cannot be kept secret',
    leaking.map((m) => ({
      location: {},
      field: '',
      message: `${m.kind} ${m.metadata.name} holds a secret reference; a provisioner may use secretRef only in outputs`,
    })),
  );
}

/**
 * A Secret with data: its output file, when new, is made readable by its owner only (0600), since it holds
 * generated passwords. Other new files get 0644 less the umask; an existing file keeps its mode.
 */
function holdsSecretData(manifest: Manifest): boolean {
  const { data, stringData } = manifest as { data?: unknown; stringData?: unknown };
  return manifest.kind === 'Secret' && [data, stringData].some((d) => typeof d === 'object' && d !== null && Object.keys(d).length > 0);
}
