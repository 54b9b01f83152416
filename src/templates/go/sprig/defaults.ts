/**
 * sprig's defaults and flow control: default, empty, coalesce, all, any, ternary, fail, the JSON functions
 * (encoding/json's texts and errors; the must* ones report errors that the others swallow, toRawJson panics)
 * and deepCopy.
 */
import { GoFuncError } from '../errors.js';
import { goFunc, type GoFunc } from '../funcs.js';
import { T } from '../go-types.js';
import type { GoValue } from '../values.js';
import { deepCopy } from './text-deep-copy.js';
import { unmarshalJson } from './text-json-decode.js';
import { JsonError, marshalJson, type JsonOptions } from './text-json-encode.js';
import { isEmpty } from './text-values.js';

const { any, string: str, bool } = T;
const variadic = { variadic: true };
const canFail = { canFail: true };

const COMPACT: JsonOptions = { escapeHtml: true };
const PRETTY: JsonOptions = { escapeHtml: true, indent: '  ' };
const RAW: JsonOptions = { escapeHtml: false };

/** A JSON encoding; on error, "" (or Go's error when `must`). */
function toJson(options: JsonOptions, must: boolean) {
  return ([v]: GoValue[]): GoValue => {
    try {
      return marshalJson(v, options);
    } catch (e) {
      if (!(e instanceof JsonError)) throw e;
      if (must) throw new GoFuncError(e.message);
      return '';
    }
  };
}

function mustFromJson([s]: GoValue[]): GoValue {
  const { value, error } = unmarshalJson(s as string);
  if (error !== undefined) throw new GoFuncError(error);
  return value;
}

export const DEFAULT_FUNCS: Readonly<Record<string, GoFunc>> = {
  default: goFunc([any, any], any, ([d, ...given]) => (given.length === 0 || isEmpty(given[0]) ? d! : given[0]!), variadic),
  empty: goFunc([any], bool, ([v]) => isEmpty(v)),
  coalesce: goFunc([any], any, (args) => args.find((v) => !isEmpty(v)) ?? null, variadic),
  all: goFunc([any], bool, (args) => args.every((v) => !isEmpty(v)), variadic),
  any: goFunc([any], bool, (args) => args.some((v) => !isEmpty(v)), variadic),
  ternary: goFunc([any, any, bool], any, ([vt, vf, v]) => (v ? vt! : vf!)),
  fail: goFunc(
    [str],
    str,
    ([msg]) => {
      throw new GoFuncError(msg as string);
    },
    canFail,
  ),
  fromJson: goFunc([str], any, ([s]) => unmarshalJson(s as string).value),
  mustFromJson: goFunc([str], any, mustFromJson, canFail),
  toJson: goFunc([any], str, toJson(COMPACT, false)),
  mustToJson: goFunc([any], str, toJson(COMPACT, true), canFail),
  toPrettyJson: goFunc([any], str, toJson(PRETTY, false)),
  mustToPrettyJson: goFunc([any], str, toJson(PRETTY, true), canFail),
  toRawJson: goFunc([any], str, toJson(RAW, true)),
  mustToRawJson: goFunc([any], str, toJson(RAW, true), canFail),
  deepCopy: goFunc([any], any, ([v]) => deepCopy(v)),
  mustDeepCopy: goFunc([any], any, ([v]) => deepCopy(v), canFail),
};
