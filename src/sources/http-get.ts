/**
 * One bounded HTTP GET: redirects followed up to a limit (only to http: and https:, never from https: down to
 * http:), one deadline for the whole exchange, a cap on the body, and credentials sent only to the origin
 * they were given for. Loaded only when a source is a URL (node:http and node:https are slow to load).
 */
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { displayUrl } from './display-url.js';
import { formatBytes, SourceFailure, type Deadline } from './fetched-text.js';

export interface HttpGetOptions {
  readonly headers?: Readonly<Record<string, string>>;
  /** An Authorization header value, sent to `url`'s origin only (dropped when a redirect leaves it). */
  readonly authorization?: string | undefined;
  readonly maxBytes: number;
  /** The reason given when the body is larger than maxBytes (default: the file is larger than the cap). */
  readonly tooLarge?: string;
  /** When the whole exchange, redirects and body included, must be over (shared by a registry's requests). */
  readonly deadline: Deadline;
  readonly maxRedirects: number;
  /** Certificates to trust instead of Node's (tests); NODE_EXTRA_CA_CERTS works without it. */
  readonly ca?: string | undefined;
  /** Return a 4xx or 5xx answer (without its body) instead of failing: for registries' 401 challenges. */
  readonly acceptErrors?: boolean;
}

export interface HttpAnswer {
  /** The URL that answered, after redirects. */
  readonly url: URL;
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** Empty for an error status. */
  readonly body: Buffer;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export async function httpGet(start: URL, options: HttpGetOptions): Promise<HttpAnswer> {
  let url = start;
  for (let redirects = 0; ; redirects++) {
    const response = await request(url, authorizationFor(url, start, options), options);
    const location = response.headers.location;
    if (!REDIRECT_STATUSES.has(response.statusCode ?? 0) || location === undefined) return finish(url, response, options);
    response.destroy();
    if (redirects >= options.maxRedirects) throw new SourceFailure(`more than ${options.maxRedirects} redirects (a redirect loop?)`);
    url = redirectTarget(url, location);
  }
}

function authorizationFor(url: URL, start: URL, options: HttpGetOptions): string | undefined {
  return url.origin === start.origin ? options.authorization : undefined;
}

/** Where a redirect leads, refused when it leaves http(s) or goes from https down to plain http. */
function redirectTarget(from: URL, location: string): URL {
  let to: URL;
  try {
    to = new URL(location, from);
  } catch {
    throw new SourceFailure('the server redirected to something that is not a URL');
  }
  if (to.protocol !== 'http:' && to.protocol !== 'https:')
    throw new SourceFailure(`the server redirected to a ${to.protocol} URL, which score-ts does not follow`);
  if (from.protocol === 'https:' && to.protocol === 'http:')
    throw new SourceFailure(`the server redirected from https to plain http (${displayUrl(to)}), which score-ts does not follow`);
  // Credentials in a Location header are never used (nor shown).
  to.username = '';
  to.password = '';
  return to;
}

function request(url: URL, authorization: string | undefined, options: HttpGetOptions): Promise<IncomingMessage> {
  const remaining = options.deadline.at - Date.now();
  if (remaining <= 0) return Promise.reject(timedOut(options));
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const headers: Record<string, string> = {
      'user-agent': 'score-ts',
      'accept-encoding': 'identity',
      ...options.headers,
      ...(authorization ? { authorization } : {}),
    };
    const req = client.request({
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port,
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers,
      agent: false,
      ...(options.ca !== undefined ? { ca: options.ca } : {}),
    });
    const timer = setTimeout(() => req.destroy(timedOut(options)), remaining);
    req.once('response', (response) => {
      clearTimeout(timer);
      resolve(response);
    });
    req.once('error', (e) => {
      clearTimeout(timer);
      reject(e instanceof SourceFailure ? e : new SourceFailure(describeNetworkError(e)));
    });
    req.end();
  });
}

async function finish(url: URL, response: IncomingMessage, options: HttpGetOptions): Promise<HttpAnswer> {
  const status = response.statusCode ?? 0;
  const answer = { url, status, headers: response.headers };
  if (status < 200 || status > 299) {
    response.destroy();
    if (options.acceptErrors && status >= 400) return { ...answer, body: Buffer.alloc(0) };
    throw new SourceFailure(describeStatus(status));
  }
  const encoding = response.headers['content-encoding'];
  if (encoding !== undefined && encoding !== 'identity') {
    response.destroy();
    throw new SourceFailure(`the server sent ${encoding}-encoded content, though score-ts asked for plain content`);
  }
  return { ...answer, body: await readBody(response, options) };
}

/** The body, up to `maxBytes`: a longer one (announced or sent) stops the download at once. */
function readBody(response: IncomingMessage, options: HttpGetOptions): Promise<Buffer> {
  const tooLarge = () =>
    new SourceFailure(options.tooLarge ?? `it is larger than ${formatBytes(options.maxBytes)}, the most score-ts reads`);
  const announced = Number(response.headers['content-length']);
  if (Number.isFinite(announced) && announced > options.maxBytes) {
    response.destroy();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => response.destroy(timedOut(options)), Math.max(0, options.deadline.at - Date.now()));
    const fail = (e: Error) => {
      clearTimeout(timer);
      response.destroy();
      reject(e instanceof SourceFailure ? e : new SourceFailure(`the download broke off (${describeNetworkError(e)})`));
    };
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > options.maxBytes) return fail(tooLarge());
      chunks.push(chunk);
    });
    response.once('error', fail);
    response.once('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks, size));
    });
  });
}

function timedOut(options: HttpGetOptions): SourceFailure {
  return new SourceFailure(
    `no complete answer within ${options.deadline.seconds} s: check the URL and the network, or download the file and give its path`,
  );
}

/** A non-2xx answer in words: the status and its standard phrase, never the server's own text. */
export function describeStatus(status: number): string {
  const phrase = http.STATUS_CODES[status];
  const what = `the server answered ${status}${phrase ? ` ${phrase}` : ''}`;
  if (status === 404 || status === 410) return `${what}: check the URL`;
  if (status === 401 || status === 403) return `${what}: check the URL and its credentials`;
  if (status >= 300 && status < 400) return `${what} without a Location to follow`;
  return status >= 500 ? `${what}: the server failed; try again later` : what;
}

/** A connection failure in words, from its code (never a message that could hold the URL). */
function describeNetworkError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  switch (code) {
    case 'ECONNREFUSED':
      return 'the connection was refused: is the host and port right?';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name does not resolve';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'the server closed the connection';
    case 'EPROTO':
      return 'the TLS handshake failed (EPROTO): does the server speak https on this port?';
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'the host cannot be reached';
    default:
      if (/CERT|SELF_SIGNED|SSL|TLS|VERIFY|ISSUER/.test(code))
        return `the server's TLS certificate is not trusted (${code}); for a private CA set NODE_EXTRA_CA_CERTS`;
      if (code.startsWith('HPE_')) return `the answer is not valid HTTP (${code})`;
      return code !== '' ? `the request failed (${code})` : 'the request failed';
  }
}
