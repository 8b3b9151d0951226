import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { EVIL_PATTERNS, sweepRegexes } from './regex.js';

const tmp = mkdtempSync(join(tmpdir(), 'expect-check-reliability-regex-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it(`${EVIL_PATTERNS.length} catastrophic-backtracking patterns from a suite end fast: run in linear time or reported`, async () => {
  const r = await sweepRegexes(tmp);
  expect(r.code).toBe(1);
  expect(r.results).toBe(EVIL_PATTERNS.length * 2);
  // each of the three look-around patterns is an expectation error in both expectations, naming why
  expect(r.errors).toHaveLength(6);
  for (const e of r.errors)
    expect(e).toMatch(/could take exponential time|too long to search .* in bounded time/);
  // a backtracking engine takes hours on these; RE2 takes milliseconds per value
  expect(r.ms).toBeLessThan(20_000);
}, 60_000);
