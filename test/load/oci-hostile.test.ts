/**
 * oci:// against registries that misbehave, played by small servers on loopback: answers that do not match
 * their digests or sizes, indexes, junk, auth challenges of every kind (Bearer, Basic, unknown), token
 * services that give nothing usable, credentials that must not travel, and HTTPS for any registry not on
 * localhost / 127.0.0.1. Unit level: the load stage (fetchSources) with small limits and a trusted test CA.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fetchSources, type SourceLimits } from '../../src/sources/fetch-sources.js';
import type { FetchedText } from '../../src/sources/fetched-text.js';
import { parseChallenge } from '../../src/sources/registry-auth.js';
import { tempProject } from '../support/run-cli.js';
import { provisionerFile, startServer, testCa, type LocalServer } from './support/local-servers.js';

const FILE = provisionerFile('template://fake/web');
const sha = (b: Buffer | string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

interface Scenario {
  /** The manifest body (default: one layer, FILE, titled web.provisioners.yaml). */
  manifest?: Buffer;
  /** The blob body (default: FILE). */
  blob?: Buffer;
  /** Answer the blob with a redirect to this URL. */
  blobRedirect?: string;
  /** Answer requests without this exact Authorization with 401 and this challenge. */
  auth?: { challenge: string; accept: string };
}

function manifestOf(
  layers: Array<{ title: string; content: string | Buffer; size?: number; digest?: string }>,
  extra: object = {},
): Buffer {
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      ...extra,
      layers: layers.map((l) => ({
        mediaType: 'application/octet-stream',
        digest: l.digest ?? sha(l.content),
        size: l.size ?? Buffer.byteLength(l.content),
        annotations: { 'org.opencontainers.image.title': l.title },
      })),
    }),
  );
}

async function fakeRegistry(scenario: Scenario, options: { tls?: boolean; host?: string } = {}): Promise<LocalServer> {
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    if (scenario.auth && req.headers.authorization !== scenario.auth.accept)
      return void res.writeHead(401, { 'www-authenticate': scenario.auth.challenge }).end();
    const url = req.url ?? '';
    if (url.startsWith('/v2/team/prov/manifests/'))
      return void res
        .writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' })
        .end(scenario.manifest ?? manifestOf([{ title: 'web.provisioners.yaml', content: FILE }]));
    if (url.startsWith('/v2/team/prov/blobs/')) {
      if (scenario.blobRedirect) return void res.writeHead(307, { location: scenario.blobRedirect }).end();
      return void res.writeHead(200).end(scenario.blob ?? FILE);
    }
    res.writeHead(404).end();
  };
  return startServer(handler, { ...(options.tls ? { tls: testCa() } : {}), ...(options.host ? { host: options.host } : {}) });
}

async function fetchOci(
  ref: string,
  env: Record<string, string> = {},
  limits: Partial<SourceLimits> = {},
): Promise<{ text?: string; error?: string; warnings: string[] }> {
  const warnings: string[] = [];
  try {
    const [items] = (await fetchSources([{ flag: '--provisioners', values: [ref] }], {
      env: { HOME: '/nonexistent', ...env },
      warn: (m) => warnings.push(m),
      limits: { ca: testCa().ca, ...limits },
    })) as FetchedText[][];
    return { text: items![0]!.text, warnings };
  } catch (e) {
    return { error: (e as Error).message, warnings };
  }
}

function dockerConfig(host: string, entry: object): Record<string, string> {
  const dir = path.join(tempProject(), 'docker');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ auths: { [host]: entry } }));
  return { DOCKER_CONFIG: dir };
}

const hostOf = (server: LocalServer) => new URL(server.origin).host;

describe('answers that do not add up', () => {
  it.each([
    {
      name: 'a blob that does not match its digest',
      scenario: (): Scenario => ({ blob: Buffer.from(FILE.replace('web', 'bad')) }),
      reason: `the manifest's layer web.provisioners.yaml does not match its digest ${sha(FILE)}: the registry sent other content`,
    },
    {
      name: 'a blob longer than the manifest says',
      scenario: (): Scenario => ({ blob: Buffer.from(`${FILE}# more\n`) }),
      reason: 'web.provisioners.yaml is longer than the 71 bytes the manifest says',
    },
    {
      name: 'a blob shorter than the manifest says',
      scenario: (): Scenario => ({ blob: Buffer.from(FILE.slice(0, 10)) }),
      reason: 'web.provisioners.yaml is 10 bytes, but the manifest says 71',
    },
    {
      name: 'an index instead of a manifest',
      scenario: (): Scenario => ({
        manifest: Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [] })),
      }),
      reason: 'the reference names an index of several manifests: name one of them by @sha256:DIGEST',
    },
    {
      name: 'a manifest that is not JSON',
      scenario: (): Scenario => ({ manifest: Buffer.from('<html>') }),
      reason: 'the manifest is not JSON',
    },
    {
      name: 'a manifest without layers',
      scenario: (): Scenario => ({ manifest: Buffer.from('{"schemaVersion":2}') }),
      reason: 'the manifest has no layers',
    },
    {
      name: 'a layer with a made-up digest',
      scenario: (): Scenario => ({ manifest: manifestOf([{ title: 'web.provisioners.yaml', content: FILE, digest: 'md5:abc' }]) }),
      reason: 'the manifest has a layer without a sha256 or sha512 digest',
    },
    {
      name: 'a layer with a negative size',
      scenario: (): Scenario => ({ manifest: manifestOf([{ title: 'web.provisioners.yaml', content: FILE, size: -1 }]) }),
      reason: 'the manifest has a layer without a valid size',
    },
    {
      name: 'a layer larger than the cap',
      scenario: (): Scenario => ({ manifest: manifestOf([{ title: 'web.provisioners.yaml', content: FILE, size: 2 ** 40 }]) }),
      reason: 'web.provisioners.yaml is larger than 16 MiB, the most score-ts reads',
    },
    {
      name: 'no .yaml layer',
      scenario: (): Scenario => ({ manifest: manifestOf([{ title: 'notes.txt', content: FILE }]) }),
      reason: 'the artifact has no .yaml file; name one of its files after #: notes.txt',
    },
  ])('$name', async ({ scenario, reason }) => {
    const registry = await fakeRegistry(scenario());
    const ref = `oci://${hostOf(registry)}/team/prov:v1`;
    expect(await fetchOci(ref)).toEqual({
      error: `cannot read provisioners ${ref}: ${reason.replace("the manifest's layer ", '')}`,
      warnings: [],
    });
  });

  it('a manifest fetched by digest must match it', async () => {
    const registry = await fakeRegistry({});
    const digest = sha('something else');
    const ref = `oci://${hostOf(registry)}/team/prov@${digest}`;
    expect(await fetchOci(ref)).toEqual({
      error: `cannot read provisioners ${ref}: the manifest does not match its digest ${digest}: the registry sent other content`,
      warnings: [],
    });
  });

  it('a blob that redirects to storage elsewhere gets no Authorization there', async () => {
    const storage = await startServer((_req, res) => void res.writeHead(200).end(FILE));
    const accept = `Basic ${Buffer.from('u:p').toString('base64')}`;
    const registry = await fakeRegistry({ auth: { challenge: 'Basic realm="r"', accept }, blobRedirect: `${storage.origin}/blob` });
    const result = await fetchOci(
      `oci://${hostOf(registry)}/team/prov:v1`,
      dockerConfig(hostOf(registry), { username: 'u', password: 'p' }),
    );
    expect(result).toEqual({ text: FILE, warnings: [] });
    expect(storage.authorizations).toEqual(['']);
  });
});

describe('authentication challenges', () => {
  it('Bearer: a token from the realm, with service and scope, then the token on every request', async () => {
    const tokens = await startServer(
      (_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{"access_token":"tok-123"}'),
    );
    const registry = await fakeRegistry({
      auth: {
        challenge: `Bearer realm="${tokens.origin}/auth",service="reg.test",scope="repository:team/prov:pull"`,
        accept: 'Bearer tok-123',
      },
    });
    expect(await fetchOci(`oci://${hostOf(registry)}/team/prov:v1`)).toEqual({ text: FILE, warnings: [] });
    expect(tokens.requests).toEqual([`GET /auth?service=reg.test&scope=${encodeURIComponent('repository:team/prov:pull')}`]);
    expect(registry.authorizations).toEqual(['', 'Bearer tok-123', 'Bearer tok-123']);
  });

  it('Bearer without a scope: score-ts asks for pull on the repository', async () => {
    const tokens = await startServer((_req, res) => void res.writeHead(200).end('{"token":"t"}'));
    const registry = await fakeRegistry({ auth: { challenge: `Bearer realm="${tokens.origin}/auth"`, accept: 'Bearer t' } });
    expect((await fetchOci(`oci://${hostOf(registry)}/team/prov:v1`)).text).toBe(FILE);
    expect(tokens.requests).toEqual([`GET /auth?scope=${encodeURIComponent('repository:team/prov:pull')}`]);
  });

  it.each([
    { name: 'Basic with Docker credentials', challenge: () => 'Basic realm="registry"', creds: true, ok: true },
    {
      name: 'Basic without credentials',
      challenge: () => 'Basic realm="registry"',
      creds: false,
      reason: (h: string) =>
        `the registry needs credentials for team/prov: run docker login ${h} (score-ts reads the auths of /nonexistent/.docker/config.json; DOCKER_CONFIG names another folder)`,
    },
    {
      name: 'an unknown scheme',
      challenge: () => 'Negotiate',
      creds: false,
      reason: () =>
        'the registry asks for an authentication score-ts does not speak (negotiate); pull the file another way and give its path',
    },
    {
      name: 'no challenge at all',
      challenge: () => '',
      creds: false,
      reason: () =>
        'the registry asks for an authentication score-ts does not speak (none named); pull the file another way and give its path',
    },
    {
      name: 'a realm that is not http(s)',
      challenge: () => 'Bearer realm="file:///etc/passwd"',
      creds: false,
      reason: () => 'the registry named a file: token service, which score-ts does not use',
    },
  ])('$name', async ({ challenge, creds, ok, reason }) => {
    const accept = `Basic ${Buffer.from('alice:pw').toString('base64')}`;
    const registry = await fakeRegistry({ auth: { challenge: challenge(), accept } });
    const ref = `oci://${hostOf(registry)}/team/prov:v1`;
    const env = creds ? dockerConfig(hostOf(registry), { auth: Buffer.from('alice:pw').toString('base64') }) : {};
    expect(await fetchOci(ref, env)).toEqual(
      ok ? { text: FILE, warnings: [] } : { error: `cannot read provisioners ${ref}: ${reason!(hostOf(registry))}`, warnings: [] },
    );
  });

  it.each([
    { name: 'not JSON', body: 'hello', reason: "the registry's token service did not answer JSON" },
    { name: 'no token', body: '{"expires_in":60}', reason: "the registry's token service gave no usable token" },
    {
      name: 'a token with a line break',
      body: '{"token":"a\\r\\nX-Evil: 1"}',
      reason: "the registry's token service gave no usable token",
    },
  ])('a token service that answers $name', async ({ body, reason }) => {
    const tokens = await startServer((_req, res) => void res.writeHead(200).end(body));
    const registry = await fakeRegistry({ auth: { challenge: `Bearer realm="${tokens.origin}/auth"`, accept: 'never' } });
    const ref = `oci://${hostOf(registry)}/team/prov:v1`;
    expect(await fetchOci(ref)).toEqual({ error: `cannot read provisioners ${ref}: ${reason}`, warnings: [] });
  });

  it('credentials never go over plain http to a token service on another machine', async () => {
    const tokens = await startServer((_req, res) => void res.writeHead(200).end('{"token":"t"}'), { host: '127.0.0.2' });
    const registry = await fakeRegistry({ auth: { challenge: `Bearer realm="${tokens.origin}/auth"`, accept: 'Bearer t' } });
    const ref = `oci://${hostOf(registry)}/team/prov:v1`;
    const result = await fetchOci(ref, dockerConfig(hostOf(registry), { username: 'alice', password: 'pw' }));
    expect(result).toEqual({
      error: `cannot read provisioners ${ref}: the registry's token service ${tokens.origin}/auth?scope=*** is plain http: score-ts does not send your credentials there`,
      warnings: [],
    });
    expect(tokens.requests).toEqual([]);
  });
});

describe('prototype keys in what a registry or a config file says', () => {
  it('a Docker config with __proto__ beside the real entry still finds the entry', async () => {
    const accept = `Basic ${Buffer.from('alice:pw').toString('base64')}`;
    const registry = await fakeRegistry({ auth: { challenge: 'Basic realm="r"', accept } });
    const dir = path.join(tempProject(), 'docker');
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, 'config.json'),
      `{"auths": {"__proto__": {"auth": "eDp5"}, "constructor": {}, "${hostOf(registry)}": {"username": "alice", "password": "pw"}}}`,
    );
    expect(await fetchOci(`oci://${hostOf(registry)}/team/prov:v1`, { DOCKER_CONFIG: dir })).toEqual({ text: FILE, warnings: [] });
  });

  it('a layer whose annotations are __proto__ tricks has no title', async () => {
    const manifest = Buffer.from(
      `{"schemaVersion":2,"layers":[{"digest":"${sha(FILE)}","size":${Buffer.byteLength(FILE)},"annotations":{"__proto__":{"org.opencontainers.image.title":"web.provisioners.yaml"}}}]}`,
    );
    const registry = await fakeRegistry({ manifest });
    const ref = `oci://${hostOf(registry)}/team/prov:v1`;
    expect(await fetchOci(ref)).toEqual({
      error: `cannot read provisioners ${ref}: the artifact has no .yaml file; name one of its files after #: none`,
      warnings: [],
    });
  });
});

describe('which scheme a registry is spoken to in', () => {
  it('a registry that is not localhost or 127.0.0.1 is spoken to over HTTPS', async () => {
    const registry = await fakeRegistry({}, { tls: true, host: '127.0.0.2' });
    expect(await fetchOci(`oci://${hostOf(registry)}/team/prov:v1`)).toEqual({ text: FILE, warnings: [] });
    expect(registry.requests).toEqual(['GET /v2/team/prov/manifests/v1', `GET /v2/team/prov/blobs/${sha(FILE)}`]);
  });

  it('and never over plain HTTP, even when that is all it speaks', async () => {
    const registry = await fakeRegistry({}, { host: '127.0.0.2' });
    const ref = `oci://${hostOf(registry)}/team/prov:v1`;
    expect(await fetchOci(ref)).toEqual({
      error: `cannot read provisioners ${ref}: the TLS handshake failed (EPROTO): does the server speak https on this port?`,
      warnings: [],
    });
    expect(registry.requests).toEqual([]);
  });
});

describe('WWW-Authenticate parsing', () => {
  it.each([
    {
      name: 'bearer with quoted params',
      header: 'Bearer realm="https://a/t",service="s",scope="repository:x:pull"',
      scheme: 'bearer',
      params: { realm: 'https://a/t', service: 's', scope: 'repository:x:pull' },
    },
    {
      name: 'token values and spaces',
      header: 'Basic  realm=reg , charset="UTF-8"',
      scheme: 'basic',
      params: { realm: 'reg', charset: 'UTF-8' },
    },
    { name: 'escaped quotes', header: 'Bearer realm="a\\"b"', scheme: 'bearer', params: { realm: 'a"b' } },
    { name: 'the first value of a key wins', header: 'Bearer realm="one",realm="two"', scheme: 'bearer', params: { realm: 'one' } },
    {
      name: '__proto__ is just a key',
      header: 'Bearer __proto__="x",realm="r"',
      scheme: 'bearer',
      params: { ['__proto__']: 'x', realm: 'r' },
    },
  ])('$name', ({ header, scheme, params }) => {
    const challenge = parseChallenge(header)!;
    expect({ scheme: challenge.scheme, params: Object.fromEntries(challenge.params) }).toEqual({ scheme, params });
  });
});
