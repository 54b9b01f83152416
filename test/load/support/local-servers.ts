/**
 * Servers on 127.0.0.1 for the source tests: plain HTTP and HTTPS (with a throw-away CA made by the openssl
 * CLI into a temporary folder), each answering with a handler the test gives and counting its requests.
 * Nothing here reaches beyond loopback.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface LocalServer {
  /** `http://127.0.0.1:PORT` or `https://...`. */
  readonly origin: string;
  readonly port: number;
  /** Every request, as `METHOD path` (with the query). */
  readonly requests: string[];
  /** The Authorization header of every request ('' when none). */
  readonly authorizations: string[];
  close(): Promise<void>;
}

export interface TestCa {
  readonly dir: string;
  /** The CA certificate (PEM), to trust. */
  readonly caFile: string;
  readonly ca: string;
  /** A certificate for 127.0.0.1, 127.0.0.2 and localhost, signed by the CA. */
  readonly cert: string;
  readonly key: string;
}

const servers: LocalServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

/** Starts a server on 127.0.0.1 (or `host`) and a free port; closed after the test file. */
export async function startServer(handler: Handler, options: { tls?: TestCa; host?: string } = {}): Promise<LocalServer> {
  const requests: string[] = [];
  const authorizations: string[] = [];
  const sockets = new Set<Socket>();
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    requests.push(`${req.method} ${req.url}`);
    authorizations.push(req.headers.authorization ?? '');
    handler(req, res);
  };
  const server = options.tls ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, listener) : http.createServer(listener);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const local: LocalServer = {
    origin: `${options.tls ? 'https' : 'http'}://${host}:${port}`,
    port,
    requests,
    authorizations,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  servers.push(local);
  return local;
}

/** A handler serving fixed answers by path; anything else is a 404. */
export function routes(table: Record<string, (req: IncomingMessage, res: ServerResponse) => void>): Handler {
  return (req, res) => {
    const route = table[new URL(req.url ?? '/', 'http://x').pathname];
    if (route) return route(req, res);
    res.writeHead(404).end('not here');
  };
}

export function text(
  body: string | Buffer,
  status = 200,
  headers: Record<string, string> = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(body);
  };
}

export function redirect(location: string, status = 302): (req: IncomingMessage, res: ServerResponse) => void {
  return (_req, res) => {
    res.writeHead(status, { location }).end();
  };
}

let ca: TestCa | undefined;

/** A throw-away CA and a server certificate, made once per test file with the openssl CLI. */
export function testCa(): TestCa {
  if (ca) return ca;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'score-ts-ca-'));
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '2',
    '-subj',
    '/CN=score-ts test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign',
  );
  run('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(
    path.join(dir, 'ext.cnf'),
    'subjectAltName=IP:127.0.0.1,IP:127.0.0.2,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n',
  );
  run(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.crt',
    '-days',
    '2',
    '-extfile',
    'ext.cnf',
  );
  const read = (name: string) => readFileSync(path.join(dir, name), 'utf8');
  ca = { dir, caFile: path.join(dir, 'ca.crt'), ca: read('ca.crt'), cert: read('server.crt'), key: read('server.key') };
  return ca;
}

/** A provisioner file in score-ts's format, of one entry. */
export function provisionerFile(uri: string, type = 'thing'): string {
  return `- uri: ${uri}\n  type: ${type}\n  outputs: |\n    value: hello\n`;
}
