import { resultToJson } from '../../src/result/json.js';
import type { ExpectationResult } from '../../src/result/types.js';
import type { GxCase } from './fixtures.js';
import { isFloatMember, keysInOrder, parsePyJson, pyRepr, pyStr } from './pyjson.js';

/**
 * GX's check_json_test_result (great_expectations/self_check/util.py), ported: the same keys, the same
 * sorting and the same tolerances, so a case passes here exactly when GX's harness would pass it. Two
 * deliberate differences: an exception nobody expected fails the case (GX would compare `success: false`
 * and could pass it), and `traceback_substring` only asks that the expectation raised (tracebacks differ).
 * Like GX, which compares `result.to_json_dict()`, results are judged in their JSON form (NaN -> null).
 */

/** GX's RTOL / ATOL for observed_value when the test gives no tolerance. */
const RTOL = 1e-7;
const ATOL = 5e-2;
/** GX tries np.allclose when repr(expected observed_value) matches this. */
const RX_FLOAT = /^.*\d\.\d+/;

type Json = Record<string, unknown>;

/** A Python exception in GX's harness (KeyError, TypeError, ValueError): the case fails with its message. */
class PyError extends Error {}

function isDict(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const show = (v: unknown) => pyRepr(v);

function isNumeric(v: unknown): v is number | boolean | bigint {
  return typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint';
}

/** Python `==` over JSON-shaped values: 1 == 1.0 == True, NaN != NaN, dicts by key set. */
export function pyEq(a: unknown, b: unknown): boolean {
  if (isNumeric(a) && isNumeric(b)) {
    if (typeof a === 'bigint' || typeof b === 'bigint') {
      try {
        return BigInt(a) === BigInt(b);
      } catch {
        return false;
      }
    }
    return Number(a) === Number(b);
  }
  if (a === null || a === undefined) return b === null || b === undefined;
  if (typeof a === 'string') return a === b;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, k) => pyEq(x, b[k]));
  if (isDict(a) && isDict(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && pyEq(a[k], b[k]));
  }
  return false;
}

/** Python's ordering of two values (tuples compare element-wise); TypeError where Python has none. */
function pyCompare(a: unknown, b: unknown): number {
  if (isNumeric(a) && isNumeric(b)) return Number(a) < Number(b) ? -1 : Number(a) > Number(b) ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let k = 0; k < Math.min(a.length, b.length); k++) {
      const c = pyCompare(a[k], b[k]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  throw new PyError(`TypeError: '<' not supported between ${show(a)} and ${show(b)}`);
}

function item(d: unknown, key: string): unknown {
  if (!isDict(d) || !(key in d)) throw new PyError(`KeyError: ${show(key)} in ${show(d)}`);
  return d[key];
}

/** GX's sort_unexpected_values: sorts both lists the way the expected list's first element allows. */
function sortUnexpected(expected: unknown, got: unknown): [unknown, unknown] {
  if (!Array.isArray(expected) || expected.length === 0) return [expected, got];
  const gotList = Array.isArray(got) ? got : [];
  const first = expected[0];
  if (isDict(first)) {
    const keys = keysInOrder(first);
    const tuple = (x: unknown) => keys.map((k) => item(x, k));
    const by = (x: unknown, y: unknown) => pyCompare(tuple(x), tuple(y));
    return [[...expected].sort(by), [...gotList].sort(by)];
  }
  // None has no __lt__, so a list starting with None is compared unsorted
  if (first === null) return [expected, got];
  const byStr = (x: unknown, y: unknown) => {
    const a = pyStr(x);
    const b = pyStr(y);
    return a < b ? -1 : a > b ? 1 : 0;
  };
  return [[...expected].sort(byStr), [...gotList].sort(byStr)];
}

function flat(v: unknown): number[] | number {
  if (Array.isArray(v)) return v.flatMap((x) => flat(x));
  if (isNumeric(v)) return Number(v);
  throw new PyError(`TypeError: np.allclose cannot compare ${show(v)}`);
}

/** np.allclose(a, b, rtol, atol): |a - b| <= atol + rtol * |b| element-wise, infinities equal to themselves. */
function allclose(a: unknown, b: unknown, rtol: number, atol: number): boolean {
  if (a === undefined) throw new PyError('KeyError: observed_value');
  const x = flat(a);
  const y = flat(b);
  const xs = typeof x === 'number' ? (typeof y === 'number' ? [x] : y.map(() => x)) : x;
  const ys = typeof y === 'number' ? xs.map(() => y) : y;
  if (xs.length !== ys.length) throw new PyError(`ValueError: shapes differ: ${show(a)} vs ${show(b)}`);
  return xs.every((p, k) => {
    const q = ys[k] as number;
    if (!Number.isFinite(p) || !Number.isFinite(q)) return p === q;
    return Math.abs(p - q) <= atol + rtol * Math.abs(q);
  });
}

const NO_EXCEPTION = { raised_exception: false, exception_traceback: null, exception_message: null };

/** ExpectationValidationResult.__eq__: success, common result keys, meta and exception_info. */
function sameValidationResult(got: ExpectationResult, result: Json, expected: Json): string[] {
  const diffs: string[] = [];
  if (!pyEq(got.success, expected.success ?? null))
    diffs.push(`success: expected ${show(expected.success)}, got ${show(got.success)}`);
  const want = (expected.result ?? {}) as Json;
  const haveAny = Object.keys(result).length > 0;
  const wantAny = Object.keys(want).length > 0;
  if (haveAny && wantAny) {
    for (const k of Object.keys(result)) {
      if (k in want && !pyEq(result[k], want[k]))
        diffs.push(`result.${k}: expected ${show(want[k])}, got ${show(result[k])}`);
    }
  } else if (haveAny || wantAny) {
    diffs.push(`result: expected ${show(want)}, got ${show(result)}`);
  }
  if (!pyEq(got.meta ?? {}, expected.meta ?? {}))
    diffs.push(`meta: expected ${show(expected.meta ?? {})}, got ${show(got.meta)}`);
  const info = { ...got.exception_info };
  if (!pyEq(info, expected.exception_info ?? NO_EXCEPTION)) diffs.push(`exception_info: got ${show(info)}`);
  return diffs;
}

function checkKey(
  c: GxCase,
  key: string,
  value: unknown,
  got: ExpectationResult,
  result: Json,
): string | undefined {
  const out = c.out;
  const eq = (have: unknown, what = key) =>
    pyEq(have, value) ? undefined : `${what}: expected ${show(value)}, got ${show(have)}`;
  switch (key) {
    case 'success':
      return eq(got.success);
    case 'observed_value': {
      const have = result.observed_value;
      if (!('observed_value' in result)) return `observed_value: expected ${show(value)}, got none`;
      let close: boolean;
      if (c.tolerance !== undefined) {
        const tol = c.tolerance;
        close = isDict(value)
          ? isDict(have) &&
            pyEq(Object.keys(have).sort(), Object.keys(value).sort()) &&
            Object.keys(value).every((k) => allclose(have[k], value[k], tol, 1e-8))
          : allclose(have, value, tol, 1e-8);
      } else if (isDict(value) && 'values' in value) {
        try {
          close = allclose(isDict(have) ? have.values : undefined, value.values, RTOL, ATOL);
        } catch {
          close = pyEq(have, value);
        }
      } else if (RX_FLOAT.test(pyRepr(value, isFloatMember(out, 'observed_value')))) {
        close = allclose(have, value, RTOL, ATOL);
      } else {
        close = pyEq(have, value);
      }
      return close ? undefined : `observed_value: expected ${show(value)}, got ${show(have)}`;
    }
    case 'observed_value_list':
      return (value as unknown[]).some((v) => pyEq(result.observed_value, v))
        ? undefined
        : `observed_value: expected one of ${show(value)}, got ${show(result.observed_value)}`;
    case 'unexpected_index_list': {
      const have = result.unexpected_index_list;
      // GX compares index lists only with a pk column, and only when the result has some
      if (!c.pkColumn || !Array.isArray(have) || have.length === 0) return undefined;
      const sorted = [...have].sort((a, b) => pyCompare(item(a, 'pk_index'), item(b, 'pk_index')));
      return eq(sorted);
    }
    case 'unexpected_list':
    case 'partial_unexpected_list':
      if (!(key in result))
        throw new PyError(`KeyError: ${key} (result has ${Object.keys(result).join(', ')})`);
      return eq(result[key]);
    case 'unexpected_count':
      return undefined;
    case 'details':
      return eq(result.details, 'details');
    case 'value_counts': {
      const counts = item(item(result, 'details'), 'value_counts') as unknown[];
      const missing = (value as unknown[]).filter((v) => !counts.some((x) => pyEq(x, v)));
      return missing.length ? `value_counts: missing ${show(missing)} in ${show(counts)}` : undefined;
    }
    case 'traceback_substring':
      return got.exception_info.raised_exception ? undefined : `expected an exception (${show(value)})`;
    case 'expected_partition':
    case 'observed_partition': {
      const have = item(item(result, 'details'), key) as Json;
      const want = value as Json;
      const parts = ['bins', 'weights', ...('tail_weights' in have ? ['tail_weights'] : [])];
      const bad = parts.filter((p) => !allclose(have[p], want[p], 1e-5, 1e-8));
      return bad.length ? `${key}.${bad.join(', ')}: expected ${show(want)}, got ${show(have)}` : undefined;
    }
    default: {
      if (key.startsWith('observed_cdf')) {
        const xs = item(item(item(result, 'details'), 'observed_cdf'), 'x') as number[];
        const last = key.includes('x_-1');
        if (!last && !key.includes('x_0')) break;
        const x = xs[last ? xs.length - 1 : 0] as number;
        const v = value as number;
        const ok = key.endsWith('gt') ? x > v : key.endsWith('lt') ? x < v : x === v;
        return ok ? undefined : `${key}: observed_cdf x ${x} vs ${v}`;
      }
    }
  }
  throw new PyError(`ValueError: Invalid test specification: unknown key ${key} in 'out'`);
}

/**
 * Judges one result against its case; returns what differed (empty when the case passes).
 */
export function judge(c: GxCase, raw: ExpectationResult): string[] {
  const got = parsePyJson(resultToJson(raw, 0), 'result') as ExpectationResult;
  const raised = got.exception_info.raised_exception;
  if (raised && !c.expectsRaise) return [`raised: ${got.exception_info.exception_message ?? ''}`];
  if (!raised && c.expectsRaise) {
    const sub = c.out.traceback_substring;
    return [`expected an exception${sub ? ` (${show(sub)})` : ''}, got success=${show(got.success)}`];
  }
  try {
    const result: Json = { ...got.result };
    // sorting replaces lists in copies, never in the loaded fixture
    const out: Json = { ...c.out, ...(isDict(c.out.result) ? { result: { ...c.out.result } } : {}) };
    for (const key of ['unexpected_list', 'partial_unexpected_list']) {
      if (!(key in result)) continue;
      const nested = isDict(out.result) ? out.result : undefined;
      const holder = nested && key in nested ? nested : key in out ? out : undefined;
      if (!holder) continue;
      const [want, have] = sortUnexpected(holder[key], result[key]);
      result[key] = have;
      holder[key] = want;
    }
    if (c.exact) {
      const have = result.observed_value;
      if (typeof have === 'number' && !Number.isInteger(have)) {
        const want = isDict(out.result) ? out.result.observed_value : undefined;
        return allclose(have, want, RTOL, ATOL)
          ? []
          : [`observed_value: expected ${show(want)}, got ${show(have)} (RTOL=${RTOL}, ATOL=${ATOL})`];
      }
      return sameValidationResult(got, result, out);
    }
    const diffs: string[] = [];
    for (const key of keysInOrder(c.out)) {
      const d = checkKey(c, key, out[key], got, result);
      if (d) diffs.push(d);
    }
    return diffs;
  } catch (e) {
    if (e instanceof PyError) return [e.message];
    throw e;
  }
}
