/**
 * Finds and loads provisioner files, in the order that decides matching: the --provisioners files of this
 * run, then the project's `.score-ts/*.provisioners.yaml` (lexicographic), then the built-in defaults.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadArtifact, loadArtifactModule } from '../build/artifacts.js';
import path from 'node:path';
import { diagnosticsOf, InputError, ScoreTsError, type Diagnostic } from '../errors.js';
import { packagePath } from '../package-path.js';
import { loadProvisioners, provisionerFromCache, type CachedProvisioner, type Provisioner, type ProvisionerOrigin } from '../provision/provisioner-file.js';
import { expandFileOrFolder, readTextFile } from './score-file.js';
import { parseYamlSource } from './yaml-source.js';
import type { WorkloadInput } from '../types.js';

export const PROJECT_PROVISIONER_SUFFIX = '.provisioners.yaml';
export const BUILT_IN_PROVISIONERS = 'default.provisioners.yaml';

export interface ProvisionerFile {
  readonly absolute: string;
  readonly display: string;
  readonly origin: ProvisionerOrigin;
}

/**
 * The provisioners a run needs: none when no workload has resources and no files were named for the run (a
 * project without resources starts faster); otherwise all of them, so a broken file always shows.
 */
export function loadProvisionersFor(projectDir: string, stateDir: string, workloads: readonly WorkloadInput[], runPaths: readonly string[]): Provisioner[] {
  const needed = runPaths.length > 0 || workloads.some((w) => Object.keys(w.spec.resources ?? {}).length > 0);
  return needed ? loadProvisionerSet(projectDir, stateDir, runPaths) : [];
}

export function loadProvisionerSet(projectDir: string, stateDir: string, runPaths: readonly string[]): Provisioner[] {
  const cached = cachedBuiltIns();
  const files = [...runPaths.flatMap((p) => expandRunPath(projectDir, p)), ...projectFiles(projectDir, stateDir), ...(cached ? [] : builtInFiles())];
  const problems: Diagnostic[] = [];
  const provisioners: Provisioner[] = [];
  for (const file of files) {
    try {
      const source = parseYamlSource(file.display, readTextFile(file.absolute, file.display, 'provisioner file'));
      provisioners.push(...loadProvisioners(source, file.origin));
    } catch (e) {
      if (!(e instanceof ScoreTsError)) throw e;
      problems.push(...diagnosticsOf(e));
    }
  }
  if (problems.length > 0) throw new InputError('invalid provisioner files', problems);
  return cached ? [...provisioners, ...cached] : provisioners;
}

/** The built-in provisioners from the build's cache, when it matches the files (else they are parsed). */
function cachedBuiltIns(): Provisioner[] | undefined {
  const texts = builtInFiles().map((f) => readFileSync(f.absolute, 'utf8'));
  return loadArtifact<CachedProvisioner[]>('builtin-provisioners.cjs', builtInCacheKey(texts))?.map((entry) => provisionerFromCache(entry, loadSpecs));
}

function loadSpecs(module: string): Record<string, unknown> {
  return loadArtifactModule<Record<string, unknown>>(module);
}

/** What the cache of the built-in files is keyed by: all their texts. */
export function builtInCacheKey(texts: readonly string[]): string {
  return texts.join('\u0000');
}

/** A file, or every *.yaml / *.yml file of a folder in name order. */
export function expandRunPath(projectDir: string, given: string): ProvisionerFile[] {
  return expandFileOrFolder(projectDir, given, 'provisioners', (name) => /\.ya?ml$/.test(name)).map((f) => ({ ...f, origin: 'run' as const }));
}

function projectFiles(projectDir: string, stateDir: string): ProvisionerFile[] {
  const dir = path.join(projectDir, stateDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(PROJECT_PROVISIONER_SUFFIX))
    .sort()
    .map((name) => ({ absolute: path.join(dir, name), display: `${stateDir}/${name}`, origin: 'project' as const }));
}

/** The built-in files: default.provisioners.yaml (it teaches the format) first, then the others by name. */
export function builtInFiles(): ProvisionerFile[] {
  const dir = packagePath('provisioners');
  const names = readdirSync(dir).filter((n) => n.endsWith(PROJECT_PROVISIONER_SUFFIX) && n !== BUILT_IN_PROVISIONERS).sort();
  return [BUILT_IN_PROVISIONERS, ...names].map((name) => ({ absolute: path.join(dir, name), display: `(built-in) provisioners/${name}`, origin: 'built-in' as const }));
}

/**
 * Reads and checks provisioner files for `init --provisioners`, naming each as it will be installed:
 * `NAME.provisioners.yaml`, so the project loads it (in name order, before the built-in ones).
 */
export function readProvisionersToInstall(projectDir: string, given: readonly string[]): Array<{ name: string; text: string }> {
  const files = given.flatMap((p) => expandRunPath(projectDir, p));
  const problems: Diagnostic[] = [];
  const result = files.flatMap((file) => {
    try {
      const text = readTextFile(file.absolute, file.display, 'provisioner file');
      loadProvisioners(parseYamlSource(file.display, text), 'project');
      const base = path.basename(file.absolute).replace(/(\.provisioners)?\.ya?ml$/, '');
      return [{ name: `${base}${PROJECT_PROVISIONER_SUFFIX}`, text }];
    } catch (e) {
      if (!(e instanceof ScoreTsError)) throw e;
      problems.push(...diagnosticsOf(e));
      return [];
    }
  });
  if (problems.length > 0) throw new InputError('invalid provisioner files: nothing was installed', problems);
  return result;
}
