/** sprig's urlParse and urlJoin: Go's net/url parsing, escaping and error texts. */
import type { Tagged } from '../support/tagged.js';
import type { DataRow } from './row.js';

const DATA: Tagged = {
  t: 'map',
  v: {
    full: { t: 'map', v: { scheme: 'https', host: 'example.com:443', path: '/a b/c?d', query: 'x=1', fragment: 'f g', userinfo: 'u:p w' } },
    rel: { t: 'map', v: { host: 'h', path: 'rel' } },
    colon: { t: 'map', v: { path: 'a:b/c' } },
    opaque: { t: 'map', v: { scheme: 'mailto', opaque: 'joe@x.com' } },
    unicode: { t: 'map', v: { host: 'é.com', path: 'é', userinfo: 'ü' } },
    badUser: { t: 'map', v: { userinfo: 'ü:%zz', host: 'h' } },
    intScheme: { t: 'map', v: { scheme: { t: 'int', v: '1' } } },
    nilScheme: { t: 'map', v: { scheme: null } },
    listPath: { t: 'map', v: { path: ['a'] } },
    proto: { t: 'map', v: { scheme: { t: 'proto', v: 'tcp' }, host: 'h' } },
    nm: { t: 'nilmap' },
    s: 'http://x',
  },
};

export const URL_ROWS: readonly DataRow[] = [
  {
    name: 'a full URL: every part, decoded',
    text: '{{ urlParse "https://user:pa%20ss@example.com:8080/a/b%2Fc?x=1&y=2#frag%20ment" }}|{{ urlJoin (urlParse "https://user:pa%20ss@example.com:8080/a/b%2Fc?x=1&y=2#frag%20ment") }}',
    out: 'map[fragment:frag ment host:example.com:8080 hostname:example.com opaque: path:/a/b/c query:x=1&y=2 scheme:https userinfo:user:pa%20ss]|https://user:pa%20ss@example.com:8080/a/b/c?x=1&y=2#frag%20ment',
  },
  {
    name: 'database URLs',
    text: '{{ urlParse "postgres://user:p%40ss@db:5432/app?sslmode=disable" }}|{{ urlJoin (urlParse "postgres://user:p%40ss@db:5432/app?sslmode=disable") }}|{{ urlParse "redis://:secret@redis:6379/0" }}|{{ urlJoin (urlParse "redis://:secret@redis:6379/0") }}',
    out: 'map[fragment: host:db:5432 hostname:db opaque: path:/app query:sslmode=disable scheme:postgres userinfo:user:p%40ss]|postgres://user:p%40ss@db:5432/app?sslmode=disable|map[fragment: host:redis:6379 hostname:redis opaque: path:/0 query: scheme:redis userinfo::secret]|redis://:secret@redis:6379/0',
  },
  {
    name: 'opaque URLs (a scheme without //)',
    text: '{{ urlParse "mailto:joe@example.com" }}|{{ urlJoin (urlParse "mailto:joe@example.com") }}|{{ urlParse "git+ssh://git@github.com:org/repo.git" }}|{{ urlJoin (urlParse "git+ssh://git@github.com:org/repo.git") }}',
    out: 'map[fragment: host: hostname: opaque:joe@example.com path: query: scheme:mailto userinfo:]|mailto:joe@example.com|',
    err: 'template: t:1:93: executing "t" at <urlParse "git+ssh://git@github.com:org/repo.git">: error calling urlParse: unable to parse url: parse "git+ssh://git@github.com:org/repo.git": invalid port ":org" after host',
  },
  {
    name: 'relative references',
    text: '{{ urlParse "//host/path" }}|{{ urlJoin (urlParse "//host/path") }}|{{ urlParse "/just/path" }}|{{ urlJoin (urlParse "/just/path") }}|{{ urlParse "relative/path" }}|{{ urlJoin (urlParse "relative/path") }}|{{ urlParse "foo?bar" }}|{{ urlJoin (urlParse "foo?bar") }}',
    out: 'map[fragment: host:host hostname:host opaque: path:/path query: scheme: userinfo:]|//host/path|map[fragment: host: hostname: opaque: path:/just/path query: scheme: userinfo:]|/just/path|map[fragment: host: hostname: opaque: path:relative/path query: scheme: userinfo:]|relative/path|map[fragment: host: hostname: opaque: path:foo query:bar scheme: userinfo:]|foo?bar',
  },
  {
    name: 'IPv6 hosts and zones',
    text: '{{ urlParse "http://[fe80::1%25en0]:80/p" }}|{{ urlJoin (urlParse "http://[fe80::1%25en0]:80/p") }}|{{ urlParse "http://[::1]:8080" }}|{{ urlJoin (urlParse "http://[::1]:8080") }}',
    out: 'map[fragment: host:[fe80::1%en0]:80 hostname:fe80::1%en0 opaque: path:/p query: scheme:http userinfo:]|http://[fe80::1%25en0]:80/p|map[fragment: host:[::1]:8080 hostname:::1 opaque: path: query: scheme:http userinfo:]|http://[::1]:8080',
  },
  {
    name: 'empty and odd parts',
    text: '{{ urlParse "http://x/a?" }}|{{ urlJoin (urlParse "http://x/a?") }}|{{ urlParse "http://x/a??" }}|{{ urlJoin (urlParse "http://x/a??") }}|{{ urlParse "http://x/#" }}|{{ urlJoin (urlParse "http://x/#") }}|{{ urlParse "*" }}|{{ urlJoin (urlParse "*") }}|{{ urlParse "" }}|{{ urlJoin (urlParse "") }}|{{ urlParse "http:///path" }}|{{ urlJoin (urlParse "http:///path") }}|{{ urlParse "http://x.com:/" }}|{{ urlJoin (urlParse "http://x.com:/") }}',
    out: 'map[fragment: host:x hostname:x opaque: path:/a query: scheme:http userinfo:]|http://x/a|map[fragment: host:x hostname:x opaque: path:/a query:? scheme:http userinfo:]|http://x/a??|map[fragment: host:x hostname:x opaque: path:/ query: scheme:http userinfo:]|http://x/|map[fragment: host: hostname: opaque: path:* query: scheme: userinfo:]|*|map[fragment: host: hostname: opaque: path: query: scheme: userinfo:]||map[fragment: host: hostname: opaque: path:/path query: scheme:http userinfo:]|http:///path|map[fragment: host:x.com: hostname:x.com opaque: path:/ query: scheme:http userinfo:]|http://x.com:/',
  },
  {
    name: 'the scheme is lower-cased, the host is not',
    text: '{{ urlParse "HTTP://X.COM/" }}|{{ urlJoin (urlParse "HTTP://X.COM/") }}',
    out: 'map[fragment: host:X.COM hostname:X.COM opaque: path:/ query: scheme:http userinfo:]|http://X.COM/',
  },
  {
    name: 'non-ASCII is escaped on the way out',
    text: '{{ urlParse "http://x/é?q=é#é" }}|{{ urlJoin (urlParse "http://x/é?q=é#é") }}|{{ urlParse "s3://bucket/key with space" }}|{{ urlJoin (urlParse "s3://bucket/key with space") }}',
    out: 'map[fragment:é host:x hostname:x opaque: path:/é query:q=é scheme:http userinfo:]|http://x/%C3%A9?q=é#%C3%A9|map[fragment: host:bucket hostname:bucket opaque: path:/key with space query: scheme:s3 userinfo:]|s3://bucket/key%20with%20space',
  },
  {
    name: 'escapes in userinfo and the host',
    text: '{{ urlParse "http://%41:%42@h/" }}|{{ urlJoin (urlParse "http://%41:%42@h/") }}|{{ urlParse "http://u$%40:p@h/" }}|{{ urlJoin (urlParse "http://u$%40:p@h/") }}|{{ urlParse "http://us@er@h/" }}|{{ urlJoin (urlParse "http://us@er@h/") }}',
    out: 'map[fragment: host:h hostname:h opaque: path:/ query: scheme:http userinfo:A:B]|http://A:B@h/|map[fragment: host:h hostname:h opaque: path:/ query: scheme:http userinfo:u$%40:p]|http://u$%40:p@h/|map[fragment: host:h hostname:h opaque: path:/ query: scheme:http userinfo:us%40er]|http://us%40er@h/',
  },
  {
    name: 'path escapes that decode kept as written',
    text: '{{ urlParse "http://x/%2e" }}|{{ urlJoin (urlParse "http://x/%2e") }}|{{ urlParse "http://h/a%20b;c,d" }}|{{ urlJoin (urlParse "http://h/a%20b;c,d") }}',
    out: 'map[fragment: host:x hostname:x opaque: path:/. query: scheme:http userinfo:]|http://x/.|map[fragment: host:h hostname:h opaque: path:/a b;c,d query: scheme:http userinfo:]|http://h/a%20b;c,d',
  },
  {
    name: 'urlParse: a colon in the first segment',
    text: '{{ urlParse "a:b" }}|{{ urlParse "1http://x" }}',
    out: 'map[fragment: host: hostname: opaque:b path: query: scheme:a userinfo:]|',
    err: 'template: t:1:24: executing "t" at <urlParse "1http://x">: error calling urlParse: unable to parse url: parse "1http://x": first path segment in URL cannot contain colon',
  },
  {
    name: 'urlParse: a missing scheme',
    text: '{{ urlParse ":nope" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <urlParse ":nope">: error calling urlParse: unable to parse url: parse ":nope": missing protocol scheme',
  },
  {
    name: 'urlParse: a bad escape',
    text: '{{ urlParse "http://x/%zz" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <urlParse "http://x/%zz">: error calling urlParse: unable to parse url: parse "http://x/%zz": invalid URL escape "%zz"',
  },
  {
    name: 'urlParse: a truncated escape',
    text: '{{ urlParse "http://x/%" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <urlParse "http://x/%">: error calling urlParse: unable to parse url: parse "http://x/%": invalid URL escape "%"',
  },
  {
    name: 'urlParse: an escape in the fragment',
    text: '{{ urlParse "http://h/p#a%zzb" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <urlParse "http://h/p#a%zzb">: error calling urlParse: unable to parse url: parse "http://h/p#a%zzb": invalid URL escape "%zz"',
  },
  {
    name: 'urlParse: a missing ]',
    text: '{{ urlParse "http://[::1" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <urlParse "http://[::1">: error calling urlParse: unable to parse url: parse "http://[::1": missing \']\' in host',
  },
  {
    name: 'urlParse: a bad port',
    text: '{{ urlParse "http://h:80x/" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <urlParse "http://h:80x/">: error calling urlParse: unable to parse url: parse "http://h:80x/": invalid port ":80x" after host',
  },
  {
    name: 'urlParse: an escaped ASCII host',
    text: '{{ urlParse "http://h%41st/" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <urlParse "http://h%41st/">: error calling urlParse: unable to parse url: parse "http://h%41st/": invalid URL escape "%41"',
  },
  {
    name: 'urlParse: a space in the host',
    text: '{{ urlParse "http://a b/" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <urlParse "http://a b/">: error calling urlParse: unable to parse url: parse "http://a b/": invalid character " " in host name',
  },
  {
    name: 'urlParse: a control character',
    text: '{{ urlParse "http://x\\\\ty" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <urlParse "http://x\\\\ty">: error calling urlParse: unable to parse url: parse "http://x\\\\ty": invalid character "\\\\" in host name',
  },
  {
    name: 'urlParse: bad userinfo',
    text: '{{ urlParse "http://u<>@h/" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <urlParse "http://u<>@h/">: error calling urlParse: unable to parse url: parse "http://u<>@h/": net/url: invalid userinfo',
  },
  {
    name: 'urlParse: fields',
    text: '{{ (urlParse "http://a:1/p").hostname }}|{{ (urlParse "http://u@h").userinfo }}|{{ len (urlParse "x") }}',
    out: 'a|u|8',
  },
  {
    name: 'urlJoin: a dict of strings',
    text: '{{ urlJoin .full }}|{{ urlJoin .rel }}|{{ urlJoin .colon }}|{{ urlJoin .opaque }}|{{ urlJoin .unicode }}|{{ urlJoin .proto }}',
    data: DATA,
    out: '',
    err: 'template: t:1:3: executing "t" at <urlJoin .full>: error calling urlJoin: unable to parse userinfo in dict: parse "proto://u:p w@host": net/url: invalid userinfo',
  },
  {
    name: 'urlJoin: empty, nil and missing dicts',
    text: '{{ urlJoin (urlParse "") }}|{{ urlJoin .nm }}|{{ urlJoin nil }}|{{ urlJoin .missing }}',
    data: DATA,
    out: '|||',
  },
  {
    name: 'urlJoin: a bad userinfo',
    text: '{{ urlJoin .badUser }}',
    data: DATA,
    out: '',
    err: 'template: t:1:3: executing "t" at <urlJoin .badUser>: error calling urlJoin: unable to parse userinfo in dict: parse "proto://ü:%zz@host": net/url: invalid userinfo',
  },
  {
    name: 'urlJoin: a value that is not a string',
    text: '{{ urlJoin .intScheme }}',
    data: DATA,
    out: '',
    err: 'template: t:1:3: executing "t" at <urlJoin .intScheme>: error calling urlJoin: unable to parse scheme key, must be of type string, but int found',
  },
  {
    name: 'urlJoin: a list value',
    text: '{{ urlJoin .listPath }}',
    data: DATA,
    out: '',
    err: 'template: t:1:3: executing "t" at <urlJoin .listPath>: error calling urlJoin: unable to parse path key, must be of type string, but slice found',
  },
  {
    name: 'urlJoin: a nil value',
    text: '{{ urlJoin .nilScheme }}',
    data: DATA,
    out: '',
    err: 'template: t:1:3: executing "t" at <urlJoin .nilScheme>: error calling urlJoin: runtime error: invalid memory address or nil pointer dereference',
  },
  {
    name: 'urlJoin takes a map only',
    text: '{{ urlJoin .s }}',
    data: DATA,
    out: '',
    err: 'template: t:1:11: executing "t" at <.s>: wrong type for value; expected map[string]interface {}; got string',
  },
  {
    name: 'urlParse takes a string only',
    text: '{{ urlParse 1 }}',
    out: '',
    err: 'template: t:1:12: executing "t" at <1>: expected string; found 1',
  },
];
