#!/usr/bin/env node
/**
 * `npm run bench`: times `score-ts generate` as a whole process on synthetic projects of 1, 10, 100 and 1000
 * workloads (two containers, files, probes, service ports, a postgres and a redis each, some redis shared by
 * id), plus `score-ts --version` and a bare `node -e 0`, all in one run on this machine. Prints a table,
 * writes test/bench/results.json and checks the targets (ratios, so they hold on any machine).
 * Ratios are medians of like moments: the short commands run in interleaved rounds and each round gives a ratio
 * to node -e 0; each large-project run is followed by a one-workload run and each pair gives the 1000-vs-1 ratio.
 * For 100 workloads and more, the same project also runs with a Go-template (score-k8s format) provisioner file
 * against the same provisioners in Handlebars (test/bench/provisioners/), in alternating runs.
 * Options: --runs N (default 5), --sizes 1,10,100,1000.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const bin = path.join(root, 'bin', 'score-ts.js');
const preload = path.join(here, 'rss-preload.mjs');
const flag = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(flag('runs', '5'));
const SIZES = flag('sizes', '1,10,100,1000').split(',').map(Number);

function workloadYaml(i) {
  const name = `svc-${String(i).padStart(4, '0')}`;
  return `apiVersion: score.dev/v1b1
metadata:
  name: ${name}
containers:
  app:
    image: registry.example.com/${name}:1.0.0
    variables:
      DB_URL: \${resources.db.url}
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

function makeProject(size) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `score-ts-bench-${size}-`));
  for (let i = 0; i < size; i++) {
    mkdirSync(path.join(dir, `w${i}`));
    writeFileSync(path.join(dir, `w${i}`, 'score.yaml'), workloadYaml(i));
  }
  return dir;
}

function run(args, cwd, env = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed:\n${result.stderr}`);
  return ms;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function stats(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1], runs: sorted.length };
}

function peakMemoryMb(args, cwd) {
  const file = path.join(cwd, '.rss');
  run(['--import', preload, ...args], cwd, { SCORE_TS_BENCH_RSS: file });
  return Number(readFileSync(file, 'utf8')) / 1024;
}

const results = { machine: `${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, node ${process.version}`, runs: RUNS, rows: [] };
const empty = mkdtempSync(path.join(os.tmpdir(), 'score-ts-bench-'));
const projects = new Map(SIZES.map((size) => [size, makeProject(size)]));
const label = (size) => `generate ${size} workload${size === 1 ? '' : 's'}`;
const generateArgs = [bin, '-q', 'generate', '-o', 'manifests.yaml'];
for (const [size, dir] of projects) {
  const files = Array.from({ length: size }, (_, i) => `w${i}/score.yaml`);
  run([bin, '-q', 'generate', ...files, '-o', 'manifests.yaml'], dir); // first run: makes the state
}

// The short commands are measured in interleaved rounds, so a slower moment of the machine hits them all alike.
const quick = [
  { label: 'node -e 0', args: ['-e', '0'], cwd: empty },
  { label: 'score-ts --version', args: [bin, '--version'], cwd: empty },
  ...SIZES.filter((s) => s <= 10).map((size) => ({ label: label(size), args: generateArgs, cwd: projects.get(size) })),
];
const times = new Map(quick.map((q) => [q.label, []]));
for (let round = 0; round < RUNS * 3; round++) for (const q of quick) times.get(q.label).push(run(q.args, q.cwd));
// A ratio to node -e 0 is the median of each round's ratio, so a slow moment cancels out instead of landing
// on one side.
const nodeTimes = times.get('node -e 0');
for (const q of quick) {
  const ratioToNode = median(times.get(q.label).map((t, i) => t / nodeTimes[i]));
  results.rows.push({ label: q.label, ...stats(times.get(q.label)), ratioToNode, peakMb: peakMemoryMb(q.args, q.cwd) });
}
// Each large run is paired with a one-workload run right after it, so their ratio compares like moments.
const oneWorkload = projects.get(1);
for (const size of SIZES.filter((s) => s > 10)) {
  const dir = projects.get(size);
  const runs = size >= 1000 ? Math.max(3, Math.ceil(RUNS / 2)) : RUNS;
  const times = [];
  const paired = [];
  for (let i = 0; i < runs; i++) {
    times.push(run(generateArgs, dir));
    if (oneWorkload) paired.push(run(generateArgs, oneWorkload));
  }
  const pairedRatio = paired.length > 0 ? median(times.map((t, i) => t / paired[i])) : undefined;
  results.rows.push({ label: label(size), ...stats(times), peakMb: peakMemoryMb(generateArgs, dir), pairedOneMedian: paired.length > 0 ? median(paired) : undefined, pairedRatio });
}
// Go templates against the same provisioners in Handlebars (test/bench/provisioners/): a project of each, with
// its file installed, regenerated in alternating runs; the ratio is the median of each pair's ratio.
const variants = [];
for (const size of SIZES.filter((s) => s >= 100)) {
  const dirs = ['handlebars', 'go'].map((language) => {
    const dir = makeProject(size);
    run([bin, '-q', 'init', '--no-sample', '--provisioners', path.join(here, 'provisioners', `${language}.provisioners.yaml`)], dir);
    run([bin, '-q', 'generate', ...Array.from({ length: size }, (_, i) => `w${i}/score.yaml`), '-o', 'manifests.yaml'], dir);
    return dir;
  });
  const runs = size >= 1000 ? Math.max(3, Math.ceil(RUNS / 2)) : RUNS;
  const pairs = Array.from({ length: runs }, () => dirs.map((dir) => run(generateArgs, dir)));
  const ratio = median(pairs.map(([hbs, go]) => go / hbs));
  results.rows.push({ label: `${label(size)}, Handlebars provisioners file`, ...stats(pairs.map((p) => p[0])), peakMb: peakMemoryMb(generateArgs, dirs[0]) });
  results.rows.push({ label: `${label(size)}, the same in Go templates`, ...stats(pairs.map((p) => p[1])), peakMb: peakMemoryMb(generateArgs, dirs[1]) });
  variants.push({ size, ratio });
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
for (const [size, dir] of projects) {
  results.rows.find((r) => r.label === label(size)).objects = (readFileSync(path.join(dir, 'manifests.yaml'), 'utf8').match(/^---$/gm) ?? []).length;
  rmSync(dir, { recursive: true, force: true });
}
rmSync(empty, { recursive: true, force: true });

const row = (label) => results.rows.find((r) => r.label === label);
const g = (n) => row(label(n));
results.targets = [
  { target: '--version within 1.3x of node -e 0', value: row('score-ts --version').ratioToNode, limit: 1.3 },
  ...(g(1) ? [{ target: 'generate 1 workload within 2x of node -e 0', value: g(1).ratioToNode, limit: 2 }] : []),
  ...(g(100) && g(1000) ? [{ target: 'generate 1000 within 12x of 100 (time)', value: g(1000).median / g(100).median, limit: 12 }] : []),
  ...(g(100) && g(1000) ? [{ target: 'generate 1000 within 12x of 100 (memory)', value: g(1000).peakMb / g(100).peakMb, limit: 12 }] : []),
  ...(g(1) && g(1000) ? [{ target: 'generate 1000 under 10x of 1 workload (paired runs)', value: g(1000).pairedRatio, limit: 10 }] : []),
  ...(g(1000) ? [{ target: 'generate 1000 peak memory under 300 MB', value: g(1000).peakMb, limit: 300 }] : []),
  ...variants.map((v) => ({ target: `Go-template provisioners within 1.5x of the same in Handlebars (${v.size} workloads, paired runs)`, value: v.ratio, limit: 1.5 })),
].map((t) => ({ ...t, value: Number(t.value.toFixed(2)), met: t.value < t.limit }));

const fmt = (n) => n.toFixed(0).padStart(7);
const lines = [
  `score-ts benchmark: ${results.machine}, median of runs (min..max), peak RSS`,
  '',
  '| command | objects | median ms | min..max ms | runs | peak MB |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  ...results.rows.map((r) => `| ${r.label} | ${r.objects ?? ''} | ${fmt(r.median)} | ${r.min.toFixed(0)}..${r.max.toFixed(0)} | ${r.runs} | ${r.peakMb.toFixed(0)} |`),
  '',
  '| target | value | limit | met |',
  '| --- | ---: | ---: | --- |',
  ...results.targets.map((t) => `| ${t.target} | ${t.value} | ${t.limit} | ${t.met ? 'yes' : 'NO'} |`),
];
console.log(lines.join('\n'));
writeFileSync(path.join(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
process.exitCode = results.targets.every((t) => t.met) ? 0 : 1;
