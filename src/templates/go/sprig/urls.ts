/**
 * sprig's urlParse (a URL to a dict: scheme host hostname path query opaque fragment userinfo) and urlJoin
 * (such a dict back to a URL string), both through Go's net/url. Errors panic as sprig's do.
 */
import { GoFuncError } from '../errors.js';
import { goFunc, type GoFunc } from '../funcs.js';
import { T } from '../go-types.js';
import { Typed, isGoMap, typeOf, type GoMap, type GoValue } from '../values.js';
import { fromBytes, hostname, parseURL, toBytes, urlString, userinfoString, URLError, type GoURL } from './go-url.js';

function urlParse(v: string): GoMap {
  let u: GoURL;
  try {
    u = parseURL(toBytes(v));
  } catch (e) {
    if (e instanceof URLError) throw new GoFuncError(`unable to parse url: ${e.message}`);
    throw e;
  }
  const fields: Record<string, string> = {
    scheme: u.scheme,
    host: u.host,
    hostname: hostname(u.host),
    path: u.path,
    query: u.rawQuery,
    opaque: u.opaque,
    fragment: u.fragment,
    userinfo: userinfoString(u.user),
  };
  return Object.fromEntries(Object.entries(fields).map(([k, x]) => [k, fromBytes(x)]));
}

/** A dict entry that must be a string (any string kind); a missing key is "". */
function stringEntry(d: GoMap, key: string): string {
  if (!Object.hasOwn(d, key) || d[key] === undefined) return '';
  const value = d[key] as GoValue;
  if (value === null) throw new GoFuncError('runtime error: invalid memory address or nil pointer dereference');
  if (typeof value === 'string') return value;
  if (value instanceof Typed && value.type.kind === 'string') return value.v as string;
  const kind = typeOf(value)!.kind;
  throw new GoFuncError(`unable to parse ${key} key, must be of type string, but ${kind === 'ptr' ? 'ptr' : kind} found`);
}

function urlJoin(d: GoValue): string {
  const dict = isGoMap(d) ? d : {};
  const get = (key: string): string => toBytes(stringEntry(dict, key));
  const u: GoURL = {
    scheme: get('scheme'),
    host: get('host'),
    path: get('path'),
    rawQuery: get('query'),
    opaque: get('opaque'),
    fragment: get('fragment'),
    rawPath: '',
    omitHost: false,
    forceQuery: false,
    rawFragment: '',
  };
  const userinfo = get('userinfo');
  if (userinfo !== '') {
    try {
      u.user = parseURL(`proto://${userinfo}@host`).user;
    } catch (e) {
      if (e instanceof URLError) throw new GoFuncError(`unable to parse userinfo in dict: ${e.message}`);
      throw e;
    }
  }
  return fromBytes(urlString(u));
}

export const URL_FUNCS: Readonly<Record<string, GoFunc>> = {
  urlParse: goFunc([T.string], T.mapAny, ([v]) => urlParse(v as string)),
  urlJoin: goFunc([T.mapAny], T.string, ([d]) => urlJoin(d)),
};
