/**
 * The provisioner and patch sources score-ts.yaml lists, against the copies `init` installed in .score-ts/
 * (each copy's first line names where it came from). A listed URL whose copy is installed is read from the
 * copy, offline, as score-k8s does (`init` again refreshes it); a URL without one (a fresh clone) is fetched.
 * A listed local path is read from its path, and the copies installed from it are left out: nothing is
 * loaded twice.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sourceDisplay } from './fetch-sources.js';
import { parseSourceRef } from './source-ref.js';
import { projectPath, STATE_DIR } from '../base/file-paths.js';

export const INSTALL_NOTE = 'Installed by score-ts init from ';

/** Where one listed source is read: its local path, its URL (fetched), or its installed copy (`.score-ts/NAME`). */
export interface ListedSource {
  readonly kind: 'path' | 'url' | 'copy';
  readonly value: string;
}

export interface ResolvedSources {
  /** In listed order. */
  readonly sources: readonly ListedSource[];
  /** The names of the installed copies the list stands for: not loaded again with the other copies. */
  readonly covered: ReadonlySet<string>;
  /**
   * Listed local files (absolute paths) whose text is that of the copy `init` installed from them: the person
   * running score-ts installed this very text, so its cmd:// programs may run (see provision.ts).
   */
  readonly vetted: ReadonlySet<string>;
}

/** How the copies of one kind are named, and how their first line gives their origin. */
export interface CopyKind {
  readonly suffix: string;
  readonly origin: (firstLine: string) => string | undefined;
}

const noteIn = (pattern: RegExp) => (line: string) => pattern.exec(line)?.[1];

export const PROVISIONER_COPIES: CopyKind = { suffix: '.provisioners.yaml', origin: noteIn(/^# Installed by score-ts init from (.*)$/) };
export const PATCH_TEMPLATE_COPIES: CopyKind = {
  suffix: '.patch.tpl',
  origin: (line) =>
    noteIn(/^\{\{!-- Installed by score-ts init from (.*) --\}\}$/)(line) ??
    noteIn(/^\{\{\/\* Installed by score-ts init from (.*) \*\/\}\}$/)(line),
};

export function resolveListedSources(projectDir: string, listed: readonly string[], kind: CopyKind): ResolvedSources {
  const copies = installedCopies(projectDir, kind);
  const covered = new Set<string>();
  const vetted = new Set<string>();
  const sources = listed.map((value): ListedSource => {
    const ref = parseSourceRef(value, 'source', os.homedir());
    if (ref.kind === 'path') {
      const local = projectPath(projectDir, ref.path);
      for (const copy of copies) {
        if (!isLocalOrigin(copy.origin) || !within(copy.origin, local)) continue;
        covered.add(copy.name);
        const file = path.resolve(projectDir, copy.origin);
        if (copy.body !== undefined && copy.body === readOrUndefined(file)) vetted.add(file);
      }
      return { kind: 'path', value: ref.path };
    }
    const display = sourceDisplay(ref, value);
    const copy = copies.find((c) => c.origin === display || c.origin.startsWith(`${display} (manifest `));
    if (!copy) return { kind: 'url', value };
    covered.add(copy.name);
    return { kind: 'copy', value: `${STATE_DIR}/${copy.name}` };
  });
  return { sources, covered, vetted };
}

/** The copies of one kind in .score-ts/ that say where they came from, in name order, with the text after that line. */
function installedCopies(projectDir: string, kind: CopyKind): Array<{ name: string; origin: string; body?: string }> {
  const dir = path.join(projectDir, STATE_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(kind.suffix))
    .sort()
    .flatMap((name) => {
      const text = readOrUndefined(path.join(dir, name)) ?? '';
      const end = text.indexOf('\n');
      const origin = kind.origin(end < 0 ? text : text.slice(0, end));
      return origin === undefined ? [] : [{ name, origin, ...(end < 0 ? {} : { body: text.slice(end + 1) }) }];
    });
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined; // Unreadable: loading it later says why.
  }
}

/** A local install names a path; a fetched one a URL or standard input. */
function isLocalOrigin(origin: string): boolean {
  return origin !== 'standard input' && !/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(origin);
}

/** `origin` is the listed path or a file inside the listed folder (both project-relative, '/' separators). */
function within(origin: string, listed: string): boolean {
  if (listed === '') return !origin.startsWith('../') && origin !== '..';
  return origin === listed || origin.startsWith(`${listed}/`);
}
