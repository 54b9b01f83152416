/**
 * score-k8s 0.6.1 as a second oracle (sprig 3.3.0 and its dependencies, Go 1.23): `resources get-outputs
 * --format TEMPLATE` runs any template text with sprig. Table rows without data are checked against it where
 * the reference binary is present (../shared/reference/score-k8s, or SCORE_K8S_REFERENCE); absent, it skips.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeGoBytes } from '../../../src/templates/go/fmt/utf8.js';
import { repoRoot } from '../../support/run-cli.js';
import type { OracleResult } from '../support/oracle.js';

export function scoreK8sBinary(): string | undefined {
  const binary = process.env.SCORE_K8S_REFERENCE ?? path.join(repoRoot, '..', 'shared', 'reference', 'score-k8s');
  return existsSync(binary) ? binary : undefined;
}

const PROVISIONERS = '- uri: template://probe\n  type: probe\n  outputs: "{}"\n';
const SCORE = 'apiVersion: score.dev/v1b1\nmetadata: {name: wl}\ncontainers: {main: {image: nginx}}\nresources: {pp: {type: probe}}\n';

/** A project with one provisioned resource, so that get-outputs has something to format. */
function project(binary: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'score-ts-k8s-ref-'));
  writeFileSync(path.join(dir, 'p.yaml'), PROVISIONERS);
  writeFileSync(path.join(dir, 'score.yaml'), SCORE);
  execFileSync(binary, ['init', '--no-sample', '--provisioners', 'p.yaml'], { cwd: dir, stdio: 'ignore' });
  execFileSync(binary, ['generate', 'score.yaml', '-o', 'manifests.yaml'], { cwd: dir, stdio: 'ignore' });
  return dir;
}

/** What score-k8s gives for one text, its template named "t" as the tables' are ("" in score-k8s). */
function renderOne(binary: string, dir: string, text: string): Promise<OracleResult> {
  return new Promise((resolve) => {
    execFile(
      binary,
      ['resources', 'get-outputs', 'probe.default#wl.pp', '--format', text],
      { cwd: dir, encoding: 'buffer' },
      (error, stdout, stderr) => {
        if (!error) {
          const out = decodeGoBytes(stdout);
          resolve({ out: out.endsWith('\n') ? out.slice(0, -1) : out, err: '' });
          return;
        }
        const err = decodeGoBytes(stderr)
          .replace(/\n$/, '')
          .replace(/^Error: failed to (execute|parse) template: /, '');
        resolve({ out: '', err: err.replace(/^template: :/, 'template: t:').replace('executing "" at', 'executing "t" at') });
      },
    );
  });
}

/** Renders each text with score-k8s (eight at a time). */
export async function runScoreK8s(binary: string, texts: readonly string[]): Promise<OracleResult[]> {
  const dir = project(binary);
  try {
    const results = new Array<OracleResult>(texts.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < texts.length) {
        const i = next++;
        results[i] = await renderOne(binary, dir, texts[i]!);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
