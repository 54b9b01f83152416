/**
 * `git-https://HOST/REPO.git/FILE` and `git-ssh://USER@HOST/REPO.git/FILE`, split as score-go splits them:
 * the repository is everything up to the first `.git/` (fetched over https:// or ssh://), the file is the
 * rest, read at the remote's HEAD. The query and fragment are ignored, as there.
 */
import { UsageError } from '../base/errors.js';
import { displayUrl } from './display-url.js';

export interface GitSource {
  /** What git is given: `https://[user[:password]@]host/path.git` or `ssh://user@host/path.git`. */
  readonly remote: string;
  /** The repository as messages show it (credentials masked; an ssh user name is no secret and is shown). */
  readonly display: string;
  /** The whole URL as messages show it. */
  readonly sourceDisplay: string;
  readonly protocol: 'https' | 'ssh';
  /** The file's path in the repository, decoded: `dir/name.provisioners.yaml`. */
  readonly file: string;
  /** The user name and password as given, to mask in git's own messages. */
  readonly secrets: readonly string[];
}

const GIT_FORM = 'git-https://HOST/REPO.git/FILE or git-ssh://USER@HOST/REPO.git/FILE';

export function splitGitUrl(url: URL, flag: string): GitSource {
  const bad = (why: string) => new UsageError(`${flag} ${displayUrl(url)}: ${why}; the form is ${GIT_FORM}`);
  const at = url.pathname.indexOf('.git/');
  if (at <= 1) throw bad('it names no repository ending in .git/');
  const file = decodePath(url.pathname.slice(at + '.git/'.length), bad);
  const segments = file.split('/');
  if (file === '' || file.endsWith('/') || segments.some((s) => s === '' || s === '.' || s === '..'))
    throw bad('it names no file after .git/');
  if (url.hostname === '' || url.hostname.startsWith('-')) throw bad('it names no host');
  const protocol = url.protocol === 'git-ssh:' ? 'ssh' : 'https';
  const userinfo = url.username === '' ? '' : `${url.username}${url.password === '' ? '' : `:${url.password}`}@`;
  const remote = `${protocol}://${userinfo}${url.host}${url.pathname.slice(0, at + '.git'.length)}`;
  const sshUser = protocol === 'ssh' && url.password === '' && url.username !== '' ? `${url.username}@` : undefined;
  const show = (u: URL) => (sshUser ? displayUrl(u).replace('//***@', `//${sshUser}`) : displayUrl(u));
  // An https user name may be a token; an ssh one (git@) is not, and masking it would blank every "git".
  const secrets = (protocol === 'https' ? [url.username, url.password] : [url.password])
    .filter((s) => s.length >= 4)
    .flatMap((s) => [s, safeDecode(s)]);
  return { remote, display: show(new URL(remote)), sourceDisplay: show(url), protocol, file, secrets };
}

function decodePath(encoded: string, bad: (why: string) => UsageError): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw bad('the file path is not valid (a % that starts no escape)');
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
