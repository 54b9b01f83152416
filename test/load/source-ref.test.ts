/** What a --provisioners / --patch-templates value names, how URLs are shown, and how installed copies are named. */
import { describe, expect, it } from 'vitest';
import { displayUrl, maskUrlText } from '../../src/sources/display-url.js';
import { installBaseName } from '../../src/sources/fetched-text.js';
import { splitGitUrl } from '../../src/sources/git-url.js';
import { ociDisplay, parseOciReference, registryBaseUrl } from '../../src/sources/oci-reference.js';
import { parseSourceRef } from '../../src/sources/source-ref.js';

const D64 = 'a'.repeat(64);

function attempt<T>(fn: () => T): T | { error: string } {
  try {
    return fn();
  } catch (e) {
    return { error: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

describe('parseSourceRef', () => {
  const kindOf = (value: string) => {
    const ref = attempt(() => parseSourceRef(value, '--provisioners', '/home/me'));
    if ('error' in ref) return ref;
    return ref.kind === 'path' ? { path: ref.path } : { kind: ref.kind };
  };
  it.each([
    { name: 'a relative path', value: 'platform/prod.yaml', expected: { path: 'platform/prod.yaml' } },
    { name: 'a file name with a colon stays a file', value: 'notes:v2.yaml', expected: { path: 'notes:v2.yaml' } },
    { name: 'file:// with host and path, as score-go reads it', value: 'file://./x.yaml', expected: { path: './x.yaml' } },
    { name: 'file:/// absolute, escapes decoded', value: 'file:///srv/my%20file.yaml', expected: { path: '/srv/my file.yaml' } },
    { name: 'file://~/ is the home folder', value: 'file://~/p.yaml', expected: { path: '/home/me/p.yaml' } },
    { name: '- is standard input', value: '-', expected: { kind: 'stdin' } },
    { name: 'http', value: 'http://example.com/p.yaml', expected: { kind: 'http' } },
    { name: 'HTTPS in capitals', value: 'HTTPS://example.com/p.yaml', expected: { kind: 'http' } },
    { name: 'oci', value: 'oci://ghcr.io/score-spec/provisioners:latest#x.yaml', expected: { kind: 'oci' } },
    { name: 'git-https', value: 'git-https://github.com/org/repo.git/x.yaml', expected: { kind: 'git' } },
    { name: 'git-ssh', value: 'git-ssh://git@github.com/org/repo.git/x.yaml', expected: { kind: 'git' } },
    {
      name: 'an unknown scheme',
      value: 's3://bucket/p.yaml',
      expected: {
        error:
          'UsageError: --provisioners s3://bucket/p.yaml: the scheme s3:// is not supported; use a file or folder path, file://PATH, - (standard input), http://, https://, oci://, git-https:// or git-ssh://',
      },
    },
    {
      name: 'a URL that does not parse',
      value: 'https://exa mple.com/p.yaml',
      expected: { error: 'UsageError: --provisioners https://exa mple.com/p.yaml: not a valid URL' },
    },
    {
      name: 'a bad escape in file://',
      value: 'file://%zz',
      expected: { error: 'UsageError: --provisioners file://%zz: not a valid URL (a % that starts no escape)' },
    },
    { name: 'file:// naming nothing', value: 'file://', expected: { error: 'UsageError: --provisioners file://: names no file' } },
  ])('$name', ({ value, expected }) => {
    expect(kindOf(value)).toEqual(expected);
  });
});

describe('URLs in messages and installed files', () => {
  it.each([
    { name: 'a plain URL is kept', url: 'https://example.com/a/p.yaml', shown: 'https://example.com/a/p.yaml' },
    { name: 'user and password are masked', url: 'https://user:pa55@example.com/p.yaml', shown: 'https://***@example.com/p.yaml' },
    { name: 'a token as user name is masked', url: 'https://ghp_abc@example.com/p.yaml', shown: 'https://***@example.com/p.yaml' },
    {
      name: 'query values are masked, keys kept',
      url: 'https://example.com/p.yaml?token=abc&ref=main',
      shown: 'https://example.com/p.yaml?token=***&ref=***',
    },
    {
      name: 'braces cannot start a template',
      url: 'https://example.com/p.yaml#{{evil}}',
      shown: 'https://example.com/p.yaml#%7B%7Bevil%7D%7D',
    },
    { name: 'a port is kept', url: 'http://127.0.0.1:8080/p.yaml', shown: 'http://127.0.0.1:8080/p.yaml' },
  ])('displayUrl: $name', ({ url, shown }) => {
    expect(displayUrl(new URL(url))).toBe(shown);
  });

  it.each([
    { name: 'credentials before the host', text: 'ftp://u:p@h/x', shown: 'ftp://***@h/x' },
    { name: 'a query', text: 'weird://h/x?secret=1#f', shown: 'weird://h/x?***#f' },
    { name: 'an @ in the path is not a credential', text: 'oci://reg/repo@sha256:abc', shown: 'oci://reg/repo@sha256:abc' },
  ])('maskUrlText: $name', ({ text, shown }) => {
    expect(maskUrlText(text)).toBe(shown);
  });
});

describe('parseOciReference', () => {
  const parse = (value: string) => attempt(() => parseOciReference(value, '--provisioners'));
  it.each([
    {
      name: 'registry, repository, tag and file',
      value: 'oci://ghcr.io/score-spec/community:v1#10-service.provisioners.yaml',
      expected: { registry: 'ghcr.io', repository: 'score-spec/community', tag: 'v1', file: '10-service.provisioners.yaml' },
    },
    {
      name: 'no tag: latest',
      value: 'oci://127.0.0.1:5000/prov',
      expected: { registry: '127.0.0.1:5000', repository: 'prov', tag: 'latest' },
    },
    {
      name: 'a digest',
      value: `oci://reg.io/a/b@sha256:${D64}`,
      expected: { registry: 'reg.io', repository: 'a/b', tag: 'latest', digest: `sha256:${D64}` },
    },
    {
      name: 'a tag and a digest: the digest picks',
      value: `oci://reg.io/a:v1@sha256:${D64}`,
      expected: { registry: 'reg.io', repository: 'a', tag: 'v1', digest: `sha256:${D64}` },
    },
    {
      name: 'an escaped file name',
      value: 'oci://reg.io/a#my%20file.yaml',
      expected: { registry: 'reg.io', repository: 'a', tag: 'latest', file: 'my file.yaml' },
    },
    {
      name: 'separators in names',
      value: 'oci://reg.io/a__b/c-d.e_f:1.0-rc_1',
      expected: { registry: 'reg.io', repository: 'a__b/c-d.e_f', tag: '1.0-rc_1' },
    },
    { name: 'an IPv6 registry', value: 'oci://[::1]:5000/a', expected: { registry: '[::1]:5000', repository: 'a', tag: 'latest' } },
  ])('$name', ({ value, expected }) => {
    expect(parse(value)).toEqual(expected);
  });

  const form = '; the form is oci://REGISTRY/REPOSITORY[:TAG|@DIGEST][#FILE]';
  it.each([
    { name: 'no repository', value: 'oci://ghcr.io', error: `--provisioners oci://ghcr.io: it names no repository${form}` },
    {
      name: 'capitals in the repository',
      value: 'oci://ghcr.io/Score/prov',
      error: `--provisioners oci://ghcr.io/Score/prov: 'Score/prov' is not a repository name (lowercase letters, digits and . _ - between them, / between parts)${form}`,
    },
    { name: 'a bad tag', value: 'oci://ghcr.io/a:.bad', error: `--provisioners oci://ghcr.io/a:.bad: '.bad' is not a tag${form}` },
    {
      name: 'a short digest',
      value: 'oci://ghcr.io/a@sha256:abc',
      error: `--provisioners oci://ghcr.io/a@sha256:abc: the digest must be sha256: with 64 or sha512: with 128 lowercase hex digits${form}`,
    },
    {
      name: 'credentials',
      value: 'oci://u:p@ghcr.io/a',
      error: `--provisioners oci://***@ghcr.io/a: credentials do not go in an oci:// reference (score-ts reads them from Docker's config.json)${form}`,
    },
    { name: 'a bad host', value: 'oci://-bad-/a', error: `--provisioners oci://-bad-/a: '-bad-' is not a registry host${form}` },
    {
      name: 'a name over 255 characters',
      value: `oci://r.io/${'a'.repeat(260)}`,
      error: `--provisioners oci://r.io/${'a'.repeat(260)}: the name is longer than 255 characters${form}`,
    },
  ])('refused: $name', ({ value, error }) => {
    expect(parse(value)).toEqual({ error: `UsageError: ${error}` });
  });

  it.each([
    { name: 'localhost: plain http', registry: 'localhost:5000', base: 'http://localhost:5000/v2/a/' },
    { name: '127.0.0.1: plain http', registry: '127.0.0.1:5000', base: 'http://127.0.0.1:5000/v2/a/' },
    {
      name: 'a host merely starting with localhost: https',
      registry: 'localhost.example.com',
      base: 'https://localhost.example.com/v2/a/',
    },
    { name: 'any other: https', registry: 'ghcr.io', base: 'https://ghcr.io/v2/a/' },
  ])('registryBaseUrl: $name', ({ registry, base }) => {
    expect(registryBaseUrl({ registry, repository: 'a', tag: 'latest' })).toBe(base);
  });

  it.each([
    { name: 'tag and file', ref: { registry: 'r.io', repository: 'a', tag: 'v1', file: 'x y.yaml' }, shown: 'oci://r.io/a:v1#x%20y.yaml' },
    {
      name: 'digest instead of tag',
      ref: { registry: 'r.io', repository: 'a', tag: 'v1', digest: `sha256:${D64}` },
      shown: `oci://r.io/a@sha256:${D64}`,
    },
  ])('ociDisplay: $name', ({ ref, shown }) => {
    expect(ociDisplay(ref)).toBe(shown);
  });
});

describe('splitGitUrl', () => {
  const split = (value: string) =>
    attempt(() => {
      const { remote, display, sourceDisplay, protocol, file } = splitGitUrl(new URL(value), '--provisioners');
      return { remote, display, sourceDisplay, protocol, file };
    });
  it.each([
    {
      name: 'https',
      value: 'git-https://github.com/org/repo.git/dir/x.yaml',
      expected: {
        remote: 'https://github.com/org/repo.git',
        display: 'https://github.com/org/repo.git',
        sourceDisplay: 'git-https://github.com/org/repo.git/dir/x.yaml',
        protocol: 'https',
        file: 'dir/x.yaml',
      },
    },
    {
      name: 'ssh keeps its user name in sight',
      value: 'git-ssh://git@github.com/org/repo.git/x.yaml',
      expected: {
        remote: 'ssh://git@github.com/org/repo.git',
        display: 'ssh://git@github.com/org/repo.git',
        sourceDisplay: 'git-ssh://git@github.com/org/repo.git/x.yaml',
        protocol: 'ssh',
        file: 'x.yaml',
      },
    },
    {
      name: 'https credentials go to git, masked in messages',
      value: 'git-https://u:tok@h.io/r.git/x.yaml',
      expected: {
        remote: 'https://u:tok@h.io/r.git',
        display: 'https://***@h.io/r.git',
        sourceDisplay: 'git-https://***@h.io/r.git/x.yaml',
        protocol: 'https',
        file: 'x.yaml',
      },
    },
    {
      name: 'the first .git/ splits, escapes decoded',
      value: 'git-https://h.io/a.git/b.git/my%20x.yaml?ref=main#frag',
      expected: {
        remote: 'https://h.io/a.git',
        display: 'https://h.io/a.git',
        sourceDisplay: 'git-https://h.io/a.git/b.git/my%20x.yaml?ref=***#frag',
        protocol: 'https',
        file: 'b.git/my x.yaml',
      },
    },
  ])('$name', ({ value, expected }) => {
    expect(split(value)).toEqual(expected);
  });

  const form = '; the form is git-https://HOST/REPO.git/FILE or git-ssh://USER@HOST/REPO.git/FILE';
  it.each([
    {
      name: 'no .git/',
      value: 'git-https://h.io/repo/x.yaml',
      error: `--provisioners git-https://h.io/repo/x.yaml: it names no repository ending in .git/${form}`,
    },
    {
      name: 'no file',
      value: 'git-https://h.io/repo.git/',
      error: `--provisioners git-https://h.io/repo.git/: it names no file after .git/${form}`,
    },
    {
      name: 'a folder',
      value: 'git-https://h.io/repo.git/dir/',
      error: `--provisioners git-https://h.io/repo.git/dir/: it names no file after .git/${form}`,
    },
    {
      name: 'an empty segment',
      value: 'git-https://h.io/repo.git/a//b.yaml',
      error: `--provisioners git-https://h.io/repo.git/a//b.yaml: it names no file after .git/${form}`,
    },
    {
      name: 'an escaped ..',
      value: 'git-https://h.io/repo.git/%2e%2e/x.yaml',
      error: `--provisioners git-https://h.io/x.yaml: it names no repository ending in .git/${form}`,
    },
    {
      name: 'a host that would be an option',
      value: 'git-ssh://-oProxyCommand=x/r.git/f.yaml',
      error: `--provisioners git-ssh://-oProxyCommand=x/r.git/f.yaml: it names no host${form}`,
    },
  ])('refused: $name', ({ value, error }) => {
    expect(split(value)).toEqual({ error: `UsageError: ${error}` });
  });
});

describe('installBaseName', () => {
  it.each([
    { name: 'a provisioner file', fileName: '10-service.provisioners.yaml', expected: '10-service' },
    { name: 'a .yml file', fileName: 'redis.yml', expected: 'redis' },
    { name: 'a path: only its last part', fileName: 'dir/sub/x.yaml', expected: 'x' },
    { name: 'leading dots and odd bytes', fileName: '..\u202e evil\u0000.yaml', expected: 'evil-' },
    { name: 'nothing left', fileName: '.yaml', expected: 'downloaded' },
    { name: 'a very long name', fileName: `${'n'.repeat(300)}.yaml`, expected: 'n'.repeat(100) },
  ])('$name', ({ fileName, expected }) => {
    expect(installBaseName(fileName, /(\.provisioners)?\.ya?ml$/, 'downloaded')).toBe(expected);
  });
});
