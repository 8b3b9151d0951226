/**
 * A worker thread of a parallel run (see parallel.ts): plans the suite as the calling thread did, scans
 * its part of the source (for the metrics it is given, when only some), and posts every metric's state
 * back (their buffers moved, not copied), or its value when the part is the whole source.
 */
import { once } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';
import { registry } from '../expectations/index.js';
import { warmParquetReader } from '../io/parquet-thread.js';
import { openPart } from '../io/parts.js';
import { buffersOf, type PartJob, type PartMessage } from './parallel.js';
import { scanStates } from './run.js';

const port = parentPort;
// a worker started ahead of its job (prestartWorker) gets it as its first message
const job =
  (workerData as PartJob | null) ??
  (port ? ((await once(port, 'message')) as [{ job: PartJob }])[0].job : undefined);
if (!job) throw new Error('a part worker started without a job');

function post(m: PartMessage, transfer: ArrayBuffer[] = []): void {
  try {
    port?.postMessage(m, transfer);
  } catch {
    // a buffer that cannot move (e.g. a view of WebAssembly memory) is copied instead
    port?.postMessage(m);
  }
}

// the decoder thread starts while the suite is planned
if (job.part.format === 'parquet') warmParquetReader();
scanStates(
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
).then(
  (result) => post({ kind: 'done', result }, buffersOf(result)),
  (e: unknown) => post({ kind: 'failed', message: e instanceof Error ? e.message : String(e) }),
);
