/**
 * What score-k8s's templates see, typed as score-k8s's Go types: `.` is a `*templateprov.Data`, so a wrong
 * field reads `can't evaluate field Foo in type *templateprov.Data` as it does there; `.WorkloadServices` is a
 * `map[string]provisioners.NetworkService` whose Ports are keyed by name and by port number.
 */
import {
  T,
  Typed,
  fromDecoded,
  mapOf,
  mapValue,
  namedType,
  pointerValue,
  structType,
  structValue,
  type GoMap,
  type GoValue,
} from '../../templates/go/index.js';
import type { ProvisionRequest, WorkloadService } from '../provision-request.js';
import { setOwn } from '../../base/plain-data.js';

const PROTOCOL = namedType('types.ServicePortProtocol', T.string);

const SERVICE_PORT = structType('provisioners.ServicePort', [
  { name: 'Name', type: T.string },
  { name: 'Port', type: T.int },
  { name: 'TargetPort', type: T.int },
  { name: 'Protocol', type: PROTOCOL },
]);

const PORTS = mapOf(T.string, SERVICE_PORT);

const NETWORK_SERVICE = structType('provisioners.NetworkService', [
  { name: 'ServiceName', type: T.string },
  { name: 'Ports', type: PORTS },
]);

const WORKLOAD_SERVICES = mapOf(T.string, NETWORK_SERVICE);

/** templateprov.Data, field for field (WorkloadMetadata as in score-k8s after 0.6.1). */
const DATA = structType('templateprov.Data', [
  { name: 'Guid', type: T.string },
  { name: 'Uid', type: T.string },
  { name: 'Type', type: T.string },
  { name: 'Class', type: T.string },
  { name: 'Id', type: T.string },
  { name: 'Params', type: T.mapAny },
  { name: 'Metadata', type: T.mapAny },
  { name: 'Init', type: T.mapAny },
  { name: 'State', type: T.mapAny },
  { name: 'Shared', type: T.mapAny },
  { name: 'SourceWorkload', type: T.string },
  { name: 'WorkloadMetadata', type: T.mapAny },
  { name: 'WorkloadServices', type: WORKLOAD_SERVICES },
  { name: 'Namespace', type: T.string },
]);

/** The stage values a template sees so far (each a decoded map). */
export interface StageValues {
  readonly init: GoMap;
  readonly state: GoMap;
  readonly shared: GoMap;
}

/** The request's parts as Go values, converted once per resource. */
export interface GoRequest {
  readonly request: ProvisionRequest;
  readonly params: GoValue;
  readonly metadata: GoValue;
  readonly workloadMetadata: GoValue;
  readonly workloadServices: Typed;
}

/** `&templateprov.Data{...}` for one stage. */
export function templateData(go: GoRequest, stages: StageValues): Typed {
  const r = go.request;
  return pointerValue(
    structValue(DATA, {
      Guid: r.guid,
      Uid: r.uid,
      Type: r.type,
      Class: r.class,
      Id: r.id,
      Params: go.params,
      Metadata: go.metadata,
      Init: stages.init,
      State: stages.state,
      Shared: stages.shared,
      SourceWorkload: r.sourceWorkload,
      WorkloadMetadata: go.workloadMetadata,
      WorkloadServices: go.workloadServices,
      Namespace: r.namespace,
    }),
  );
}

/**
 * Plain data (JSON from the state, YAML from Score files) as Go's yaml decoding gives it: whole numbers are
 * ints (score-k8s's state file is YAML, where a float 1.0 comes back as the int 1), others float64.
 */
export function goData(value: unknown): GoValue {
  return fromDecoded(withInts(value));
}

function withInts(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 2 ** 63 ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(withInts);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) setOwn(out, k, withInts(v));
  return out;
}

/** A map that is nil when empty (Params of a resource without params, as score-k8s passes it). */
export function nilWhenEmpty(value: Readonly<Record<string, unknown>> | undefined, convert: (v: unknown) => GoValue = goData): GoValue {
  if (!value || Object.keys(value).length === 0) return new Typed(T.mapAny, null);
  return convert(value);
}

const servicesCache = new WeakMap<object, Typed>();

/**
 * score-k8s's WorkloadServices: each workload's Service name and its ports by name, then by port number
 * where no port has that name (score-ts takes the first by name when two ports share a number; score-k8s's
 * choice depends on Go's map order). Converted once per run: every resource of a run shares the object.
 */
export function goWorkloadServices(services: Readonly<Record<string, WorkloadService>>): Typed {
  let typed = servicesCache.get(services);
  if (!typed) {
    typed = mapValue(
      WORKLOAD_SERVICES,
      Object.entries(services).map(([name, s]) => [name, networkService(s)] as const),
    );
    servicesCache.set(services, typed);
  }
  return typed;
}

function networkService(s: WorkloadService): Typed {
  const ports = new Map<string, GoValue>();
  for (const [name, p] of Object.entries(s.ports)) ports.set(name, servicePort(name, p));
  for (const [number, p] of Object.entries(s.portsByNumber)) {
    if (!ports.has(number)) ports.set(number, servicePort(nameOf(s, p), p));
  }
  return structValue(NETWORK_SERVICE, { ServiceName: s.serviceName, Ports: mapValue(PORTS, ports) });
}

function nameOf(s: WorkloadService, port: object): string {
  return Object.entries(s.ports).find(([, p]) => p === port)?.[0] ?? '';
}

function servicePort(name: string, p: { port: number; targetPort: number; protocol: string }): Typed {
  return structValue(SERVICE_PORT, {
    Name: name,
    Port: BigInt(p.port),
    TargetPort: BigInt(p.targetPort),
    Protocol: new Typed(PROTOCOL, p.protocol),
  });
}

/** Go values as plain data for the rest of score-ts: ints and uint64s become numbers. */
export function plainData(value: GoValue): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Typed) return typeof value.v === 'bigint' ? Number(value.v) : value.v === null ? null : value.v;
  if (Array.isArray(value)) return value.map(plainData);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) setOwn(out, k, plainData(v));
  return out;
}

/** Applies `f` to every string of a Go value (map keys included), keeping everything else. */
export function mapGoStrings(value: GoValue, f: (text: string) => string): GoValue {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => mapGoStrings(v, f));
  if (value === null || typeof value !== 'object' || value instanceof Typed) return value;
  const out: Record<string, GoValue> = {};
  for (const [k, v] of Object.entries(value)) setOwn(out, f(k), mapGoStrings(v, f));
  return out;
}
