import { rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { storeResult } from '../../report/html/site.js';
import { resultToJson } from '../../result/json.js';
import { defineAction } from './types.js';

/** Where results are stored when the action names no target. */
export const DEFAULT_RESULTS_DIR = 'results/';

/** The text of a stored result, as storeResult writes it. */
function storedText(json: string): string {
  return `${json}\n`;
}

/**
 * Stores the validation result as one JSON file under `target` (storeResult names it by run time and
 * suite; the run name is inside). When a later action of the validation fails, the file is written again
 * in place at the end, so its meta names the failure; the data docs pages show nothing of
 * meta.checkpoint, so they stay as built.
 */
export const storeValidationResultAction = defineAction({
  className: 'StoreValidationResultAction',
  description:
    'Writes the validation result as one JSON file under `target` (default `results/`), named by run time and suite.',
  options: z.strictObject({
    target: z.string().min(1).default(DEFAULT_RESULTS_DIR),
    /** GX names a store of its project config; results here go to `target`. */
    target_store_name: z.string().nullable().optional(),
  }),
  async run(config, ctx) {
    const dir = ctx.resolve(config.target);
    const json = resultToJson(ctx.result);
    const path = await storeResult(ctx.result, dir);
    ctx.validation.stored = { path, dir, json };
    return { status: 'ok', message: `stored ${path}`, path };
  },
  async afterValidation(_config, ctx) {
    const stored = ctx.validation.stored;
    if (!stored) return;
    const json = resultToJson(ctx.result);
    if (json === stored.json) return;
    // readers of the store see the old or the new result, never half of one
    const tmp = `${stored.path}.${process.pid}.tmp`;
    await writeFile(tmp, storedText(json));
    await rename(tmp, stored.path);
    ctx.validation.stored = { ...stored, json };
  },
});
