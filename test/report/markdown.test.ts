import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeSpan, mdText, renderMarkdown } from '../../src/report/markdown.js';
import type { ValidationResult } from '../../src/result/types.js';
import { hugeResult, PAYLOADS, taxiResult, validateRows, xssResult } from './fixtures.js';

/** The cells of a Markdown table row as GFM splits them: on pipes not escaped by a backslash. */
function cells(row: string): string[] {
  return row
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

let taxi: ValidationResult;
beforeAll(async () => {
  taxi = await taxiResult();
});

describe('markdown summary (snapshots)', () => {
  it('a failed run: verdict, counts, a table of the failed expectations, the docs link', async () => {
    const md = renderMarkdown(taxi, {
      docsLink: 'data-docs/runs/20240131T120000.000Z_taxi_training_gate.html',
    });
    await expect(md).toMatchFileSnapshot('__snapshots__/markdown-failed.md.snap');
  });

  it('a passed run: one line, no table', async () => {
    const r = await validateRows(
      [{ id: 1 }, { id: 2 }],
      [{ type: 'expect_column_values_to_not_be_null', kwargs: { column: 'id' } }],
    );
    await expect(renderMarkdown(r)).toMatchFileSnapshot('__snapshots__/markdown-passed.md.snap');
  });

  it('an expectation that could not run is marked apart and counted', async () => {
    const r = await validateRows(
      [{ id: 1 }],
      [
        { type: 'expect_column_values_to_not_be_null', kwargs: { column: 'missing' } },
        { type: 'expect_column_values_to_be_between', kwargs: { column: 'id', min_value: 5 } },
      ],
    );
    await expect(renderMarkdown(r)).toMatchFileSnapshot('__snapshots__/markdown-error.md.snap');
  });
});

describe('markdown summary', () => {
  it('lists at most maxRows failures and counts the rest', async () => {
    const r = await validateRows(
      [{ a: 1 }],
      Array.from({ length: 7 }, (_, i) => ({
        type: 'expect_column_values_to_be_between',
        kwargs: { column: 'a', min_value: 10 + i },
      })),
    );
    const md = renderMarkdown(r, { maxRows: 3 });
    expect(md.split('\n').filter((l) => l.startsWith('| ❌'))).toHaveLength(3);
    expect(md).toContain('… and 4 more failed expectations.');
  });

  it('a 10M-row batch with millions of unexpected values: still a few lines', () => {
    const md = renderMarkdown(hugeResult(taxi));
    expect(md.length).toBeLessThan(2_000);
    expect(md).toContain('4000000 unexpected of 10000000 (40%)');
  });

  it('keeps every table row at four cells and every payload inside a code span', async () => {
    const md = renderMarkdown(await xssResult());
    const rows = md.split('\n').filter((l) => l.startsWith('| ❌') || l.startsWith('| ⚠️'));
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(cells(row)).toHaveLength(4);
    // no raw markup outside code spans: strip the spans and look for a tag
    const outside = md.replace(/(`+)[\s\S]*?\1/g, '');
    expect(outside).not.toMatch(/(?<!\\)<[a-z/!]/i);
    for (const p of PAYLOADS) expect(md).not.toContain(`\n${p}`);
  });

  it('codeSpan: any text stays one literal code span, pipes escaped for tables', () => {
    expect(codeSpan('a|b')).toBe('`a\\|b`');
    expect(codeSpan('x`y')).toBe('``x`y``');
    expect(codeSpan('`edge`')).toBe('`` `edge` ``');
    expect(codeSpan('line\nbreak')).toBe('`line\\nbreak`');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const span = codeSpan(s);
        const fence = /^`+/.exec(span)?.[0] as string;
        // the fence opens and closes the span and occurs nowhere inside
        expect(span.endsWith(fence)).toBe(true);
        expect(span.slice(fence.length, -fence.length)).not.toMatch(new RegExp(`(^|[^\`])${fence}([^\`]|$)`));
        expect(span).not.toMatch(/(?<!\\)\|/);
        expect(span).not.toMatch(/[\n\r]/);
      }),
    );
  });

  it('mdText: no mention, no issue link, no markup', () => {
    expect(mdText('@octocat fixed #12')).toBe('@\u2060octocat fixed #\u206012');
    expect(mdText('*a* _b_ [c](d) <e> | ~f~ &amp;')).toBe(
      '\\*a\\* \\_b\\_ \\[c\\](d) \\<e\\> \\| \\~f\\~ \\&amp;',
    );
  });
});
