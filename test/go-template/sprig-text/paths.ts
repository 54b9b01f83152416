/** sprig's path functions (path and path/filepath on Unix). */
import type { SprigRow } from './row.js';

export const PATHS_ROWS: readonly SprigRow[] = [
  {
    name: 'base',
    text: '{{ base "/a/b.c" }}|{{ base "a/b/" }}|{{ base "///" }}|{{ base "" }}|{{ base "x" }}|{{ osBase "/a/é" }}',
    out: 'b.c|b|/|.|x|é',
  },
  {
    name: 'dir',
    text: '{{ dir "/a/b" }}|{{ dir "a" }}|{{ dir "/" }}|{{ dir "" }}|{{ dir "a//b//" }}|{{ osDir "/a/../b/c" }}',
    out: '/a|.|/|.|a/b|/b',
  },
  {
    name: 'clean',
    text: '{{ clean "a//b/../c/." }}|{{ clean "" }}|{{ clean "/../x" }}|{{ clean "../../a/.." }}|{{ clean "./" }}|{{ osClean "/a/./b/" }}',
    out: 'a/c|.|/x|../..|.|/a/b',
  },
  {
    name: 'ext',
    text: '{{ ext "x.tar.gz" }}|{{ ext "a.b/c" }}|{{ ext ".bashrc" }}|{{ ext "x." }}|{{ osExt "/a/b.yaml" }}',
    out: '.gz||.bashrc|.|.yaml',
  },
  { name: 'isAbs', text: '{{ isAbs "/x" }}|{{ isAbs "x" }}|{{ isAbs "" }}|{{ osIsAbs "/" }}', out: 'true|false|false|true' },
  {
    name: 'paths: the argument must be a string',
    text: '{{ base 1 }}',
    out: '',
    err: 'template: t:1:8: executing "t" at <1>: expected string; found 1',
  },
];
