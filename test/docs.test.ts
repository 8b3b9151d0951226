import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedDocs } from '../scripts/docs.js';

describe('generated docs', () => {
  for (const [path, content] of Object.entries(generatedDocs())) {
    it(`${path} is up to date (run npm run catalog)`, () => {
      expect(readFileSync(path, 'utf8')).toBe(content);
    });
  }
});
