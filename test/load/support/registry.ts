/**
 * A real OCI registry on 127.0.0.1 for the oci:// tests: Debian's docker-registry (the CNCF distribution
 * registry), started on a free port with a temporary config and storage, optionally with token
 * authentication answered by a small token server here (RS256 JWTs with an x5c header, signed by a key and
 * certificate made with the openssl CLI). Artifacts are pushed over the registry's HTTP API as the OCI
 * distribution spec describes: blob uploads (POST, then PUT with the digest), then the manifest.
 */
import { createHash, createSign, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll } from 'vitest';
import { freePort, makeTempDir, removeDir, requirePrograms, ServerProcess } from '../../servers/harness.js';
import { startServer, type LocalServer } from './local-servers.js';

export interface ArtifactFile {
  readonly title: string;
  readonly content: string;
  readonly mediaType?: string;
}

export interface Registry {
  /** `127.0.0.1:PORT`: what goes after oci://. */
  readonly host: string;
  readonly origin: string;
  /** The token server, when the registry uses token authentication. */
  readonly tokens?: LocalServer;
  /** Pushes files as one artifact, each a layer titled with its name; the manifest's digest. */
  push(repository: string, tag: string, files: readonly ArtifactFile[]): Promise<string>;
}

/** Who may pull what, for the token server: public/* for anyone, private/* for alice only. */
export const ALICE = { username: 'alice', password: 'wonder land:1' };
const SERVICE = 'score-ts-test';
const ISSUER = 'score-ts-test-issuer';

const stops: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const stop of stops.splice(0)) await stop();
});

export async function startRegistry(options: { tokenAuth?: boolean } = {}): Promise<Registry> {
  const { registry: program } = requirePrograms('OCI registry', 'docker-registry', { registry: ['docker-registry', 'registry'] });
  const dir = makeTempDir('score-ts-registry-');
  const port = await freePort();
  const signer = options.tokenAuth ? tokenSigner(dir) : undefined;
  const tokens = signer ? await startServer((req, res) => signer.answer(req.url ?? '/', req.headers.authorization, res)) : undefined;
  writeFileSync(path.join(dir, 'config.yml'), registryConfig(dir, port, tokens?.origin, signer?.certFile));
  const server = ServerProcess.start(program, ['serve', path.join(dir, 'config.yml')], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    cwd: dir,
    logFile: path.join(dir, 'registry.log'),
  });
  stops.push(async () => {
    await server.stop();
    removeDir(dir);
  });
  const origin = `http://127.0.0.1:${port}`;
  await server.waitReady('docker-registry', async () => {
    try {
      return [200, 401].includes((await fetch(`${origin}/v2/`)).status);
    } catch {
      return false;
    }
  });
  const pushAuth = (repository: string): Record<string, string> =>
    signer ? { authorization: `Bearer ${signer.token(repository, ['pull', 'push'])}` } : {};
  return {
    host: `127.0.0.1:${port}`,
    origin,
    ...(tokens ? { tokens } : {}),
    push: (repository, tag, files) => pushArtifact(origin, repository, tag, files, pushAuth(repository)),
  };
}

function registryConfig(dir: string, port: number, tokenOrigin: string | undefined, certFile: string | undefined): string {
  const auth = tokenOrigin
    ? `auth:\n  token:\n    realm: ${tokenOrigin}/token\n    service: ${SERVICE}\n    issuer: ${ISSUER}\n    rootcertbundle: ${certFile}\n`
    : '';
  return `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${path.join(dir, 'data')}\nhttp:\n  addr: 127.0.0.1:${port}\n${auth}`;
}

function digestOf(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

async function pushBlob(origin: string, repository: string, bytes: Buffer, headers: Record<string, string>): Promise<string> {
  const digest = digestOf(bytes);
  const start = await fetch(`${origin}/v2/${repository}/blobs/uploads/`, { method: 'POST', headers });
  if (start.status !== 202) throw new Error(`blob upload start: ${start.status} ${await start.text()}`);
  const location = new URL(start.headers.get('location')!, origin);
  location.searchParams.set('digest', digest);
  const put = await fetch(location, { method: 'PUT', headers: { ...headers, 'content-type': 'application/octet-stream' }, body: bytes });
  if (put.status !== 201) throw new Error(`blob upload: ${put.status} ${await put.text()}`);
  return digest;
}

/** An OCI artifact (an empty config, one layer per file), as oras pushes it; the manifest's digest. */
async function pushArtifact(
  origin: string,
  repository: string,
  tag: string,
  files: readonly ArtifactFile[],
  headers: Record<string, string>,
): Promise<string> {
  const config = Buffer.from('{}');
  const configDigest = await pushBlob(origin, repository, config, headers);
  const layers = [];
  for (const file of files) {
    const bytes = Buffer.from(file.content);
    const digest = await pushBlob(origin, repository, bytes, headers);
    layers.push({
      mediaType: file.mediaType ?? 'application/vnd.oci.image.layer.v1.tar',
      digest,
      size: bytes.length,
      annotations: { 'org.opencontainers.image.title': file.title },
    });
  }
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: configDigest, size: config.length },
      layers,
    }),
  );
  const put = await fetch(`${origin}/v2/${repository}/manifests/${tag}`, {
    method: 'PUT',
    headers: { ...headers, 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
    body: manifest,
  });
  if (put.status !== 201) throw new Error(`manifest upload: ${put.status} ${await put.text()}`);
  return digestOf(manifest);
}

interface TokenSigner {
  readonly certFile: string;
  token(repository: string, actions: readonly string[]): string;
  answer(url: string, authorization: string | undefined, res: import('node:http').ServerResponse): void;
}

/** Signs registry tokens, and answers the token requests of the registry's clients (the distribution token spec). */
function tokenSigner(dir: string): TokenSigner {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'token.key',
      '-out',
      'token.crt',
      '-days',
      '2',
      '-subj',
      '/CN=score-ts test token issuer',
    ],
    { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const key = readFileSync(path.join(dir, 'token.key'), 'utf8');
  const der = readFileSync(path.join(dir, 'token.crt'), 'utf8').replace(/-----[A-Z ]+-----|\s/g, '');
  const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const token = (repository: string, actions: readonly string[]) => {
    const now = Math.floor(Date.now() / 1000);
    const access = actions.length > 0 ? [{ type: 'repository', name: repository, actions }] : [];
    const payload = `${b64url({ typ: 'JWT', alg: 'RS256', x5c: [der] })}.${b64url({ iss: ISSUER, sub: 'test', aud: SERVICE, exp: now + 600, nbf: now - 60, iat: now - 60, jti: randomUUID(), access })}`;
    return `${payload}.${createSign('RSA-SHA256').update(payload).sign(key).toString('base64url')}`;
  };
  const alice = `Basic ${Buffer.from(`${ALICE.username}:${ALICE.password}`).toString('base64')}`;
  return {
    certFile: path.join(dir, 'token.crt'),
    token,
    answer: (url, authorization, res) => {
      const scope = new URL(url, 'http://x').searchParams.get('scope') ?? '';
      const repository = /^repository:([^:]+):/.exec(scope)?.[1] ?? '';
      if (authorization !== undefined && authorization !== alice) return void res.writeHead(401).end();
      const allowed = repository.startsWith('public/') || authorization === alice;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: token(repository, allowed ? ['pull'] : []) }));
    },
  };
}
