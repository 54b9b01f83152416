/**
 * Tagged JSON: test data both engines read the same way (see decode in oracle/main.go). Strings, booleans,
 * null and arrays stand for themselves ([]interface{}); every object is a tagged value {"t": TYPE, "v": ...},
 * so that ints, floats, nil maps, typed slices and structs survive. This file is the TypeScript twin: the
 * tags, the Go types behind them, and the test functions the oracle also has.
 */
import {
  GoFuncError,
  T,
  Typed,
  goFunc,
  mapOf,
  mapValue,
  namedType,
  pointerTo,
  pointerValue,
  sliceOf,
  sliceValue,
  structType,
  structValue,
  typedInt,
  funcMap,
  type FuncMap,
  type GoFunc,
  type GoValue,
  funcType,
} from '../../../src/templates/go/index.js';

export type Tagged = string | boolean | null | Tagged[] | { readonly t: string; readonly v?: unknown };

/** Constructors for tagged values. */
export const tag = {
  int: (n: number | bigint): Tagged => ({ t: 'int', v: String(n) }),
  float: (x: number): Tagged => ({ t: 'float64', v: Object.is(x, -0) ? '-0' : String(x) }),
  typed: (t: 'int64' | 'int8' | 'uint8' | 'uint' | 'uint64' | 'float32', n: number | bigint): Tagged => ({ t, v: String(n) }),
  complex: (re: number, im: number): Tagged => ({ t: 'complex', v: [String(re), String(im)] }),
  map: (entries: Readonly<Record<string, Tagged>>): Tagged => ({ t: 'map', v: entries }),
  nilMap: (): Tagged => ({ t: 'nilmap' }),
  nilSlice: (): Tagged => ({ t: 'nilslice' }),
  strings: (items: readonly string[]): Tagged => ({ t: 'strings', v: items }),
  ints: (items: readonly number[]): Tagged => ({ t: 'ints', v: items }),
  smap: (entries: Readonly<Record<string, string>>): Tagged => ({ t: 'smap', v: entries }),
  imap: (entries: Readonly<Record<string, Tagged>>): Tagged => ({ t: 'imap', v: entries }),
  proto: (s: string): Tagged => ({ t: 'proto', v: s }),
  port: (p: PortJson): Tagged => ({ t: 'port', v: p }),
  service: (s: ServiceJson): Tagged => ({ t: 'service', v: s }),
  data: (d: DataJson): Tagged => ({ t: 'data', v: d }),
  func: (name: 'add' | 'fail' | 'concat' | 'nilfn'): Tagged => ({ t: 'func', v: name }),
};

export interface PortJson {
  Name?: string;
  Port?: number;
  TargetPort?: number;
  Protocol?: string;
}
export interface ServiceJson {
  ServiceName?: string;
  Ports?: Record<string, PortJson>;
}
export interface DataJson {
  Name?: string;
  Params?: Tagged;
  Services?: Record<string, ServiceJson>;
  Any?: Tagged;
  Ptr?: ServiceJson | null;
  Hidden?: string;
}

/** The oracle's struct types, as the engine describes them. */
const Protocol = namedType('main.Protocol', T.string);
const Port = structType('main.Port', [
  { name: 'Name', type: T.string },
  { name: 'Port', type: T.int },
  { name: 'TargetPort', type: T.int },
  { name: 'Protocol', type: Protocol },
]);
const Service = structType('main.Service', [
  { name: 'ServiceName', type: T.string },
  { name: 'Ports', type: mapOf(T.string, Port) },
]);
const Data = structType('main.Data', [
  { name: 'Name', type: T.string },
  { name: 'Params', type: T.mapAny },
  { name: 'Services', type: mapOf(T.string, Service) },
  { name: 'Any', type: T.any },
  { name: 'Ptr', type: pointerTo(Service) },
  { name: 'hidden', type: T.string },
]);

function port(p: PortJson): GoValue {
  return structValue(Port, {
    Name: p.Name ?? '',
    Port: BigInt(p.Port ?? 0),
    TargetPort: BigInt(p.TargetPort ?? 0),
    Protocol: new Typed(Protocol, p.Protocol ?? ''),
  });
}

function service(s: ServiceJson): GoValue {
  const ports = s.Ports ? Object.entries(s.Ports).map(([k, p]) => [k, port(p)] as const) : null;
  return structValue(Service, { ServiceName: s.ServiceName ?? '', Ports: mapValue(mapOf(T.string, Port), ports) });
}

function data(d: DataJson): GoValue {
  const services = d.Services ? Object.entries(d.Services).map(([k, s]) => [k, service(s)] as const) : null;
  return pointerValue(
    structValue(Data, {
      Name: d.Name ?? '',
      Params: d.Params === undefined || d.Params === null ? new Typed(T.mapAny, null) : decodeTagged(d.Params),
      Services: mapValue(mapOf(T.string, Service), services),
      Any: d.Any === undefined ? null : decodeTagged(d.Any),
      Ptr: d.Ptr ? pointerValue(service(d.Ptr)) : new Typed(pointerTo(Service), null),
      hidden: d.Hidden ?? '',
    }),
  );
}

/** Tagged JSON to the engine's values. */
export function decodeTagged(t: Tagged): GoValue {
  if (t === null || typeof t === 'string' || typeof t === 'boolean') return t;
  if (Array.isArray(t)) return t.map(decodeTagged);
  const v = (t as { v?: unknown }).v;
  const each = (f: (x: Tagged) => GoValue): Array<[string, GoValue]> =>
    Object.entries(v as Record<string, Tagged>).map(([k, x]) => [k, f(x)]);
  switch ((t as { t: string }).t) {
    case 'int':
      return BigInt(v as string);
    case 'int64':
      return typedInt(T.int64, BigInt(v as string));
    case 'int8':
      return typedInt(T.int8, BigInt(v as string));
    case 'uint8':
      return typedInt(T.uint8, BigInt(v as string));
    case 'uint':
      return typedInt(T.uint, BigInt(v as string));
    case 'uint64':
      return typedInt(T.uint64, BigInt(v as string));
    case 'float64':
      return Number(v);
    case 'float32':
      return new Typed(T.float32, Math.fround(Number(v)));
    case 'complex':
      return new Typed(T.complex128, { re: Number((v as string[])[0]), im: Number((v as string[])[1]) });
    case 'map':
      return Object.fromEntries(each(decodeTagged));
    case 'nilmap':
      return new Typed(T.mapAny, null);
    case 'nilslice':
      return new Typed(T.sliceAny, null);
    case 'strings':
      return sliceValue(sliceOf(T.string), v as string[]);
    case 'ints':
      return sliceValue(
        sliceOf(T.int),
        (v as number[]).map((n) => BigInt(n)),
      );
    case 'smap':
      return mapValue(mapOf(T.string, T.string), Object.entries(v as Record<string, string>));
    case 'imap':
      return mapValue(
        mapOf(T.int, T.any),
        each(decodeTagged).map(([k, x]) => [BigInt(k), x]),
      );
    case 'proto':
      return new Typed(Protocol, v as string);
    case 'port':
      return port(v as PortJson);
    case 'service':
      return service(v as ServiceJson);
    case 'data':
      return data(v as DataJson);
    case 'func':
      return FUNC_VALUES[v as string] ?? null;
  }
  throw new Error(`unknown tag ${JSON.stringify(t)}`);
}

const fail = (s: string): string => {
  if (s !== '') throw new GoFuncError(s);
  return s;
};

/** Function values data can carry, for the call built-in. */
const FUNC_VALUES: Readonly<Record<string, GoValue>> = {
  add: fnValue(goFunc([T.int, T.int], T.int, ([a, b]) => BigInt.asIntN(64, (a as bigint) + (b as bigint)))),
  fail: fnValue(goFunc([T.string], T.string, ([s]) => fail(s as string), { canFail: true })),
  concat: fnValue(goFunc([T.string], T.string, (s) => (s as string[]).join(''), { variadic: true })),
  nilfn: new Typed(funcType([], T.int), null),
};

function fnValue(f: GoFunc): GoValue {
  return new Typed(f.type, f);
}

/** The oracle's testFuncs. */
export const TEST_FUNCS: FuncMap = funcMap({
  fail: goFunc([T.string], T.string, ([s]) => fail(s as string), { canFail: true }),
  add: goFunc([T.int, T.int], T.int, ([a, b]) => BigInt.asIntN(64, (a as bigint) + (b as bigint))),
  addf: goFunc([T.float64, T.float64], T.float64, ([a, b]) => (a as number) + (b as number)),
  strs: goFunc([T.string], sliceOf(T.string), (s) => sliceValue(sliceOf(T.string), s), { variadic: true }),
  join: goFunc([T.string, sliceOf(T.string)], T.string, ([sep, s]) => (((s as Typed).v as string[] | null) ?? []).join(sep as string)),
  anyval: goFunc([T.any], T.any, ([x]) => x),
  pair: goFunc([T.any, T.any], T.sliceAny, ([a, b]) => [a, b]),
  nilmap: goFunc([], T.mapAny, () => null),
  nilany: goFunc([], T.any, () => null),
  boom: goFunc([], T.string, () => {
    throw new GoFuncError('boom');
  }),
  u8: goFunc([T.int], T.uint8, ([x]) => typedInt(T.uint8, x as bigint)),
  tail: goFunc([T.int, T.any], T.int, ([n, ...rest]) => (n as bigint) + BigInt(rest.length), { variadic: true }),
  isnil: goFunc([T.any], T.bool, ([x]) => x === null),
  mapof: goFunc([T.string, T.any], T.mapAny, ([k, v]) => Object.fromEntries([[k as string, v]])),
  service: goFunc([T.string], pointerTo(Service), ([n]) =>
    pointerValue(structValue(Service, { ServiceName: n, Ports: mapValue(mapOf(T.string, Port), null) })),
  ),
});
