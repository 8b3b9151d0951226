/**
 * What a worker thread of a parallel run does with its job (worker.ts loads this once it has started
 * what it can without the engine): plans the suite as the calling thread did, scans its part of the
 * source (for the metrics it is given, when only some), and posts every metric's state back (their
 * buffers moved, not copied), or its value when the part is the whole source.
 */
import type { MessagePort } from 'node:worker_threads';
import { registry } from '../expectations/index.js';
import { openPart } from '../io/parts.js';
import { buffersOf, type PartJob, type PartMessage } from './parallel.js';
import { scanStates } from './run.js';

/** Runs a job, posting progress and then its result (or why it failed) to `port`. */
export async function runPartJob(job: PartJob, port: MessagePort | null): Promise<void> {
  const post = (m: PartMessage, transfer: ArrayBuffer[] = []) => {
    try {
      port?.postMessage(m, transfer);
    } catch {
      // a buffer that cannot move (e.g. a view of WebAssembly memory) is copied instead
      port?.postMessage(m);
    }
  };
  try {
    const result = await scanStates(
      job.suite,
      openPart(job.part),
      registry,
      {
        ...job.opts,
        now: new Date(job.opts.now),
        onProgress: (rows) => post({ kind: 'rows', rows }),
      },
      job.metricIds,
      job.finish,
    );
    post({ kind: 'done', result }, buffersOf(result));
  } catch (e) {
    post({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
  }
}
