import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeGithubData, escapeGithubProperty, renderGithubAnnotations } from '../../src/report/github.js';
import { hugeResult, validateRows, xssResult } from './fixtures.js';

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

/** An annotation line's length at most: the message is capped at 1,000 characters a line, the title at 200. */
const MAX_LINE = 2_500;

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
      message: 'values in `a` are at most 10\nfailed: 1 unexpected of 4 (25%), e.g. 300',
    });
    expect(lines[1]?.message).toMatch(/at least 50% of the time\npassed within mostly: 1 unexpected/);
    expect(lines[2]?.message).toMatch(/^the mean of `b` is at least 0\ncould not run: error: column "b"/);
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
      const { props, message } = parse(l);
      expect(Object.keys(props)).toEqual(['title']);
      expect(props.title?.startsWith('<script>window.__xss=1</script>: ')).toBe(true);
      expect(message.split('\n')).toHaveLength(2);
    }
  });

  it('%, CR, LF, `:` and `,` in names and values: one command line, decoded back to what was shown', async () => {
    const column = '100%\r\nx:y,z';
    const r = await validateRows(
      [{ [column]: 'a%0A\nb' }],
      [{ type: 'expect_column_values_to_be_in_set', kwargs: { column, value_set: ['c'] } }],
      { name: 'gate:1,2%' },
    );
    const out = renderGithubAnnotations(r);
    expect(out.trimEnd().split('\n')).toHaveLength(1);
    expect(out).toContain('::error title=gate%3A1%2C2%25%3A 100%25\\r\\nx%3Ay%2Cz::');
    const { props, message } = parse(out.trimEnd());
    // the data's own line breaks show as `\r\n`; the message's one line break is the report's
    expect(props.title).toBe('gate:1,2%: 100%\\r\\nx:y,z');
    expect(message).toBe(
      'values in `100%\\r\\nx:y,z` are one of c\nfailed: 1 unexpected of 1 (100%), e.g. "a%0A\\nb"',
    );
  });

  it('a 10M-row batch with millions of unexpected values: one short line', async () => {
    const base = await validateRows([{ c: 'a' }], []);
    const out = renderGithubAnnotations(hugeResult(base));
    expect(out.trimEnd().split('\n')).toHaveLength(1);
    expect(out.length).toBeLessThan(MAX_LINE);
  });

  it('escapeGithubProperty/Data are what actions/toolkit writes, and the runner reads any text back', () => {
    expect(escapeGithubData('50%\r\n: a,b')).toBe('50%25%0D%0A: a,b');
    expect(escapeGithubProperty('50%\r\n: a,b')).toBe('50%25%0D%0A%3A a%2Cb');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const p = escapeGithubProperty(s);
        const d = escapeGithubData(s);
        expect(p).not.toMatch(/[\r\n:,]/);
        expect(d).not.toMatch(/[\r\n]/);
        expect(parse(`::error title=${p}::${d}`)).toEqual({
          command: 'error',
          props: { title: s },
          message: s,
        });
      }),
    );
  });
});
