/** sprig's reflection functions: fmt's %T names, reflect's kinds and DeepEqual. */
import { tag } from '../support/tagged.js';
import type { SprigRow } from './row.js';

export const REFLECTION_ROWS: readonly SprigRow[] = [
  {
    name: 'typeOf',
    text: '{{ typeOf 1 }}|{{ typeOf 1.5 }}|{{ typeOf "s" }}|{{ typeOf nil }}|{{ typeOf .missing }}|{{ typeOf (list) }}|{{ typeOf (dict) }}|{{ typeOf .s }}|{{ typeOf .p }}|{{ typeOf .d }}|{{ typeOf .f }}|{{ typeOf .t }}',
    data: tag.map({ s: tag.strings([]), p: tag.proto('TCP'), d: tag.data({}), f: tag.func('add'), t: tag.port({}) }),
    out: 'int|float64|string|<nil>|<nil>|[]interface {}|map[string]interface {}|[]string|main.Protocol|*main.Data|func(int, int) int|main.Port',
  },
  {
    name: 'typeIs and typeIsLike',
    text: '{{ typeIs "int" 1 }}|{{ typeIs "int64" 1 }}|{{ typeIsLike "main.Data" .d }}|{{ typeIsLike "int" 1 }}|{{ typeIs "<nil>" nil }}',
    data: tag.map({ d: tag.data({}) }),
    out: 'true|false|true|true|true',
  },
  {
    name: 'kindOf',
    text: '{{ kindOf 1 }}|{{ kindOf 1.5 }}|{{ kindOf nil }}|{{ kindOf (list) }}|{{ kindOf (dict) }}|{{ kindOf .p }}|{{ kindOf .d }}|{{ kindOf .t }}|{{ kindOf .f }}|{{ kindOf .c }}|{{ kindOf .u }}',
    data: tag.map({
      p: tag.proto('TCP'),
      d: tag.data({}),
      t: tag.port({}),
      f: tag.func('add'),
      c: tag.complex(1, 1),
      u: tag.typed('uint8', 1),
    }),
    out: 'int|float64|invalid|slice|map|string|ptr|struct|func|complex128|uint8',
  },
  {
    name: 'kindIs',
    text: '{{ kindIs "int" 1 }}|{{ kindIs "string" .p }}|{{ kindIs "invalid" nil }}|{{ kindIs "map" .z }}',
    data: tag.map({ p: tag.proto('TCP'), z: tag.nilMap() }),
    out: 'true|true|true|true',
  },
  {
    name: 'deepEqual',
    text: '{{ deepEqual (list 1 (dict "a" 2)) (list 1 (dict "a" 2)) }}|{{ deepEqual 1 1.0 }}|{{ deepEqual nil nil }}|{{ deepEqual .z (dict) }}|{{ deepEqual .n (list) }}|{{ deepEqual (float64 "NaN") (float64 "NaN") }}|{{ deepEqual .p .p }}|{{ deepEqual .s .s2 }}|{{ deepEqual .f .f }}',
    data: tag.map({
      z: tag.nilMap(),
      n: tag.nilSlice(),
      p: tag.port({ Name: 'a' }),
      s: tag.strings(['a']),
      s2: tag.strings(['a']),
      f: tag.func('add'),
    }),
    out: 'true|false|true|false|false|false|true|true|false',
  },
];
