import { startEarly } from './early.js';
import { EXIT } from './options.js';

const debug = process.argv.includes('--debug');

/** Errors that escape main (third-party callbacks, stray rejections) still print one line, not a stack. */
function fatal(e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`expect-check: error: ${message.split('\n')[0]}\n`);
  if (debug && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
  process.exit(EXIT.data);
}

process.on('unhandledRejection', fatal);
process.on('uncaughtException', fatal);
// A reader that stops early (`expect-check list | head`) closes the pipe: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
  fatal(e);
});

const argv = process.argv.slice(2);
// the threads a run is about to need start while the engine loads (a failure is fatal's, as before)
startEarly(argv);
import('./main.js')
  .then(({ main }) => main(argv))
  .then((code) => {
    process.exitCode = code;
  });
