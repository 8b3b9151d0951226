import { fileURLToPath } from 'node:url';
import { Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { ColumnView } from '../../src/arrow/column.js';
import { csvSource, openCsv } from '../../src/io/csv.js';
import type { DataSource } from '../../src/io/types.js';
import { missing, types, values } from './csv-helpers.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/csv/${name}`, import.meta.url));
const TAXI = fixture('yellow_tripdata_sample_2019-01.csv');
const PENGUINS = fixture('penguins.csv');
const PENGUINS_RAW = fixture('penguins_raw.csv');

async function table(src: DataSource, columns?: string[]): Promise<Table> {
  const batches = [];
  for await (const { batch } of src.batches(columns)) batches.push(batch);
  return new Table(batches);
}

function sum(t: Table, name: string): number {
  let s = 0;
  for (const b of t.batches) {
    const view = new ColumnView(name, b.getChild(name)?.data[0] as never);
    const valid = view.validity();
    const v = view.numbers().values;
    for (let i = 0; i < view.length; i++) if (!valid || valid[i]) s += v[i] as number;
  }
  return s;
}

describe('NYC taxi sample (GX test set)', () => {
  it('infers the column types GX users expect', async () => {
    const schema = await csvSource(TAXI).schema();
    expect(Object.fromEntries(schema.fields.map((f) => [f.name, String(f.type)]))).toEqual({
      vendor_id: 'Int64',
      pickup_datetime: 'Timestamp<MICROSECOND>',
      dropoff_datetime: 'Timestamp<MICROSECOND>',
      passenger_count: 'Int64',
      trip_distance: 'Float64',
      rate_code_id: 'Int64',
      store_and_fwd_flag: 'Utf8',
      pickup_location_id: 'Int64',
      dropoff_location_id: 'Int64',
      payment_type: 'Int64',
      fare_amount: 'Float64',
      extra: 'Float64',
      mta_tax: 'Float64',
      tip_amount: 'Float64',
      tolls_amount: 'Float64',
      improvement_surcharge: 'Float64',
      total_amount: 'Float64',
      congestion_surcharge: 'Float64',
    });
  });

  it('reads every row with the right nulls and values', async () => {
    const t = await table(csvSource(TAXI, { batchSize: 4096 }));
    expect(t.numRows).toBe(10_000);
    expect(t.batches.map((b) => b.numRows)).toEqual([4096, 4096, 1808]);
    expect(missing(t, 'congestion_surcharge')).toBe(6327);
    for (const f of t.schema.fields)
      if (f.name !== 'congestion_surcharge') expect(missing(t, f.name), f.name).toBe(0);
    expect(sum(t, 'passenger_count')).toBe(15716);
    expect(sum(t, 'fare_amount')).toBeCloseTo(124850.31, 6);
    expect(values(t, 'store_and_fwd_flag').filter((v) => v === 'Y').length).toBe(46);
    const pickups = (values(t, 'pickup_datetime') as string[]).slice();
    expect(pickups[0]).toBe('2019-01-15T03:36:12');
    pickups.sort();
    expect([pickups[0], pickups.at(-1)]).toEqual(['2019-01-01T00:00:50', '2019-01-31T23:59:11']);
  });

  it('reads the same projected columns whatever the file chunk size', async () => {
    const cols = ['fare_amount', 'pickup_datetime', 'store_and_fwd_flag'];
    const a = await table(openCsv(TAXI, {}, 4093), cols);
    const b = await table(openCsv(TAXI, {}, 1 << 20), cols);
    expect(a.schema.fields.map((f) => f.name)).toEqual([
      'pickup_datetime',
      'store_and_fwd_flag',
      'fare_amount',
    ]);
    for (const c of cols) expect(values(a, c)).toEqual(values(b, c));
  });
});

describe('palmerpenguins', () => {
  it('reads NA as null in numeric and text columns', async () => {
    const t = await table(csvSource(PENGUINS));
    expect(t.numRows).toBe(344);
    expect(types(t)).toEqual({
      species: 'Utf8',
      island: 'Utf8',
      bill_length_mm: 'Float64',
      bill_depth_mm: 'Float64',
      flipper_length_mm: 'Int64',
      body_mass_g: 'Int64',
      sex: 'Utf8',
      year: 'Int64',
    });
    expect(Object.fromEntries(t.schema.fields.map((f) => [f.name, missing(t, f.name)]))).toEqual({
      species: 0,
      island: 0,
      bill_length_mm: 2,
      bill_depth_mm: 2,
      flipper_length_mm: 2,
      body_mass_g: 2,
      sex: 11,
      year: 0,
    });
    expect(new Set(values(t, 'species'))).toEqual(new Set(['Adelie', 'Gentoo', 'Chinstrap']));
    expect(values(t, 'bill_depth_mm').slice(0, 4)).toEqual([18.7, 17.4, 18, null]);
  });

  it('reads the raw file: names with spaces, a quoted comma, dates and mostly-NA text', async () => {
    const t = await table(csvSource(PENGUINS_RAW));
    expect(t.numRows).toBe(344);
    const ty = types(t);
    expect(ty['Culmen Length (mm)']).toBe('Float64');
    expect(ty['Sample Number']).toBe('Int64');
    expect(ty['Date Egg']).toBe('Date32<DAY>');
    expect(ty['Delta 15 N (o/oo)']).toBe('Float64');
    expect(ty.Comments).toBe('Utf8');
    expect(values(t, 'Stage')[0]).toBe('Adult, 1 Egg Stage');
    expect(values(t, 'Date Egg')[0]).toBe('2007-11-11');
    expect(missing(t, 'Delta 15 N (o/oo)')).toBe(14);
    expect(missing(t, 'Delta 13 C (o/oo)')).toBe(13);
    expect(missing(t, 'Comments')).toBe(290);
    expect(missing(t, 'Sex')).toBe(11);
  });
});
