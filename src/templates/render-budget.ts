/**
 * Bounds on the work of one template render, checked while it runs: a template over hostile params (a nested
 * `{{#each}}` over a 25,000-item list, `toJson` of a big value in every iteration) stops with a clear error
 * long before memory or time run out, instead of after. Every helper call and every `{{#each}}` iteration
 * spends from the render's budget (template-engine.ts makes a new one per render and passes it as data).
 */

/** The limits of one render. */
export interface RenderLimits {
  /** Characters the render may give (the stage's YAML text); also the most one `{{#each}}` block may give. */
  readonly maxOutput: number;
  /** `{{#each}}` iterations, all blocks together. */
  readonly maxIterations: number;
  /** Characters passed to and returned by helpers, all calls together. */
  readonly maxHelperText: number;
}

const MIB = 1024 * 1024;

/**
 * A provisioner stage: 4 MiB is over 500 times the largest built-in render of the 1,000-workload benchmark
 * project (some 7 KB: a data service's manifests); the longest a built-in renders, the list of every workload
 * that a failing service-port shows, reaches it only past 200,000 workloads.
 */
export const STAGE_LIMITS: RenderLimits = { maxOutput: 4 * MIB, maxIterations: 1_000_000, maxHelperText: 64 * MIB };

/** A patch template sees every manifest of the run, so it may give more (still a small part of memory). */
export const PATCH_LIMITS: RenderLimits = { maxOutput: 64 * MIB, maxIterations: 4_000_000, maxHelperText: 256 * MIB };

/** A render went over one of its limits; `line` is the template line of the block or helper call when known. */
export class RenderLimitError extends Error {
  constructor(
    message: string,
    readonly line: number | undefined,
  ) {
    super(message);
  }
}

/** Where Handlebars says a helper call or block is (options.loc). */
export interface TemplateLocation {
  readonly start: { readonly line: number };
}

export class RenderBudget {
  private iterations = 0;
  private helperText = 0;

  constructor(readonly limits: RenderLimits) {}

  /** One `{{#each}}` iteration. */
  iterate(at: TemplateLocation | undefined): void {
    if (++this.iterations > this.limits.maxIterations) {
      throw new RenderLimitError(
        `loops more than ${this.limits.maxIterations.toLocaleString('en-US')} times ({{#each}} iterations of one render); iterate over less data`,
        at?.start.line,
      );
    }
  }

  /** Text a helper call took or gave. */
  spendHelperText(length: number, at: TemplateLocation | undefined): void {
    this.helperText += length;
    if (this.helperText > this.limits.maxHelperText) {
      throw new RenderLimitError(
        `passes more than ${sizeInWords(this.limits.maxHelperText)} of text through helpers in one render; use helpers on less data`,
        at?.start.line,
      );
    }
  }

  /** Text rendered so far by one block, or by the whole template. */
  checkOutput(length: number, at: TemplateLocation | undefined): void {
    if (length > this.limits.maxOutput) throw new RenderLimitError(renderTooLarge(this.limits), at?.start.line);
  }
}

export function renderTooLarge(limits: RenderLimits): string {
  return `renders more than ${sizeInWords(limits.maxOutput)} of text; render less (a provisioner is not meant to copy large data)`;
}

function sizeInWords(characters: number): string {
  return `${characters / MIB} MiB`;
}

/** The budget of the render a helper runs in (absent only when a template is run outside template-engine.ts). */
export function budgetOf(data: unknown): RenderBudget | undefined {
  return (data as { budget?: RenderBudget } | undefined)?.budget;
}
