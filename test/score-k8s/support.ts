/** A temporary project of a few files, run with the CLI in-process; its output read back as objects. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { at, mapping, type Fields } from '../support/fields.js';
import { runIn, tempProject, type CliRun } from '../support/run-cli.js';

/** A project folder holding `files` (name to text). */
export function projectWith(files: Readonly<Record<string, string>>): string {
  const dir = tempProject();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text, { mode: name.endsWith('.mjs') ? 0o755 : 0o644 });
  }
  return dir;
}

export interface Generated extends CliRun {
  /** The objects written, read with the accessors of test/support/fields.ts. */
  readonly docs: readonly Fields[];
}

/** `score-ts generate ARGS -o -` in the folder, with the objects it wrote. */
export async function generateIn(dir: string, args: readonly string[]): Promise<Generated> {
  const run = await runIn(dir, ['generate', ...args, '-o', '-']);
  const docs = run.code === 0 ? parseAllDocuments(run.stdout).map((d) => mapping(d.toJS())) : [];
  return { ...run, docs };
}

/** The first object of `kind` (named `name`, when given) among `docs`; there must be one. */
export function objectOf(docs: readonly Fields[], kind: string, name?: string): Fields {
  const found = docs.find((d) => d.kind === kind && (name === undefined || at(d, 'metadata', 'name') === name));
  if (!found) throw new Error(`no ${kind}${name === undefined ? '' : ` named ${name}`} among the objects`);
  return found;
}

/** The outputs of a resource, as `resources get-outputs` prints them (JSON). */
export async function outputsOf(dir: string, uid: string): Promise<Record<string, unknown>> {
  const run = await runIn(dir, ['resources', 'get-outputs', uid]);
  if (run.code !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

/** A Score file for workload `name` with these resources (YAML text under `resources:`) and variables. */
export function scoreFile(name: string, resources: string, variables = '', extra = ''): string {
  return `apiVersion: score.dev/v1b1
metadata:
  name: ${name}
  annotations:
    team: blue
containers:
  main:
    image: nginx:1.27
${variables ? `    variables:\n${variables}` : ''}service:
  ports:
    web: {port: 80, targetPort: 8080}
    metrics: {port: 9090}
resources:
${resources}${extra}`;
}
