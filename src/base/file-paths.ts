/** Where a file lies: inside a folder or not, in a private folder or not, and its identity under any name. */
import { statSync, type Stats } from 'node:fs';
import path from 'node:path';

/** The project's state folder (state.yaml, the lock, installed provisioner files and patch templates), in the project folder. */
export const STATE_DIR = '.score-ts';

/** Folders never read from, at any depth: score-ts's state (passwords) and version control data (tokens in .git/config). */
export const PRIVATE_FOLDERS: ReadonlyMap<string, string> = new Map([
  [STATE_DIR, "score-ts's project state, with every generated password"],
  ...['.git', '.hg', '.svn', '.jj'].map((name): [string, string] => [name, 'version control data, which may hold credentials']),
]);

/**
 * The first private folder on the path, by name in any letter case (some file systems ignore case); the file
 * itself counts too (a `.git` file points at a repository's data).
 */
export function privateFolderIn(file: string): { name: string; isLeaf: boolean } | undefined {
  const parts = file.split(path.sep).map((part) => part.toLowerCase());
  const index = parts.findIndex((part) => PRIVATE_FOLDERS.has(part));
  return index < 0 ? undefined : { name: parts[index]!, isLeaf: index === parts.length - 1 };
}

/** Device and inode of each file that exists: the same file under any name, link or letter case. */
export function fileIds(files: readonly string[]): Set<string> {
  const ids = new Set<string>();
  for (const file of files) {
    try {
      ids.add(fileId(statSync(file)));
    } catch {
      // Missing or unreadable: there is nothing to read it as a source either.
    }
  }
  return ids;
}

export const fileId = (stat: Stats): string => `${stat.dev}:${stat.ino}`;

/**
 * A path as the project records and compares it: relative to the project folder, with '/' separators, without
 * `./`, `..` steps that return or a trailing '/' (`./a//b/` is `a/b`; the folder itself is '').
 */
export function projectPath(projectDir: string, file: string): string {
  // Most paths arrive in this form and need no resolving (path.resolve is the costly part for 1,000 files).
  if (isProjectPath(file)) return file;
  return path.relative(path.resolve(projectDir), path.resolve(projectDir, file)).split(path.sep).join('/');
}

/** True for a relative '/'-separated path with no empty, '.' or '..' part (on systems whose separator is '/'). */
function isProjectPath(file: string): boolean {
  if (path.sep !== '/' || file === '' || file.startsWith('/')) return false;
  return file.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

/** Whether real path `file` lies inside real folder `root`. */
export function isInside(file: string, root: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
