import { describeInRun, expectationColumns } from '../expectations/describe.js';
import type { ExpectationResult, ValidationResult } from '../result/types.js';
import {
  escapeControl,
  formatValue,
  observedSummary,
  runCounts,
  statusOf,
  truncate,
  unexpectedDetail,
} from './observed.js';

/** Characters XML 1.0 cannot carry even as references: lone surrogates and the two non-characters U+FFFE/U+FFFF. */
const NOT_XML = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uFFFE\uFFFF]/g;

const XML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\n': '&#10;',
  '\r': '&#13;',
  '\t': '&#9;',
};

/**
 * Text from data or a suite as XML: control characters as visible escapes (XML 1.0 cannot hold most of
 * them at all), what XML cannot hold as U+FFFD, markup characters as entities. In attributes, line
 * breaks and tabs are references so that a parser keeps them.
 */
function xml(s: string, attribute: boolean): string {
  const clean = escapeControl(s).replace(NOT_XML, '\uFFFD');
  return clean.replace(attribute ? /[&<>"'\n\r\t]/g : /[&<>]/g, (c) => XML_ENTITIES[c] as string);
}

function attr(s: string): string {
  return xml(s, true);
}

/** Multi-line text from this module: each line's text is escaped, the line breaks are kept. */
function lines(text: readonly string[]): string {
  return text.map((l) => xml(l, false)).join('\n');
}

/** XSD's dateTime without a zone (the Ant schema asks for that form): the run time in UTC to the second. */
function timestamp(iso: string): string {
  const d = new Date(iso);
  return (Number.isNaN(d.getTime()) ? new Date(0) : d).toISOString().slice(0, 19);
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

/** Caps that keep a failure's text readable in a CI's test view. */
const MAX_TEXT = 1000;
const MAX_VALUES = 10;

/** The body of a failure: the sentence, what was observed, the unexpected values and rows, the kwargs. */
function failureBody(r: ExpectationResult, sentence: string): string[] {
  const out = [truncate(sentence, MAX_TEXT), `observed: ${truncate(observedSummary(r), MAX_TEXT)}`];
  const d = unexpectedDetail(r, { values: MAX_VALUES, rows: MAX_VALUES * 2 });
  const short = (v: unknown) => formatValue(v, { chars: 80, items: 8 });
  if (d?.values.length)
    out.push(`unexpected values: ${d.values.map((v) => `${short(v.value)} (${v.count})`).join(', ')}`);
  if (d?.rows.length) out.push(`sample rows: ${d.rows.map(short).join(', ')}`);
  out.push(
    `${r.expectation_config.type} ${formatValue(r.expectation_config.kwargs, { chars: MAX_TEXT, items: 20 })}`,
  );
  return out;
}

function testcase(r: ExpectationResult, run: ValidationResult, name: string, classname: string): string {
  const status = statusOf(r);
  const head = `    <testcase name="${attr(name)}" classname="${attr(classname)}" time="0"`;
  if (status === 'passed') return `${head}/>`;
  const type = attr(r.expectation_config.type);
  const sentence = describeInRun(r.expectation_config, run);
  if (status === 'error') {
    const message = truncate(r.exception_info.exception_message ?? 'could not run', MAX_TEXT);
    const trace = r.exception_info.exception_traceback;
    const body = lines([
      truncate(sentence, MAX_TEXT),
      `could not run: ${message}`,
      ...(trace ? [truncate(trace, 4 * MAX_TEXT)] : []),
    ]);
    return `${head}>\n      <error message="${attr(message)}" type="${type}">${body}</error>\n    </testcase>`;
  }
  const message = truncate(observedSummary(r) || 'not met', MAX_TEXT);
  return `${head}>\n      <failure message="${attr(message)}" type="${type}">${lines(failureBody(r, sentence))}</failure>\n    </testcase>`;
}

/** Test case names in a suite must tell cases apart: a repeated sentence gets " [2]", " [3]", ... */
function uniqueNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const k = (seen.get(n) ?? 0) + 1;
    seen.set(n, k);
    return k === 1 ? n : `${n} [${k}]`;
  });
}

function testsuite(run: ValidationResult, id: number): string {
  const n = runCounts(run);
  const suite = run.suite_name.trim() || 'suite';
  const ds = run.meta.data_source;
  const names = uniqueNames(run.results.map((r) => truncate(describeInRun(r.expectation_config, run), 500)));
  const cases = run.results.map((r, i) => {
    const cols = expectationColumns(r.expectation_config);
    return testcase(r, run, names[i] as string, `${suite}.${cols.length ? cols.join(',') : 'table'}`);
  });
  const props: [string, string][] = [
    ['data_source', ds.description],
    ['format', ds.format],
    ['row_count', ds.row_count === null ? 'unknown' : String(ds.row_count)],
    ['run_time', run.meta.run_id.run_time],
    ...(run.meta.run_id.run_name ? [['run_name', run.meta.run_id.run_name] as [string, string]] : []),
    ['expect_check_version', run.meta.expect_check_version],
  ];
  const verdict = `${run.success ? 'PASSED' : 'FAILED'}: ${n.passed} of ${n.total} expectations passed, ${n.failed} failed, ${n.errors} could not run`;
  return [
    `  <testsuite name="${attr(`${suite}: ${ds.description}`)}" package="${attr(suite)}" id="${id}" timestamp="${timestamp(run.meta.run_id.run_time)}" hostname="localhost" tests="${n.total}" failures="${n.failed}" errors="${n.errors}" time="${seconds(run.meta.duration_ms)}">`,
    '    <properties>',
    ...props.map(([k, v]) => `      <property name="${k}" value="${attr(truncate(v, MAX_TEXT))}"/>`),
    '    </properties>',
    ...cases,
    `    <system-out>${lines([`${suite} on ${ds.description}`, verdict])}</system-out>`,
    '    <system-err></system-err>',
    '  </testsuite>',
  ].join('\n');
}

/**
 * Validation results as JUnit XML, the form Jenkins, GitLab and Azure DevOps read: one testsuite per
 * result (suite and batch), one testcase per expectation; a failure carries the sentence and what was
 * observed, an expectation that could not run is an error. Valid against the Ant JUnit schema and
 * Jenkins' junit-10.xsd. A pure function of the results.
 */
export function renderJunit(results: ValidationResult | readonly ValidationResult[]): string {
  const list: readonly ValidationResult[] = Array.isArray(results) ? results : [results as ValidationResult];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n${list.map((r, i) => testsuite(r, i)).join('\n')}\n</testsuites>\n`;
}
