'use strict';
// Loads the bundled CLI (dist/score-ts.cjs) with a V8 code cache made by this Node.js version on first use, so
// later runs need not compile what a run uses again. V8 accepts a cache only from its own version (and
// flags): a cache is looked up per Node.js version and per bundle (its first line names the build), and one
// that is missing or that V8 rejects (script.cachedDataRejected) is written after the run. The cache is only
// an optimisation: a directory that cannot be written, or a failed write, changes nothing but the speed.
//
// Where: the package's own dist/.cache/ when this user may write there (a project's node_modules), else
// $XDG_CACHE_HOME/score-ts or ~/.cache/score-ts; never a shared folder such as /tmp. V8 runs a cache's code
// without checking it, so a folder is used only when it is this user's own and closed to others (mode 0700),
// and files are written under a new name (O_EXCL) and renamed into place, so a reader never sees half a file.
// Writing a cache removes the stale ones: in the package's own folder every other build's (a rebuild or an
// upgrade in place made them), in the user's folder, which other installs may share, those not read for 30 days
// (where the filesystem records no reads: not written for 30 days, so one in use is written again).
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const root = path.join(__dirname, '..');
const bundle = path.join(root, 'dist', 'score-ts.cjs');
/** The bundle's first line, written by the build: `// score-ts build <id>` (a hash of the rest). */
const BUILD_LINE = /^\/\/ score-ts build ([0-9a-f]{16,64})\n/;

function loadCli() {
  let source;
  try {
    // The build makes the bundle ASCII, so it reads as Latin-1 into a one-byte string: no UTF-8 decoding.
    source = fs.readFileSync(bundle, 'latin1');
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
    // A clone, or a git-URL install (npm runs no build for those), has no dist/ until it is built.
    process.stderr.write(
      `error: score-ts is not built (${path.relative(process.cwd(), bundle) || bundle} is missing): run \`npm ci && npm run build\` in ${path.resolve(__dirname, '..')}\n`,
    );
    process.exit(1);
  }
  const build = BUILD_LINE.exec(source)?.[1];
  const cache =
    build === undefined || process.env.SCORE_TS_NO_CODE_CACHE ? undefined : findCache(`${build}-${process.version}-${process.arch}.cache`);
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData: cache?.data });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(bundle), module, bundle, path.dirname(bundle));
  const missing = cache !== undefined && (cache.data === undefined || script.cachedDataRejected === true);
  return {
    /**
     * Runs the CLI. The first successful `generate` of this Node.js version writes the cache of what it compiled:
     * the command that is run again and again (a cache made by `init` or `--help` would lack most of it).
     */
    runCli: async (argv, io) => {
      const code = await module.exports.runCli(argv, io);
      if (missing && code === 0 && argv.find((a) => !a.startsWith('-')) === 'generate') writeCache(cache, script);
      return code;
    },
  };
}

/** The cache file to use, in the first usable folder, with its bytes when it exists; undefined when there is none. */
function findCache(name) {
  let dir = packageCacheDir();
  if (dir === undefined || !ownedFolder(dir)) dir = userCacheDir();
  if (dir === undefined || !ownedFolder(dir)) return undefined;
  const file = path.join(dir, name);
  let data;
  try {
    data = fs.readFileSync(file);
  } catch {
    data = undefined;
  }
  return { dir, file, data };
}

function packageCacheDir() {
  return writable(path.join(root, 'dist')) ? path.join(root, 'dist', '.cache') : undefined;
}

/** $XDG_CACHE_HOME/score-ts, else ~/.cache/score-ts; undefined without an absolute home (HOME unset in CI). */
function userCacheDir() {
  const xdg = process.env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'score-ts');
  let home;
  try {
    home = require('node:os').homedir();
  } catch {
    return undefined;
  }
  return home && path.isAbsolute(home) ? path.join(home, '.cache', 'score-ts') : undefined;
}

function writable(dir) {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * True when `dir` exists or could be made, is a real folder (not a link), belongs to this user and only this
 * user may write in it. Where ownership cannot be known (Windows), only the package's own folder is used.
 */
function ownedFolder(dir) {
  if (typeof process.getuid !== 'function') return dir.startsWith(path.join(root, 'dist'));
  let stat;
  try {
    stat = fs.lstatSync(dir);
  } catch {
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      stat = fs.lstatSync(dir);
    } catch {
      return false;
    }
  }
  return stat.isDirectory() && stat.uid === process.getuid() && (stat.mode & 0o022) === 0;
}

/** Writes the code cache under a fresh name, then renames it into place; any failure is ignored. */
function writeCache(cache, script) {
  let temp;
  let fd;
  try {
    // Opened before the cache is made, so a folder that refuses the file costs one system call, not a serialisation.
    temp = path.join(cache.dir, `.${path.basename(cache.file)}.${process.pid}.${Date.now()}.tmp`);
    fd = fs.openSync(temp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
    fs.writeSync(fd, script.createCachedData());
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temp, cache.file);
    temp = undefined;
    removeStaleCaches(cache);
  } catch {
    // Only a cache: the next run compiles and tries again.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
    if (temp !== undefined) fs.rmSync(temp, { force: true });
  }
}

/** A cache file's name: `<build id>-<Node.js version>-<arch>.cache`. */
const CACHE_NAME = /^([0-9a-f]{16,64})-v\d+\.\d+\.\d+-[a-z0-9]+\.cache$/;
const SHARED_CACHE_UNUSED_MS = 30 * 24 * 60 * 60 * 1000;

/** Removes the caches of other builds beside the one just written (see the top of this file); failures are ignored. */
function removeStaleCaches(cache) {
  const build = CACHE_NAME.exec(path.basename(cache.file))?.[1];
  const own = cache.dir === packageCacheDir();
  for (const name of fs.readdirSync(cache.dir)) {
    const other = CACHE_NAME.exec(name)?.[1];
    if (other === undefined || other === build) continue;
    const file = path.join(cache.dir, name);
    try {
      if (own || Date.now() - fs.statSync(file).atimeMs > SHARED_CACHE_UNUSED_MS) fs.rmSync(file, { force: true });
    } catch {
      // Gone already, or not ours to remove: it stays.
    }
  }
}

module.exports = { loadCli };
