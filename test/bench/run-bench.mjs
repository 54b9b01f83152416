#!/usr/bin/env node
/**
 * `npm run bench`: times `generate` as a whole process, score-ts's and score-k8s's (../shared/reference/score-k8s,
 * when it is there), on synthetic projects of 1, 10, 100, 1000 and 10000 workloads (test/bench/bench-support.mjs),
 * plus `score-ts --version` and a bare `node -e 0`, under the system Node.js and Node.js 22 and 24
 * (test/support/node-binary.mjs fetches them once), all in one run on this machine. Prints a table, writes
 * test/bench/results.json and checks the targets (ratios, so they hold on any machine); exits 1 when one is
 * missed.
 * Each tool's project state is made first (`init`, then a `generate` of every file), outside the timing; the
 * timed command regenerates the project from its state, as in a developer's loop (neither tool changes its
 * state when nothing changed). Ratios are medians of like moments: the short commands run in interleaved rounds
 * and each round gives a ratio to the same Node's node -e 0; each large-project run is followed by a
 * one-workload run (a 1000-workload one for 10000) and by score-k8s's run, and each pair gives a ratio (so
 * score-k8s has a ratio to score-ts under each Node version, from that version's pairs).
 * Projects up to 1000 workloads run under every Node version, larger ones under the system Node only; score-k8s
 * is skipped at a size where its time, estimated from the smaller sizes, is over 3 minutes a run.
 * For 100 and 1000 workloads, the same project also runs with a Go-template (score-k8s format) provisioner file
 * against the same provisioners in Handlebars (test/bench/provisioners/), in alternating runs, and with each
 * Score file named on the command line (as a CI job does) against the regeneration from the state.
 * Options: --runs N (default 5), --sizes 1,10,100,1000,10000, --nodes 20,22,24 (the system node always runs),
 * --no-score-k8s.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { binaryVersion, nodeBinary } from '../support/node-binary.mjs';
import { countObjects, externalPeakMb, makeProject, median, nodePeakMb, run, scoreFiles, stats, unsetForBench } from './bench-support.mjs';

const startedAt = Date.now();
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const bin = path.join(root, 'bin', 'score-ts.js');
const SCORE_K8S = path.resolve(root, '..', 'shared', 'reference', 'score-k8s');
const flag = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const list = (text) => String(text).split(',').map(Number);
const RUNS = Number(flag('runs', '5'));
const SIZES = list(flag('sizes', '1,10,100,1000,10000')).sort((a, b) => a - b);
const MAJORS = list(flag('nodes', '20,22,24'));
if (![RUNS, ...SIZES, ...MAJORS].every((n) => Number.isInteger(n) && n > 0)) {
  console.error('usage: run-bench.mjs [--runs N] [--sizes 1,10,100,1000,10000] [--nodes 20,22,24] [--no-score-k8s]');
  process.exit(64);
}
const EVERY_NODE_UP_TO = 1000; // larger projects run under the system Node only
const SCORE_K8S_MAX_MS = 180_000; // score-k8s is skipped at a size whose run would take longer

const results = {
  machine: `${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}`,
  runs: RUNS,
  nodes: [],
  scoreK8s: null,
  notes: [],
  rows: [],
};
const loadAtStart = os.loadavg()[0]; // a busy machine makes every figure noisy: the table says how busy
const note = (line) => {
  console.log(line);
  results.notes.push(line);
};
const progress = (line) => process.stderr.write(`bench: ${line}\n`);
const work = mkdtempSync(path.join(os.tmpdir(), 'score-ts-bench-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true })); // also when a run fails
const label = (size) => `generate ${size} workload${size === 1 ? '' : 's'}`;
const TS_GENERATE = [bin, '-q', 'generate', '-o', 'manifests.yaml'];
const K8S_GENERATE = ['generate', '--quiet', '-o', 'score-k8s.yaml'];

// The Node versions: the system one, then each other one asked for that can be had.
const system = { major: Number(process.versions.node.split('.')[0]), path: process.execPath, version: process.version };
const nodes = [system];
for (const major of MAJORS.filter((m) => m !== system.major)) {
  try {
    const binary = nodeBinary(major, { log: progress });
    nodes.push({ major, path: binary, version: binaryVersion(binary) });
  } catch (error) {
    note(`Node ${major}: skipped, ${error.message}`);
  }
}
results.nodes = nodes.map((n) => n.version);

let scoreK8s; // { path, version } while score-k8s takes part
if (process.argv.includes('--no-score-k8s')) note('score-k8s: skipped (--no-score-k8s)');
else if (!existsSync(SCORE_K8S)) note(`score-k8s: skipped, ${path.relative(root, SCORE_K8S)} is not there`);
else {
  try {
    const version = binaryVersion(SCORE_K8S)
      ?.replace(/^score-k8s\s+/, '')
      .split(' ')[0];
    scoreK8s = { path: SCORE_K8S, version };
    results.scoreK8s = version;
  } catch (error) {
    note(`score-k8s: skipped, ${error.message}`);
  }
}
const dropScoreK8s = (why) => {
  note(`score-k8s: ${why}`);
  scoreK8s = undefined;
};

const projects = new Map();
/** A project of `size` workloads with score-ts's state (and score-k8s's, when `withScoreK8s`). */
function setUp(size, withScoreK8s) {
  const dir = makeProject(size, work);
  run(system.path, [bin, '-q', 'init', '--no-sample'], dir);
  run(system.path, [bin, '-q', 'generate', ...scoreFiles(size), '-o', 'manifests.yaml'], dir);
  if (withScoreK8s && scoreK8s) {
    try {
      run(scoreK8s.path, ['init', '--no-sample', '--quiet'], dir);
      run(scoreK8s.path, ['generate', '--quiet', ...scoreFiles(size), '-o', 'score-k8s.yaml'], dir);
    } catch (error) {
      dropScoreK8s(`skipped from ${size} workloads on: ${error.message}`);
    }
  }
  projects.set(size, dir);
  return dir;
}
const k8sMedians = new Map();
/** score-k8s's time for a run of `size` workloads, from its two largest sizes so far. */
function scoreK8sEstimate(size) {
  const known = [...k8sMedians].filter(([s]) => s < size).sort((a, b) => a[0] - b[0]);
  if (known.length === 0) return undefined;
  const [s1, t1] = known.at(-1);
  const [s0, t0] = known.at(-2) ?? [];
  const power = s0 ? Math.max(1, Math.log(t1 / t0) / Math.log(s1 / s0)) : 1;
  return { ms: t1 * (size / s1) ** power, power, from: s0 ? `${s0} and ${s1}` : `${s1}` };
}
const rowOf = (fields, times) => ({
  ...fields,
  label: `${fields.tool === 'node' ? '' : `${fields.tool} `}${fields.command}`,
  ...stats(times),
});

/** test/bench/floor.cjs: one Score file read and written with js-yaml, the least a one-workload generate does. */
const FLOOR = 'floor: one Score file read and written with js-yaml';
const floorRun = (node) => ({
  tool: 'node',
  command: FLOOR,
  node,
  cmd: node.path,
  args: [
    path.join(here, 'floor.cjs'),
    'w0/score.yaml',
    path.join(work, `floor-${node.major}.yaml`),
    path.join(work, `floor-cache-${node.major}`),
  ],
  cwd: projects.get(1),
});

// The short commands are measured in interleaved rounds, so a slower moment of the machine hits them all alike.
progress('short commands');
const quickSizes = SIZES.filter((s) => s <= 10);
for (const size of quickSizes) setUp(size, true);
const quick = nodes.flatMap((node) => [
  { tool: 'node', command: 'node -e 0', node, cmd: node.path, args: ['-e', '0'], cwd: work },
  { tool: 'score-ts', command: '--version', node, cmd: node.path, args: [bin, '--version'], cwd: work },
  ...(quickSizes.includes(1) ? [floorRun(node)] : []),
  ...quickSizes.map((size) => ({
    tool: 'score-ts',
    command: label(size),
    size,
    node,
    cmd: node.path,
    args: TS_GENERATE,
    cwd: projects.get(size),
  })),
]);
if (scoreK8s)
  quick.push(
    ...quickSizes.map((size) => ({
      tool: 'score-k8s',
      command: label(size),
      size,
      node: system,
      cmd: scoreK8s.path,
      args: K8S_GENERATE,
      cwd: projects.get(size),
    })),
  );
const times = new Map(quick.map((q) => [q, []]));
for (let round = 0; round < RUNS * 3; round++) for (const q of quick) times.get(q).push(run(q.cmd, q.args, q.cwd));
// A ratio to node -e 0 is the median of each round's ratio, so a slow moment cancels out instead of landing on
// one side. score-k8s's is to the system Node's.
for (const q of quick) {
  const base = times.get(quick.find((b) => b.command === 'node -e 0' && b.node === q.node));
  const k8s = q.tool === 'score-k8s';
  results.rows.push({
    ...rowOf({ tool: q.tool, command: q.command, node: k8s ? null : q.node.version, size: q.size }, times.get(q)),
    ...(q.command === 'node -e 0' ? {} : { ratio: median(times.get(q).map((t, i) => t / base[i])), ratioTo: 'node -e 0' }),
    peakMb: k8s ? externalPeakMb(q.cmd, q.args, q.cwd) : nodePeakMb(q.node.path, q.args, q.cwd),
    objects: q.size ? countObjects(path.join(q.cwd, k8s ? 'score-k8s.yaml' : 'manifests.yaml')) : undefined,
  });
  if (k8s) k8sMedians.set(q.size, median(times.get(q)));
}

// Each large run is paired with a smaller one right after it (one workload; 1000 for larger projects), and
// score-k8s's run follows the system Node's pair, so their ratios compare like moments.
for (const size of SIZES.filter((s) => s > 10)) {
  progress(`${size} workloads`);
  const estimate = scoreK8s && scoreK8sEstimate(size);
  if (estimate && estimate.ms > SCORE_K8S_MAX_MS) {
    const why = `from its ${estimate.from}-workload medians, growing as size^${estimate.power.toFixed(2)}`;
    dropScoreK8s(
      `skipped from ${size} workloads on: a run would take about ${Math.round(estimate.ms / 1000)} s (${why}), over ${SCORE_K8S_MAX_MS / 1000} s`,
    );
  }
  const dir = setUp(size, true);
  const k8s = scoreK8s;
  const runNodes = size <= EVERY_NODE_UP_TO ? nodes : [system];
  const partner = size > 1000 && projects.has(1000) ? 1000 : projects.has(1) ? 1 : undefined;
  const runs = size >= 1000 ? Math.max(3, Math.ceil(RUNS / 2)) : RUNS;
  const own = new Map(runNodes.map((n) => [n, []]));
  const paired = new Map(runNodes.map((n) => [n, []]));
  const k8sTimes = new Map(runNodes.map((n) => [n, []]));
  for (let i = 0; i < runs; i++) {
    for (const node of runNodes) {
      own.get(node).push(run(node.path, TS_GENERATE, dir));
      if (partner) paired.get(node).push(run(node.path, TS_GENERATE, projects.get(partner)));
      if (k8s) k8sTimes.get(node).push(run(k8s.path, K8S_GENERATE, dir));
    }
  }
  for (const node of runNodes) {
    results.rows.push({
      ...rowOf({ tool: 'score-ts', command: label(size), node: node.version, size }, own.get(node)),
      ...(partner
        ? { ratio: median(own.get(node).map((t, i) => t / paired.get(node)[i])), ratioTo: label(partner).replace('generate ', '') }
        : {}),
      peakMb: nodePeakMb(node.path, TS_GENERATE, dir),
      objects: countObjects(path.join(dir, 'manifests.yaml')),
    });
  }
  if (k8s) {
    // score-k8s runs after each Node's pair: one ratio for each Node version, each from its own pairs.
    const byNode = runNodes.map((node) => ({ node: node.version, ratio: median(k8sTimes.get(node).map((t, i) => t / own.get(node)[i])) }));
    const times = [...k8sTimes.values()].flat();
    results.rows.push({
      ...rowOf({ tool: 'score-k8s', command: label(size), node: null, size }, times),
      ratio: byNode[0].ratio,
      ratioTo: 'score-ts',
      ratios: byNode,
      peakMb: externalPeakMb(k8s.path, K8S_GENERATE, dir),
      objects: countObjects(path.join(dir, 'score-k8s.yaml')),
    });
    k8sMedians.set(size, median(times));
  }
}

// Go templates against the same provisioners in Handlebars (test/bench/provisioners/): a project of each, with
// its file installed, regenerated in alternating runs; the ratio is the median of each pair's ratio.
const variants = [];
for (const size of SIZES.filter((s) => s >= 100 && s <= 1000)) {
  progress(`${size} workloads, Go templates and Handlebars`);
  const dirs = ['handlebars', 'go'].map((language) => {
    const dir = makeProject(size, work);
    run(
      system.path,
      [bin, '-q', 'init', '--no-sample', '--provisioners', path.join(here, 'provisioners', `${language}.provisioners.yaml`)],
      dir,
    );
    run(system.path, [bin, '-q', 'generate', ...scoreFiles(size), '-o', 'manifests.yaml'], dir);
    return dir;
  });
  const runs = size >= 1000 ? Math.max(3, Math.ceil(RUNS / 2)) : RUNS;
  const pairs = Array.from({ length: runs }, () => dirs.map((dir) => run(system.path, TS_GENERATE, dir)));
  const fields = { tool: 'score-ts', node: system.version, size };
  results.rows.push({
    ...rowOf(
      { ...fields, command: `${label(size)}, Handlebars provisioners file` },
      pairs.map((p) => p[0]),
    ),
    peakMb: nodePeakMb(system.path, TS_GENERATE, dirs[0]),
  });
  results.rows.push({
    ...rowOf(
      { ...fields, command: `${label(size)}, the same in Go templates` },
      pairs.map((p) => p[1]),
    ),
    peakMb: nodePeakMb(system.path, TS_GENERATE, dirs[1]),
  });
  variants.push({ size, ratio: median(pairs.map(([hbs, go]) => go / hbs)) });
}

// A CI job names every Score file (`generate $(ls */score.yaml)`): the same project regenerated with each file
// given, paired with a regeneration from the state: naming the files must cost no more than reading them from the state.
const filesGiven = [];
for (const size of SIZES.filter((s) => s >= 100 && s <= 1000 && projects.has(s))) {
  progress(`${size} workloads, each file given`);
  const dir = projects.get(size);
  const given = [bin, '-q', 'generate', ...scoreFiles(size), '-o', 'manifests.yaml'];
  const runs = size >= 1000 ? Math.max(3, Math.ceil(RUNS / 2)) : RUNS;
  const pairs = Array.from({ length: runs }, () => [run(system.path, given, dir), run(system.path, TS_GENERATE, dir)]);
  const ratio = median(pairs.map(([files, state]) => files / state));
  results.rows.push({
    ...rowOf(
      { tool: 'score-ts', node: system.version, size, command: `${label(size)}, each file given` },
      pairs.map((p) => p[0]),
    ),
    ratio,
    ratioTo: 'from the state',
    peakMb: nodePeakMb(system.path, given, dir),
  });
  filesGiven.push({ size, ratio });
}

// The targets, of this run's figures; one whose figures are missing (a tool or Node skipped) is not met or missed.
const row = (tool, size, node = tool === 'score-ts' ? system.version : null) =>
  results.rows.find((r) => r.tool === tool && r.command === label(size) && r.node === node);
const ts = (size) => row('score-ts', size);
const has = (...sizes) => sizes.every((s) => SIZES.includes(s));
const targets = [
  ...[...new Set([system.major, ...MAJORS])].map((major) => {
    const version = nodes.find((n) => n.major === major)?.version;
    return has(1) && [`generate 1 workload at most 1.4x node -e 0 (Node ${major})`, version && row('score-ts', 1, version)?.ratio, 1.4];
  }),
  ['--version within 1.3x of node -e 0', results.rows.find((r) => r.command === '--version' && r.node === system.version)?.ratio, 1.3],
  has(100, 1000) && ['generate 1000 within 12x of 100 (time)', ts(1000) && ts(1000).median / ts(100).median, 12],
  has(100, 1000) && ['generate 1000 within 12x of 100 (memory)', ts(1000) && ts(1000).peakMb / ts(100).peakMb, 12],
  has(1, 1000) && ['generate 1000 under 10x of 1 workload (paired runs)', ts(1000)?.ratio, 10],
  has(1000) && ['generate 1000 peak memory under 300 MB', ts(1000)?.peakMb, 300],
  ...[
    [100, 5],
    [1000, 20],
  ].flatMap(([size, limit]) =>
    has(size)
      ? nodes.map((node) => [
          `score-ts at least ${limit}x faster than score-k8s at ${size} workloads (Node ${node.major}, paired runs)`,
          row('score-k8s', size)?.ratios?.find((r) => r.node === node.version)?.ratio,
          limit,
          'least',
        ])
      : [],
  ),
  has(1000, 10000) && ['generate 10000 at most 10x the 1000-workload time (paired runs)', ts(10000)?.ratio, 10],
  has(10000) && ['generate 10000 peak memory under 400 MB', ts(10000)?.peakMb, 400],
  ...filesGiven.map((f) => [`generate ${f.size} with each file given within 1.2x of from the state (paired runs)`, f.ratio, 1.2]),
  ...variants.map((v) => [
    `Go-template provisioners within 1.5x of the same in Handlebars (${v.size} workloads, paired runs)`,
    v.ratio,
    1.5,
  ]),
].filter(Boolean);
results.targets = targets.map(([target, value, limit, bound = 'most']) => ({
  target,
  value: value === undefined ? null : Number(value.toFixed(2)),
  limit,
  met: value === undefined ? null : bound === 'least' ? value >= limit : value <= limit,
}));
results.seconds = Math.round((Date.now() - startedAt) / 1000);
results.loadAverage = { start: Number(loadAtStart.toFixed(1)), end: Number(os.loadavg()[0].toFixed(1)) };

const fmt = (n) => n.toFixed(0).padStart(7);
const versions = nodes.map((n) => (n === system ? `${n.version} (system)` : n.version)).join(', ');
const lines = [
  '',
  `score-ts benchmark: ${results.machine}; Node ${versions}; score-k8s ${results.scoreK8s ?? 'not run'}; median of runs (min..max), peak RSS;${unsetForBench.map((name) => ` ${name} unset;`).join('')} ${results.seconds} s in all, load average ${results.loadAverage.start} at the start and ${results.loadAverage.end} at the end`,
  '',
  '| command | Node | objects | median ms | min..max ms | runs | paired ratio | peak MB |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...results.rows.map((r) => {
    const ratio =
      r.ratio === undefined
        ? ''
        : r.ratios
          ? r.ratios.map((x, i) => `${x.ratio.toFixed(2)}x ${i === 0 ? `${r.ratioTo} on ` : ''}${x.node}`).join(', ')
          : `${r.ratio.toFixed(2)}x ${r.ratioTo}`;
    return `| ${r.label} | ${r.node ?? '(Go)'} | ${r.objects ?? ''} | ${fmt(r.median)} | ${r.min.toFixed(0)}..${r.max.toFixed(0)} | ${r.runs} | ${ratio} | ${r.peakMb?.toFixed(0) ?? 'n/a'} |`;
  }),
  ...(nodes.length > 1 && SIZES.some((s) => s > EVERY_NODE_UP_TO)
    ? ['', `Projects of more than ${EVERY_NODE_UP_TO} workloads run under the system Node only.`]
    : []),
  '',
  '| target | value | limit | met |',
  '| --- | ---: | ---: | --- |',
  ...results.targets.map((t) => `| ${t.target} | ${t.value ?? '-'} | ${t.limit} | ${t.met === null ? 'not run' : t.met ? 'yes' : 'NO'} |`),
];
console.log(lines.join('\n'));
writeFileSync(path.join(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
process.exitCode = results.targets.some((t) => t.met === false) ? 1 : 0;
