import type { Logger } from '../base/logger.js';

/** -v: the kinds of checked objects (`which`) that had no schema to be checked against. */
export function logUncheckedKinds(which: string, kinds: readonly string[], log: Logger): void {
  if (kinds.length > 0) log.debug?.(`not checked, no Kubernetes schema for these kinds (${which}): ${kinds.join(', ')}`);
}
