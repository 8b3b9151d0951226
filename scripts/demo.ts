/**
 * `npm run demo`: validates the bundled NYC taxi sample with the bundled training-data gate, then shows
 * the same suite rejecting a copy with injected defects. Exits 0 when both outcomes are as expected.
 */
import { main } from '../src/cli/main.js';

const suite = 'suites/taxi_training_gate.json';
const steps = [
  { title: 'clean batch (Parquet)', data: 'examples/data/taxi.parquet', expect: 0, extra: [] as string[] },
  { title: 'same batch as CSV', data: 'examples/data/taxi.csv', expect: 0, extra: ['--quiet'] },
  {
    title: 'defective copy (Parquet)',
    data: 'examples/data/taxi_defective.parquet',
    expect: 1,
    extra: ['--failures-only'],
  },
];

let ok = true;
for (const [i, step] of steps.entries()) {
  const argv = ['validate', step.data, '--suite', suite, ...step.extra];
  process.stdout.write(`\n[${i + 1}/${steps.length}] ${step.title}: expect-check ${argv.join(' ')}\n\n`);
  const code = await main(argv);
  const as = code === step.expect;
  ok &&= as;
  process.stdout.write(`\n→ exit code ${code}${as ? '' : ` (expected ${step.expect})`}\n`);
}
process.stdout.write(
  ok
    ? '\ndemo: the clean batch passes the gate and the defective copy is rejected, as expected.\n'
    : '\ndemo: an outcome was not as expected.\n',
);
process.exitCode = ok ? 0 : 1;
