import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gxCompatibilityMarkdown } from '../../scripts/gx-compat.js';
import { registry } from '../../src/expectations/index.js';
import { loadFixtureFiles } from './fixtures.js';
import { DIFFERENCES, GX_CORE_MODULES, GX_STUBS, NOT_IMPLEMENTED } from './gx-core.js';

const core = new Set(GX_CORE_MODULES);

describe('GX core and the differences (test/conformance/gx-core.ts)', () => {
  it('gives a reason for every core expectation not registered, and for no other', () => {
    const missing = GX_CORE_MODULES.filter((t) => !registry.has(t)).sort();
    expect(Object.keys(NOT_IMPLEMENTED).sort()).toEqual(missing);
  });

  it('names only core expectations among the stubs, and every fixture file belongs to one', () => {
    for (const t of GX_STUBS) expect(core.has(t), t).toBe(true);
    for (const f of loadFixtureFiles()) expect(core.has(f.expectationType), f.file).toBe(true);
  });

  it('ties every difference to registered expectations', () => {
    for (const d of DIFFERENCES) {
      for (const t of d.expectations) expect(registry.has(t), `${d.title}: ${t}`).toBe(true);
      expect(d.what.length, d.title).toBeGreaterThan(40);
      expect(d.why.length, d.title).toBeGreaterThan(10);
    }
  });
});

describe('docs/gx-compatibility.md', () => {
  it('is up to date (run npx tsx scripts/gx-compat.ts)', async () => {
    expect(readFileSync('docs/gx-compatibility.md', 'utf8')).toBe(await gxCompatibilityMarkdown());
  });

  it('has a row for every core expectation and a section for every difference', () => {
    const doc = readFileSync('docs/gx-compatibility.md', 'utf8');
    for (const t of GX_CORE_MODULES) expect(doc).toMatch(new RegExp(`^\\| \`${t}\` \\| `, 'm'));
    DIFFERENCES.forEach((d, i) => {
      expect(doc).toContain(`<a id="d${i + 1}"></a>${i + 1}. ${d.title}`);
    });
  });
});
