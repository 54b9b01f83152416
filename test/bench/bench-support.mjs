// The benchmark's pieces (test/bench/run-bench.mjs runs them): the synthetic projects, timing a whole
// process, peak memory, and score-k8s's project setup.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const preload = path.join(here, 'rss-preload.mjs');

/** One workload: two containers, files, probes, two service ports, a postgres, and a redis shared by ten. */
export function workloadYaml(i) {
  const name = `svc-${String(i).padStart(4, '0')}`;
  return `apiVersion: score.dev/v1b1
metadata:
  name: ${name}
containers:
  app:
    image: registry.example.com/${name}:1.0.0
    variables:
      DB_URL: postgresql://\${resources.db.username}:\${resources.db.password}@\${resources.db.host}:\${resources.db.port}/\${resources.db.name}
      DB_HOST: \${resources.db.host}
      CACHE: redis://\${resources.cache.host}:\${resources.cache.port}
      CACHE_PASSWORD: \${resources.cache.password}
    files:
      /etc/app/config.yaml:
        content: |
          name: \${metadata.name}
          db: \${resources.db.host}
    livenessProbe:
      httpGet: {path: /healthz, port: 8080}
    readinessProbe:
      httpGet: {path: /ready, port: 8080}
  sidecar:
    image: registry.example.com/proxy:2.0.0
    readinessProbe:
      exec: {command: [/bin/check]}
service:
  ports:
    http: {port: 80, targetPort: 8080}
    metrics: {port: 9090}
resources:
  db:
    type: postgres
  cache:
    type: redis
    id: cache-${Math.floor(i / 10)}
`;
}

export const scoreFiles = (size) => Array.from({ length: size }, (_, i) => `w${i}/score.yaml`);

/** A new folder of `size` workloads, w<i>/score.yaml, in `parent`. */
export function makeProject(size, parent = os.tmpdir()) {
  const dir = mkdtempSync(path.join(parent, `project-${size}-`));
  for (let i = 0; i < size; i++) {
    mkdirSync(path.join(dir, `w${i}`));
    writeFileSync(path.join(dir, `w${i}`, 'score.yaml'), workloadYaml(i));
  }
  return dir;
}

/**
 * The environment every command runs in: this one without NODE_EXTRA_CA_CERTS, which some machines set for a
 * proxy. Node.js 20 reads the certificates it names at every start, before any script runs (some 85 ms on this
 * project's machine, for a run that makes no connection); Node.js 22 and later read them when a connection needs
 * them. The bench times the tools, not that file.
 */
const { NODE_EXTRA_CA_CERTS, ...benchEnv } = process.env;
export const unsetForBench = NODE_EXTRA_CA_CERTS === undefined ? [] : ['NODE_EXTRA_CA_CERTS'];

/** Runs a command to its end and returns its wall time in ms; a failure throws with its stderr. */
export function run(command, args, cwd, env = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, env: { ...benchEnv, NO_COLOR: '1', ...env }, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) {
    throw new Error(
      `${path.basename(command)} ${args.slice(0, 6).join(' ')}${args.length > 6 ? ' ...' : ''} failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stderr.slice(-2000)}`,
    );
  }
  return ms;
}

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export function stats(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1], runs: sorted.length };
}

/** Peak RSS in MB of a node process, recorded by rss-preload.mjs as it exits. */
export function nodePeakMb(node, args, cwd) {
  const file = path.join(cwd, '.rss');
  run(node, ['--import', preload, ...args], cwd, { SCORE_TS_BENCH_RSS: file });
  const kb = Number(readFileSync(file, 'utf8'));
  rmSync(file, { force: true });
  return kb / 1024;
}

const timeBinary = '/usr/bin/time';
/** Peak RSS in MB of any process, through GNU time's %M; undefined where /usr/bin/time is missing. */
export function externalPeakMb(command, args, cwd) {
  if (!existsSync(timeBinary)) return undefined;
  const file = path.join(cwd, '.rss');
  run(timeBinary, ['-f', '%M', '-o', file, command, ...args], cwd);
  const kb = Number(readFileSync(file, 'utf8').trim().split('\n').pop());
  rmSync(file, { force: true });
  return kb / 1024;
}

/** The number of objects of a manifests file (both tools separate them with `---` lines). */
export const countObjects = (file) => (readFileSync(file, 'utf8').match(/^---$/gm) ?? []).length;
