/**
 * sprig's hermetic crypto: derivePassword (deterministic), decryptAES of ciphertexts Go made (encryptAES is
 * random, so tested by round trip and form elsewhere) and its panics on malformed input, htpasswd's guard.
 */
import type { DataRow } from './row.js';

export const CRYPTO_ROWS: readonly DataRow[] = [
  {
    name: 'derivePassword: the long template',
    text: '{{ derivePassword 1 "long" "password" "user" "example.com" }}',
    out: 'ZedaFaxcZaso9*',
  },
  {
    name: 'derivePassword: every template',
    text: '{{ derivePassword 0 "maximum" "pw" "ü" "site" }}|{{ derivePassword 2 "medium" "日本" "u" "s" }}|{{ derivePassword 3 "short" "p" "u" "s" }}|{{ derivePassword 4 "basic" "p" "u" "s" }}|{{ derivePassword 4294967295 "pin" "" "" "" }}',
    out: 'QYgfpr5!rIqkpTDaYo2,|GebYuh0:|Xuq4|NE87azg9|5457',
  },
  {
    name: 'derivePassword: an unknown template is reported in the result',
    text: '{{ derivePassword 1 "nope" "pw" "u" "s" }}',
    out: 'cannot find password template nope',
  },
  {
    name: 'derivePassword: the counter is a uint32',
    text: '{{ derivePassword -1 "pin" "" "" "" }}',
    out: '',
    err: 'template: t:1:18: executing "t" at <-1>: expected unsigned integer; found -1',
  },
  { name: 'derivePassword: a counter past uint32', text: '{{ derivePassword 4294967296 "pin" "" "" "" }}', out: '2847' },
  {
    name: "decryptAES: a ciphertext Go made (key 'k', 5 bytes)",
    text: '{{ decryptAES "k" "jpaaYdIUbdmISsHvPcJzaXJ6JGW8rNbBKTeExI46/SY=" }}',
    out: 'hello',
  },
  {
    name: "decryptAES: a ciphertext Go made (key 'a-very-long-password-that-exceeds-thirty-two-bytes', 5 bytes)",
    text: '{{ decryptAES "a-very-long-password-that-exceeds-thirty-two-bytes" "MdmlYQI3m6tWNXZ5l+zTBkxJU2S+yFxyj6gjxcwT22Q=" }}',
    out: 'hello',
  },
  {
    name: "decryptAES: a ciphertext Go made (key 'é', 5 bytes)",
    text: '{{ decryptAES "é" "MaPg/ccT30+fNfDFtyBICKtuDYAp0WQNYsus2uZwyB4=" }}',
    out: 'hello',
  },
  {
    name: "decryptAES: a ciphertext Go made (key 'k', 48 bytes)",
    text: '{{ decryptAES "k" "U62ctAkPjEEdfIc51YGz7F270EsLAFMrWIOidXPiidzpCSTW9v16QLaNMCqo3aJR4prUH38Hs8gizoY9gmdZBHJB+SCN68s3+ogm/FnUDN0=" }}',
    out: 'héllo wörld, this is longer than sixteen bytes',
  },
  {
    name: "decryptAES: a ciphertext Go made (key 'a-very-long-password-that-exceeds-thirty-two-bytes', 48 bytes)",
    text: '{{ decryptAES "a-very-long-password-that-exceeds-thirty-two-bytes" "4/eS/GJm0fvXubxbtYVF3U5zcyFqrF5gNAgQjAFGG3hG48kW9I+O21Kfp/dUvnrfCKvx11eL628Xs1kCqG3QJZEOL42u6OBESSKk7hMfTcY=" }}',
    out: 'héllo wörld, this is longer than sixteen bytes',
  },
  {
    name: "decryptAES: a ciphertext Go made (key 'é', 48 bytes)",
    text: '{{ decryptAES "é" "ELKTnHh9wYZT7G5mCbpTtnviRLox88SVyJsdIST+dptOCR3GCgMHdao/OH5UUSyb3ZMAxjH40tJtDDqPFKhm4AkkOA/K0Tfb15q1Mdtd8Ls=" }}',
    out: 'héllo wörld, this is longer than sixteen bytes',
  },
  {
    name: 'decryptAES: empty in, empty out; encryptAES of empty is empty',
    text: '{{ decryptAES "" "" }}|{{ encryptAES "k" "" }}',
    out: '|',
  },
  {
    name: 'decryptAES: not base64',
    text: '{{ decryptAES "k" "x" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <decryptAES "k" "x">: error calling decryptAES: illegal base64 data at input byte 0',
  },
  {
    name: 'decryptAES: shorter than an IV',
    text: '{{ decryptAES "k" "AAAA" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <decryptAES "k" "AAAA">: error calling decryptAES: runtime error: slice bounds out of range [:16] with capacity 3',
  },
  {
    name: 'decryptAES: an IV and nothing else',
    text: '{{ decryptAES "k" "AAAAAAAAAAAAAAAAAAAAAA==" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <decryptAES "k" "AAAAAAAAAAAAAAAAAAAAAA==">: error calling decryptAES: runtime error: index out of range [-1]',
  },
  {
    name: 'decryptAES: not whole blocks',
    text: '{{ decryptAES "k" "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <decryptAES "k" "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=">: error calling decryptAES: crypto/cipher: input not full blocks',
  },
  {
    name: 'decryptAES: padding longer than the text',
    text: '{{ decryptAES "secretkey" "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <decryptAES "secretkey" "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=">: error calling decryptAES: runtime error: slice bounds out of range [:-200]',
  },
  { name: 'htpasswd: a colon in the user name is reported in the result', text: '{{ htpasswd "a:b" "x" }}', out: 'invalid username: a:b' },
  {
    name: 'bcrypt: a 73-byte password gives the error text, not a 60-character hash',
    text: '{{ len (bcrypt "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx") }}|{{ len (htpasswd "u" "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy") }}',
    out: '78|80',
    oracle: {
      out: '60|62',
      why: 'x/crypto (0.39 in score-k8s) refuses passwords over 72 bytes since 2024; the x/crypto of the oracle hashed their first 72',
    },
  },
  {
    name: 'left-out functions: a call not executed parses, as in score-k8s',
    text: '{{ if false }}{{ genCA "x" 365 }}{{ genPrivateKey "rsa" }}{{ getHostByName "h" }}{{ buildCustomCert "a" "b" }}{{ end }}ok',
    out: 'ok',
  },
  {
    name: 'left-out functions: their Go signatures are checked',
    text: '{{ genSignedCert "x" nil nil 3 "ca" }}',
    out: '',
    err: 'template: t:1:31: executing "t" at <"ca">: can\'t handle "ca" for arg of type sprig.certificate',
  },
  {
    name: 'left-out functions: their arity is checked',
    text: '{{ genCA "x" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <genCA>: wrong number of args for genCA: want 2 got 1',
  },
];
