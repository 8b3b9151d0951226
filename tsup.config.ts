import { defineConfig, type Options } from 'tsup';

/** What every build shares: ES modules for Node 20, parquet-wasm left a package (it loads its WebAssembly). */
const NODE: Options = {
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  splitting: true,
  external: ['parquet-wasm'],
};

/**
 * The CLI's build: its own copy of the engine with every dependency bundled in but parquet-wasm (whose
 * WebAssembly it loads from its package). Node's ESM loader resolves, reads and compiles each file of a
 * package on its own, and apache-arrow and zod come as hundreds of files: loading the engine that way
 * took about 0.55 s of CPU in every thread that runs it (the CLI's and each worker's), bundled 0.3 s.
 * The bench builds its CLI from these options too (bench/run.ts), so that it measures what users run.
 */
export const cliOptions: Options = {
  ...NODE,
  // worker: the thread a parallel run starts (src/engine/parallel.ts loads ./worker.js beside its chunk)
  entry: { cli: 'src/cli/bin.ts', worker: 'src/engine/worker.ts' },
  noExternal: [/^(?!parquet-wasm(\/|$))/],
  // the CommonJS packages bundled in (ajv, yaml) require Node's built-ins, which an ES module lacks
  banner: {
    js: "import { createRequire as __cliRequire } from 'node:module';\nconst require = __cliRequire(import.meta.url);",
  },
};

export default defineConfig([
  {
    // the library: its dependencies stay packages of their own, so that the Arrow tables a caller passes
    // in are of the same apache-arrow as the engine's
    ...NODE,
    entry: { index: 'src/index.ts' },
    dts: { entry: { index: 'src/index.ts' } },
    sourcemap: true,
    // dist/cli and dist/worker.js are the other builds'
    clean: ['!cli/**', '!worker.js*'],
  },
  { ...cliOptions, outDir: 'dist/cli', sourcemap: true, clean: true },
  {
    // the library's worker threads (src/engine/parallel.ts loads ./worker.js beside its chunk): they take
    // no object from the caller, so they load the engine the CLI's faster way
    ...cliOptions,
    entry: { worker: 'src/engine/worker.ts' },
    splitting: false,
    outDir: 'dist',
    sourcemap: true,
    clean: false,
  },
]);
