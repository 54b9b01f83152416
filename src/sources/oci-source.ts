/**
 * An `oci://` source, read as score-go reads it, over the OCI distribution API: the manifest of the tag or
 * digest, then the blob of the layer whose `org.opencontainers.image.title` is the fragment's file (without
 * a fragment: the one `.yaml` layer). Both are checked against their digests and sizes. A 401 is answered
 * with a token or Docker's credentials (registry-auth.ts).
 */
import { nodeCrypto } from '../base/node-crypto.js';
import { dockerConfigPath, dockerCredentials } from './docker-credentials.js';
import { decodeSourceText, formatBytes, SourceFailure, type Deadline, type FetchedText } from './fetched-text.js';
import type { FetchLimits } from './fetch-sources.js';
import { describeStatus, httpGet } from './http-get.js';
import { ociDisplay, registryBaseUrl, type OciReference } from './oci-reference.js';
import { answerChallenge, needsCredentials, refused, type AuthContext } from './registry-auth.js';

const MANIFEST_TYPES = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
];
const INDEX_TYPES = new Set(MANIFEST_TYPES.slice(2));
/** The most a registry must accept for a manifest (OCI distribution spec). */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
const TITLE = 'org.opencontainers.image.title';

interface Layer {
  readonly digest: string;
  readonly size: number;
  readonly title: string;
}

export async function fetchOciSource(ref: OciReference, limits: FetchLimits): Promise<FetchedText> {
  const deadline = limits.deadline();
  const configPath = dockerConfigPath(limits.env, limits.home);
  const auth: AuthContext = {
    registry: ref.registry,
    repository: ref.repository,
    credentials: dockerCredentials(ref.registry, configPath, limits.warn),
    configPath,
    deadline,
    maxRedirects: limits.maxRedirects,
    ca: limits.ca,
  };
  const registry = new RegistryReader(registryBaseUrl(ref), auth, limits, deadline);
  const version = ref.digest ?? ref.tag;
  const named = `${ref.repository}${ref.digest ? `@${ref.digest}` : `:${ref.tag}`}`;
  const manifestCap = Math.min(MAX_MANIFEST_BYTES, limits.maxBytes);
  const manifestBytes = await registry.get(
    `manifests/${version}`,
    MANIFEST_TYPES.join(', '),
    manifestCap,
    named,
    `the manifest is larger than ${formatBytes(manifestCap)}, the most score-ts reads`,
  );
  if (ref.digest) checkDigest(manifestBytes, ref.digest, 'the manifest');
  const layer = selectLayer(parseLayers(manifestBytes), ref.file);
  if (layer.size > limits.maxBytes)
    throw new SourceFailure(`${layer.title} is larger than ${formatBytes(limits.maxBytes)}, the most score-ts reads`);
  const blob = await registry.get(
    `blobs/${layer.digest}`,
    '*/*',
    layer.size,
    layer.title,
    `${layer.title} is longer than the ${layer.size} bytes the manifest says`,
  );
  if (blob.length !== layer.size) throw new SourceFailure(`${layer.title} is ${blob.length} bytes, but the manifest says ${layer.size}`);
  checkDigest(blob, layer.digest, layer.title);
  const display = ociDisplay(ref);
  return {
    display,
    text: decodeSourceText(blob),
    fileName: layer.title,
    origin: `${display} (manifest ${digestOf(manifestBytes, 'sha256')})`,
  };
}

/** GETs under /v2/REPO/, answering one 401 and keeping the Authorization it got for the next request. */
class RegistryReader {
  private authorization: string | undefined;

  constructor(
    private readonly base: string,
    private readonly auth: AuthContext,
    private readonly limits: FetchLimits,
    private readonly deadline: Deadline,
  ) {}

  async get(path: string, accept: string, maxBytes: number, what: string, tooLarge: string): Promise<Buffer> {
    const url = new URL(`${this.base}${path}`);
    let answer = await this.request(url, accept, maxBytes, tooLarge);
    if (answer.status === 401) {
      this.authorization = await answerChallenge(firstHeader(answer.headers['www-authenticate']), this.auth);
      answer = await this.request(url, accept, maxBytes, tooLarge);
      if (answer.status === 401 || answer.status === 403) throw this.auth.credentials ? refused(this.auth) : needsCredentials(this.auth);
    }
    if (answer.status === 404)
      throw new SourceFailure(`the registry has no ${what} (404 Not Found): check the repository, the tag and the file name`);
    if (answer.status === 403) throw this.auth.credentials ? refused(this.auth) : needsCredentials(this.auth);
    if (answer.status !== 200) throw new SourceFailure(describeStatus(answer.status));
    return answer.body;
  }

  private request(url: URL, accept: string, maxBytes: number, tooLarge: string) {
    return httpGet(url, {
      headers: { accept },
      authorization: this.authorization,
      maxBytes,
      tooLarge,
      deadline: this.deadline,
      maxRedirects: this.limits.maxRedirects,
      acceptErrors: true,
      ca: this.limits.ca,
    });
  }
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The layers of an image manifest; an index (several manifests) is refused with what to do. */
function parseLayers(bytes: Buffer): Layer[] {
  let manifest: unknown;
  try {
    manifest = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new SourceFailure('the manifest is not JSON');
  }
  const m = (typeof manifest === 'object' && manifest !== null ? manifest : {}) as Record<string, unknown>;
  if (INDEX_TYPES.has(String(m.mediaType)) || Array.isArray(m.manifests)) {
    throw new SourceFailure('the reference names an index of several manifests: name one of them by @sha256:DIGEST');
  }
  if (!Array.isArray(m.layers)) throw new SourceFailure('the manifest has no layers');
  return m.layers.map(toLayer);
}

function toLayer(value: unknown): Layer {
  const layer = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const annotations = (typeof layer.annotations === 'object' && layer.annotations !== null ? layer.annotations : {}) as Record<
    string,
    unknown
  >;
  const title = Object.hasOwn(annotations, TITLE) && typeof annotations[TITLE] === 'string' ? annotations[TITLE] : '';
  if (typeof layer.digest !== 'string' || !/^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/.test(layer.digest)) {
    throw new SourceFailure('the manifest has a layer without a sha256 or sha512 digest');
  }
  if (typeof layer.size !== 'number' || !Number.isSafeInteger(layer.size) || layer.size < 0)
    throw new SourceFailure('the manifest has a layer without a valid size');
  return { digest: layer.digest, size: layer.size, title };
}

/**
 * The layer to read: the one titled `file`; without a file, the one whose title ends in `.yaml` (score-go
 * takes the first of several silently; score-ts asks which, listing them).
 */
function selectLayer(layers: readonly Layer[], file: string | undefined): Layer {
  const titled = layers.filter((l) => l.title !== '');
  const names = listTitles(titled);
  if (file !== undefined) {
    const hit = titled.find((l) => l.title === file);
    if (!hit) throw new SourceFailure(`the artifact has no file ${file}; its files: ${names}`);
    return hit;
  }
  const yaml = titled.filter((l) => l.title.endsWith('.yaml'));
  if (yaml.length === 1) return yaml[0]!;
  if (yaml.length === 0) throw new SourceFailure(`the artifact has no .yaml file; name one of its files after #: ${names}`);
  throw new SourceFailure(`the artifact has ${yaml.length} .yaml files: name one after # (oci://...#FILE): ${listTitles(yaml)}`);
}

/** Titles are the registry's text: at most 20 shown, each cut at 100 characters. */
function listTitles(layers: readonly Layer[]): string {
  if (layers.length === 0) return 'none';
  const shown = layers.slice(0, 20).map((l) => (l.title.length > 100 ? `${l.title.slice(0, 100)}...` : l.title));
  return `${shown.join(', ')}${layers.length > 20 ? ` and ${layers.length - 20} more` : ''}`;
}

function checkDigest(bytes: Buffer, expected: string, what: string): void {
  const algorithm = expected.startsWith('sha512:') ? 'sha512' : 'sha256';
  if (digestOf(bytes, algorithm) !== expected)
    throw new SourceFailure(`${what} does not match its digest ${expected}: the registry sent other content`);
}

function digestOf(bytes: Buffer, algorithm: 'sha256' | 'sha512'): string {
  return `${algorithm}:${nodeCrypto().createHash(algorithm).update(bytes).digest('hex')}`;
}
