import { appendFileSync, readFileSync } from 'node:fs';
import { main } from '../../src/cli/main.js';

/**
 * Runs the CLI commands of a plan (a JSON file: [{ phase, argv }]) one after another in this process,
 * marking each phase in EXPECT_CHECK_NET_LOG before it starts, and prints the exit codes as JSON.
 * Spawned by network.test.ts with network-hook.cjs preloaded.
 */
const plan = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as {
  phase: string;
  argv: string[];
}[];
const log = process.env.EXPECT_CHECK_NET_LOG as string;
const codes: Record<string, number> = {};
const quiet = { write: () => true, isTTY: false };
for (const { phase, argv } of plan) {
  appendFileSync(log, `phase ${phase}\n`);
  codes[phase] = await main(argv, { stdout: quiet, stderr: quiet, env: {} });
}
process.stdout.write(`${JSON.stringify(codes)}\n`);
