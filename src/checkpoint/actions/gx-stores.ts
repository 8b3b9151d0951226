import { z } from 'zod';
import { defineAction } from './types.js';

const storeOptions = z.looseObject({ target_store_name: z.string().nullable().optional() });

/**
 * GX actions that write to stores of a GX project (evaluation parameters, metrics). expect-check keeps
 * every result in the stored JSON, so a GX checkpoint that lists them runs, and they report as skipped.
 */
function gxStoreAction(className: string, what: string) {
  return defineAction({
    className,
    description: `Accepted for GX checkpoints and skipped: ${what}.`,
    options: storeOptions,
    run: async () => ({ status: 'skipped', message: what }),
  });
}

/** GX's StoreEvaluationParametersAction. */
export const storeEvaluationParametersAction = gxStoreAction(
  'StoreEvaluationParametersAction',
  'expect-check keeps no evaluation parameter store (suite parameters come from the suite, the checkpoint and --param)',
);

/** GX's StoreMetricsAction. */
export const storeMetricsAction = gxStoreAction(
  'StoreMetricsAction',
  'expect-check keeps no metric store (the stored result holds every observed value)',
);
