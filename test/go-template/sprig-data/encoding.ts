/** sprig's base64 and base32 (Go's strict decoders, their error text returned as the result) and its hashes. */
import type { Tagged } from '../support/tagged.js';
import type { DataRow } from './row.js';

const DATA: Tagged = { t: 'map', v: { s: 'héllo 日本 😀', e: '', i: { t: 'int', v: '5' }, nil: null, ss: { t: 'strings', v: ['a'] } } };

export const ENCODING_ROWS: readonly DataRow[] = [
  {
    name: 'b64enc of UTF-8 bytes',
    text: '{{ b64enc .s }}|{{ b64enc "" }}|{{ b64enc "a" }}|{{ b64enc "ab" }}|{{ b64enc "abc" }}',
    data: DATA,
    out: 'aMOpbGxvIOaXpeacrCDwn5iA||YQ==|YWI=|YWJj',
  },
  { name: 'b64dec round trip', text: '{{ b64dec (b64enc .s) }}|{{ b64dec "aGk=" }}|{{ b64dec "" }}', data: DATA, out: 'héllo 日本 😀|hi|' },
  { name: 'b64dec skips newlines and carriage returns', text: '{{ b64dec "aG\\n==\\r\\n" }}|{{ b64dec "aGVs\\nbG8=" }}', out: 'h|hello' },
  { name: 'b64dec: missing padding', text: '{{ b64dec "aGk" }}', out: 'illegal base64 data at input byte 0' },
  { name: 'b64dec: a lone last symbol', text: '{{ b64dec "a" }}', out: 'illegal base64 data at input byte 0' },
  { name: 'b64dec: padding in the middle', text: '{{ b64dec "aG=k" }}', out: 'illegal base64 data at input byte 2' },
  {
    name: 'b64dec: data after the padding',
    text: '{{ b64dec "aG==x" }}|{{ b64dec "aGk=aGk=" }}',
    out: 'illegal base64 data at input byte 4|illegal base64 data at input byte 4',
  },
  {
    name: 'b64dec: a character outside the alphabet',
    text: '{{ b64dec "!!!!" }}|{{ b64dec "aé==" }}|{{ b64dec "aGVsbG8gd29ybGQ-" }}',
    out: 'illegal base64 data at input byte 0|illegal base64 data at input byte 1|illegal base64 data at input byte 15',
  },
  { name: 'b64dec: the URL alphabet is not the standard one', text: '{{ b64dec "_-8=" }}', out: 'illegal base64 data at input byte 0' },
  { name: 'b64dec: bytes that are not UTF-8 read as U+FFFD', text: '{{ b64dec "/w==" }}|{{ b64dec "wyg=" }}', out: '�|�(' },
  {
    name: 'b64enc takes a string only',
    text: '{{ b64enc .i }}',
    data: DATA,
    out: '',
    err: 'template: t:1:10: executing "t" at <.i>: wrong type for value; expected string; got int',
  },
  {
    name: 'b64enc of nil fails',
    text: '{{ b64enc .nil }}',
    data: DATA,
    out: '',
    err: 'template: t:1:10: executing "t" at <.nil>: wrong type for value; expected string; got interface {}',
  },
  {
    name: 'b64enc of a missing value fails',
    text: '{{ b64enc .missing }}',
    data: DATA,
    out: '',
    err: 'template: t:1:10: executing "t" at <.missing>: invalid value; expected string',
  },
  {
    name: 'b32enc',
    text: '{{ b32enc .s }}|{{ b32enc "" }}|{{ b32enc "a" }}|{{ b32enc "abcde" }}|{{ b32enc "abcdef" }}',
    data: DATA,
    out: 'NDB2S3DMN4QONF5F42OKYIHQT6MIA===||ME======|MFRGGZDF|MFRGGZDFMY======',
  },
  {
    name: 'b32dec round trip',
    text: '{{ b32dec (b32enc .s) }}|{{ b32dec "NBSWY3DP" }}|{{ b32dec "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3HO6DZPI======" }}',
    data: DATA,
    out: 'héllo 日本 😀|hello|abcdefghijklmnopqrstuvwxyz',
  },
  { name: 'b32dec strips newlines first', text: '{{ b32dec "NBSW\\nY3DP" }}', out: 'hello' },
  {
    name: 'b32dec: missing padding',
    text: '{{ b32dec "ME" }}|{{ b32dec "ME=====" }}',
    out: 'illegal base32 data at input byte 0|illegal base32 data at input byte 7',
  },
  {
    name: 'b32dec: a padding length base32 never makes',
    text: '{{ b32dec "M=======" }}|{{ b32dec "MFR=====" }}',
    out: 'illegal base32 data at input byte 1|illegal base32 data at input byte 3',
  },
  { name: 'b32dec: lower case is not the alphabet', text: '{{ b32dec "me======" }}', out: 'illegal base32 data at input byte 0' },
  { name: 'b32dec: a broken padding run', text: '{{ b32dec "ME==x===" }}', out: 'illegal base32 data at input byte 3' },
  { name: 'b32dec ignores what follows valid padding', text: '{{ b32dec "ME======MY" }}', out: 'a' },
  {
    name: 'sha1sum, sha256sum, adler32sum',
    text: '{{ sha1sum "abc" }}|{{ sha256sum .s }}|{{ adler32sum "Wikipedia" }}|{{ adler32sum "" }}',
    data: DATA,
    out: 'a9993e364706816aba3e25717850c26c9cd0d89d|070bfd669a7d4ab45f760238d313aee36db848656d8b817fedcf8f2d0d14d6a4|300286872|1',
  },
  { name: 'adler32sum of a long string (modulo reductions)', text: '{{ adler32sum (printf "%5000s" "x") }}', out: '908489079' },
  {
    name: 'sha512sum is new in sprig 3.3.0',
    text: '{{ sha512sum "abc" }}',
    out: 'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    oracle: {
      out: '',
      err: 'template: t:1: function "sha512sum" not defined',
      why: 'sha512sum came with sprig 3.3.0; 3.2.3 has no such function',
    },
  },
  {
    name: 'sha256sum takes a string only',
    text: '{{ sha256sum .ss }}',
    data: DATA,
    out: '',
    err: 'template: t:1:13: executing "t" at <.ss>: wrong type for value; expected string; got []string',
  },
];
