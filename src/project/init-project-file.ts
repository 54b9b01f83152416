/**
 * What `init` writes to score-ts.yaml. Without one: a new file with the folder's name as the project label and
 * the sample as its workload; in a project of an older score-ts, whose state remembers the workloads, the
 * state's workloads (with their flags) and label instead. With one: the --provisioners and --patch-templates
 * sources it does not list yet.
 */
import { isStdinScoreFile } from '../base/read-file.js';
import { projectPath } from '../base/file-paths.js';
import { protectedFiles } from './output-files.js';
import { knownWorkloads, projectKind, projectLabel } from './project-definition.js';
import { type LoadedProjectFile } from './project-file.js';
import { planProjectFileUpdate, type UpdatePlan } from './project-file-save.js';
import { loadState, type WorkloadRecord } from './state.js';

export interface InitRecording {
  /** The Score file init lists in a new score-ts.yaml (the sample), if any. */
  readonly sampleFile?: string | undefined;
  /** The sample did not exist and is written now. */
  readonly wroteSample: boolean;
  readonly provisioners: readonly string[];
  readonly patchTemplates: readonly string[];
}

export function planInitProjectFile(projectDir: string, existing: LoadedProjectFile | undefined, recording: InitRecording): UpdatePlan {
  const state = loadState(projectDir);
  const migrating = projectKind(existing, state) === 'state';
  const sample: WorkloadRecord[] = recording.sampleFile !== undefined ? [{ file: projectPath(projectDir, recording.sampleFile) }] : [];
  const remembered = knownWorkloads(undefined, state)
    .map((w) => w.record)
    .filter((r) => !isStdinScoreFile(r.file, projectDir));
  const given = existing ? [] : migrating ? [...remembered, ...(recording.wroteSample ? sample : [])] : sample;
  const scope = { projectDir, allowOutside: false, protectedFiles: protectedFiles(projectDir, state?.outputFiles, undefined) };
  const request = { given, flagged: false, settings: {}, provisioners: recording.provisioners, patchTemplates: recording.patchTemplates };
  const plan = planProjectFileUpdate(existing, request, scope, projectLabel(projectDir, undefined, undefined, state));
  if (!migrating || !plan.update) return plan;
  return {
    ...plan,
    update: {
      ...plan.update,
      summary: plan.update.summary.replace(
        'created score-ts.yaml (',
        'created score-ts.yaml from the project state, where an older score-ts kept the workloads (',
      ),
    },
  };
}
