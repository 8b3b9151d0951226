import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeGithubData, escapeGithubProperty, renderGithubAnnotations } from '../../src/report/github.js';
import { validateRows, xssResult } from './fixtures.js';

/** A workflow command line parsed back the way the runner does: command, properties, message, unescaped. */
function parse(line: string): { command: string; props: Record<string, string>; message: string } {
  const m = /^::([a-z]+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!m) throw new Error(`not a workflow command: ${line}`);
  const decode = (s: string) =>
    s
      .replace(/%0D/g, '\r')
      .replace(/%0A/g, '\n')
      .replace(/%3A/g, ':')
      .replace(/%2C/g, ',')
      .replace(/%25/g, '%');
  const props = Object.fromEntries(
    (m[2] ?? '')
      .split(',')
      .filter(Boolean)
      .map((kv) => {
        const i = kv.indexOf('=');
        return [kv.slice(0, i), decode(kv.slice(i + 1))];
      }),
  );
  return { command: m[1] as string, props, message: decode(m[3] as string) };
}

describe('GitHub annotations', () => {
  it('an error per failed expectation, a warning per one passed within mostly, nothing for clean passes', async () => {
    const r = await validateRows(
      [{ a: 1 }, { a: 2 }, { a: 300 }, { a: 4 }],
      [
        { type: 'expect_column_values_to_be_between', kwargs: { column: 'a', max_value: 10 } },
        { type: 'expect_column_values_to_be_between', kwargs: { column: 'a', max_value: 10, mostly: 0.5 } },
        { type: 'expect_column_values_to_not_be_null', kwargs: { column: 'a' } },
        { type: 'expect_column_mean_to_be_between', kwargs: { column: 'b', min_value: 0 } },
      ],
    );
    const lines = renderGithubAnnotations(r).trimEnd().split('\n').map(parse);
    expect(lines.map((l) => l.command)).toEqual(['error', 'warning', 'error']);
    expect(lines[0]).toEqual({
      command: 'error',
      props: { title: 'orders: a' },
      message: 'values in `a` are at most 10 — failed: 1 unexpected of 4 (25%), e.g. 300',
    });
    expect(lines[1]?.message).toMatch(/at least 50% of the time — passed within mostly: 1 unexpected/);
    expect(lines[2]?.message).toMatch(/^the mean of `b` is at least 0 — could not run: error: column "b"/);
  });

  it('prints nothing when every expectation passed cleanly', async () => {
    const r = await validateRows(
      [{ a: 1 }],
      [{ type: 'expect_column_values_to_not_be_null', kwargs: { column: 'a' } }],
    );
    expect(renderGithubAnnotations(r)).toBe('');
  });

  it('escapes as the runner unescapes: one line per annotation, properties and message intact', async () => {
    const out = renderGithubAnnotations(await xssResult());
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    for (const l of lines) {
      const { props } = parse(l);
      expect(Object.keys(props)).toEqual(['title']);
      expect(props.title?.startsWith('<script>window.__xss=1</script>: ')).toBe(true);
    }
  });

  it('escapeGithubProperty/Data round-trip any text without line breaks or separators left', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const p = escapeGithubProperty(s);
        const d = escapeGithubData(s);
        expect(p).not.toMatch(/[\r\n:,]/);
        expect(d).not.toMatch(/[\r\n]/);
        // what the runner decodes is the text with its control characters made visible, nothing else
        expect(parse(`::error title=${p}::${d}`).props.title).toBe(parse(`::error::${d}`).message);
      }),
    );
    expect(escapeGithubProperty('50%: a,b\n')).toBe('50%25%3A a%2Cb\\n');
  });
});
