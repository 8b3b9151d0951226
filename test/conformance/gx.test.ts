import { afterAll, describe, expect, it } from 'vitest';
import { registry } from '../../src/expectations/index.js';
import { type GxFile, loadFixtureFiles } from './fixtures.js';
import { type CaseOutcome, failureTable, runFile, tally } from './runner.js';

/**
 * Cases of registered expectations that pass GX's own fixtures, as GX judges them. It only goes up:
 * raise it when more cases pass, never lower it.
 */
const FLOOR = 468;

const files = loadFixtureFiles();
const runs = new Map<GxFile, Promise<CaseOutcome[]>>();
/** Each file runs once, whether its own test or the floor test asks first (so `-t` filters still work). */
const outcomesOf = (file: GxFile) => {
  const run = runs.get(file) ?? runFile(file, registry);
  runs.set(file, run);
  return run;
};
const allOutcomes = async () => (await Promise.all(files.map(outcomesOf))).flat();

describe('GX conformance', () => {
  for (const file of files) {
    it(file.file, async () => {
      const got = await outcomesOf(file);
      // the engine turns every problem into a result; a throw out of runSuite is a bug whatever the case
      expect(got.filter((o) => o.crashed).map((o) => `${o.case.title}: ${o.why.join('; ')}`)).toEqual([]);
    });
  }

  it(`passes at least ${FLOOR} cases`, async () => {
    expect(tally(await allOutcomes()).pass).toBeGreaterThanOrEqual(FLOOR);
  });

  afterAll(async () => {
    const outcomes = await allOutcomes();
    const t = tally(outcomes);
    console.log(
      `gx conformance: ${t.pass}/${t.applicable} cases pass (floor ${FLOOR}); ${t.notImplemented} cases of expectations not implemented; ` +
        `${t.unrepresentable} left out (data pandas holds as mixed Python objects)`,
    );
    if (process.env.GX_CONFORMANCE_VERBOSE === '1') console.log(failureTable(outcomes));
  });
});
