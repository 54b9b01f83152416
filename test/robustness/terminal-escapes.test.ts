/**
 * No value from a Score file, an override or a program reaches the terminal raw: escape sequences (OSC 52
 * writes the clipboard, `ESC[2J` clears the screen), carriage returns, line feeds and Unicode line or bidi
 * controls in a message are shown escaped, even with NO_COLOR, and no such value can start a line that passes
 * for one of score-ts's own.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createReporter, type CliIo } from '../../src/cli/io.js';
import { runIn, tempProject } from '../support/run-cli.js';

/** OSC 52 (set the clipboard), a fake line of score-ts's, a screen clear, CR, NEL, LS, PS and a bidi override. */
const OSC52 = '\u001b]52;c;aGk=\u0007';
const FAKE = '\nwrote 1 object for app to manifests.yaml';
const HOSTILE = `x${OSC52}\u001b[2J\r${FAKE}\u0085\u2028\u2029\u202e\u2066`;
const E = 'x\\x1b]52;c;aGk=\\x07\\x1b[2J\\r\\nwrote 1 object for app to manifests.yaml\\x85\\u2028\\u2029\\u202e\\u2066';

/** `text` as a YAML double-quoted scalar (JSON is one). */
const q = (text: string) => JSON.stringify(text);
const score = (body: string) => `apiVersion: score.dev/v1b1\nmetadata:\n  name: app\ncontainers:\n  main:\n${body}`;

interface Case {
  name: string;
  files: Record<string, string>;
  args: string[];
  stderr: string;
  /** The exit code, 1 unless given. */
  code?: number;
  /** Text stdout must hold (the value in the output, escaped as YAML). */
  stdout?: string;
}

const CASES: Case[] = [
  {
    name: 'a volume source',
    files: { 'score.yaml': score(`    image: nginx\n    volumes:\n      /data:\n        source: ${q(HOSTILE)}\n`) },
    args: ['generate', 'score.yaml'],
    stderr: `error: some workloads cannot be converted\n  score.yaml:9:17: containers.main.volumes./data.source: '${E}' is neither \${resources.NAME} nor the name of a PersistentVolumeClaim (lowercase letters, digits, '-' and '.')\n`,
  },
  {
    name: 'a file source',
    files: { 'score.yaml': score(`    image: nginx\n    files:\n      /etc/x:\n        source: ${q(HOSTILE)}\n`) },
    args: ['generate', 'score.yaml'],
    stderr: `error: invalid Score input\n  score.yaml:9:17: containers.main.files./etc/x.source: cannot read '${E}': no such file (a relative source is read from the Score file's folder)\n`,
  },
  {
    name: 'an image (never in a message; escaped in the YAML output)',
    files: { 'score.yaml': score(`    image: ${q(HOSTILE)}\n`) },
    args: ['generate', 'score.yaml', '-o', '-'],
    code: 0,
    stdout: `image: "x\\u001b]52;c;aGk=\\u0007\\u001b[2J\\r\\nwrote 1 object for app to manifests.yaml\\u0085\\u2028\\u2029\u202e\u2066"\n`,
    stderr: `initialised the project state in .score-ts/ (run \`score-ts init\` to also get a sample score.yaml)\nwrote 1 object for app to stdout\n`,
  },
  {
    name: 'a Score file name',
    files: {},
    args: ['generate', `${HOSTILE}.yaml`],
    stderr: `error: invalid Score input\n  cannot read Score file ${E}.yaml: no such file\n`,
  },
  {
    name: 'a workload named in params (a warning)',
    files: {
      'score.yaml': score(`    image: nginx\nresources:\n  peer:\n    type: service\n    params:\n      workload: ${q(HOSTILE)}\n`),
    },
    args: ['graph', 'score.yaml'],
    code: 0,
    stderr: `warning: workload '${E}' is named in params.workload (or by a resource's name) but is not in the project: it is drawn as missing\n`,
  },
  {
    name: 'a param the provisioner does not list (a warning)',
    files: { 'score.yaml': score(`    image: nginx\nresources:\n  data:\n    type: volume\n    params:\n      ${q(HOSTILE)}: 1\n`) },
    args: ['generate', 'score.yaml'],
    code: 0,
    stderr:
      'initialised the project state in .score-ts/ (run `score-ts init` to also get a sample score.yaml)\n' +
      `warning: score.yaml:11:7: resources.data.params.x\\x1b]52;c;aGk=\\x07\\x1b\\[2J\\r\\nwrote 1 object for app to manifests\\.yaml\\x85\\u2028\\u2029\\u202e\\u2066: provisioner template://score-ts/volume at (built-in) provisioners/default.provisioners.yaml:12:1 does not list this param in supported_params (size, storageClassName): it is passed on, and the provisioner may ignore it\n` +
      'wrote 2 objects for app to manifests.yaml\n' +
      'created score-ts.yaml (project label project; workloads score.yaml): commit it; .score-ts/ stays private\n',
  },
  {
    name: 'a variable name',
    files: { 'score.yaml': score(`    image: nginx\n    variables:\n      ${q(HOSTILE)}: \${metadata.nope}\n`) },
    args: ['generate', 'score.yaml'],
    stderr: `error: invalid Score input\n  score.yaml:8:7: containers.main.variables.x\\x1b]52;c;aGk=\\x07\\x1b\\[2J\\r\\nwrote 1 object for app to manifests\\.yaml\\x85\\u2028\\u2029\\u202e\\u2066: '${E}' is not an allowed name: must not contain '='\n`,
  },
  {
    name: 'a resource type',
    files: { 'score.yaml': score(`    image: nginx\nresources:\n  db:\n    type: ${q(HOSTILE)}\n`) },
    args: ['generate', 'score.yaml'],
    stderr: `error: invalid Score input\n  score.yaml:9:11: resources.db.type: must be 2 to 63 letters, digits and '-', starting and ending with a letter or digit\n`,
  },
  {
    name: "a provisioner template's fail message quoting a param",
    files: {
      'score.yaml': score(`    image: nginx\nresources:\n  queue:\n    type: queue\n    params:\n      why: ${q(HOSTILE)}\n`),
      'p.provisioners.yaml': '- uri: template://t/queue\n  type: queue\n  outputs: |\n    {{fail params.why}}\n',
    },
    args: ['generate', 'score.yaml', '--provisioners', 'p.provisioners.yaml'],
    stderr: `error: resource 'queue' of workload 'app' (queue.default#app.queue) failed\n  score.yaml:8:3: resources.queue: template://t/queue, stage outputs: ${E}\n`,
  },
  {
    name: "a cmd:// program's stderr",
    files: {
      'score.yaml': score(`    image: nginx\nresources:\n  bucket:\n    type: bucket\n`),
      'p.provisioners.yaml': `- uri: cmd://node\n  args: [-e, ${q(`process.stderr.write(${JSON.stringify(`quota exceeded ${HOSTILE}\n  detail ${OSC52}\n`)}); process.exit(3)`)}]\n  type: bucket\n`,
    },
    args: ['generate', 'score.yaml', '--provisioners', 'p.provisioners.yaml'],
    stderr: `error: resource 'bucket' of workload 'app' (bucket.default#app.bucket) failed\n  score.yaml:8:3: resources.bucket: cmd://node: 'node' exited with 3:\n    quota exceeded x\\x1b]52;c;aGk=\\x07\\x1b[2J\n    wrote 1 object for app to manifests.yaml\\x85\\u2028\\u2029\\u202e\\u2066\n      detail \\x1b]52;c;aGk=\\x07\n`,
  },
  {
    name: "an unknown flag (commander's message)",
    files: {},
    args: ['generate', `--x${HOSTILE}`],
    code: 2,
    stderr: `error: unknown option '--x${E}'\n`,
  },
  {
    name: 'an override property',
    files: { 'score.yaml': score('    image: nginx\n') },
    args: ['generate', 'score.yaml', '--override-property', `containers.main.volumes./d.source=${HOSTILE}`],
    stderr: `error: some workloads cannot be converted\n  --override-property 'containers.main.volumes./d.source=${E}': containers.main.volumes./d.source: 'x\\x1b]52;c;aGk=\\x07\\x1b[2J wrote 1 object for app to manifests.yaml\\x85\\u2028\\u2029\\u202e\\u2066' is neither \${resources.NAME} nor the name of a PersistentVolumeClaim (lowercase letters, digits, '-' and '.')\n`,
  },
];

/** Characters that must never reach the terminal raw from a message. */
// eslint-disable-next-line no-control-regex -- the control characters are what the test looks for
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** How every line of stderr may start: score-ts's prefixes, indentation, or one of its own info lines. */
const LINE_START =
  /^(error: |warning: | {2}\S| {4}|initialised the project state |wrote \d+ objects? for app to |created score-ts\.yaml \(project label project; workloads score\.yaml\))/;

describe('messages show hostile values escaped', () => {
  it.each(CASES)('$name', async ({ files, args, stderr, code, stdout }) => {
    const dir = tempProject();
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    const run = await runIn(dir, args);
    expect(run.code).toBe(code ?? 1);
    if (stdout !== undefined) expect(run.stdout).toContain(stdout);
    expect(run.stderr).toBe(stderr);
    expect(run.stderr).not.toMatch(RAW_CONTROL);
    for (const line of run.stderr.replace(/\n$/, '').split('\n')) expect(line).toMatch(LINE_START);
  });
});

describe('the reporter escapes every message, whichever way it is written', () => {
  const MESSAGE = `a${OSC52}\u001b[2J\r\nerror: fake\u0085\u2028\u202e\u200f\u061c\ufeff\u007f\u009b\tb`;
  const ESCAPED = 'a\\x1b]52;c;aGk=\\x07\\x1b[2J\\r\\nerror: fake\\x85\\u2028\\u202e\\u200f\\u061c\\ufeff\\x7f\\x9b\\tb';
  const BRACKETS = { red: (t: string) => `<${t}>`, yellow: (t: string) => `<${t}>`, dim: (t: string) => `<${t}>` };

  it.each([
    { name: 'info', write: 'info', text: `${ESCAPED}\n` },
    { name: 'warn', write: 'warn', text: `<warning:> ${ESCAPED}\n` },
    { name: 'debug', write: 'debug', text: `<${ESCAPED}>\n` },
    { name: 'trace', write: 'trace', text: `<${ESCAPED}>\n` },
    { name: 'error', write: 'error', text: `<error:> ${ESCAPED}\n` },
    { name: 'detail', write: 'detail', text: `  ${ESCAPED}\n` },
    {
      name: 'output: each line escaped and indented',
      write: 'output',
      text: '    a\\x1b]52;c;aGk=\\x07\\x1b[2J\n    error: fake\\x85\\u2028\\u202e\\u200f\\u061c\\ufeff\\x7f\\x9b\\tb\n',
    },
  ] as const)('$name', ({ write, text }) => {
    let stderr = '';
    const io: CliIo = { cwd: '/', env: {}, stdout: () => {}, stderr: (t) => (stderr += t), stderrIsTTY: false };
    createReporter(io, 3, BRACKETS)[write](MESSAGE);
    expect(stderr).toBe(text);
  });

  it.each([
    {
      name: 'common indentation becomes four spaces, deeper lines stay deeper',
      output: '\n\n  Traceback:\n    at x\n\n  done  \n\n',
      text: '    Traceback:\n      at x\n\n    done\n',
    },
    {
      name: 'a line at the left edge is indented too',
      output: 'error: fake\n  wrote 1 object',
      text: '    error: fake\n      wrote 1 object\n',
    },
    { name: 'a lone CR is shown, CRLF ends a line', output: 'a\rb\r\nc', text: '    a\\rb\n    c\n' },
  ])('output: $name', ({ output, text }) => {
    let stderr = '';
    const io: CliIo = { cwd: '/', env: {}, stdout: () => {}, stderr: (t) => (stderr += t), stderrIsTTY: false };
    createReporter(io, 1).output(output);
    expect(stderr).toBe(text);
  });
});
