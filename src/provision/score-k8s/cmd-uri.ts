/**
 * The program a score-k8s `cmd://` uri names, read as score-k8s reads it (cmdprov decodeBinary): the host is
 * a program on PATH (`cmd://bash#dns` runs bash; a `#fragment` only tells entries apart), `.` or `..` the
 * project folder or its parent, `~` the home folder, and no host an absolute path (`cmd:///usr/bin/x`). A
 * program on PATH takes no path after it; user info, a port or a query are refused.
 */
import os from 'node:os';
import path from 'node:path';

export interface CmdBinary {
  /** How messages and `init` name it (the uri without its scheme and fragment). */
  readonly display: string;
  /** The executable: a bare name looked up on PATH, or a path resolved from the project folder. */
  resolve(projectDir: string): string;
}

/** The binary of a cmd:// uri, or why it cannot be run (a message). */
export function parseCmdUri(uri: string): CmdBinary | string {
  const rest = uri.slice('cmd://'.length).split('#')[0]!;
  if (rest.includes('?')) return 'a cmd:// uri cannot have a query';
  const slash = rest.indexOf('/');
  const host = slash < 0 ? rest : rest.slice(0, slash);
  const pathPart = slash < 0 ? '' : rest.slice(slash);
  if (host.includes('@')) return 'a cmd:// uri cannot have user info';
  if (/:\d*$/.test(host)) return 'a cmd:// uri cannot have a port';
  const display = rest;
  switch (host) {
    case '':
      return { display, resolve: () => path.join('/', decode(pathPart)) };
    case '~':
      return { display, resolve: () => path.join(os.homedir(), decode(pathPart)) };
    case '.':
      return { display, resolve: (projectDir) => path.join(path.resolve(projectDir), decode(pathPart)) };
    case '..':
      return { display, resolve: (projectDir) => path.join(path.dirname(path.resolve(projectDir)), decode(pathPart)) };
  }
  if (pathPart !== '' && pathPart !== '/')
    return 'a program found on PATH (cmd://NAME) cannot have a path after it; use cmd://./PATH for a file of the project';
  if (host === '') return 'a cmd:// uri needs a program';
  return { display, resolve: () => decode(host) };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
