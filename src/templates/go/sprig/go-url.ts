/**
 * Go's net/url, as sprig's urlParse and urlJoin use it: url.Parse (scheme, opaque, userinfo, host with port
 * or IPv6 literal, path, query, fragment, with Go's percent-decoding rules and error texts) and URL.String.
 * It works on UTF-8 bytes held one per char (latin1), as Go's byte loops do.
 */
import { decodeGoBytes } from '../fmt/utf8.js';
import { quote } from '../fmt/quote.js';

export interface GoURL {
  scheme: string;
  opaque: string;
  user?: { readonly username: string; readonly password?: string } | undefined;
  host: string;
  path: string;
  rawPath: string;
  omitHost: boolean;
  forceQuery: boolean;
  rawQuery: string;
  fragment: string;
  rawFragment: string;
}

/** A parse error; the message is Go's (`parse "x": missing protocol scheme`). */
export class URLError extends Error {}

type Mode = 'path' | 'host' | 'zone' | 'user' | 'fragment';

export const toBytes = (s: string): string => Buffer.from(s, 'utf8').toString('latin1');
export const fromBytes = (b: string): string => decodeGoBytes(Buffer.from(b, 'latin1'));

/** strconv.Quote of a byte string: invalid UTF-8 bytes as \x escapes. */
function quoteBytes(b: string): string {
  const parts = b.match(/[^\x80-\xff]+|[\x80-\xff]+/g) ?? []; // runs of ASCII and of high bytes (b is Latin-1)
  return `"${parts
    .map((p) => {
      const text = fromBytes(p);
      return toBytes(text) === p
        ? quote(text).slice(1, -1)
        : [...p].map((c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
    })
    .join('')}"`;
}

const isAlnum = (c: string): boolean => /^[A-Za-z0-9]$/.test(c);

function shouldEscape(c: string, mode: Mode): boolean {
  if (isAlnum(c)) return false;
  if ((mode === 'host' || mode === 'zone') && '!$&\'()*+,;=:[]<>"'.includes(c)) return false;
  if ('-_.~'.includes(c)) return false;
  if ('$&+,/:;=?@'.includes(c)) {
    if (mode === 'path') return c === '?';
    if (mode === 'user') return c === '@' || c === '/' || c === '?' || c === ':';
    if (mode === 'fragment') return false;
  }
  if (mode === 'fragment' && '!()*'.includes(c)) return false;
  return true;
}

export function escape(s: string, mode: Mode): string {
  let out = '';
  for (const c of s) out += shouldEscape(c, mode) ? `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}` : c;
  return out;
}

const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(c);

function unescape(s: string, mode: Mode): string {
  for (let i = 0; i < s.length;) {
    if (s[i] === '%') {
      if (i + 2 >= s.length || !isHex(s[i + 1]) || !isHex(s[i + 2])) throw new Error(`invalid URL escape ${quoteBytes(s.slice(i, i + 3))}`);
      const v = parseInt(s.slice(i + 1, i + 3), 16);
      const bad =
        (mode === 'host' && v < 0x80 && s.slice(i, i + 3) !== '%25') ||
        (mode === 'zone' && s.slice(i, i + 3) !== '%25' && v !== 0x20 && shouldEscape(String.fromCharCode(v), 'host'));
      if (bad) throw new Error(`invalid URL escape ${quoteBytes(s.slice(i, i + 3))}`);
      i += 3;
    } else {
      if ((mode === 'host' || mode === 'zone') && s.charCodeAt(i) < 0x80 && shouldEscape(s[i]!, mode))
        throw new Error(`invalid character ${quoteBytes(s[i]!)} in host name`);
      i++;
    }
  }
  return s.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function getScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return ['', raw];
      continue;
    }
    if (c === ':') {
      if (i === 0) throw new Error('missing protocol scheme');
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ['', raw];
  }
  return ['', raw];
}

const validOptionalPort = (port: string): boolean => port === '' || /^:[0-9]*$/.test(port);

function parseHost(host: string): string {
  if (host.startsWith('[')) {
    const i = host.lastIndexOf(']');
    if (i < 0) throw new Error("missing ']' in host");
    const colonPort = host.slice(i + 1);
    if (!validOptionalPort(colonPort)) throw new Error(`invalid port ${quoteBytes(colonPort)} after host`);
    const zone = host.slice(0, i).indexOf('%25');
    if (zone >= 0) return unescape(host.slice(0, zone), 'host') + unescape(host.slice(zone, i), 'zone') + unescape(host.slice(i), 'host');
  } else {
    const i = host.lastIndexOf(':');
    if (i !== -1 && !validOptionalPort(host.slice(i))) throw new Error(`invalid port ${quoteBytes(host.slice(i))} after host`);
  }
  return unescape(host, 'host');
}

function parseAuthority(authority: string, u: GoURL): void {
  const at = authority.lastIndexOf('@');
  u.host = parseHost(authority.slice(at + 1));
  if (at < 0) return;
  const userinfo = authority.slice(0, at);
  if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) throw new Error('net/url: invalid userinfo');
  const colon = userinfo.indexOf(':');
  u.user =
    colon < 0
      ? { username: unescape(userinfo, 'user') }
      : { username: unescape(userinfo.slice(0, colon), 'user'), password: unescape(userinfo.slice(colon + 1), 'user') };
}

function parseWithoutFragment(raw: string): GoURL {
  const u: GoURL = {
    scheme: '',
    opaque: '',
    host: '',
    path: '',
    rawPath: '',
    omitHost: false,
    forceQuery: false,
    rawQuery: '',
    fragment: '',
    rawFragment: '',
  };
  // eslint-disable-next-line no-control-regex -- net/url refuses control characters, as Go's does
  if (/[\x00-\x1f\x7f]/.test(raw)) throw new Error('net/url: invalid control character in URL');
  if (raw === '*') {
    u.path = '*';
    return u;
  }
  let rest: string;
  [u.scheme, rest] = getScheme(raw);
  u.scheme = u.scheme.toLowerCase();
  if (rest.endsWith('?') && rest.indexOf('?') === rest.length - 1) [u.forceQuery, rest] = [true, rest.slice(0, -1)];
  else if (rest.includes('?')) [rest, u.rawQuery] = [rest.slice(0, rest.indexOf('?')), rest.slice(rest.indexOf('?') + 1)];
  if (!rest.startsWith('/')) {
    if (u.scheme !== '') {
      u.opaque = rest;
      return u;
    }
    if (rest.split('/')[0]!.includes(':')) throw new Error('first path segment in URL cannot contain colon');
  }
  if ((u.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    parseAuthority(slash < 0 ? rest.slice(2) : rest.slice(2, slash), u);
    rest = slash < 0 ? '' : rest.slice(slash);
  } else if (u.scheme !== '' && rest.startsWith('/')) u.omitHost = true;
  u.path = unescape(rest, 'path');
  u.rawPath = escape(u.path, 'path') === rest ? '' : rest;
  return u;
}

/** url.Parse on a byte string. */
export function parseURL(raw: string): GoURL {
  const hash = raw.indexOf('#');
  const main = hash < 0 ? raw : raw.slice(0, hash);
  let u: GoURL;
  try {
    u = parseWithoutFragment(main);
  } catch (e) {
    throw new URLError(`parse ${quoteBytes(main)}: ${(e as Error).message}`);
  }
  if (hash < 0 || hash === raw.length - 1) return u;
  const f = raw.slice(hash + 1);
  try {
    u.fragment = unescape(f, 'fragment');
  } catch (e) {
    throw new URLError(`parse ${quoteBytes(raw)}: ${(e as Error).message}`);
  }
  u.rawFragment = escape(u.fragment, 'fragment') === f ? '' : f;
  return u;
}

const validEncoded = (s: string, mode: Mode): boolean => [...s].every((c) => "!$&'()*+,;=:@[]%".includes(c) || !shouldEscape(c, mode));

function escapedPath(u: GoURL): string {
  if (u.rawPath !== '' && validEncoded(u.rawPath, 'path')) {
    try {
      if (unescape(u.rawPath, 'path') === u.path) return u.rawPath;
    } catch {
      // fall through to escaping Path
    }
  }
  return u.path === '*' ? '*' : escape(u.path, 'path');
}

function escapedFragment(u: GoURL): string {
  if (u.rawFragment !== '' && validEncoded(u.rawFragment, 'fragment')) {
    try {
      if (unescape(u.rawFragment, 'fragment') === u.fragment) return u.rawFragment;
    } catch {
      // fall through to escaping Fragment
    }
  }
  return escape(u.fragment, 'fragment');
}

export function userinfoString(user: GoURL['user']): string {
  if (!user) return '';
  return escape(user.username, 'user') + (user.password === undefined ? '' : `:${escape(user.password, 'user')}`);
}

/** URL.String. */
export function urlString(u: GoURL): string {
  let out = u.scheme !== '' ? `${u.scheme}:` : '';
  if (u.opaque !== '') out += u.opaque;
  else {
    if ((u.scheme !== '' || u.host !== '' || u.user) && !(u.omitHost && u.host === '' && !u.user)) {
      if (u.host !== '' || u.path !== '' || u.user) out += '//';
      if (u.user) out += `${userinfoString(u.user)}@`;
      out += escape(u.host, 'host');
    }
    const path = escapedPath(u);
    if (path !== '' && path[0] !== '/' && u.host !== '') out += '/';
    if (out === '' && path.split('/')[0]!.includes(':')) out += './';
    out += path;
  }
  if (u.forceQuery || u.rawQuery !== '') out += `?${u.rawQuery}`;
  if (u.fragment !== '') out += `#${escapedFragment(u)}`;
  return out;
}

/** URL.Hostname: the host without its port and IPv6 brackets. */
export function hostname(host: string): string {
  let h = host;
  const colon = h.lastIndexOf(':');
  if (colon !== -1 && validOptionalPort(h.slice(colon))) h = h.slice(0, colon);
  return h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
}
