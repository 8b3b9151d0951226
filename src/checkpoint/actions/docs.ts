import { join, resolve } from 'node:path';
import { z } from 'zod';
import { buildDataDocs, runPagePath } from '../../report/html/site.js';
import { defineAction } from './types.js';

/** Where data docs are built when the action names no site. */
export const DEFAULT_DOCS_DIR = 'data_docs/';

const docsOptions = z.strictObject({
  /** The site directory. */
  site: z.string().min(1).optional(),
  /** GX: names of `data_docs_sites` entries ("all" or an empty list for all of them). */
  site_names: z
    .union([z.string(), z.array(z.string())])
    .nullable()
    .optional(),
  /** The stored results to build from (default: where this validation's result was stored). */
  results: z.string().min(1).optional(),
});

type DocsConfig = z.output<typeof docsOptions>;

function siteNames(config: DocsConfig): string[] {
  return typeof config.site_names === 'string' ? [config.site_names] : (config.site_names ?? []);
}

/** The site directories an action builds, as written. */
function siteDirs(config: DocsConfig, sites: Readonly<Record<string, string>>): string[] {
  if (config.site) return [config.site];
  const names = siteNames(config);
  if (Object.keys(sites).length === 0) return [DEFAULT_DOCS_DIR];
  const all = names.length === 0 || (names.length === 1 && names[0] === 'all');
  return all ? Object.values(sites) : names.map((n) => sites[n] as string);
}

/** Rebuilds the data docs from the stored results after each validation. */
export const updateDataDocsAction = defineAction({
  className: 'UpdateDataDocsAction',
  description:
    'Updates the HTML data docs in `site` (default `data_docs/`; GX `site_names` through `data_docs_sites`) from the stored results; needs a StoreValidationResultAction before it, or `results`.',
  options: docsOptions,
  check(config, scope) {
    if (!config.results && !scope.before.includes('StoreValidationResultAction')) {
      return 'needs a StoreValidationResultAction before it in the action list, or `results` (a directory of stored results)';
    }
    const known = Object.keys(scope.dataDocsSites);
    const unknown = siteNames(config).find((n) => n !== 'all' && known.length > 0 && !known.includes(n));
    if (unknown !== undefined) {
      return `site_names: ${JSON.stringify(unknown)} is not in data_docs_sites (${known.join(', ')})`;
    }
    return undefined;
  },
  async run(config, ctx) {
    const stored = ctx.validation.stored;
    const results = config.results ? ctx.resolve(config.results) : stored?.dir;
    if (!results) return { status: 'failed', message: 'no result was stored before the docs were built' };
    const sites = siteDirs(config, ctx.checkpoint.dataDocsSites).map((s) => ctx.resolve(s));
    let pages = 0;
    const skipped = new Set<string>();
    for (const site of sites) {
      const built = await buildDataDocs(results, site);
      pages += built.pages;
      for (const s of built.skipped) skipped.add(s);
    }
    const site = sites[0] as string;
    const ownPage = stored && resolve(stored.dir) === resolve(results);
    ctx.validation.docs = { site, page: join(site, ownPage ? runPagePath(stored.path) : 'index.html') };
    const note = skipped.size
      ? ` (${skipped.size} file(s) of ${results} skipped: not validation results)`
      : '';
    return {
      status: 'ok',
      message: `updated ${sites.join(', ')} (${pages} pages written)${note}`,
      path: site,
    };
  },
});
