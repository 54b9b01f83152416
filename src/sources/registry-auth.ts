/**
 * Answering a registry's 401 as the distribution token spec (and oras) do: `WWW-Authenticate: Bearer
 * realm=...,service=...,scope=...` means "get a token at realm" (anonymously, or with Basic credentials from
 * Docker's config file); `Basic realm=...` means "send the credentials". Credentials and tokens never
 * appear in a message, and credentials never travel over plain HTTP to another machine.
 */
import { httpGet } from './http-get.js';
import { displayUrl } from './display-url.js';
import { SourceFailure, type Deadline } from './fetched-text.js';
import type { RegistryCredentials } from './docker-credentials.js';

export interface Challenge {
  /** Lowercase: `bearer`, `basic`. */
  readonly scheme: string;
  readonly params: ReadonlyMap<string, string>;
}

/** The first challenge of a WWW-Authenticate header: `Scheme key=value, key="quoted \" value"`. */
export function parseChallenge(header: string | undefined): Challenge | undefined {
  const match = /^\s*([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)(?:\s+(.*))?$/s.exec(header ?? '');
  if (!match) return undefined;
  const params = new Map<string, string>();
  const pair = /\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,"]*))\s*(?:,|$)/gy;
  const rest = match[2] ?? '';
  let m: RegExpExecArray | null;
  while (pair.lastIndex < rest.length && (m = pair.exec(rest)) !== null) {
    const key = m[1]!.toLowerCase();
    if (!params.has(key)) params.set(key, m[2] !== undefined ? m[2].replace(/\\(.)/gs, '$1') : m[3]!);
  }
  return { scheme: match[1]!.toLowerCase(), params };
}

export interface AuthContext {
  readonly registry: string;
  readonly repository: string;
  readonly credentials: RegistryCredentials | undefined;
  /** Where the credentials would come from, for messages. */
  readonly configPath: string;
  readonly deadline: Deadline;
  readonly maxRedirects: number;
  readonly ca?: string | undefined;
}

/** The Authorization header value that answers `header`, or a failure saying what to do. */
export async function answerChallenge(header: string | undefined, context: AuthContext): Promise<string> {
  const challenge = parseChallenge(header);
  if (challenge?.scheme === 'basic') {
    if (!context.credentials) throw needsCredentials(context);
    return basic(context.credentials);
  }
  if (challenge?.scheme !== 'bearer' || !challenge.params.get('realm')) {
    throw new SourceFailure(
      `the registry asks for an authentication score-ts does not speak (${challenge?.scheme ?? 'none named'}); pull the file another way and give its path`,
    );
  }
  return `Bearer ${await fetchToken(challenge, context)}`;
}

async function fetchToken(challenge: Challenge, context: AuthContext): Promise<string> {
  const realm = tokenUrl(challenge, context);
  const sendCredentials = context.credentials !== undefined;
  if (sendCredentials && realm.protocol === 'http:' && !isLoopback(realm.hostname)) {
    throw new SourceFailure(
      `the registry's token service ${displayUrl(realm)} is plain http: score-ts does not send your credentials there`,
    );
  }
  const answer = await httpGet(realm, {
    headers: { accept: 'application/json' },
    authorization: sendCredentials ? basic(context.credentials) : undefined,
    maxBytes: 1024 * 1024,
    deadline: context.deadline,
    maxRedirects: context.maxRedirects,
    acceptErrors: true,
    ca: context.ca,
  });
  if (answer.status === 401 || answer.status === 403) throw sendCredentials ? refused(context) : needsCredentials(context);
  if (answer.status !== 200) throw new SourceFailure(`the registry's token service answered ${answer.status}`);
  return tokenOf(answer.body);
}

function tokenUrl(challenge: Challenge, context: AuthContext): URL {
  let realm: URL;
  try {
    realm = new URL(challenge.params.get('realm')!);
  } catch {
    throw new SourceFailure('the registry named a token service that is not a URL');
  }
  if (realm.protocol !== 'https:' && realm.protocol !== 'http:')
    throw new SourceFailure(`the registry named a ${realm.protocol} token service, which score-ts does not use`);
  const service = challenge.params.get('service');
  if (service !== undefined) realm.searchParams.set('service', service);
  realm.searchParams.append('scope', challenge.params.get('scope') ?? `repository:${context.repository}:pull`);
  return realm;
}

function tokenOf(body: Buffer): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new SourceFailure("the registry's token service did not answer JSON");
  }
  const value =
    typeof parsed === 'object' && parsed !== null
      ? ((parsed as Record<string, unknown>).token ?? (parsed as Record<string, unknown>).access_token)
      : undefined;
  if (typeof value !== 'string' || !/^[\x21-\x7e]+$/.test(value))
    throw new SourceFailure("the registry's token service gave no usable token");
  return value;
}

function basic(credentials: RegistryCredentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}

export function needsCredentials(context: AuthContext): SourceFailure {
  return new SourceFailure(
    `the registry needs credentials for ${context.repository}: run docker login ${context.registry} (score-ts reads the auths of ${context.configPath}; DOCKER_CONFIG names another folder)`,
  );
}

export function refused(context: AuthContext): SourceFailure {
  return new SourceFailure(
    `the registry refused the credentials for ${context.registry} in ${context.configPath}, or they may not pull ${context.repository}`,
  );
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}
