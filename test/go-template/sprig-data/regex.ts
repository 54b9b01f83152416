/** sprig's regular expressions: RE2 syntax and matching, Go's `$1`/`${name}` expansion, Split, and each form of failure. */
import type { Tagged } from '../support/tagged.js';
import type { DataRow } from './row.js';

const DATA: Tagged = { t: 'map', v: { s: 'héllo wörld', i: { t: 'int', v: '3' }, nil: null, p: '[a-z]+' } };

export const REGEX_ROWS: readonly DataRow[] = [
  {
    name: 'regexMatch: anywhere in the string, ^ and $ at its ends',
    text: '{{ regexMatch "^a.c$" "abc" }}|{{ regexMatch "b" "abc" }}|{{ regexMatch "^[a-z]+$" "abc\\n" }}|{{ regexMatch "(?m)^b$" "a\\nb\\nc" }}',
    out: 'true|true|false|true',
  },
  { name: 'regexMatch: a bad pattern is false', text: '{{ regexMatch "(" "abc" }}', out: 'false' },
  {
    name: 'regexMatch: unicode classes and case folding',
    text: '{{ regexMatch "(?i)HÉ" "hé" }}|{{ regexMatch "^\\\\p{Greek}+$" "αβγ" }}|{{ regexMatch "^.$" "😀" }}',
    out: 'true|true|true',
  },
  { name: 'mustRegexMatch', text: '{{ mustRegexMatch "b" "abc" }}|{{ mustRegexMatch .p .s }}', data: DATA, out: 'true|true' },
  {
    name: 'mustRegexMatch: a bad pattern is the error',
    text: '{{ mustRegexMatch "(" "abc" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <mustRegexMatch "(" "abc">: error calling mustRegexMatch: error parsing regexp: missing closing ): `(`',
  },
  {
    name: 'regexFindAll: all, some, none',
    text: '{{ regexFindAll "a." "abacad" -1 }}|{{ regexFindAll "a." "abacad" 2 }}|{{ regexFindAll "a." "abacad" 0 }}|{{ regexFindAll "z" "abc" -1 }}',
    out: '[ab ac ad]|[ab ac]|[]|[]',
  },
  {
    name: 'regexFindAll: empty matches, one per rune',
    text: '{{ regexFindAll "x*" "abc" -1 }}|{{ regexFindAll "" .s -1 }}|{{ regexFindAll "a*" "baaac" -1 }}|{{ regexFindAll "a|" "baaac" -1 }}',
    data: DATA,
    out: '[   ]|[           ]|[ aaa ]|[ a a a ]',
  },
  {
    name: 'regexFindAll: no match is a nil []string',
    text: '{{ printf "%T %d %v" (regexFindAll "z" "abc" -1) (len (regexFindAll "z" "abc" -1)) (regexFindAll "z" "abc" -1) }}',
    out: '[]string 0 []',
  },
  {
    name: 'regexFindAll: leftmost-first, non-greedy and (?U)',
    text: '{{ regexFindAll "a+?" "aaa" -1 }}|{{ regexFindAll "(?U)a+" "aaa" -1 }}|{{ regexFind "(a|ab)(c|bcd)(d*)" "abcd" }}',
    out: '[a a a]|[a a a]|abcd',
  },
  {
    name: 'regexFindAll takes an int count',
    text: '{{ regexFindAll "a" "a" "1" }}',
    out: '',
    err: 'template: t:1:24: executing "t" at <"1">: expected integer; found "1"',
  },
  {
    name: 'regexFind',
    text: '{{ regexFind "[0-9]+" "ab123cd456" }}|{{ regexFind "z" "abc" }}|{{ regexFind "\\\\p{Han}+" "abc 日本 x" }}',
    out: '123||日本',
  },
  {
    name: "regexFind: a bad pattern panics with MustCompile's text",
    text: '{{ regexFind "(" "x" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <regexFind "(" "x">: error calling regexFind: regexp: Compile(`(`): error parsing regexp: missing closing ): `(`',
  },
  {
    name: 'regexFind: a pattern that cannot be backquoted is double-quoted',
    text: '{{ regexFind "`(" "x" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <regexFind "`(" "x">: error calling regexFind: regexp: Compile("`("): error parsing regexp: missing closing ): ``(`',
  },
  {
    name: 'regexFind: a trailing backslash',
    text: '{{ regexFind "a\\\\" "x" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <regexFind "a\\\\" "x">: error calling regexFind: regexp: Compile(`a\\`): error parsing regexp: trailing backslash at end of expression: ``',
  },
  {
    name: "mustRegexFind: Go's parse errors",
    text: '{{ mustRegexFind "a**" "x" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <mustRegexFind "a**" "x">: error calling mustRegexFind: error parsing regexp: invalid nested repetition operator: `**`',
  },
  {
    name: 'mustRegexFind: a repeat count over 1000',
    text: '{{ mustRegexFind "a{1001}" "x" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <mustRegexFind "a{1001}" "x">: error calling mustRegexFind: error parsing regexp: invalid repeat count: `{1001}`',
  },
  {
    name: 'mustRegexFind: lookahead is not RE2',
    text: '{{ mustRegexFind "(?=a)" "x" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <mustRegexFind "(?=a)" "x">: error calling mustRegexFind: error parsing regexp: invalid or unsupported Perl syntax: `(?=`',
  },
  {
    name: 'mustRegexFind: backreferences are not RE2',
    text: '{{ mustRegexFind "(a)\\\\1" "x" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <mustRegexFind "(a)\\\\1" "x">: error calling mustRegexFind: error parsing regexp: invalid escape sequence: `\\1`',
  },
  {
    name: 'mustRegexFind: a bad character class',
    text: '{{ mustRegexFind "[z-a]" "x" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <mustRegexFind "[z-a]" "x">: error calling mustRegexFind: error parsing regexp: invalid character class range: `z-a`',
  },
  {
    name: 'mustRegexFindAll: a bad pattern',
    text: '{{ mustRegexFindAll "[" "x" -1 }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <mustRegexFindAll "[" "x" -1>: error calling mustRegexFindAll: error parsing regexp: missing closing ]: `[`',
  },
  {
    name: 'regexReplaceAll: $1, ${1} and named groups',
    text: '{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }}|{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "$1W" }}|{{ regexReplaceAll "a(?P<n>x*)b" "-ab-axxb-" "<$n>" }}',
    out: '-W-xxW-|---|-<>-<xx>-',
  },
  {
    name: 'regexReplaceAll: $$, a lone $ and malformed references stay',
    text: '{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "$$1 $ $. ${ ${1" }}',
    out: '-$1 $ $. ${ ${1-$1 $ $. ${ ${1-',
  },
  {
    name: 'regexReplaceAll: numbers, leading zeros, words and $0',
    text: '{{ regexReplaceAll "(a)" "a" "[$01|$10|$1x|$0|${1}x]" }}',
    out: '[|||a|ax]',
  },
  {
    name: 'regexReplaceAll: a group that did not take part is empty',
    text: '{{ regexReplaceAll "(a)|b" "ab" "[$1]" }}|{{ regexReplaceAll "(b)?a" "ba a" "[$1]" }}',
    out: '[a][]|[b] []',
  },
  {
    name: 'regexReplaceAll: a name used twice takes the first group that matched',
    text: '{{ regexReplaceAll "(?P<n>a)|(?P<n>b)" "ab" "<${n}>" }}',
    out: '<a><b>',
  },
  {
    name: 'regexReplaceAll: empty matches',
    text: '{{ regexReplaceAll "a*" "baaac" "X" }}|{{ regexReplaceAll "" .s "-" }}|{{ regexReplaceAll "a|" "baaac" "X" }}|{{ regexReplaceAll "" "😀" "-" }}',
    data: DATA,
    out: 'XbXcX|-h-é-l-l-o- -w-ö-r-l-d-|XbXXXcX|-😀-',
  },
  {
    name: 'regexReplaceAll: a bad pattern panics',
    text: '{{ regexReplaceAll "+" "x" "y" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <regexReplaceAll "+" "x" "y">: error calling regexReplaceAll: regexp: Compile(`+`): error parsing regexp: missing argument to repetition operator: `+`',
  },
  {
    name: 'regexReplaceAllLiteral: no expansion',
    text: '{{ regexReplaceAllLiteral "a(x*)b" "-ab-axxb-" "${1}$" }}|{{ mustRegexReplaceAllLiteral "a" "aaa" "$" }}',
    out: '-${1}$-${1}$-|$$$',
  },
  {
    name: 'mustRegexReplaceAll: a bad pattern',
    text: '{{ mustRegexReplaceAll "[" "x" "y" }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <mustRegexReplaceAll "[" "x" "y">: error calling mustRegexReplaceAll: error parsing regexp: missing closing ]: `[`',
  },
  {
    name: 'regexSplit',
    text: '{{ regexSplit "a" "banana" -1 }}|{{ regexSplit "a" "banana" 2 }}|{{ regexSplit "," "a,b,c" 1 }}|{{ regexSplit "a" "aaa" -1 }}',
    out: '[b n n ]|[b nana]|[a,b,c]|[   ]',
  },
  {
    name: 'regexSplit: n = 0 is nil, an empty string gives one empty part',
    text: '{{ regexSplit "a" "banana" 0 }}|{{ len (regexSplit "a" "" -1) }}|{{ len (regexSplit "" "" -1) }}',
    out: '[]|1|0',
  },
  {
    name: 'regexSplit: empty matches split between runes',
    text: '{{ regexSplit "" "abc" -1 }}|{{ regexSplit "x*" "abc" -1 }}|{{ regexSplit "a|" "baaac" -1 }}',
    out: '[a b c]|[a b c]|[b   c]',
  },
  {
    name: 'mustRegexSplit: a bad pattern',
    text: '{{ mustRegexSplit ")" "a" 1 }}',
    out: '',
    err: 'template: t:1:3: executing "t" at <mustRegexSplit ")" "a" 1>: error calling mustRegexSplit: error parsing regexp: unexpected ): `)`',
  },
  {
    name: 'regexQuoteMeta',
    text: '{{ regexQuoteMeta "1.5*[x]{y}(z)|^$\\\\+?é" }}|{{ regexMatch (regexQuoteMeta "a.b") "axb" }}',
    out: '1\\.5\\*\\[x\\]\\{y\\}\\(z\\)\\|\\^\\$\\\\\\+\\?é|false',
  },
  {
    name: 'regex functions take strings only',
    text: '{{ regexMatch .i "3" }}',
    data: DATA,
    out: '',
    err: 'template: t:1:14: executing "t" at <.i>: wrong type for value; expected string; got int',
  },
  {
    name: 'regex functions refuse nil',
    text: '{{ regexFind "a" .nil }}',
    data: DATA,
    out: '',
    err: 'template: t:1:17: executing "t" at <.nil>: wrong type for value; expected string; got interface {}',
  },
  {
    name: '(?<name>) groups are Go 1.22+ syntax',
    text: '{{ regexReplaceAll "(?<n>a)" "xa" "[$n]" }}',
    out: 'x[a]',
    oracle: {
      out: '',
      err: 'template: t:1:3: executing "t" at <regexReplaceAll "(?<n>a)" "xa" "[$n]">: error calling regexReplaceAll: regexp: Compile(`(?<n>a)`): error parsing regexp: invalid or unsupported Perl syntax: `(?<`',
      why: 'score-k8s is built with Go 1.23, whose regexp accepts (?<name>...); Go 1.19 does not',
    },
  },
  {
    name: 'mustRegexFind: (?<name>) groups are Go 1.22+ syntax',
    text: '{{ mustRegexFind "(?<n>a)" "xa" }}',
    out: 'a',
    oracle: {
      out: '',
      err: 'template: t:1:3: executing "t" at <mustRegexFind "(?<n>a)" "xa">: error calling mustRegexFind: error parsing regexp: invalid or unsupported Perl syntax: `(?<`',
      why: 'score-k8s is built with Go 1.23, whose regexp accepts (?<name>...); Go 1.19 does not',
    },
  },
];
