/**
 * The functions score-ts's Go templates call: sprig's two halves (sprig/text-index.ts, sprig/data-funcs.ts)
 * and score-k8s's own (`encodeSecretRef` in provisioner templates, `substituteValue` in patch templates).
 *
 * Each function map is built once per process and reads the run it serves (random source, clock, secret
 * references) from one current-run slot, set by withGoRun around a render: so a template text is parsed
 * once per process (compileGoTemplate caches by function map), however many resources and runs use it.
 */
import { GoFuncError } from './errors.js';
import { funcMap, goFunc, type FuncMap, type GoFunc } from './funcs.js';
import { T } from './go-types.js';
import { sprigDataFuncs } from './sprig/data-funcs.js';
import { sprigTextFuncs } from './sprig/text-index.js';
import type { GoValue } from './values.js';
import type { RandomSource } from '../../base/random.js';
import { SecretRefError, type SecretRefCodec } from '../../base/secret-ref.js';

/** What the functions of one render read. */
export interface GoRun {
  readonly random: RandomSource;
  /** Nanoseconds since the Unix epoch (sprig's now, ago, date). */
  readonly now: () => bigint;
  /** encodeSecretRef writes score-ts secret references with this codec; unset where none may be made. */
  readonly secretRefs?: SecretRefCodec | undefined;
  /** substituteValue: a workload's `${...}` placeholders expanded; unset outside patch templates. */
  readonly substitute?: ((workload: string, value: string) => GoValue) | undefined;
}

let current: GoRun | undefined;

/** Runs `render` with `run` as the current run of every function. */
export function withGoRun<T>(run: GoRun, render: () => T): T {
  const previous = current;
  current = run;
  try {
    return render();
  } finally {
    current = previous;
  }
}

/** The real clock, as sprig's `now` reads it. */
export function systemClock(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}

function currentRun(): GoRun {
  if (!current) throw new GoFuncError('this function runs only while score-ts renders a template');
  return current;
}

const runRandom: RandomSource = { bytes: (count) => currentRun().random.bytes(count) };

function sprig(): Record<string, GoFunc> {
  return { ...sprigTextFuncs({ random: runRandom }), ...sprigDataFuncs({ random: runRandom, now: () => currentRun().now() }) };
}

/** score-k8s's `encodeSecretRef NAME KEY`: a reference to KEY of the Secret NAME, as a score-ts secret reference. */
const encodeSecretRef = goFunc(
  [T.string, T.string],
  T.string,
  ([name, key]) => {
    const codec = currentRun().secretRefs;
    if (!codec) throw new GoFuncError('secret references cannot be made here');
    try {
      return codec.encode(name as string, key as string);
    } catch (e) {
      if (e instanceof SecretRefError) throw new GoFuncError(e.message.replace(/^secretRef: /, ''));
      throw e;
    }
  },
  { canFail: true },
);

/** score-k8s's `substituteValue WORKLOAD VALUE`: VALUE with the workload's `${metadata...}` and `${resources...}` expanded. */
const substituteValue = goFunc(
  [T.string, T.any],
  T.any,
  ([workload, value]) => {
    const substitute = currentRun().substitute;
    if (!substitute) throw new GoFuncError('substituteValue is for patch templates');
    if (typeof value !== 'string') return value;
    try {
      return substitute(workload as string, value);
    } catch (e) {
      if (e instanceof GoFuncError || !(e instanceof Error)) throw e;
      throw new GoFuncError(e.message);
    }
  },
  { canFail: true },
);

let provisioner: FuncMap | undefined;
let patch: FuncMap | undefined;
let format: FuncMap | undefined;

/** Provisioner templates: sprig and encodeSecretRef, as score-k8s's template provisioner registers them. */
export function provisionerFuncs(): FuncMap {
  provisioner ??= funcMap(sprig(), { encodeSecretRef });
  return provisioner;
}

/** Patch templates: sprig and substituteValue. */
export function patchFuncs(): FuncMap {
  patch ??= funcMap(sprig(), { substituteValue });
  return patch;
}

/** `--format` templates of `resources get-outputs` and `resources list`: sprig alone. */
export function formatFuncs(): FuncMap {
  format ??= funcMap(sprig());
  return format;
}
