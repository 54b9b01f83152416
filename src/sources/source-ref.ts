/**
 * What a `--provisioners` or `--patch-templates` value names, in the forms score-k8s reads (score-go's
 * uriget): a local file or folder (or `file://PATH`), `-` for standard input, an `http://` or `https://` URL,
 * `oci://REGISTRY/REPO[:TAG|@DIGEST][#FILE]`, or `git-https://HOST/REPO.git/FILE` and
 * `git-ssh://USER@HOST/REPO.git/FILE`. Parsing only: nothing is read here, and nothing here loads a network
 * module, so a run without URLs never pays for them.
 */
import path from 'node:path';
import { UsageError } from '../base/errors.js';
import { maskUrlText } from './display-url.js';
import { splitGitUrl, type GitSource } from './git-url.js';
import { parseOciReference, type OciReference } from './oci-reference.js';

export type SourceRef =
  | { readonly kind: 'path'; readonly path: string }
  | { readonly kind: 'stdin' }
  | { readonly kind: 'http'; readonly url: URL }
  | { readonly kind: 'oci'; readonly reference: OciReference }
  | { readonly kind: 'git'; readonly git: GitSource };

/** The forms named in messages, in the order score-k8s's help lists them. */
const SOURCE_FORMS = 'a file or folder path, file://PATH, - (standard input), http://, https://, oci://, git-https:// or git-ssh://';

/** Only `scheme://` makes a URL: a local file named `notes:v2.yaml` stays a file, as it always was. */
const URL_FORM = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;

/** Classifies one flag value; `flag` (`--provisioners`) and `home` (for `file://~/...`) are for messages and paths. */
export function parseSourceRef(given: string, flag: string, home: string): SourceRef {
  if (given === '-') return { kind: 'stdin' };
  const scheme = URL_FORM.exec(given)?.[1]?.toLowerCase();
  if (scheme === undefined) return { kind: 'path', path: given };
  switch (scheme) {
    case 'http':
    case 'https':
      return { kind: 'http', url: parseUrl(given, flag) };
    case 'file':
      return { kind: 'path', path: fileUrlPath(given, flag, home) };
    case 'oci':
      return { kind: 'oci', reference: parseOciReference(given, flag) };
    case 'git-https':
    case 'git-ssh':
      return { kind: 'git', git: splitGitUrl(parseUrl(given, flag), flag) };
    default:
      throw new UsageError(`${flag} ${maskUrlText(given)}: the scheme ${scheme}:// is not supported; use ${SOURCE_FORMS}`);
  }
}

function parseUrl(given: string, flag: string): URL {
  try {
    return new URL(given);
  } catch {
    throw new UsageError(`${flag} ${maskUrlText(given)}: not a valid URL`);
  }
}

/** As score-go reads `file://`: host and path together (`file://./x.yaml`, `file:///abs`), `~/` for the home folder. */
function fileUrlPath(given: string, flag: string, home: string): string {
  const rest = given.slice('file://'.length).replace(/[?#].*$/s, '');
  let decoded: string;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    throw new UsageError(`${flag} ${maskUrlText(given)}: not a valid URL (a % that starts no escape)`);
  }
  if (decoded === '') throw new UsageError(`${flag} ${given}: names no file`);
  return decoded.startsWith('~/') ? path.join(home, decoded.slice(2)) : decoded;
}
