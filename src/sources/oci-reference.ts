/**
 * `oci://REGISTRY/REPO[:TAG|@DIGEST][#FILE]` as score-k8s reads it (score-go's uriget, through oras): the
 * registry is the part before the first `/`, the tag defaults to `latest`, the fragment names a file of the
 * artifact (a layer's `org.opencontainers.image.title`). Checked by the distribution reference grammar, so a
 * mistyped reference is a usage error before anything is downloaded.
 */
import { UsageError } from '../base/errors.js';
import { maskUrlText } from './display-url.js';

export interface OciReference {
  /** `host[:port]`, as written. */
  readonly registry: string;
  readonly repository: string;
  readonly tag: string;
  /** `sha256:...` or `sha512:...`: when set, the manifest is fetched by it and checked against it. */
  readonly digest?: string;
  /** The file of the artifact to read (the URL fragment). */
  readonly file?: string;
}

const OCI_FORM = 'oci://REGISTRY/REPOSITORY[:TAG|@DIGEST][#FILE]';

const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REPOSITORY = new RegExp(`^${COMPONENT}(?:/${COMPONENT})*$`);
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

export function parseOciReference(given: string, flag: string): OciReference {
  const bad = (why: string) => new UsageError(`${flag} ${maskUrlText(given)}: ${why}; the form is ${OCI_FORM}`);
  const body = given.slice('oci://'.length);
  const hash = body.indexOf('#');
  const main = hash === -1 ? body : body.slice(0, hash);
  const file = hash === -1 ? '' : decodeFragment(body.slice(hash + 1), bad);
  const slash = main.indexOf('/');
  if (slash <= 0) throw bad('it names no repository');
  const registry = main.slice(0, slash);
  if (!HOST.test(registry))
    throw bad(
      `${registry.includes('@') ? "credentials do not go in an oci:// reference (score-ts reads them from Docker's config.json)" : `'${registry}' is not a registry host`}`,
    );
  const { repository, tag, digest } = splitNameTagDigest(main.slice(slash + 1), bad);
  if (registry.length + 1 + repository.length > 255) throw bad('the name is longer than 255 characters');
  return { registry, repository, tag: tag ?? 'latest', ...(digest ? { digest } : {}), ...(file ? { file } : {}) };
}

function splitNameTagDigest(rest: string, bad: (why: string) => UsageError): { repository: string; tag?: string; digest?: string } {
  const at = rest.indexOf('@');
  const digest = at === -1 ? undefined : rest.slice(at + 1);
  const nameTag = at === -1 ? rest : rest.slice(0, at);
  if (digest !== undefined && !DIGEST.test(digest))
    throw bad('the digest must be sha256: with 64 or sha512: with 128 lowercase hex digits');
  const colon = nameTag.lastIndexOf(':');
  const tag = colon > nameTag.lastIndexOf('/') ? nameTag.slice(colon + 1) : undefined;
  const repository = tag === undefined ? nameTag : nameTag.slice(0, colon);
  if (!REPOSITORY.test(repository))
    throw bad(`'${repository}' is not a repository name (lowercase letters, digits and . _ - between them, / between parts)`);
  if (tag !== undefined && !TAG.test(tag)) throw bad(`'${tag}' is not a tag`);
  return { repository, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

function decodeFragment(fragment: string, bad: (why: string) => UsageError): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    throw bad('the file name after # is not valid (a % that starts no escape)');
  }
}

/** The reference as messages show it (the tag is left out when a digest picks the manifest). */
export function ociDisplay(ref: OciReference): string {
  const version = ref.digest ? `@${ref.digest}` : `:${ref.tag}`;
  return `oci://${ref.registry}/${ref.repository}${version}${ref.file ? `#${encodeURIComponent(ref.file)}` : ''}`;
}

/** Plain HTTP for a registry on this machine, HTTPS for every other (as score-go does, by exact host name). */
export function registryBaseUrl(ref: OciReference): string {
  const host = ref.registry.replace(/:[0-9]+$/, '');
  const scheme = host === 'localhost' || host === '127.0.0.1' ? 'http' : 'https';
  return `${scheme}://${ref.registry}/v2/${ref.repository}/`;
}
