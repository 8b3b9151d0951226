import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AnyExpectationDef } from '../src/engine/expectation.js';
import { registry } from '../src/expectations/index.js';
import { runtimeKeys } from '../src/suite/kwargs.js';

/** docs/expectations.md cut at its `## <type>` headings: type -> the section's lines. */
function sections(doc: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of doc.split('\n')) {
    const heading = /^## (\S+)$/.exec(line);
    if (heading) {
      current = [];
      out.set(heading[1] as string, current);
    } else current?.push(line);
  }
  return out;
}

/** The kwargs a user writes for an expectation: its schema's keys, less the runtime ones every expectation takes. */
function ownKwargs(def: AnyExpectationDef): string[] {
  const schema = z.toJSONSchema(def.kwargs, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, unknown>;
  };
  return Object.keys(schema.properties ?? {}).filter((k) => !(k in runtimeKeys));
}

/** The examples of a section: each ```json block and the `Reads:` line after it. */
function examples(lines: readonly string[]): { json: string; reads: string | undefined }[] {
  const out: { json: string; reads: string | undefined }[] = [];
  lines.forEach((line, i) => {
    if (line !== '```json') return;
    const reads = lines.slice(i + 2).find((l) => l.startsWith('Reads: ') || l === '```json');
    out.push({ json: lines[i + 1] as string, reads: reads?.startsWith('Reads: ') ? reads : undefined });
  });
  return out;
}

describe('the generated catalog (docs/expectations.md)', () => {
  const doc = readFileSync('docs/expectations.md', 'utf8');
  const bySection = sections(doc);
  const defs = [...registry.values()] as AnyExpectationDef[];

  it('has a section for every registered expectation and none for others', () => {
    expect([...bySection.keys()].sort()).toEqual(defs.map((d) => d.type).sort());
  });

  for (const def of defs) {
    describe(def.type, () => {
      const lines = bySection.get(def.type) ?? [];

      it('is linked from the summary table with its description', () => {
        expect(doc).toContain(`| [\`${def.type}\`](#${def.type}) | ${def.domain} |`);
        expect(lines).toContain(def.description);
      });

      it('lists every kwarg in its kwargs table', () => {
        expect(lines).toContain('| kwarg | type | required | default |');
        const rows = lines.filter((l) => l.startsWith('| `')).map((l) => /^\| `([^`]+)`/.exec(l)?.[1]);
        expect(rows.sort()).toEqual(ownKwargs(def).sort());
      });

      it('shows at least one example, each of valid kwargs and read as its sentence', () => {
        const shown = examples(lines);
        expect(shown.length).toBeGreaterThanOrEqual(1);
        expect(shown.length).toBe(def.examples.length);
        for (const { json, reads } of shown) {
          const example = JSON.parse(json) as { type: string; kwargs: Record<string, unknown> };
          expect(example.type).toBe(def.type);
          const parsed = def.kwargs.safeParse(example.kwargs);
          expect(parsed.success, json).toBe(true);
          expect(reads).toBe(`Reads: ${def.sentence(parsed.data)}.`);
        }
      });
    });
  }
});
