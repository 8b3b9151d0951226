import { describe, expect, it } from 'vitest';
import { runSuite } from '../src/engine/run.js';
import { registry } from '../src/expectations/index.js';
import { tableSource } from '../src/io/memory.js';
import { setOwn } from '../src/own.js';
import { stringTable } from './helpers.js';

describe('setOwn', () => {
  it('sets `__proto__` as an own property, as JSON.parse does, and leaves the prototype alone', () => {
    const o: Record<string, unknown> = {};
    setOwn(o, '__proto__', 'x');
    setOwn(o, 'a', 1);
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(Object.keys(o)).toEqual(['__proto__', 'a']);
    expect(JSON.stringify(o)).toBe(JSON.stringify(JSON.parse('{"__proto__":"x","a":1}')));
    setOwn(o, '__proto__', { polluted: true });
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('a column named __proto__ keeps its values in the records results report', async () => {
    const table = stringTable([
      ['__proto__', ['x', 'x', 'y']],
      ['b', ['1', '1', '2']],
    ]);
    const suite = {
      name: 'proto',
      meta: {},
      expectations: [
        {
          type: 'expect_compound_columns_to_be_unique',
          kwargs: { column_list: ['__proto__', 'b'] },
          meta: {},
        },
        {
          type: 'expect_column_values_to_be_in_set',
          kwargs: {
            column: 'b',
            value_set: ['2'],
            result_format: { result_format: 'COMPLETE', unexpected_index_column_names: ['__proto__'] },
          },
          meta: {},
        },
      ],
    };
    const r = await runSuite(suite, tableSource(table), registry);
    const [unique, inSet] = r.results.map((x) => JSON.parse(JSON.stringify(x.result)));
    expect(unique.partial_unexpected_list).toEqual(
      JSON.parse('[{"__proto__":"x","b":"1"},{"__proto__":"x","b":"1"}]'),
    );
    expect(inSet.unexpected_index_list).toEqual(
      JSON.parse('[{"__proto__":"x","b":"1"},{"__proto__":"x","b":"1"}]'),
    );
  });
});
