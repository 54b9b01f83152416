/**
 * http:// and https:// sources against real servers on 127.0.0.1: what a good answer gives, and what every
 * hostile or broken one gives instead (exact messages, with credentials and query values never shown).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { fetchSources, type SourceLimits } from '../../src/sources/fetch-sources.js';
import type { FetchedText } from '../../src/sources/fetched-text.js';
import { provisionerFile, redirect, routes, startServer, testCa, text, type LocalServer } from './support/local-servers.js';

const BODY = provisionerFile('template://web/thing');

let plain: LocalServer;
let secure: LocalServer;
let other: LocalServer;

/** Writes 64 KiB chunks for as long as the client reads. */
function endless(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/plain' });
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const pump = () => {
    while (!res.destroyed && res.write(chunk));
  };
  res.on('drain', pump);
  req.socket.on('close', () => res.destroy());
  pump();
}

/** One byte every 50 ms, never ending. */
function trickle(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/plain' });
  const timer = setInterval(() => res.write('a'), 50);
  req.socket.on('close', () => clearInterval(timer));
}

function requireBasic(then: (req: IncomingMessage, res: ServerResponse) => void) {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.headers.authorization !== `Basic ${Buffer.from('user:p@ss').toString('base64')}`) return void res.writeHead(401).end();
    then(req, res);
  };
}

/** /chain/N redirects to /chain/N-1; /chain/0 is the file: N redirects in all. */
function chain(req: IncomingMessage, res: ServerResponse): boolean {
  const hops = /^\/chain\/(\d+)$/.exec(req.url ?? '')?.[1];
  if (hops === undefined) return false;
  if (hops === '0') res.writeHead(200).end(BODY);
  else res.writeHead(302, { location: `/chain/${Number(hops) - 1}` }).end();
  return true;
}

beforeAll(async () => {
  other = await startServer(routes({ '/ok.yaml': text(BODY) }));
  const table = routes({
    '/ok.yaml': text(BODY),
    '/bom.yaml': text(`\uFEFF${BODY}`),
    '/r1': redirect('/r2'),
    '/r2': redirect('/ok.yaml', 301),
    '/loop': redirect('/loop'),
    '/to-file': redirect('file:///etc/passwd'),
    '/to-ftp': redirect('ftp://127.0.0.1/x.yaml', 307),
    '/no-location': (_req, res) => void res.writeHead(302).end(),
    '/500': text('boom', 500),
    '/hang': () => {},
    '/endless': endless,
    '/announced': (_req, res) => {
      res.writeHead(200, { 'content-length': String(64 * 1024 * 1024) });
      res.write('a');
    },
    '/trickle': trickle,
    '/gzip': text(Buffer.from([0x1f, 0x8b, 0x08, 0]), 200, { 'content-encoding': 'gzip' }),
    '/latin1': text(Buffer.from([0x2d, 0x20, 0xe9, 0xff, 0x0a])),
    '/empty': text(''),
    '/private.yaml': requireBasic(text(BODY)),
    '/private-redirect': requireBasic((_req, res) => void res.writeHead(302, { location: `${other.origin}/ok.yaml` }).end()),
  });
  plain = await startServer((req, res) => void (chain(req, res) || table(req, res)));
  const ca = testCa();
  secure = await startServer(
    routes({
      '/ok.yaml': text(BODY),
      '/down': (_req, res) => void res.writeHead(302, { location: `${plain.origin}/ok.yaml` }).end(),
    }),
    { tls: ca },
  );
});

/** Fetches one --provisioners value: the text, or the error message. */
async function fetchOne(
  value: string,
  limits: Partial<SourceLimits> = {},
): Promise<{ text?: string; display?: string; fileName?: string; error?: string }> {
  try {
    const [items] = (await fetchSources([{ flag: '--provisioners', values: [value] }], {
      env: { HOME: '/nonexistent' },
      limits: { ca: testCa().ca, ...limits },
    })) as FetchedText[][];
    const item = items![0];
    return { text: item!.text, display: item!.display, fileName: item!.fileName };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

describe('http(s) sources that work', () => {
  it.each([
    { name: 'plain http', url: () => `${plain.origin}/ok.yaml`, display: () => `${plain.origin}/ok.yaml` },
    { name: 'two redirects (302, then 301)', url: () => `${plain.origin}/r1`, display: () => `${plain.origin}/r1` },
    { name: 'https with a CA the fetcher trusts', url: () => `${secure.origin}/ok.yaml`, display: () => `${secure.origin}/ok.yaml` },
    {
      name: 'credentials in the URL, sent as Basic and masked',
      url: () => `${plain.origin.replace('//', '//user:p%40ss@')}/private.yaml`,
      display: () => `${plain.origin.replace('//', '//***@')}/private.yaml`,
    },
  ])('$name', async ({ url, display }) => {
    const result = await fetchOne(url());
    expect(result).toEqual({ text: BODY, display: display(), fileName: expect.any(String) as unknown });
  });

  it('a leading byte order mark is dropped (the installed copy starts with its origin line)', async () => {
    expect((await fetchOne(`${plain.origin}/bom.yaml`)).text).toBe(BODY);
  });

  it('exactly 10 redirects are followed, and the 11th is not', async () => {
    expect((await fetchOne(`${plain.origin}/chain/10`)).text).toBe(BODY);
    const before = plain.requests.length;
    expect(await fetchOne(`${plain.origin}/chain/11`)).toEqual({
      error: `cannot read provisioners ${plain.origin}/chain/11: more than 10 redirects (a redirect loop?)`,
    });
    expect(plain.requests.length - before).toBe(11);
  });

  it('credentials go only to the origin they were given for, not to a redirect target', async () => {
    const before = other.authorizations.length;
    const result = await fetchOne(`${plain.origin.replace('//', '//user:p%40ss@')}/private-redirect`);
    expect(result.text).toBe(BODY);
    expect(other.authorizations.slice(before)).toEqual(['']);
  });
});

describe('http(s) sources that fail, with exact messages', () => {
  const cannot = (url: string) => `cannot read provisioners ${url}: `;
  it.each([
    { name: 'a 404', path: '/missing.yaml', reason: 'the server answered 404 Not Found: check the URL' },
    { name: 'a 500', path: '/500', reason: 'the server answered 500 Internal Server Error: the server failed; try again later' },
    {
      name: 'a 401 without credentials',
      path: '/private.yaml',
      reason: 'the server answered 401 Unauthorized: check the URL and its credentials',
    },
    { name: 'a redirect loop', path: '/loop', reason: 'more than 10 redirects (a redirect loop?)' },
    { name: 'a redirect to file://', path: '/to-file', reason: 'the server redirected to a file: URL, which score-ts does not follow' },
    { name: 'a redirect to ftp://', path: '/to-ftp', reason: 'the server redirected to a ftp: URL, which score-ts does not follow' },
    { name: 'a redirect without a Location', path: '/no-location', reason: 'the server answered 302 Found without a Location to follow' },
    {
      name: 'an endless body',
      path: '/endless',
      reason: 'it is larger than 1 MiB, the most score-ts reads',
      limits: { maxBytes: 1024 * 1024 },
    },
    { name: 'a body announced too large', path: '/announced', reason: 'it is larger than 16 MiB, the most score-ts reads' },
    {
      name: 'a server that never answers',
      path: '/hang',
      reason: 'no complete answer within 0.3 s: check the URL and the network, or download the file and give its path',
      limits: { timeoutSeconds: 0.3 },
    },
    {
      name: 'a body that trickles forever',
      path: '/trickle',
      reason: 'no complete answer within 0.4 s: check the URL and the network, or download the file and give its path',
      limits: { timeoutSeconds: 0.4 },
    },
    {
      name: 'compressed content it did not ask for',
      path: '/gzip',
      reason: 'the server sent gzip-encoded content, though score-ts asked for plain content',
    },
    { name: 'bytes that are not UTF-8', path: '/latin1', reason: 'it is not UTF-8 text' },
    { name: 'an empty body', path: '/empty', reason: 'it is empty' },
  ])('$name', async ({ path, reason, limits }) => {
    expect(await fetchOne(`${plain.origin}${path}`, limits)).toEqual({ error: `${cannot(`${plain.origin}${path}`)}${reason}` });
  });

  it('the default cap (16 MiB) stops an endless body', async () => {
    expect(await fetchOne(`${plain.origin}/endless`)).toEqual({
      error: `${cannot(`${plain.origin}/endless`)}it is larger than 16 MiB, the most score-ts reads`,
    });
  });

  it('a redirect from https down to plain http is refused', async () => {
    expect(await fetchOne(`${secure.origin}/down`)).toEqual({
      error: `${cannot(`${secure.origin}/down`)}the server redirected from https to plain http (${plain.origin}/ok.yaml), which score-ts does not follow`,
    });
  });

  it('https with a certificate nobody trusts', async () => {
    expect(await fetchOne(`${secure.origin}/ok.yaml`, { ca: '' })).toEqual({
      error: `${cannot(`${secure.origin}/ok.yaml`)}the server's TLS certificate is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE); for a private CA set NODE_EXTRA_CA_CERTS`,
    });
  });

  it('a port nothing listens on', async () => {
    const closed = await startServer(() => {});
    await closed.close();
    expect(await fetchOne(`${closed.origin}/x.yaml`)).toEqual({
      error: `${cannot(`${closed.origin}/x.yaml`)}the connection was refused: is the host and port right?`,
    });
  });

  it('credentials and query values never appear in a message', async () => {
    const result = await fetchOne(`${plain.origin.replace('//', '//user:s3cr3t@')}/missing.yaml?token=t0k3n&ref=main`);
    expect(result).toEqual({
      error: `${cannot(`${plain.origin.replace('//', '//***@')}/missing.yaml?token=***&ref=***`)}the server answered 404 Not Found: check the URL`,
    });
  });

  it('all failures of a run are reported together', async () => {
    let message = '';
    try {
      await fetchSources(
        [
          { flag: '--provisioners', values: [`${plain.origin}/missing.yaml`, `${plain.origin}/500`] },
          { flag: '--patch-templates', values: [`${plain.origin}/empty`] },
        ],
        { env: {} },
      );
    } catch (e) {
      message = `${(e as Error).message}\n${((e as { diagnostics?: Array<{ location: { origin: string }; message: string }> }).diagnostics ?? []).map((d) => `${d.location.origin}: ${d.message}`).join('\n')}`;
    }
    expect(message).toBe(
      [
        'cannot read 3 sources',
        `--provisioners ${plain.origin}/missing.yaml: the server answered 404 Not Found: check the URL`,
        `--provisioners ${plain.origin}/500: the server answered 500 Internal Server Error: the server failed; try again later`,
        `--patch-templates ${plain.origin}/empty: it is empty`,
      ].join('\n'),
    );
  });
});
