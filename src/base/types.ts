/** The Score nouns (score.dev/v1b1) after validation, and the Kubernetes nouns we emit. */
import type { Location } from './errors.js';

/** A field path inside a document: map keys and array indexes. */
export type FieldPath = ReadonlyArray<string | number>;

/** Finds where a field was written (`key` asks for the key rather than its value). */
export type Locator = (path: FieldPath, key: boolean) => Location;

/** One workload ready for conversion: validated, overrides applied, file sources read. */
export interface WorkloadInput {
  readonly name: string;
  readonly spec: ScoreWorkload;
  /** The Score file as the user named it. */
  readonly file: string;
  readonly locate: Locator;
  /** Bytes of each `files.*.source`, keyed by fileSourceKey(container, target). */
  readonly fileSources: ReadonlyMap<string, Buffer>;
}

export function fileSourceKey(container: string, target: string): string {
  return `${container}\u0000${target}`;
}

export interface ScoreWorkload {
  apiVersion: string;
  metadata: WorkloadMetadata;
  service?: { ports?: Record<string, ServicePort> };
  containers: Record<string, Container>;
  resources?: Record<string, ResourceSpec>;
}

export interface WorkloadMetadata {
  name: string;
  annotations?: Record<string, string>;
  [key: string]: unknown;
}

export interface ServicePort {
  port: number;
  targetPort?: number;
  protocol?: 'TCP' | 'UDP';
}

export interface Container {
  image: string;
  command?: string[];
  args?: string[];
  variables?: Record<string, string>;
  files?: Record<string, ContainerFile> | Array<ContainerFile & { target: string }>;
  volumes?: Record<string, ContainerVolume> | Array<ContainerVolume & { target: string }>;
  resources?: { limits?: ResourceLimits; requests?: ResourceLimits };
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  before?: Record<string, { ready: 'started' | 'healthy' | 'complete' }>;
}

export interface ContainerFile {
  mode?: string;
  source?: string;
  content?: string;
  binaryContent?: string;
  noExpand?: boolean;
}

export interface ContainerVolume {
  source: string;
  path?: string;
  readOnly?: boolean;
}

export interface ResourceLimits {
  cpu?: string;
  memory?: string;
}

export interface Probe {
  httpGet?: HttpProbe;
  exec?: { command: string[] };
}

export interface HttpProbe {
  host?: string;
  scheme?: 'HTTP' | 'HTTPS';
  path: string;
  port: number;
  httpHeaders?: Array<{ name: string; value: string }>;
}

export interface ResourceSpec {
  type: string;
  class?: string;
  id?: string;
  metadata?: Record<string, unknown>;
  params?: Record<string, unknown>;
}

/** Any Kubernetes object. Built with keys in kubectl's customary order. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: unknown;
}
