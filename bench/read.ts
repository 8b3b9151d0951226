/**
 * Reading alone, without any metric: `node read.js <file> [col,col,...]` streams every batch of the
 * columns (all when omitted) through expect-check's reader and prints one JSON line with the rows and
 * the milliseconds from opening the source to the last batch (module loading excluded).
 */
import { openSource } from '../src/io/open.js';

async function main(): Promise<void> {
  const [file, cols] = process.argv.slice(2);
  if (!file) throw new Error('usage: read.js <file> [col,col,...]');
  const started = performance.now();
  const source = await openSource(file);
  const columns = cols ? cols.split(',') : undefined;
  let rows = 0;
  for await (const { batch } of source.batches(columns)) rows += batch.numRows;
  const ms = performance.now() - started;
  process.stdout.write(`${JSON.stringify({ rows, ms })}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
