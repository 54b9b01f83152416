/**
 * The installed command (bin/score-ts.js, the bundle) with URL and stdin sources: a usual run loads no
 * network module at all; an https:// URL is trusted through NODE_EXTRA_CA_CERTS, as a user with a private
 * CA would do; `-` reads the real standard input of the process.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, tempProject } from '../support/run-cli.js';
import { provisionerFile, routes, startServer, testCa, text, type LocalServer } from './support/local-servers.js';

const bin = path.join(repoRoot, 'bin', 'score-ts.js');
const WEB = provisionerFile('template://bundle/web');
const SCORE =
  'apiVersion: score.dev/v1b1\nmetadata: {name: web}\ncontainers:\n  main: {image: nginx:1.28}\nresources:\n  store: {type: thing}\n';
const NETWORK_MODULES = /^NativeModule (http|https|tls|net|dns|_http_client)$/;

let secure: LocalServer;
let probe: string;

beforeAll(async () => {
  secure = await startServer(routes({ '/web.provisioners.yaml': text(WEB) }), { tls: testCa() });
  probe = path.join(mkdtempSync(path.join(os.tmpdir(), 'score-ts-probe-')), 'probe.cjs');
  // Written when the process exits: the network modules Node loaded during the run.
  writeFileSync(
    probe,
    `process.on('exit', () => require('fs').writeFileSync(process.env.PROBE_OUT, process.moduleLoadList.filter((m) => ${NETWORK_MODULES}.test(m)).join('\\n')));\n`,
  );
});

/**
 * Runs the installed command with the probe; its exit status, stderr and the network modules it loaded.
 * Asynchronously: the servers of this test run in this process.
 */
function runBin(
  cwd: string,
  args: readonly string[],
  options: { input?: string; env?: Record<string, string> } = {},
): Promise<{ status: number | null; stderr: string; modules: string[] }> {
  const out = path.join(cwd, '..', 'probe.out');
  const child = spawn(process.execPath, ['--require', probe, bin, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', PROBE_OUT: out, ...options.env },
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  child.stdin.end(options.input ?? '');
  return new Promise((resolve) => {
    child.once('close', (status) => resolve({ status, stderr, modules: readFileSync(out, 'utf8').split('\n').filter(Boolean).sort() }));
  });
}

describe('the installed command', () => {
  it('a usual generate loads no network module', async () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), SCORE);
    writeFileSync(path.join(dir, 'web.yaml'), WEB);
    const result = await runBin(dir, ['generate', 'score.yaml', '-o', '-', '--provisioners', 'web.yaml']);
    expect(result).toEqual({ status: 0, stderr: expect.stringContaining('wrote 1 object') as unknown, modules: [] });
  });

  it('init --provisioners https://... with the CA in NODE_EXTRA_CA_CERTS (network modules only now)', async () => {
    const dir = tempProject();
    const url = `${secure.origin}/web.provisioners.yaml`;
    const result = await runBin(dir, ['init', '--no-sample', '--provisioners', url], { env: { NODE_EXTRA_CA_CERTS: testCa().caFile } });
    expect(result.stderr).toBe(
      `created .score-ts/ (its .gitignore keeps state and secrets out of git)\ninstalled .score-ts/web.provisioners.yaml from ${url}\ncreated score-ts.yaml (project label project; no workloads yet; provisioners ${url}): commit it; .score-ts/ stays private\n`,
    );
    expect(result.status).toBe(0);
    expect(result.modules).toEqual(expect.arrayContaining(['NativeModule https', 'NativeModule tls']));
  });

  it('the same without the CA: refused, nothing installed', async () => {
    const dir = tempProject();
    const url = `${secure.origin}/web.provisioners.yaml`;
    const result = await runBin(dir, ['init', '--no-sample', '--provisioners', url]);
    expect(result.stderr).toBe(
      `error: cannot read provisioners ${url}: the server's TLS certificate is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE); for a private CA set NODE_EXTRA_CA_CERTS; nothing was installed\n`,
    );
    expect(result.status).toBe(1);
  });

  it("generate --provisioners - reads the process's standard input", async () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), SCORE);
    const result = await runBin(dir, ['generate', 'score.yaml', '-o', 'out.yaml', '--provisioners', '-'], { input: WEB });
    // A pipe on stdin is a net.Socket in Node; nothing that speaks HTTP is loaded.
    expect({ ...result, modules: result.modules.filter((m) => m !== 'NativeModule net') }).toEqual({
      status: 0,
      stderr: expect.stringContaining('wrote 1 object for web to out.yaml') as unknown,
      modules: [],
    });
  });
});
