/**
 * Container `files` -> one ConfigMap per workload, each file mounted with subPath at exactly its target,
 * so the rest of the target's directory stays visible.
 */
import type { Container, ContainerFile, FieldPath, Manifest, WorkloadInput } from '../base/types.js';
import { fileSourceKey } from '../base/types.js';
import { entriesByTarget } from '../base/container-entries.js';
import { expandText, PlaceholderError, type ExpandContext } from './expand.js';
import { dnsLabel, shortHash, workloadLabels } from './names.js';
import type { Diagnostics } from '../base/diagnostics.js';
import type { PodVolume, VolumeMount } from './pod-types.js';

/** Kubernetes rejects ConfigMaps over 1 MiB. */
const CONFIGMAP_LIMIT_BYTES = 1024 * 1024;
const FILES_VOLUME = 'files';
const SECRET_FILES_VOLUME = 'secret-files';

export interface FilesResult {
  readonly manifests: Manifest[];
  readonly volumes: PodVolume[];
  readonly mounts: ReadonlyMap<string, VolumeMount[]>;
}

interface FileItem {
  container: string;
  key: string;
  mode?: number;
  text?: string;
  binary?: string;
  /** Holds a secret output: mounted from a Secret. */
  secret?: boolean;
}

export function convertFiles(workload: WorkloadInput, ctx: ExpandContext, problems: Diagnostics): FilesResult {
  const items: FileItem[] = [];
  const mounts = new Map<string, VolumeMount[]>();
  const usedKeys = new Set<string>();
  for (const [containerName, container] of Object.entries(workload.spec.containers)) {
    for (const entry of fileEntries(container, containerName, problems)) {
      const item = convertFile(workload, containerName, entry.target, entry.value, entry.path, ctx, problems);
      if (!item) continue;
      item.key = uniqueKey(containerName, entry.target, usedKeys);
      items.push(item);
      const list = mounts.get(containerName) ?? [];
      list.push({ name: item.secret ? SECRET_FILES_VOLUME : FILES_VOLUME, mountPath: entry.target, subPath: item.key, readOnly: true });
      mounts.set(containerName, list);
    }
  }
  checkSize(items, problems);
  const plain = items.filter((i) => !i.secret);
  const secret = items.filter((i) => i.secret);
  const manifests: Manifest[] = [];
  const volumes: PodVolume[] = [];
  if (plain.length > 0) {
    const configMap = buildConfigMap(workload.name, plain);
    manifests.push(configMap);
    volumes.push({ name: FILES_VOLUME, configMap: { name: configMap.metadata.name, items: volumeItems(plain) } });
  }
  if (secret.length > 0) {
    const secretObject = buildSecret(workload.name, secret);
    manifests.push(secretObject);
    volumes.push({ name: SECRET_FILES_VOLUME, secret: { secretName: secretObject.metadata.name, items: volumeItems(secret) } });
  }
  return { manifests, volumes, mounts };
}

function volumeItems(items: readonly FileItem[]) {
  return items.map(({ key, mode }) => (mode === undefined ? { key, path: key } : { key, path: key, mode }));
}

/** Files that hold secret outputs go to a Secret, never a ConfigMap. */
function buildSecret(workloadName: string, items: readonly FileItem[]): Manifest {
  const data = Object.fromEntries(items.map((i) => [i.key, i.binary ?? Buffer.from(i.text ?? '', 'utf8').toString('base64')]));
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: dnsLabel(workloadName, '-secret-files'), labels: workloadLabels(workloadName) },
    type: 'Opaque',
    data,
  };
}

function fileEntries(container: Container, containerName: string, problems: Diagnostics) {
  return entriesByTarget<ContainerFile>(container.files, ['containers', containerName, 'files'], (path) =>
    problems.add(path, 'a file in the list form needs a target path; better, use the map form keyed by target'),
  );
}

function convertFile(
  workload: WorkloadInput,
  container: string,
  target: string,
  file: ContainerFile,
  path: FieldPath,
  ctx: ExpandContext,
  problems: Diagnostics,
): FileItem | undefined {
  const mode = parseMode(file.mode, [...path, 'mode'], problems);
  const base: FileItem = { container, key: '', ...(mode === undefined ? {} : { mode }) };
  if (file.binaryContent !== undefined) {
    const bytes = decodeBase64(file.binaryContent);
    if (bytes === undefined) problems.add([...path, 'binaryContent'], 'is not valid base64');
    else return { ...base, binary: bytes.toString('base64') };
    return undefined;
  }
  let text = file.content;
  if (file.source !== undefined) {
    const bytes = workload.fileSources.get(fileSourceKey(container, target));
    if (bytes === undefined) return undefined; // The loader has already reported why.
    text = decodeUtf8(bytes);
    if (text === undefined) return { ...base, binary: bytes.toString('base64') };
  }
  if (text === undefined) return undefined;
  const contentField = [...path, file.source !== undefined ? 'source' : 'content'];
  const expanded = file.noExpand ? text : problems.attempt(contentField, PlaceholderError, () => expandText(text, ctx));
  if (expanded === undefined) return undefined;
  if (file.noExpand || !ctx.secretRefs?.contains(expanded)) return { ...base, text: expanded };
  const filled = ctx.secretRefs.fill(
    expanded,
    (ref) => ctx.secretValue?.(ref),
    (ref) =>
      problems.add(
        contentField,
        `uses the secret ${ref.name}/${ref.key}, whose value is not among the generated Secrets; read it in a variable instead, where it becomes a secretKeyRef`,
      ),
  );
  return { ...base, text: filled, secret: true };
}

function parseMode(mode: string | undefined, path: FieldPath, problems: Diagnostics): number | undefined {
  if (mode === undefined) return undefined;
  if (!/^0?[0-7]{3}$/.test(mode)) {
    problems.add(path, `'${mode}' is not an octal file mode like "0644"`);
    return undefined;
  }
  return parseInt(mode, 8);
}

/** ConfigMap keys: readable (container and target path) and unique within the workload. */
function uniqueKey(container: string, target: string, used: Set<string>): string {
  const readable = `${container}${target.replace(/[^A-Za-z0-9._-]+/g, '-')}`.replace(/^[.-]+/, '').slice(0, 200);
  const key = used.has(readable) ? `${readable}-${shortHash(container + target)}` : readable;
  used.add(key);
  return key;
}

function buildConfigMap(workloadName: string, items: readonly FileItem[]): Manifest {
  const data = Object.fromEntries(items.filter((i) => i.text !== undefined).map((i) => [i.key, i.text!]));
  const binaryData = Object.fromEntries(items.filter((i) => i.binary !== undefined).map((i) => [i.key, i.binary!]));
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: dnsLabel(workloadName, '-files'), labels: workloadLabels(workloadName) },
    ...(Object.keys(data).length > 0 ? { data } : {}),
    ...(Object.keys(binaryData).length > 0 ? { binaryData } : {}),
  };
}

function checkSize(items: readonly FileItem[], problems: Diagnostics): void {
  const total = items.reduce((n, i) => n + Buffer.byteLength(i.text ?? '') + Buffer.byteLength(i.binary ?? '', 'base64'), 0);
  if (total > CONFIGMAP_LIMIT_BYTES) {
    problems.add(
      ['containers'],
      `the workload's files hold ${total} bytes, more than the 1 MiB a Kubernetes ConfigMap can store; mount large files from a volume instead`,
    );
  }
}

function decodeBase64(text: string): Buffer | undefined {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) return undefined;
  return Buffer.from(compact, 'base64');
}

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
