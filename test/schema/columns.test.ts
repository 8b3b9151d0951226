import { describe, expect, it } from 'vitest';
import { registry } from '../../src/expectations/index.js';
import {
  bool,
  date,
  dtype,
  float64,
  int8,
  int32,
  int64,
  timestamp,
  uint64,
  utf8,
} from '../../src/schema/columns.js';
import { SchemaDefinitionError } from '../../src/schema/errors.js';

const configs = (c: {
  configs(column: string): { call: string; config: { type: string; kwargs: object } }[];
}) => c.configs('x').map(({ call, config }) => [call, config.type, config.kwargs]);

function definitionError(f: () => unknown): SchemaDefinitionError {
  try {
    f();
  } catch (e) {
    if (e instanceof SchemaDefinitionError) return e;
    throw e;
  }
  throw new Error('expected a SchemaDefinitionError');
}

describe('column builders', () => {
  it('compile to a type check, an implicit not-null check, then the checks in call order', () => {
    expect(configs(int64().unique().between(0, 10, { strictMax: true, mostly: 0.9 }))).toEqual([
      ['int64()', 'expect_column_values_to_be_of_type', { column: 'x', type_: 'int64' }],
      ['notNull()', 'expect_column_values_to_not_be_null', { column: 'x' }],
      ['unique()', 'expect_column_values_to_be_unique', { column: 'x' }],
      [
        'between(0, 10, { strictMax: true, mostly: 0.9 })',
        'expect_column_values_to_be_between',
        { column: 'x', min_value: 0, max_value: 10, strict_max: true, mostly: 0.9 },
      ],
    ]);
  });

  it('drop the not-null check for nullable columns and keep mostly for notNull({ mostly })', () => {
    expect(configs(utf8().nullable()).map((c) => c[1])).toEqual(['expect_column_values_to_be_of_type']);
    expect(configs(int32().notNull({ mostly: 0.99 }))[1]).toEqual([
      'notNull({ mostly: 0.99 })',
      'expect_column_values_to_not_be_null',
      { column: 'x', mostly: 0.99 },
    ]);
    // the last of nullable() and notNull() wins
    expect(configs(int32().nullable().notNull()).map((c) => c[1])).toContain(
      'expect_column_values_to_not_be_null',
    );
    expect(configs(int32().notNull().nullable()).map((c) => c[1])).not.toContain(
      'expect_column_values_to_not_be_null',
    );
  });

  it('map every builder onto its registered expectation with valid kwargs', () => {
    const all = [
      int32().in([0, 1]).notIn([7]),
      float64()
        .mean({ min: 0.3, max: 0.7 })
        .median({ min: 0 })
        .stdev({ max: 2 })
        .sum({ min: 1, strictMin: true }),
      float64().min({ min: 0 }).max({ max: 9 }).uniqueValueCount({ min: 2 }).proportionUnique({ min: 0.5 }),
      utf8().regex(/@/).notRegex('^x').lengthBetween(1, 5).lengthEquals(3),
      timestamp('us').between('2024-01-01', new Date('2024-02-01T12:00:00Z')).increasing({ strictly: true }),
      date()
        .decreasing()
        .min({ min: new Date('2024-01-01') }),
      bool().in([true]),
      utf8().expect('expect_column_values_to_be_json_parseable', {}),
    ];
    for (const c of all) {
      for (const { config } of c.configs('x')) {
        const def = registry.get(config.type);
        expect(def, config.type).toBeDefined();
        expect(def?.kwargs.safeParse(config.kwargs).success, JSON.stringify(config)).toBe(true);
      }
    }
    expect(configs(date().min({ min: new Date('2024-01-01') }))[2]?.[2]).toEqual({
      column: 'x',
      min_value: '2024-01-01',
    });
    expect(configs(timestamp('us').between(null, new Date('2024-02-01T12:00:00Z')))[2]?.[2]).toEqual({
      column: 'x',
      max_value: '2024-02-01T12:00:00.000Z',
    });
  });

  it('name types as expect_column_values_to_be_of_type reads them', () => {
    const typeCheck = (c: ReturnType<typeof timestamp> | ReturnType<typeof utf8>) =>
      c.configs('x')[0]?.config;
    expect(typeCheck(timestamp())?.kwargs).toEqual({ column: 'x', type_: 'datetime' });
    expect(typeCheck(timestamp('ns'))?.kwargs).toEqual({ column: 'x', type_: 'timestamp[ns]' });
    expect(typeCheck(timestamp('ms', 'UTC'))?.kwargs).toEqual({ column: 'x', type_: 'timestamp[ms, UTC]' });
    expect(typeCheck(timestamp(undefined, 'UTC'))).toEqual({
      type: 'expect_column_values_to_be_in_type_list',
      kwargs: {
        column: 'x',
        type_list: ['timestamp[s, UTC]', 'timestamp[ms, UTC]', 'timestamp[us, UTC]', 'timestamp[ns, UTC]'],
      },
      meta: {},
    });
    expect(typeCheck(utf8())?.kwargs).toEqual({ column: 'x', type_: 'str' });
    expect(dtype('decimal128(10, 2)').configs('x')[0]?.config.kwargs).toEqual({
      column: 'x',
      type_: 'decimal128(10, 2)',
    });
  });

  it('are immutable', () => {
    const base = int8();
    const checked = base.unique();
    expect(base.state.checks).toHaveLength(0);
    expect(checked.state.checks).toHaveLength(1);
    expect(base.nullable().state.nullable).toBe(true);
    expect(base.state.nullable).toBe(false);
  });

  it('refuse bad checks where they are declared, naming the call', () => {
    expect(definitionError(() => float64().mean({ min: 5, max: 1 })).message).toBe(
      'mean({ min: 5, max: 1 }): min_value: min_value must be <= max_value',
    );
    expect(definitionError(() => int32().in([1], { mostly: 2 })).message).toMatch(
      /^in\(\[1\], \{ mostly: 2 \}\): mostly: /,
    );
    expect(definitionError(() => int32().notNull({ mostly: -1 })).code).toBe('invalid_check');
    expect(definitionError(() => dtype('nonsense')).message).toMatch(/^dtype\('nonsense'\): type_: /);
    expect(definitionError(() => timestamp('minutes' as 's')).message).toMatch(/unit must be one of/);
    expect(definitionError(() => utf8().regex(/\p{L}/u)).code).toBe('unsupported_regex');
    expect(definitionError(() => uint64().in([2n ** 60n])).code).toBe('unsupported_value');
    // exact bigints are fine
    expect(configs(uint64().in([1n, 2]))[2]?.[2]).toEqual({ column: 'x', value_set: [1, 2] });
  });
});
