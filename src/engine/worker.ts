/**
 * A worker thread of a parallel run (see parallel.ts). It starts what it can before it loads the engine
 * (the Parquet reader thread, whose WebAssembly loads meanwhile), then runs its job (part-job.ts): the
 * one it was started with, or, when started ahead of it (prestartWorker), the first message it gets.
 */
import { once } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';
import { warmParquetReader } from '../io/parquet-thread.js';
import type { PartJob, WorkerStart } from './parallel.js';

const start = workerData as WorkerStart;
if ('job' in start ? start.job.part.format === 'parquet' : start.ahead.parquet) warmParquetReader();
const { runPartJob } = await import('./part-job.js');
const port = parentPort;
const job =
  'job' in start
    ? start.job
    : port
      ? ((await once(port, 'message')) as [{ job: PartJob }])[0].job
      : undefined;
if (!job) throw new Error('a part worker started without a job');
// a worker started ahead for another format
if (job.part.format === 'parquet') warmParquetReader();
await runPartJob(job, port);
