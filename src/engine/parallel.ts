import { Worker } from 'node:worker_threads';
import type { SourcePart } from '../io/types.js';
import type { Suite } from '../suite/model.js';
import type { RunOptions } from './run.js';

/** The run options a worker needs to plan exactly as the calling thread did (plain data). */
export type PartRunOptions = Pick<
  RunOptions,
  'resultFormat' | 'maxUnexpectedRows' | 'suiteParameters' | 'exactQuantileLimit' | 'maxBatchBytes'
> & {
  /** The run's now() in milliseconds, so that `$PARAMETER` expressions resolve alike in every thread. */
  now: number;
};

/** What one worker thread is asked to do: plan the suite and scan one part of the source. */
export interface PartJob {
  readonly suite: Suite;
  readonly part: SourcePart;
  readonly opts: PartRunOptions;
  /** Only these metrics (by id), reading only their columns; every metric of the plan when absent. */
  readonly metricIds?: readonly string[];
  /**
   * The part is the whole source: finish the metrics there and send their values, which are small,
   * instead of states to merge (a uniqueness state can hold tens of thousands of buffers).
   */
  readonly finish?: boolean;
}

/** A metric's state after a part (or its finished value, when the job said so), or why it failed. */
export interface PartSlot {
  state?: unknown;
  value?: unknown;
  finished?: boolean;
  error?: string;
}

/** What a worker sends back: the rows it read and every metric's state, by metric id. */
export interface PartResult {
  rows: number;
  slots: [id: string, slot: PartSlot][];
}

/** Messages from a worker thread. */
export type PartMessage =
  | { kind: 'rows'; rows: number }
  | { kind: 'done'; result: PartResult }
  | { kind: 'failed'; message: string };

/** What a worker thread starts with: its job, or (started ahead of it) what it will read. */
export type WorkerStart = { job: PartJob } | { ahead: { parquet: boolean } };

/** Below this many rows a run keeps to one thread unless told otherwise: starting workers costs more. */
export const AUTO_PARALLEL_ROWS = 2_000_000;
/** The same for a source whose rows are only known once read (CSV): its size in bytes. */
export const AUTO_PARALLEL_BYTES = 64 << 20;

const TYPESCRIPT = import.meta.url.endsWith('.ts');

/**
 * Starts the worker module beside this one: worker.js once built; under a TypeScript loader (tests, tsx)
 * the worker registers tsx itself before importing worker.ts, as loaders do not reach worker threads.
 */
function newWorker(start: WorkerStart): Worker {
  const url = new URL(`./worker.${TYPESCRIPT ? 'ts' : 'js'}`, import.meta.url);
  if (!TYPESCRIPT) return new Worker(url, { workerData: start });
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { eval: true, workerData: start });
}

/** A worker started ahead of its job (prestartWorker), waiting for it. */
let spare: Worker | undefined;

/**
 * Starts a worker thread before its job is known, so that its start-up (loading the engine: 0.3 s of CPU
 * from the bundled build, 0.55 s from packages) overlaps this thread's work; the next job takes it.
 * While it waits it keeps no process alive. One that will read Parquet starts its reader thread at once.
 */
export function prestartWorker(ahead: { parquet: boolean }): void {
  if (spare) return;
  const w = newWorker({ ahead });
  w.once('exit', () => {
    if (spare === w) spare = undefined;
  });
  w.unref();
  spare = w;
}

/** Stops the worker started ahead of a job that never came (the run did not need it). */
export function dropSpareWorker(): void {
  const w = spare;
  spare = undefined;
  void w?.terminate();
}

/** A worker for a job: the one started ahead when there is one (sent the job), else a new one. */
function startWorker(job: PartJob): Worker {
  const w = spare;
  spare = undefined;
  if (!w) return newWorker({ job });
  w.ref();
  w.postMessage({ job });
  return w;
}

/**
 * Runs one worker thread per job, all at once, and resolves with their results in job order; `onRows`
 * hears the rows read so far by all of them. Rejects when any worker fails or `signal` aborts (the
 * workers are stopped).
 */
export function scanParts(
  jobs: readonly PartJob[],
  onRows?: (rows: number) => void,
  signal?: AbortSignal,
): Promise<PartResult[]> {
  const workers = jobs.map(startWorker);
  const read = jobs.map(() => 0);
  const stopAll = () => Promise.all(workers.map((w) => w.terminate()));
  return new Promise<PartResult[]>((resolve, reject) => {
    const results: (PartResult | undefined)[] = jobs.map(() => undefined);
    let left = jobs.length;
    let failed = false;
    const fail = (why: string) => {
      if (failed) return;
      failed = true;
      void stopAll();
      reject(new Error(why));
    };
    signal?.addEventListener('abort', () => fail('the run stopped'), { once: true });
    workers.forEach((w, k) => {
      w.on('message', (m: PartMessage) => {
        if (m.kind === 'rows') {
          read[k] = m.rows;
          onRows?.(read.reduce((a, b) => a + b, 0));
        } else if (m.kind === 'failed') fail(m.message);
        else {
          results[k] = m.result;
          void w.terminate();
          if (--left === 0) resolve(results as PartResult[]);
        }
      });
      w.on('error', (e) => fail(`a worker thread failed: ${e.message}`));
      w.on('exit', (code) => {
        if (results[k] === undefined) fail(`a worker thread exited with code ${code}`);
      });
    });
  });
}

/**
 * The ArrayBuffers inside a value (through arrays, plain objects, Maps and Sets), for posting it
 * without copying them; shared and already transferred buffers are left out.
 */
export function buffersOf(value: unknown): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  collectBuffers(value, out, new Set<object>());
  return [...out];
}

function collectBuffers(value: unknown, out: Set<ArrayBuffer>, seen: Set<object>): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  if (ArrayBuffer.isView(value)) {
    const b = value.buffer;
    if (b instanceof ArrayBuffer && b.byteLength > 0) out.add(b);
  } else if (value instanceof Map) {
    for (const [k, v] of value) {
      collectBuffers(k, out, seen);
      collectBuffers(v, out, seen);
    }
  } else if (value instanceof Set || Array.isArray(value)) {
    for (const v of value) collectBuffers(v, out, seen);
  } else {
    for (const v of Object.values(value)) collectBuffers(v, out, seen);
  }
}
