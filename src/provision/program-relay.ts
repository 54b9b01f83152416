/**
 * Runs a cmd:// program and waits for it, synchronously, as provisioning is: a worker thread (the relay) runs
 * the program with Node's asynchronous child_process while this thread blocks on a shared flag
 * (Atomics.wait), then reads the relay's answer (receiveMessageOnPort). spawnSync cannot do what the relay does:
 * - end on the program's exit, not on the close of its pipes, which a background process it started may keep
 *   open (`sleep 100 &` would otherwise turn success into a timeout);
 * - write the request without needing the program to read it (a program may answer and exit first: EPIPE is
 *   ignored);
 * - stop a program whose answer grows past its limit while it writes, instead of buffering it all.
 * The relay starts once per process, on the first cmd:// resource (some 10-40 ms), and is not kept alive for
 * its own sake (unref). Its source is a string, so nothing extra ships and the bundle needs no worker file.
 */
import { createRequire } from 'node:module';
import type { MessagePort, Worker } from 'node:worker_threads';

export interface ProgramRun {
  readonly executable: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly input: string;
  readonly timeoutMs: number;
  /** Bytes of stdout after which the program is killed. */
  readonly maxStdout: number;
  /** Bytes of stderr kept (the rest is dropped, the program runs on). */
  readonly maxStderr: number;
}

export interface ProgramOutcome {
  /** The exit code, or null when a signal ended the program. */
  readonly status: number | null;
  readonly signal: string | null;
  /** Why the relay stopped the program, if it did. */
  readonly stopped: 'timeout' | 'stdout-too-large' | null;
  /** The error code when the program could not be started (ENOENT, EACCES, ...). */
  readonly startError: string | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly stderrCut: boolean;
}

/** The relay: a worker thread that answers each job on its port, then raises the shared flag. */
const RELAY_SOURCE = String.raw`
const { workerData } = require('node:worker_threads');
const { spawn } = require('node:child_process');
const { flag, port } = workerData;
port.on('message', (job) => {
  const answer = (outcome) => {
    port.postMessage(outcome);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  };
  try {
    run(job, answer);
  } catch (e) {
    answer({ status: null, signal: null, stopped: null, startError: e.code || 'EINVAL', stdout: '', stderr: '', stderrCut: false });
  }
});

function run(job, answer) {
  const out = [], err = [];
  let outBytes = 0, errBytes = 0, stderrCut = false, stopped = null, startError = null, status = null, signal = null;
  let child, timer, grace, done = false;
  const finish = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    clearTimeout(grace);
    // Stop reading pipes that a background process of the program may hold open.
    if (child) for (const s of [child.stdout, child.stderr]) if (s) s.destroy();
    answer({ status, signal, stopped, startError, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), stderrCut });
  };
  try {
    child = spawn(job.executable, job.args, { cwd: job.cwd, env: job.env, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (e) {
    startError = e.code || 'EINVAL';
    return finish();
  }
  const stop = (why) => {
    stopped = stopped || why;
    try { child.kill('SIGKILL'); } catch {}
  };
  timer = setTimeout(() => stop('timeout'), job.timeoutMs);
  child.stdout.on('data', (chunk) => {
    outBytes += chunk.length;
    if (outBytes > job.maxStdout) stop('stdout-too-large');
    else out.push(chunk);
  });
  child.stderr.on('data', (chunk) => {
    const room = job.maxStderr - errBytes;
    if (chunk.length > room) stderrCut = true;
    if (room <= 0) return;
    err.push(chunk.subarray(0, room));
    errBytes += Math.min(chunk.length, room);
  });
  // A program may answer without reading its request: writing the rest then fails (EPIPE), which is fine.
  child.stdin.on('error', () => {});
  child.stdin.end(job.input);
  child.on('error', (e) => {
    if (child.pid === undefined) {
      startError = e.code || 'EINVAL';
      finish();
    }
  });
  child.on('exit', (code, sig) => {
    status = code;
    signal = sig;
    // What the program wrote before it exited is already in the pipes: read it, then end even if a
    // background process keeps them open.
    grace = setTimeout(finish, 100);
  });
  child.on('close', finish);
}
`;

interface Relay {
  readonly worker: Worker;
  readonly port: MessagePort;
  readonly flag: Int32Array;
  readonly receive: (port: MessagePort) => { message: unknown } | undefined;
}

const require = createRequire(import.meta.url);
let relay: Relay | undefined;

function startRelay(): Relay {
  const threads = require('node:worker_threads') as typeof import('node:worker_threads');
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new threads.MessageChannel();
  const worker = new threads.Worker(RELAY_SOURCE, { eval: true, workerData: { flag, port: port2 }, transferList: [port2] });
  worker.unref();
  return { worker, port: port1, flag, receive: threads.receiveMessageOnPort };
}

/** How long past its own timeout the relay may take to answer before something is wrong with it. */
const RELAY_MARGIN_MS = 10_000;

/** Runs the program to its exit (or until the relay stops it) and returns what it did. */
export function runProgram(run: ProgramRun): ProgramOutcome {
  relay ??= startRelay();
  Atomics.store(relay.flag, 0, 0);
  relay.port.postMessage(run);
  const waited = Atomics.wait(relay.flag, 0, 0, run.timeoutMs + RELAY_MARGIN_MS);
  const answer = relay.receive(relay.port);
  if (waited === 'timed-out' || answer === undefined) throw new Error('the cmd:// relay thread did not answer');
  return answer.message as ProgramOutcome;
}
