/**
 * The commands of docs/ci.md, read from its code blocks, so that the recipes test runs what the page says:
 * the laptop's `sh` block under "The seed", the steps of the GitHub Actions workflow and the GitLab CI jobs.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export interface Step {
  readonly name: string;
  /** A shell script, run with bash -e. */
  readonly script: string;
  /** When the step runs: every event, or only this one. */
  readonly onlyOn?: 'pull-request' | 'main';
}

export interface CiPage {
  readonly laptop: string;
  /** "Secrets and Git": the laptop's setup, then what CI runs on main. */
  readonly secrets: { readonly setup: string; readonly apply: string };
  readonly github: { readonly env: Readonly<Record<string, string>>; readonly steps: readonly Step[] };
  readonly gitlab: ReadonlyArray<{ readonly job: string; readonly on: 'pull-request' | 'main'; readonly steps: readonly Step[] }>;
}

/** The fenced block of `language` number `index` (from 0) in the section `## title`. */
export function blockAfter(page: string, title: string, language: string, index = 0): string {
  const start = page.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`docs/ci.md has no section "## ${title}"`);
  let fence = start;
  for (let i = 0; i <= index; i++) fence = page.indexOf(`\n\`\`\`${language}\n`, fence + 1);
  const next = page.indexOf('\n## ', start + 1);
  if (fence < 0 || (next >= 0 && fence > next)) throw new Error(`section "## ${title}" has no \`\`\`${language} block number ${index + 1}`);
  const body = fence + language.length + 5;
  return page.slice(body, page.indexOf('\n```\n', body) + 1);
}

interface WorkflowStep {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
}

const GITHUB_CONDITIONS: Readonly<Record<string, Step['onlyOn']>> = {
  "github.event_name == 'push'": 'main',
  "github.event_name == 'pull_request'": 'pull-request',
};
const GITLAB_RULES: Readonly<Record<string, Step['onlyOn']>> = {
  '$CI_PIPELINE_SOURCE == "merge_request_event"': 'pull-request',
  '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH': 'main',
};

export function readCiPage(file: string): CiPage {
  const page = readFileSync(file, 'utf8');
  const workflow = parse(blockAfter(page, 'GitHub Actions', 'yaml')) as {
    jobs: Record<string, { env?: Record<string, string>; steps: WorkflowStep[] }>;
  };
  const [job] = Object.values(workflow.jobs);
  const steps = job!.steps
    .filter((s) => s.run !== undefined)
    .map((s, i) => {
      const onlyOn = s.if === undefined ? undefined : GITHUB_CONDITIONS[s.if];
      if (s.if !== undefined && onlyOn === undefined) throw new Error(`the test does not know the condition ${s.if}`);
      return { name: s.name ?? `step ${i + 1}`, script: s.run!, ...(onlyOn ? { onlyOn } : {}) };
    });
  const gitlab = Object.entries(
    parse(blockAfter(page, 'GitLab CI', 'yaml')) as Record<string, { rules: Array<{ if: string }>; script: string[] }>,
  ).map(([name, j]) => {
    const on = GITLAB_RULES[j.rules[0]!.if];
    if (!on) throw new Error(`the test does not know the rule ${j.rules[0]!.if}`);
    return { job: name, on, steps: j.script.map((line) => ({ name: line, script: line })) };
  });
  const secrets = { setup: blockAfter(page, 'Secrets and Git', 'sh', 0), apply: blockAfter(page, 'Secrets and Git', 'sh', 1) };
  return { laptop: blockAfter(page, 'The seed', 'sh'), secrets, github: { env: job!.env ?? {}, steps }, gitlab };
}
