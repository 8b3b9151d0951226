/**
 * A worker thread that runs requests one at a time, as both Parquet readers use one (parquet-wasm's in
 * parquet-thread.ts, hyparquet's in parquet-fallback.ts): their decoders may panic, loop or allocate
 * without bound, and a thread confines all three. This module loads only Node's own modules.
 */
import { Worker } from 'node:worker_threads';
import { formatBytes, watchMemory } from './watch.js';

/** The thread failed to answer: it crashed (an error, an exit, or stopped for its memory), or it reported an error. */
export class WorkerFailure extends Error {
  constructor(
    message: string,
    /** True when the thread itself failed (its session is then dead); false for an error it reported. */
    readonly crashed: boolean,
    /** Bytes the process had grown by when the thread was stopped for taking too much memory. */
    readonly grown?: number,
  ) {
    super(message);
  }
}

/** What the thread's source must answer to each request, echoing its `id`. */
interface Reply {
  id: number;
  ok: boolean;
  reply?: unknown;
  error?: string;
}

/**
 * A worker thread started from CommonJS `source` (evaluated, with `workerData`), which answers each
 * request message `{ ...request, id }` with a Reply. One request runs at a time (the caller queues
 * them); the thread keeps the process alive only while one runs. Once the thread has crashed the session
 * is dead: its request fails with `crashed` set, and so does every later one.
 */
export class WorkerSession {
  private readonly worker: Worker;
  private pending: { id: number; resolve: (v: unknown) => void; reject: (e: Error) => void } | undefined;
  private lastId = 0;
  private unwatch: (() => void) | undefined;
  dead = false;

  constructor(source: string, workerData: unknown) {
    this.worker = new Worker(source, { eval: true, workerData });
    this.worker.on('message', (m: Reply) => {
      const p = this.pending;
      if (!p || p.id !== m.id) return;
      this.settle();
      if (m.ok) p.resolve(m.reply);
      else p.reject(new WorkerFailure(m.error ?? 'unknown error', false));
    });
    this.worker.on('error', (e) => this.fail(`${e.name}: ${e.message}`));
    this.worker.on('exit', (code) => this.fail(`the reader thread exited with code ${code}`));
    // after the listeners: adding a 'message' listener refs the thread's port again, and a thread started
    // ahead of its first request (warmParquetReader) would then keep the process alive
    this.worker.unref();
  }

  /**
   * Runs a request (moving the `transfer` buffers to the thread); with a `budget`, the thread is stopped
   * when the process grows by more meanwhile.
   */
  request<T>(req: object, budget?: number, transfer: ArrayBuffer[] = []): Promise<T> {
    return new Promise((resolve, reject) => {
      if (this.dead) return reject(new WorkerFailure('the reader thread has stopped', true));
      this.pending = { id: ++this.lastId, resolve: resolve as (v: unknown) => void, reject };
      this.worker.ref();
      this.worker.postMessage({ ...req, id: this.lastId }, transfer);
      if (budget !== undefined) {
        this.unwatch = watchMemory(budget, (grown) => {
          this.fail(`the decoder took more than ${formatBytes(budget)} of memory`, grown);
          void this.worker.terminate();
        });
      }
    });
  }

  /** Stops the thread (a request still running fails). */
  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private settle(): void {
    this.pending = undefined;
    this.unwatch?.();
    this.unwatch = undefined;
    this.worker.unref();
  }

  private fail(message: string, grown?: number): void {
    if (this.dead) return;
    this.dead = true;
    const p = this.pending;
    this.settle();
    p?.reject(new WorkerFailure(message, true, grown));
  }
}
