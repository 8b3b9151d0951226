import { main } from './main.js';

// Unhandled rejections from third-party code must not print a stack without --debug.
process.on('unhandledRejection', (e) => {
  process.stderr.write(`expect-check: error: ${(e as Error)?.message ?? String(e)}\n`);
  process.exit(3);
});

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
