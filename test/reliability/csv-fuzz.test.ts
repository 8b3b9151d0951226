import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CSV_FUZZ_RUNS, fuzzCsvBytes, fuzzCsvRoundTrip } from './csv-fuzz.js';

const tmp = mkdtempSync(join(tmpdir(), 'expect-check-reliability-csv-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the CSV reader on random files', () => {
  it(`random bytes read, or end in a one-line ReadError naming the file (${CSV_FUZZ_RUNS.bytes} runs)`, async () => {
    const tally = await fuzzCsvBytes(tmp);
    const errors = Object.values(tally.readError).reduce((a, b) => a + b, 0);
    expect(tally.read + errors).toBe(CSV_FUZZ_RUNS.bytes);
    // both outcomes are exercised
    expect(tally.read).toBeGreaterThan(CSV_FUZZ_RUNS.bytes / 10);
    expect(errors).toBeGreaterThan(CSV_FUZZ_RUNS.bytes / 10);
  }, 60_000);

  it(`well-formed CSV reads back the cells it was written from (${CSV_FUZZ_RUNS.roundTrip} runs)`, async () => {
    expect(await fuzzCsvRoundTrip(tmp)).toBeGreaterThan(CSV_FUZZ_RUNS.roundTrip);
  }, 60_000);
});
