/**
 * The Secrets file (--secrets-output) must stay out of git. score-ts never edits .gitignore; when the project
 * folder has one that does not list the file, generate says which line to add. Only the simple case is
 * looked at: the .gitignore of the project folder, and a file inside that folder.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isInside } from '../base/file-paths.js';
import { outputFileOf } from './output-target.js';

const GITIGNORE = '.gitignore';
/** A .gitignore lists names: a bigger file is not read. */
const GITIGNORE_LIMIT_BYTES = 1024 * 1024;

/** The warning to give, or undefined when .gitignore lists the file, there is none, or the file is elsewhere. */
export function gitignoreWarning(projectDir: string, secretsOutput: string): string | undefined {
  const file = outputFileOf(secretsOutput, projectDir);
  const project = path.resolve(projectDir);
  if (file === undefined || !isInside(file, project)) return undefined;
  const text = readGitignore(path.join(project, GITIGNORE));
  const relative = path.relative(project, file).split(path.sep).join('/');
  if (text === undefined || listsFile(text, relative)) return undefined;
  return `${secretsOutput} holds the Secrets, but ${GITIGNORE} does not list it: add the line ${ignoreLine(relative)} to ${GITIGNORE} to keep it out of git`;
}

function readGitignore(file: string): string | undefined {
  try {
    const stat = statSync(file, { throwIfNoEntry: false });
    return stat?.isFile() && stat.size <= GITIGNORE_LIMIT_BYTES ? readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined; // unreadable: nothing to advise on
  }
}

/** True when a pattern of the file (not a `!` negation) matches the file or a folder on its path. */
export function listsFile(text: string, relative: string): boolean {
  const parts = relative.split('/');
  const paths = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  return text.split(/\r?\n/).some((line) => {
    const pattern = line.replace(/(?<!\\)\s+$/, '');
    if (pattern === '' || pattern.startsWith('#') || pattern.startsWith('!')) return false;
    const folderOnly = pattern.endsWith('/');
    const body = pattern.replace(/\/+$/, '');
    // A pattern with a slash (other than at its end) is anchored at the project folder; one without matches any name.
    const anchored = body.includes('/');
    const regex = globRegex(body.replace(/^\//, ''));
    const candidates = anchored ? paths : parts;
    return candidates.some((candidate, i) => (!folderOnly || i < candidates.length - 1) && regex.test(candidate));
  });
}

/** A .gitignore glob as a regular expression: `*` and `?` within a name, `**` across folders, `[...]` sets, `\` escapes. */
function globRegex(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '\\' && i + 1 < glob.length) source += escapeRegex(glob[++i]!);
    else if (c === '*' && glob[i + 1] === '*') {
      source += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '[' && glob.indexOf(']', i + 2) > 0) {
      const end = glob.indexOf(']', i + 2);
      source += `[${glob
        .slice(i + 1, end)
        .replace(/^!/, '^')
        .replace(/[\\\]]/g, '\\$&')}]`;
      i = end;
    } else source += escapeRegex(c);
  }
  return new RegExp(`^${source}$`);
}

function escapeRegex(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The line that lists exactly this file: anchored at the project folder, its special characters escaped. */
export function ignoreLine(relative: string): string {
  return `/${relative.replace(/[\\*?[]/g, '\\$&').replace(/ $/, '\\ ')}`;
}
