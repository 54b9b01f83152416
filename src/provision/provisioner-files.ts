/**
 * Finds and loads provisioner files, in the order that decides matching: the --provisioners files of this
 * run, then the sources score-ts.yaml lists, then the project's other `.score-ts/*.provisioners.yaml`
 * (lexicographic), then the built-in defaults (precompiled by the build).
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { InputError, type Diagnostic } from '../base/errors.js';
import { Diagnostics } from '../base/diagnostics.js';
import { packagePath } from '../base/package-path.js';
import { precompiled } from '../base/precompiled.js';
import { programOf, provisionerFromCache, type CachedProvisioner, type Provisioner, type ProvisionerOrigin } from './provisioner-file.js';
import { loadProvisionerFile } from './score-k8s/load-provisioner-file.js';
import { expandFileOrFolder, readTextFile } from '../base/read-file.js';
import { installBaseName, type FetchedText } from '../sources/fetched-text.js';
import type { SourceItem } from '../sources/fetch-sources.js';
import { INSTALL_NOTE } from '../sources/listed-sources.js';
import { parseYamlSource } from '../yaml/yaml-source.js';
import type { WorkloadInput } from '../base/types.js';
import { projectPath, STATE_DIR } from '../base/file-paths.js';

const PROJECT_PROVISIONER_SUFFIX = '.provisioners.yaml';
const BUILT_IN_PROVISIONERS = 'default.provisioners.yaml';

export interface ProvisionerFile {
  readonly absolute: string;
  readonly display: string;
  readonly origin: ProvisionerOrigin;
}

/**
 * A `--provisioners` value once the load stage has run (src/sources/): a path as given (a file or a
 * folder), or the text of a URL, an OCI artifact, a git file or standard input, which is checked here
 * exactly as a file's text is.
 */
export type ProvisionerSource = SourceItem;

/** The sources score-ts.yaml lists, ready to load, and the installed copies they stand for (left out). */
export interface ListedSourceItems {
  readonly items: readonly SourceItem[];
  /** Per item: true for a path or URL read as listed (the repository chose it), false for a copy init installed. */
  readonly chosenByRepository?: readonly boolean[];
  /** Listed local files identical to the copy init installed from them (listed-sources.ts): not the repository's choice. */
  readonly vetted?: ReadonlySet<string>;
  readonly covered: ReadonlySet<string>;
}

export const NO_LISTED_SOURCES: ListedSourceItems = { items: [], covered: new Set() };

/** One provisioner file to check: its name in messages, and its text (read from disk only when needed). */
interface ProvisionerText {
  readonly display: string;
  readonly origin: ProvisionerOrigin;
  readonly chosenByRepository?: boolean;
  read(): string;
}

/**
 * The provisioners a run needs: none when no workload has resources and no files were named for the run (a
 * project without resources starts faster); otherwise all of them, so a broken file always shows.
 */
export function loadProvisionersFor(
  projectDir: string,
  workloads: readonly WorkloadInput[],
  runSources: readonly ProvisionerSource[],
  listed = NO_LISTED_SOURCES,
): Provisioner[] {
  const needed = runSources.length > 0 || workloads.some((w) => Object.keys(w.spec.resources ?? {}).length > 0);
  return needed ? loadProvisionerSet(projectDir, runSources, listed) : [];
}

export function loadProvisionerSet(
  projectDir: string,
  runSources: readonly ProvisionerSource[],
  listed = NO_LISTED_SOURCES,
): Provisioner[] {
  const builtIns = builtInProvisioners();
  const texts = (sources: readonly SourceItem[], origin: 'run' | 'project') =>
    sources.flatMap((s) =>
      typeof s === 'string' ? expandRunPath(projectDir, s).map((f) => fromDisk({ ...f, origin })) : [fromText(s, origin)],
    );
  const copies = projectFiles(projectDir).filter((f) => !listed.covered.has(path.basename(f.absolute)));
  const listedFiles = listed.items.flatMap((item, i) => {
    const chosen = listed.chosenByRepository?.[i] === true;
    if (typeof item !== 'string') return [{ ...fromText(item, 'project'), chosenByRepository: chosen }];
    return expandRunPath(projectDir, item).map((f) => ({
      ...fromDisk({ ...f, origin: 'project' }),
      chosenByRepository: chosen && !listed.vetted?.has(f.absolute),
    }));
  });
  const files = [...texts(runSources, 'run'), ...listedFiles, ...copies.map(fromDisk)];
  const problems = new Diagnostics();
  const provisioners: Provisioner[] = [];
  for (const file of files) {
    problems.collect(() => {
      const text = file.read();
      const loaded = loadProvisionerFile(parseYamlSource(file.display, text), text, file.origin);
      provisioners.push(...(file.chosenByRepository ? loaded.map((p) => ({ ...p, chosenByRepository: true })) : loaded));
    });
  }
  if (problems.list.length > 0) throw new InputError('invalid provisioner files', problems.list);
  return [...provisioners, ...builtIns];
}

/** The built-in provisioners as the build parsed, checked and precompiled them (src/base/precompiled.ts). */
function builtInProvisioners(): Provisioner[] {
  const built = precompiled();
  return (built.builtInProvisioners() as readonly CachedProvisioner[]).map((entry) =>
    provisionerFromCache(entry, (module) => built.builtInTemplates(module)),
  );
}

/** A file, or every *.yaml / *.yml file of a folder in name order. */
function expandRunPath(projectDir: string, given: string): ProvisionerFile[] {
  return expandFileOrFolder(projectDir, given, 'provisioners', (name) => /\.ya?ml$/.test(name)).map((f) => ({
    ...f,
    origin: 'run' as const,
  }));
}

function fromDisk(file: ProvisionerFile): ProvisionerText {
  return { display: file.display, origin: file.origin, read: () => readTextFile(file.absolute, file.display, 'provisioner file') };
}

function fromText(fetched: FetchedText, origin: ProvisionerOrigin): ProvisionerText {
  return { display: fetched.display, origin, read: () => fetched.text };
}

function projectFiles(projectDir: string): ProvisionerFile[] {
  const dir = path.join(projectDir, STATE_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(PROJECT_PROVISIONER_SUFFIX))
    .sort()
    .map((name) => ({ absolute: path.join(dir, name), display: `${STATE_DIR}/${name}`, origin: 'project' as const }));
}

/** The built-in files: default.provisioners.yaml (it teaches the format) first, then the others by name. */
export function builtInFiles(): ProvisionerFile[] {
  const dir = packagePath('provisioners');
  const names = readdirSync(dir)
    .filter((n) => n.endsWith(PROJECT_PROVISIONER_SUFFIX) && n !== BUILT_IN_PROVISIONERS)
    .sort();
  return [BUILT_IN_PROVISIONERS, ...names].map((name) => ({
    absolute: path.join(dir, name),
    display: `(built-in) provisioners/${name}`,
    origin: 'built-in' as const,
  }));
}

/** A file to install into `.score-ts/`: its name there, its text, and where it came from when not a local file. */
export interface FileToInstall {
  readonly name: string;
  readonly text: string;
  /** The URL (masked) or `standard input`, also written in the installed copy's first line. */
  readonly from?: string;
  /** The programs its cmd:// provisioners run, when it came from elsewhere (init warns about them). */
  readonly programs?: readonly string[];
}

/**
 * Reads and checks provisioner files for `init --provisioners`, naming each as it will be installed:
 * `NAME.provisioners.yaml`, so the project loads it (in name order, before the built-in ones). A fetched
 * file is checked as it was fetched (messages give its own lines), then installed under the name it had
 * there, after a first line saying where it came from.
 */
export function readProvisionersToInstall(projectDir: string, given: readonly ProvisionerSource[]): FileToInstall[] {
  const problems = new Diagnostics();
  const result = given
    .flatMap((g) => installCandidates(projectDir, g))
    .flatMap(
      ({ file, install }) =>
        problems.collect(() => {
          const text = file.read();
          const programs = loadProvisionerFile(parseYamlSource(file.display, text), text, 'project').flatMap((p) => programOf(p) ?? []);
          const installed = install(text);
          return [
            {
              ...installed,
              ...(installed.from !== undefined && programs.length > 0 ? { programs: [...new Set(programs)] } : {}),
              display: file.display,
            },
          ];
        }) ?? [],
    );
  problems.push(...sameNameProblems(result));
  if (problems.list.length > 0) throw new InputError('invalid provisioner files: nothing was installed', problems.list);
  return result.map(({ display: _display, ...file }) => file);
}

const PROVISIONER_NAME = /(\.provisioners)?\.ya?ml$/;

function installCandidates(
  projectDir: string,
  given: ProvisionerSource,
): Array<{ file: ProvisionerText; install: (text: string) => FileToInstall }> {
  if (typeof given !== 'string') {
    const name = `${installBaseName(given.fileName, PROVISIONER_NAME, 'downloaded')}${PROJECT_PROVISIONER_SUFFIX}`;
    return [
      {
        file: fromText(given, 'project'),
        install: (text) => ({ name, text: `# ${INSTALL_NOTE}${given.origin}\n${text}`, from: given.origin }),
      },
    ];
  }
  return expandRunPath(projectDir, given).map((f) => {
    const name = `${path.basename(f.absolute).replace(PROVISIONER_NAME, '')}${PROJECT_PROVISIONER_SUFFIX}`;
    // The note names the file, so generate can tell the copy of a path score-ts.yaml lists (read from the path instead).
    return {
      file: fromDisk(f),
      install: (text: string) => ({ name, text: `# ${INSTALL_NOTE}${projectPath(projectDir, f.absolute)}\n${text}` }),
    };
  });
}

/** Two sources of one run that would be installed under one name: the second would replace the first. */
export function sameNameProblems(files: ReadonlyArray<{ name: string; display: string }>): Diagnostic[] {
  const first = new Map<string, string>();
  return files.flatMap(({ name, display }) => {
    const earlier = first.get(name);
    if (earlier === undefined) {
      first.set(name, display);
      return [];
    }
    return [
      {
        location: { file: display },
        field: '',
        message: `would be installed as ${name}, as ${earlier} would, and replace it: give one of them another file name (download a URL first)`,
      },
    ];
  });
}
