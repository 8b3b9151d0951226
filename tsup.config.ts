import { defineConfig } from 'tsup';

export default defineConfig({
  // worker: the thread a parallel run starts (src/engine/parallel.ts loads ./worker.js beside its chunk)
  entry: { index: 'src/index.ts', cli: 'src/cli/bin.ts', worker: 'src/engine/worker.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts' } },
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: true,
  splitting: true,
  external: ['parquet-wasm'],
});
