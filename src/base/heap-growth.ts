/**
 * How far V8 lets its heap grow before a full collection. A run of thousands of workloads keeps little live data
 * while it writes (each workload's objects are made as they are written), but V8 lets the heap grow to two or
 * three times the live data of its last full collection first. For such a run score-ts asks V8 to collect once
 * the heap has grown by 30%: about a tenth more time, about a quarter less memory at the peak (measured by
 * `npm run bench`). Smaller runs keep V8's default: their heap is small, and collecting more often only costs.
 */
import { createRequire } from 'node:module';
import type * as V8 from 'node:v8';

/** From this many workloads on, a run keeps its heap near its live data. */
export const LARGE_RUN_WORKLOADS = 2000;
const GROWTH_PERCENT = 30;

export function keepHeapNearLiveData(): void {
  const v8 = createRequire(import.meta.url)('node:v8') as typeof V8;
  // A V8 flag read at each full collection; a Node.js whose V8 lacks it ignores it (the heap then grows as before).
  v8.setFlagsFromString(`--heap-growing-percent=${GROWTH_PERCENT}`);
}
