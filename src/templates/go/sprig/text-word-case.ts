/**
 * huandu/xstrings' case conversions as sprig uses them (xstrings 1.5.0, linked by score-k8s's sprig 3.3.0):
 * snakecase and kebabcase split words at case changes, digits, connectors (`-`, `_`, white space) and
 * punctuation; camelcase is ToPascalCase, which upper-cases the first letter of each word and lower-cases an
 * upper-case run only at a word's start ("HTTPServer_x" -> "HttpserverX", "helloWorld" -> "HelloWorld").
 * Sprig 3.2.3 (xstrings 1.3) lower-cased everything after a word's first letter ("helloWorld" -> "Helloworld").
 * U+FFFD counts as an invalid byte, as Go's decoder reports it.
 */
import { fromRunes, isLetter, isNumber, isPunct, isSpace, isUpper, runesOf, toLower, toUpper } from './text-unicode.js';

const INVALID = 0xfffd;

const enum W {
  Invalid,
  Number,
  Upper,
  Alphabet,
  Connector,
  Punct,
  Other,
}

function isConnector(r: number): boolean {
  return r === 0x2d || r === 0x5f || isSpace(r);
}

/** xstrings' isAlphabet: letters, but not the common CJK ideographs. */
function isAlphabet(r: number): boolean {
  if (!isLetter(r)) return false;
  if (r < 0x3400) return true;
  return !((r >= 0x4e00 && r <= 0x9fcc) || (r >= 0x3400 && r <= 0x4d85) || (r >= 0x20000 && r <= 0x2b81d));
}

interface Word {
  readonly wt: W;
  readonly start: number;
  readonly end: number;
}

/** The next valid rune from i and how many runes were read to find it (prev when only invalid ones remain). */
function nextValid(runes: readonly number[], i: number, prev: number): [number, number] {
  let size = 0;
  for (; i < runes.length; i++) {
    size++;
    if (runes[i] !== INVALID) return [runes[i]!, size];
  }
  return [prev, size];
}

/** Runes from `at` while `keep` holds; returns the end. */
function run(runes: readonly number[], at: number, r: number, keep: (r: number) => boolean): number {
  while (at < runes.length) {
    const [next, size] = nextValid(runes, at, r);
    if (!keep(next)) break;
    [r, at] = [next, at + size];
  }
  return at;
}

function nextWord(runes: readonly number[], start: number): Word {
  if (start >= runes.length) return { wt: W.Invalid, start, end: start };
  const [r, size] = nextValid(runes, start, INVALID);
  const at = start + size;
  if (r === INVALID) return { wt: W.Invalid, start, end: at };
  const word = (wt: W, end: number): Word => ({ wt, start, end });
  if (isConnector(r)) return word(W.Connector, run(runes, at, r, isConnector));
  if (isPunct(r)) return word(W.Punct, run(runes, at, r, isPunct));
  if (isUpper(r)) return word(W.Upper, upperWordEnd(runes, at, r));
  if (isAlphabet(r))
    return word(
      W.Alphabet,
      run(runes, at, r, (x) => isAlphabet(x) && !isUpper(x)),
    );
  if (isNumber(r)) return word(W.Number, run(runes, at, r, isNumber));
  return word(
    W.Other,
    run(runes, at, r, (x) => !(isConnector(x) || isAlphabet(x) || isNumber(x) || isPunct(x))),
  );
}

/** After an upper-case letter: a run of upper case (less its last letter when a lower-case one follows), or lower case. */
function upperWordEnd(runes: readonly number[], at: number, r: number): number {
  if (at >= runes.length) return at;
  const [next, size] = nextValid(runes, at, r);
  if (isAlphabet(next) && !isUpper(next)) return run(runes, at + size, next, (x) => isAlphabet(x) && !isUpper(x));
  if (!isUpper(next)) return at;
  let [prevSize, end, cur] = [size, at + size, next];
  while (end < runes.length) {
    const [x, sz] = nextValid(runes, end, cur);
    if (!isUpper(x)) {
      if (isAlphabet(x)) end -= prevSize;
      return end;
    }
    [prevSize, end, cur] = [sz, end + sz, x];
  }
  return end;
}

/** xstrings' camelCaseToLowerCase: ToSnakeCase with '_', ToKebabCase with '-'. */
export function toConnectorCase(s: string, connector: string): string {
  const runes = runesOf(s);
  if (runes.length === 0) return '';
  const out: string[] = [];
  const c = connector.codePointAt(0)!;
  const write = (w: Word, wt: W = w.wt): void => {
    const text = runes.slice(w.start, w.end);
    if (wt !== W.Upper && wt !== W.Connector) out.push(fromRunes(text));
    else out.push(fromRunes(text.map((r) => (isConnector(r) ? c : isUpper(r) ? toLower(r) : r))));
  };
  let w = nextWord(runes, 0);
  while (w.end < runes.length) {
    if (w.wt !== W.Connector) write(w);
    const prev = w;
    w = nextWord(runes, w.end);
    w = joinNext(runes, prev, w, write, connector, out);
  }
  write(w);
  return out.join('');
}

/** The connector logic between a word and the next one; returns the word the loop continues with. */
function joinNext(runes: readonly number[], prev: Word, w: Word, write: (w: Word, wt?: W) => void, connector: string, out: string[]): Word {
  const alnum = (x: Word): boolean => x.wt === W.Alphabet || x.wt === W.Number;
  const separate = (x: Word): boolean => x.wt !== W.Invalid && x.wt !== W.Punct && x.wt !== W.Connector;
  if (prev.wt === W.Number) {
    for (; alnum(w); w = nextWord(runes, w.end)) write(w);
    if (separate(w)) out.push(connector);
    return w;
  }
  if (prev.wt === W.Connector) {
    write(prev);
    return w;
  }
  if (prev.wt === W.Punct) return w;
  if (w.wt !== W.Number) {
    if (w.wt !== W.Connector && w.wt !== W.Punct) out.push(connector);
    return w;
  }
  if (w.end >= runes.length) return w;
  const last = w;
  w = nextWord(runes, w.end);
  if (w.wt !== W.Alphabet) {
    write(last, W.Number);
    if (w.wt !== W.Connector && w.wt !== W.Punct) out.push(connector);
    return w;
  }
  out.push(connector);
  write(last, W.Number);
  for (; alnum(w); w = nextWord(runes, w.end)) write(w);
  if (separate(w)) out.push(connector);
  return w;
}

/** xstrings 1.5.0's ToPascalCase (sprig 3.3.0's camelcase). */
export function toPascalCase(s: string): string {
  const runes = runesOf(s);
  if (runes.length === 0) return '';
  const out: number[] = [];
  let i = 0;
  let r0 = 0;
  let firstUpper = false;
  while (i < runes.length) {
    r0 = runes[i++]!;
    if (!isConnector(r0)) {
      [firstUpper, r0] = [isUpper(r0), toUpper(r0)];
      break;
    }
    out.push(r0);
  }
  if (i >= runes.length) return fromRunes([...out, r0]);
  while (i < runes.length) {
    const r1 = r0;
    r0 = runes[i++]!;
    if (isConnector(r0) && isConnector(r1)) {
      out.push(r1);
    } else if (isConnector(r1)) {
      [firstUpper, r0] = [isUpper(r0), toUpper(r0)];
    } else {
      if (firstUpper && isUpper(r0)) r0 = toLower(r0);
      else if (firstUpper) firstUpper = false;
      out.push(r1);
    }
  }
  return fromRunes([...out, r0]);
}
