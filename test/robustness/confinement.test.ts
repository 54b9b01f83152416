/**
 * Nobody gets in: a Score file cannot read files outside its project, cannot run programs, and cannot
 * inject YAML structure through its values.
 */
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runIn, tempProject } from '../support/run-cli.js';

const outsideFile = path.join(os.tmpdir(), `score-ts-outside-${process.pid}.txt`);
writeFileSync(outsideFile, 'SECRET-FROM-OUTSIDE\n');

function withSource(source: string): string {
  return `apiVersion: score.dev/v1b1
metadata: {name: reader}
containers:
  main:
    image: nginx:1.28
    files:
      /etc/app/data.txt:
        source: ${JSON.stringify(source)}
`;
}

async function generateWith(dir: string, scoreFile: string, extra: string[] = []) {
  return runIn(dir, ['generate', scoreFile, '-o', '-', ...extra]);
}

describe('files.*.source stays inside the project', () => {
  it.each([
    { name: 'a relative path that climbs out', source: (dir: string) => path.relative(dir, outsideFile) },
    { name: 'an absolute path', source: () => outsideFile },
    { name: '/etc/passwd', source: () => '/etc/passwd' },
  ])('refuses $name, naming the field and the flag', async ({ source }) => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), withSource(source(dir)));
    const run = await generateWith(dir, 'score.yaml');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/score\.yaml:8:17: containers\.main\.files\.\/etc\/app\/data\\\.txt\.source: '.*' is outside the project folder/);
    expect(run.stderr).toContain('--allow-files-outside-project');
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toContain('SECRET-FROM-OUTSIDE');
  });

  it('refuses a link inside the project that points outside it', async () => {
    const dir = tempProject();
    symlinkSync(outsideFile, path.join(dir, 'innocent.txt'));
    writeFileSync(path.join(dir, 'score.yaml'), withSource('innocent.txt'));
    const run = await generateWith(dir, 'score.yaml');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is outside the project folder (after following links)');
  });

  it('reads files and links that stay inside the project, also beside a Score file in a subfolder', async () => {
    const dir = tempProject();
    mkdirSync(path.join(dir, 'shared'));
    mkdirSync(path.join(dir, 'app'));
    writeFileSync(path.join(dir, 'shared', 'data.txt'), 'inside\n');
    symlinkSync(path.join(dir, 'shared', 'data.txt'), path.join(dir, 'app', 'link.txt'));
    writeFileSync(path.join(dir, 'app', 'score.yaml'), withSource('../shared/data.txt'));
    expect((await generateWith(dir, 'app/score.yaml')).stdout).toContain('inside');
    writeFileSync(path.join(dir, 'app', 'score.yaml'), withSource('link.txt'));
    expect((await generateWith(dir, 'app/score.yaml')).stdout).toContain('inside');
  });

  it('reads outside files when the user passes --allow-files-outside-project', async () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), withSource(outsideFile));
    const run = await generateWith(dir, 'score.yaml', ['--allow-files-outside-project']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('SECRET-FROM-OUTSIDE');
  });
});

describe('a Score file cannot run programs', () => {
  it('ignores provisioner files that were not installed or named, even beside the Score file', async () => {
    const dir = tempProject();
    const marker = path.join(dir, 'ran');
    writeFileSync(path.join(dir, 'evil.provisioners.yaml'), `- uri: cmd://node\n  args: [-e, "require('fs').writeFileSync(${JSON.stringify(marker)}, '')"]\n  type: evil\n`);
    mkdirSync(path.join(dir, 'provisioners'));
    writeFileSync(path.join(dir, 'provisioners', 'evil.provisioners.yaml'), `- uri: cmd://node\n  args: [-e, "require('fs').writeFileSync(${JSON.stringify(marker)}, '')"]\n  type: evil\n`);
    writeFileSync(path.join(dir, 'score.yaml'), `apiVersion: score.dev/v1b1
metadata: {name: app, annotations: {score-ts.dev/provisioners: evil.provisioners.yaml}}
containers: {main: {image: nginx:1.28}}
resources:
  thing: {type: evil, params: {uri: "cmd://node", args: ["-e", "process.exit(0)"]}}
`);
    const run = await generateWith(dir, 'score.yaml');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("resources.thing.type: no provisioner for type 'evil'");
    expect(existsSync(marker)).toBe(false);
  });

  it('rejects a resource type that looks like a provisioner uri', async () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), 'apiVersion: score.dev/v1b1\nmetadata: {name: app}\ncontainers: {main: {image: nginx:1.28}}\nresources:\n  x: {type: "cmd://sh"}\n');
    const run = await generateWith(dir, 'score.yaml');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
  });
});

describe('values cannot add YAML structure', () => {
  const payloads = ['x\n---\napiVersion: v1\nkind: Secret', 'a: b', '"quoted"', '- item', '{ "k": 1 }', '&anchor *alias', '#comment', 'tab\there', 'line\r\nbreak', '\u2028sep', '|\n  block'];

  it.each(payloads.map((p) => ({ payload: p })))('keeps $payload as one exact string value', async ({ payload }) => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'score.yaml'), `apiVersion: score.dev/v1b1
metadata: {name: app, note: ${JSON.stringify(payload)}}
containers:
  main:
    image: nginx:1.28
    variables:
      RAW: ${JSON.stringify(payload)}
      VIA_PLACEHOLDER: "\${metadata.note}"
`);
    const run = await generateWith(dir, 'score.yaml');
    expect(run.code, run.stderr).toBe(0);
    const documents = parseAllDocuments(run.stdout).map((d) => d.toJS() as { kind: string; spec?: { template: { spec: { containers: Array<{ env: Array<{ name: string; value: string }> }> } } } });
    expect(documents.map((d) => d.kind)).toEqual(['Deployment']);
    const env = documents[0]!.spec!.template.spec.containers[0]!.env;
    const doubled = payload.replace(/\$/g, '$$$$');
    expect(env.find((e) => e.name === 'RAW')!.value).toBe(doubled);
    expect(env.find((e) => e.name === 'VIA_PLACEHOLDER')!.value).toBe(doubled);
  });
});
