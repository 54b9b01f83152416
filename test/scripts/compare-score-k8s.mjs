#!/usr/bin/env node
/**
 * `npm run compare-score-k8s`: runs the same Score files through score-k8s 0.6.1 (../shared/reference/score-k8s)
 * and score-ts, for each community provisioner file and patch template of ../shared/corpus/score-k8s and for
 * score-k8s's own default provisioners, and compares the objects the provisioners and patches emit.
 *
 * - Provisioners: both tools load the file under test, then score-k8s 0.6.1's defaults (what `score-k8s init`
 *   writes), so every resource is served by the same provisioner. score-ts's state is then given score-k8s's
 *   guids, resource states and shared state, and score-ts generates again: generated names and passwords are
 *   the same, and the objects of every resource must be equal (score-ts's own labels and annotations aside).
 * - Patch templates: each tool generates the project without the template and with it; the changes the
 *   template makes (objects added, removed, and each field set or deleted) must be the same.
 *
 * Prints one line per case and each difference; exits 1 when there is any. Skips (exit 0) without the binary.
 * Options: --keep (leave the temporary folders), --only SUBSTRING.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = path.resolve(root, '..', 'shared');
const scoreK8s = path.join(shared, 'reference', 'score-k8s');
const corpus = path.join(shared, 'corpus', 'score-k8s');
const scoreTs = path.join(root, 'bin', 'score-ts.js');
const keep = process.argv.includes('--keep');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

if (!existsSync(scoreK8s) || !existsSync(corpus)) {
  console.log(`skipped: the comparison needs ${path.relative(root, scoreK8s)} and ${path.relative(root, corpus)}/ beside the checkout`);
  process.exit(0);
}

/** Community files that need what a test machine lacks, with the reason (the community script skips the first two too). */
const SKIPPED = {
  '10-dns-in-codespace.provisioners.yaml': 'needs a GitHub Codespace (gh codespace view)',
  '10-endpoint-with-microcks-cli.provisioners.yaml': 'needs the microcks CLI and a Microcks server',
  '10-redis-helm-template.provisioners.yaml': "needs helm, mikefarah's yq and the network (the bitnami chart repository)",
  '10-redis-helm-upgrade.provisioners.yaml': "needs helm, mikefarah's yq, the network and a cluster",
};

const work = mkdtempSync(path.join(os.tmpdir(), 'compare-score-k8s-'));

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (result.status !== 0)
    throw new Error(`${path.basename(command)} ${args.join(' ')} failed in ${cwd}:\n${result.stderr}${result.stdout}`);
  return result.stdout;
}
const k8s = (args, cwd) => run(scoreK8s, args, cwd);
const ts = (args, cwd) => run(process.execPath, [scoreTs, ...args], cwd);

function copyOf(dir, name) {
  const to = path.join(work, name);
  cpSync(dir, to, { recursive: true, filter: (src) => !['.score-k8s', '.score-ts'].includes(path.basename(src)) });
  return to;
}

const readDocs = (file) =>
  parseAllDocuments(readFileSync(file, 'utf8'))
    .map((d) => d.toJS())
    .filter((d) => d && typeof d === 'object');
const identity = (m) => `${m.apiVersion}/${m.kind}/${m.metadata?.namespace ?? ''}/${m.metadata?.name}`;

/** score-ts's own labels and annotations (score-ts.dev/*) removed, in every metadata of the object. */
function withoutOwnMarks(value) {
  if (Array.isArray(value)) return value.map(withoutOwnMarks);
  if (!value || typeof value !== 'object') return value;
  const out = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'metadata' && v && typeof v === 'object') {
      const meta = {};
      for (const [mk, mv] of Object.entries(v)) {
        if ((mk === 'labels' || mk === 'annotations') && mv && typeof mv === 'object') {
          const kept = Object.fromEntries(Object.entries(mv).filter(([k]) => !k.startsWith('score-ts.dev/')));
          if (Object.keys(kept).length > 0) meta[mk] = kept;
        } else meta[mk] = withoutOwnMarks(mv);
      }
      // A pod template's metadata that held only score-ts's labels goes with them.
      if (Object.keys(meta).length > 0) out[key] = meta;
    } else out[key] = withoutOwnMarks(v);
  }
  return out;
}

/** JSON with sorted keys. */
function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/** Every difference between two values, as `path: left -> right`. */
function differences(a, b, at = '') {
  if (canonical(a) === canonical(b)) return [];
  const isMap = (v) => v && typeof v === 'object' && !Array.isArray(v);
  if (isMap(a) && isMap(b))
    return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort().flatMap((k) => differences(a[k], b[k], `${at}.${k}`));
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) return a.flatMap((v, i) => differences(v, b[i], `${at}[${i}]`));
  const show = (v) => (v === undefined ? '(absent)' : canonical(v).slice(0, 160));
  return [`${at || '.'}: score-k8s ${show(a)} / score-ts ${show(b)}`];
}

/** score-k8s 0.6.1's default provisioners, as its init writes them. */
function scoreK8sDefaults() {
  const dir = path.join(work, 'defaults');
  mkdirSync(dir);
  k8s(['init', '--no-sample'], dir);
  return path.join(dir, '.score-k8s', 'zz-default.provisioners.yaml');
}

/** score-ts's state with score-k8s's guids, resource states and shared state. */
function primeState(tsDir, k8sDir) {
  const k8sState = parse(readFileSync(path.join(k8sDir, '.score-k8s', 'state.yaml'), 'utf8'));
  const file = path.join(tsDir, '.score-ts', 'state.yaml');
  const text = readFileSync(file, 'utf8');
  const newline = text.indexOf('\n');
  const state = JSON.parse(text.slice(newline + 1));
  for (const [uid, record] of Object.entries(state.resources)) {
    const theirs = k8sState.resources?.[uid];
    if (!theirs) continue;
    record.guid = theirs.guid;
    record.state = theirs.state ?? {};
  }
  state.sharedState = k8sState.shared_state ?? {};
  writeFileSync(file, `${text.slice(0, newline + 1)}${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

function compareProvisioners(name, dir, file, scoreFiles, defaults) {
  const kDir = copyOf(dir, `${name}-k8s`);
  const tDir = copyOf(dir, `${name}-ts`);
  k8s(['init', '--no-sample', '--provisioners', file], kDir);
  k8s(['generate', ...scoreFiles, '-o', 'manifests.yaml'], kDir);
  // score-k8s installs the file under a random name, matched before its zz-default file: so is score-ts's copy.
  const installed = path.join(work, `${name}-file`, `00-${path.basename(file)}`);
  mkdirSync(path.dirname(installed));
  cpSync(file, installed);
  ts(['init', '--no-sample', '--provisioners', installed, ...(file === defaults ? [] : ['--provisioners', defaults])], tDir);
  ts(['generate', ...scoreFiles, '-o', 'manifests.yaml'], tDir);
  primeState(tDir, kDir);
  ts(['generate', '-o', 'manifests.yaml'], tDir);
  // score-k8s's own objects (workloads, their Services and file ConfigMaps) go through Kubernetes' serializer,
  // which writes creationTimestamp: null; a provisioner's objects are as its template wrote them.
  const theirs = readDocs(path.join(kDir, 'manifests.yaml')).filter(
    (m) => !m.metadata?.annotations?.['k8s.score.dev/workload-name'] && !Object.hasOwn(m.metadata ?? {}, 'creationTimestamp'),
  );
  const ours = readDocs(path.join(tDir, 'manifests.yaml')).filter((m) => m.metadata?.annotations?.['score-ts.dev/resource-uid']);
  const byId = new Map(theirs.map((m) => [identity(m), m]));
  const problems = [];
  for (const m of ours) {
    const other = byId.get(identity(m));
    byId.delete(identity(m));
    if (!other) problems.push(`${identity(m)}: only score-ts makes it`);
    else problems.push(...differences(withoutOwnMarks(other), withoutOwnMarks(m)).map((d) => `${identity(m)} ${d}`));
  }
  for (const id of byId.keys()) problems.push(`${id}: only score-k8s makes it`);
  problems.push(...compareOutputs(kDir, tDir));
  return { compared: ours.length, problems };
}

/** Secret references of either tool written one way: `<secret NAME/KEY>`. */
function sameSecretRefs(value) {
  if (typeof value === 'string') {
    return value
      .replace(/\u{1F510}\u{1F4AC}([^_]*)_(.*?)\u{1F4AC}\u{1F510}/gu, '<secret $1/$2>')
      .replace(/\u27e6secret:[0-9a-f]{32}:([a-z0-9.-]+):([-._a-zA-Z0-9]+)\u27e7/g, '<secret $1/$2>');
  }
  if (Array.isArray(value)) return value.map(sameSecretRefs);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sameSecretRefs(v)]));
  return value;
}

/** Each resource's outputs, which the workloads' variables and files read. */
function compareOutputs(kDir, tDir) {
  const theirs = parse(readFileSync(path.join(kDir, '.score-k8s', 'state.yaml'), 'utf8')).resources ?? {};
  const text = readFileSync(path.join(tDir, '.score-ts', 'state.yaml'), 'utf8');
  const ours = JSON.parse(text.slice(text.indexOf('\n') + 1)).resources;
  return Object.keys(theirs)
    .sort()
    .flatMap((uid) => {
      if (!ours[uid]) return [`${uid}: only score-k8s provisions it`];
      return differences(sameSecretRefs(theirs[uid].outputs ?? {}), sameSecretRefs(ours[uid].outputs)).map((d) => `${uid} outputs${d}`);
    });
}

/** What a patch template changed: objects added and removed, and each field's change, by object. */
function changes(before, after) {
  const key = (m) => `${m.metadata?.namespace ?? ''}/${m.metadata?.name}`;
  const left = before.map((m) => ({ m, used: false }));
  const out = [];
  for (const m of after) {
    const same =
      left.find((l) => !l.used && identity(l.m) === identity(m)) ??
      left.find((l) => !l.used && key(l.m) === key(m) && l.m.apiVersion === m.apiVersion);
    if (!same) {
      out.push(`added ${identity(m)}: ${canonical(m)}`);
      continue;
    }
    same.used = true;
    out.push(
      ...differences(same.m, m).map((d) => `changed ${identity(same.m)} ${d.replace(/: score-k8s (.*) \/ score-ts (.*)$/, ': $1 -> $2')}`),
    );
  }
  for (const l of left) if (!l.used) out.push(`removed ${identity(l.m)}`);
  return out.sort();
}

const PATCH_PROJECT = {
  'api.yaml': `apiVersion: score.dev/v1b1
metadata:
  name: api
containers:
  main:
    image: ghcr.io/stefanprodan/podinfo:6.7.1
    variables:
      GREETING: Hello from \${metadata.name}
  proxy:
    image: nginx:1.27
service:
  ports:
    web:
      port: 8080
      targetPort: 9898
`,
  'worker.yaml': `apiVersion: score.dev/v1b1
metadata:
  name: worker
containers:
  main:
    image: busybox:1.36
    command: [/bin/sh, -c, 'sleep 3600']
`,
};

/** The project's manifests before and after the template is installed, in one project (one state) of the tool. */
function beforeAndAfter(tool, name, template, namespaceArgs) {
  const project = path.join(work, `${name}-${tool}`);
  mkdirSync(project);
  for (const [fileName, text] of Object.entries(PATCH_PROJECT)) writeFileSync(path.join(project, fileName), text);
  const cli = tool === 'k8s' ? k8s : ts;
  const generate = () => {
    cli(['generate', 'api.yaml', 'worker.yaml', '-o', 'manifests.yaml', ...namespaceArgs], project);
    const docs = readDocs(path.join(project, 'manifests.yaml'));
    return tool === 'k8s' ? docs : docs.map(withoutOwnMarks);
  };
  cli(['init', '--no-sample'], project);
  const before = generate();
  cli(['init', '--no-sample', '--patch-templates', template], project);
  return [before, generate()];
}

function comparePatch(template, namespaceArgs) {
  const name = `${path.basename(template, '.tpl')}${namespaceArgs.length > 0 ? '-ns' : ''}`;
  const theirs = changes(...beforeAndAfter('k8s', name, template, namespaceArgs));
  const ours = changes(...beforeAndAfter('ts', name, template, namespaceArgs));
  const problems = [
    ...theirs.filter((c) => !ours.includes(c)).map((c) => `only score-k8s: ${c}`),
    ...ours.filter((c) => !theirs.includes(c)).map((c) => `only score-ts: ${c}`),
  ];
  return { compared: theirs.length, problems };
}

const DEFAULTS_PROJECT = `apiVersion: score.dev/v1b1
metadata:
  name: app
containers:
  main:
    image: nginx:1.27
    variables:
      PG: postgres://\${resources.db.username}:\${resources.db.password}@\${resources.db.host}:\${resources.db.port}/\${resources.db.name}
      PGI: \${resources.dbi.host}
      REDIS: \${resources.cache.host}:\${resources.cache.port}
      REDIS_PASSWORD: \${resources.cache.password}
      MYSQL: \${resources.my.host}
      MONGO: \${resources.mongo.connection}
      AMQP: \${resources.mq.host}
      MSSQL: \${resources.ms.connection}
      S3: \${resources.bucket.endpoint}
      DNS: \${resources.dns.host}
    volumes:
      /data:
        source: \${resources.vol}
service:
  ports:
    web:
      port: 8080
resources:
  db: {type: postgres}
  dbi: {type: postgres-instance}
  cache: {type: redis}
  my: {type: mysql}
  mongo: {type: mongodb}
  mq: {type: amqp}
  ms: {type: mssql}
  bucket: {type: s3}
  dns: {type: dns}
  vol: {type: volume}
  route: {type: route, params: {host: "\${resources.dns.host}", path: /, port: 8080}}
`;

/** score-k8s 0.6.1's default service-port provisioner does not parse (it reads $w before setting it): HEAD's does. */
const HEAD_DEFAULTS_PROJECT =
  DEFAULTS_PROJECT.replace('      DNS:', '      SERVICE: ${resources.self.hostname}:${resources.self.port}\n      DNS:') +
  '  self: {type: service-port, params: {workload: app, port: web}}\n';

function main() {
  const defaults = scoreK8sDefaults();
  const cases = [];
  const defaultsDir = path.join(work, 'defaults-project');
  mkdirSync(defaultsDir);
  writeFileSync(path.join(defaultsDir, 'score.yaml'), DEFAULTS_PROJECT);
  cases.push({
    name: 'score-k8s 0.6.1 default provisioners',
    run: () => compareProvisioners('defaults-0.6.1', defaultsDir, defaults, ['score.yaml'], defaults),
  });
  const head = path.join(corpus, 'default', 'zz-default.provisioners.yaml');
  const headDir = path.join(work, 'head-defaults-project');
  mkdirSync(headDir);
  writeFileSync(path.join(headDir, 'score.yaml'), HEAD_DEFAULTS_PROJECT);
  cases.push({
    name: 'default/zz-default.provisioners.yaml (score-k8s HEAD)',
    run: () => compareProvisioners('defaults-head', headDir, head, ['score.yaml'], defaults),
  });
  const community = path.join(corpus, 'community-provisioners');
  for (const type of readdirSync(community)
    .filter((n) => !n.startsWith('.') && existsSync(path.join(community, n, 'score-k8s')))
    .sort()) {
    const dir = path.join(community, type);
    const scoreFiles = readdirSync(dir)
      .filter((n) => /^score.*\.yaml$/.test(n))
      .sort();
    for (const file of readdirSync(path.join(dir, 'score-k8s'))
      .filter((n) => n.endsWith('.provisioners.yaml'))
      .sort()) {
      const name = `${type}/score-k8s/${file}`;
      if (SKIPPED[file]) cases.push({ name, skip: SKIPPED[file] });
      else
        cases.push({
          name,
          run: () => compareProvisioners(`${type}-${file}`, dir, path.join(dir, 'score-k8s', file), scoreFiles, defaults),
        });
    }
  }
  const patchers = path.join(corpus, 'community-patchers', 'score-k8s');
  for (const file of readdirSync(patchers)
    .filter((n) => n.endsWith('.tpl'))
    .sort()) {
    cases.push({ name: `patch ${file}`, run: () => comparePatch(path.join(patchers, file), []) });
    cases.push({
      name: `patch ${file} --namespace shop --generate-namespace`,
      run: () => comparePatch(path.join(patchers, file), ['--namespace', 'shop', '--generate-namespace']),
    });
  }
  let failed = 0;
  for (const c of cases.filter((c) => !only || c.name.includes(only))) {
    if (c.skip) {
      console.log(`skip  ${c.name}: ${c.skip}`);
      continue;
    }
    let result;
    try {
      result = c.run();
    } catch (e) {
      result = { compared: 0, problems: [`failed: ${e.message}`] };
    }
    if (result.problems.length > 0) failed++;
    console.log(
      `${result.problems.length === 0 ? 'same ' : 'DIFF '} ${c.name} (${result.compared} ${c.name.startsWith('patch') ? 'changes' : 'objects'})`,
    );
    for (const p of result.problems) console.log(`      ${p}`);
  }
  console.log(failed === 0 ? 'no differences' : `${failed} case${failed === 1 ? '' : 's'} with differences`);
  if (!keep) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
  process.exitCode = failed === 0 ? 0 : 1;
}

main();
