/**
 * The load stage before the pipeline: the `--provisioners` and `--patch-templates` values of one run that are
 * not local paths (URLs, OCI artifacts, git files, `-`) are read here, into text, before any project file is
 * touched; the synchronous loaders then check that text exactly as they check a local file's. Local paths
 * are passed through untouched. The network is used only for a URL the runner named, and the modules that
 * speak HTTP or run git are loaded only then.
 */
import os from 'node:os';
import { InputError, UsageError, type Diagnostic } from '../base/errors.js';
import { deadlineIn, MAX_SOURCE_BYTES, SourceFailure, type Deadline, type FetchedText } from './fetched-text.js';
import { displayUrl, maskUrlText } from './display-url.js';
import { ociDisplay } from './oci-reference.js';
import { parseSourceRef, type SourceRef } from './source-ref.js';
import type { StdinHandle } from './stdin-source.js';

/** A flag value after fetching: a local path as given, or the fetched text. */
export type SourceItem = string | FetchedText;

export interface SourceList {
  /** `--provisioners` or `--patch-templates`. */
  readonly flag: string;
  readonly values: readonly string[];
}

export interface SourceOptions {
  /** The run's environment: HOME, DOCKER_CONFIG, and what git needs (GIT_SSL_CAINFO, GIT_SSH_COMMAND ...). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdin?: (() => StdinHandle) | undefined;
  /** Messages that do not stop the run (an unreadable Docker credential file). */
  readonly warn?: (message: string) => void;
  /** What was read, for -v. */
  readonly debug?: (message: string) => void;
  /** Appended to the failure message (`nothing was installed`). */
  readonly failureNote?: string | undefined;
  /** Smaller limits or a trusted CA, for tests. */
  readonly limits?: Partial<SourceLimits>;
}

export interface SourceLimits {
  readonly maxBytes: number;
  readonly maxRedirects: number;
  /** For one http(s) or OCI source, every request and redirect included. */
  readonly timeoutSeconds: number;
  /** For one git source (fetching a whole commit takes longer). */
  readonly gitTimeoutSeconds: number;
  /** PEM certificates to trust instead of Node's (NODE_EXTRA_CA_CERTS adds to Node's without this). */
  readonly ca?: string;
}

const DEFAULT_LIMITS: SourceLimits = { maxBytes: MAX_SOURCE_BYTES, maxRedirects: 10, timeoutSeconds: 30, gitTimeoutSeconds: 120 };

/** What the scheme modules are given. */
export interface FetchLimits extends SourceLimits {
  deadline(): Deadline;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
  readonly warn: (message: string) => void;
  readonly stdin: (() => StdinHandle) | undefined;
}

interface Parsed {
  readonly flag: string;
  readonly value: string;
  readonly ref: SourceRef;
}

interface Failure {
  readonly flag: string;
  readonly shown: string;
  readonly reason: string;
}

/** Fetches every non-local value of the lists, in order; all failures are reported together. */
export async function fetchSources(lists: readonly SourceList[], options: SourceOptions): Promise<SourceItem[][]> {
  const home = options.env.HOME || os.homedir();
  const parsed = lists.map((list) =>
    list.values.map((value): Parsed => ({ flag: list.flag, value, ref: parseSourceRef(value, list.flag, home) })),
  );
  checkStdinOnce(parsed.flat());
  const limits = fetchLimits(options, home);
  const failures: Failure[] = [];
  const results: SourceItem[][] = [];
  for (const list of parsed) results.push(await fetchList(list, limits, options, failures));
  if (failures.length > 0) throw failure(failures, options.failureNote);
  return results;
}

async function fetchList(list: readonly Parsed[], limits: FetchLimits, options: SourceOptions, failures: Failure[]): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  for (const { flag, value, ref } of list) {
    if (ref.kind === 'path') {
      items.push(ref.path);
      continue;
    }
    try {
      const fetched = await fetchOne(ref, limits);
      options.debug?.(`read ${fetched.display} (${Buffer.byteLength(fetched.text)} bytes)`);
      items.push(fetched);
    } catch (e) {
      if (!(e instanceof SourceFailure)) throw e;
      failures.push({ flag, shown: sourceDisplay(ref, value), reason: e.message });
    }
  }
  return items;
}

function fetchLimits(options: SourceOptions, home: string): FetchLimits {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  return {
    ...limits,
    deadline: () => deadlineIn(limits.timeoutSeconds),
    env: options.env,
    home,
    warn: options.warn ?? (() => {}),
    stdin: options.stdin,
  };
}

async function fetchOne(ref: Exclude<SourceRef, { kind: 'path' }>, limits: FetchLimits): Promise<FetchedText> {
  switch (ref.kind) {
    case 'stdin':
      return (await import('./stdin-source.js')).readStdinSource(limits.stdin?.(), limits.maxBytes);
    case 'http':
      return (await import('./http-source.js')).fetchHttpSource(ref.url, limits);
    case 'oci':
      return (await import('./oci-source.js')).fetchOciSource(ref.reference, limits);
    case 'git':
      return (await import('./git-source.js')).fetchGitSource(ref.git, limits);
  }
}

/** Standard input can be read once: `-` twice (in any of the flags) is a usage error, found before any download. */
function checkStdinOnce(parsed: readonly Parsed[]): void {
  const flags = parsed.filter(({ ref }) => ref.kind === 'stdin').map(({ flag }) => flag);
  if (flags.length > 1)
    throw new UsageError(`standard input (-) can be read once per run, but ${flags.join(' -, ')} - name it ${flags.length} times`);
}

export function sourceDisplay(ref: SourceRef, value: string): string {
  if (ref.kind === 'stdin') return '-';
  if (ref.kind === 'oci') return ociDisplay(ref.reference);
  if (ref.kind === 'git') return ref.git.sourceDisplay;
  return ref.kind === 'http' ? displayUrl(ref.url) : maskUrlText(value);
}

/** One failure in one line (`cannot read provisioners URL: reason`), several as a list under a summary. */
function failure(failures: readonly Failure[], note: string | undefined): InputError {
  const suffix = note ? `; ${note}` : '';
  const [first] = failures;
  // `--patch-templates` reads as `patch templates`; a list of score-ts.yaml is named as it is.
  const what = first!.flag.startsWith('--') ? first!.flag.slice(2).replace(/-/g, ' ') : first!.flag;
  if (failures.length === 1) return new InputError(`cannot read ${what} ${first!.shown}: ${first!.reason}${suffix}`);
  const diagnostics: Diagnostic[] = failures.map((f) => ({ location: { origin: `${f.flag} ${f.shown}` }, field: '', message: f.reason }));
  return new InputError(`cannot read ${failures.length} sources${suffix}`, diagnostics);
}
