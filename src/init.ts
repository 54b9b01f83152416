/**
 * `score-ts init`: the state folder, unless asked not to a sample score.yaml, and score-ts.yaml (new, or with
 * the sources given added). Never overwrites a Score file or a state.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './base/write-file.js';
import { readProvisionersToInstall } from './provision/provisioner-files.js';
import type { SourceItem } from './sources/fetch-sources.js';
import { readPatchTemplatesToInstall } from './patch/patch-templates.js';
import { initStateDir } from './project/state.js';
import { STATE_DIR } from './base/file-paths.js';
import { loadProjectFile, PROJECT_FILE } from './project/project-file.js';
import { planInitProjectFile } from './project/init-project-file.js';

export interface InitOptions {
  readonly projectDir: string;
  readonly file: string;
  readonly sample: boolean;
  /** Patch template files or folders to install into the project, or their fetched text (a URL, `-`). */
  readonly patchTemplates?: readonly SourceItem[];
  /** Provisioner files or folders to install into the project, or their fetched text (a URL, `-`). */
  readonly provisioners?: readonly SourceItem[];
  /** The --provisioners and --patch-templates values as given, to list in score-ts.yaml. */
  readonly sources?: { readonly provisioners: readonly string[]; readonly patchTemplates: readonly string[] };
}

export interface InitReport {
  /** The state folder was readable by others and was made private. */
  readonly tightenedStateDir: boolean;
  /** The files init created in the state folder (`.gitignore`, `state.yaml`), each only when it was missing. */
  readonly createdStateFiles: readonly string[];
  readonly wroteSample: boolean;
  readonly sampleExisted: boolean;
  /** Installed files, relative to the project, with where each came from when it was not a local file. */
  readonly installed: ReadonlyArray<{ readonly file: string; readonly from?: string; readonly programs?: readonly string[] }>;
  /** What init wrote to score-ts.yaml, in one line; undefined when it left it as it was. */
  readonly projectFile?: string;
  /** What score-ts.yaml could not list, and why. */
  readonly notRecorded: readonly string[];
}

export const SAMPLE_SCORE_FILE = `# yaml-language-server: $schema=https://raw.githubusercontent.com/score-spec/spec/main/score-v1b1.json
# A sample Score workload: edit it, then run \`score-ts generate score.yaml\`.
# Reference: https://docs.score.dev/docs/score-specification/score-spec-reference/
apiVersion: score.dev/v1b1
metadata:
  name: hello-world
containers:
  main:
    image: ghcr.io/stefanprodan/podinfo:6.7.1
    variables:
      PODINFO_UI_MESSAGE: Hello from \${metadata.name}
    resources:
      requests:
        cpu: 50m
        memory: 64Mi
      limits:
        memory: 128Mi
    livenessProbe:
      httpGet:
        path: /healthz
        port: 9898
    readinessProbe:
      httpGet:
        path: /readyz
        port: 9898
service:
  ports:
    web:
      port: 8080
      targetPort: 9898
`;

export function initProject(options: InitOptions): InitReport {
  // Check every provisioner file and patch template before changing anything.
  const toInstall = [
    ...readProvisionersToInstall(options.projectDir, options.provisioners ?? []),
    ...readPatchTemplatesToInstall(options.projectDir, options.patchTemplates ?? []),
  ];
  const samplePath = path.resolve(options.projectDir, options.file);
  const sampleExisted = existsSync(samplePath);
  const wroteSample = options.sample && !sampleExisted;
  const existing = loadProjectFile(options.projectDir);
  const recording = {
    sampleFile: options.sample ? options.file : undefined,
    wroteSample,
    provisioners: options.sources?.provisioners ?? [],
    patchTemplates: options.sources?.patchTemplates ?? [],
  };
  const plan = planInitProjectFile(options.projectDir, existing, recording);
  const { tightened: tightenedStateDir, created: createdStateFiles } = initStateDir(options.projectDir);
  const installed = toInstall.map(({ name, text, ...origin }) => {
    const target = `${STATE_DIR}/${name}`;
    writeFileAtomic(path.join(options.projectDir, target), text, target, 0o600);
    return { file: target, ...origin };
  });
  if (wroteSample) writeFileAtomic(samplePath, SAMPLE_SCORE_FILE, options.file);
  if (plan.update) writeFileAtomic(path.join(options.projectDir, PROJECT_FILE), plan.update.text, PROJECT_FILE);
  const projectFile = plan.update ? { projectFile: plan.update.summary } : {};
  return { tightenedStateDir, createdStateFiles, wroteSample, sampleExisted, installed, ...projectFile, notRecorded: plan.warnings };
}
