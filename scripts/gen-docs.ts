import { writeFileSync } from 'node:fs';
import { generatedDocs } from './docs.js';

for (const [path, content] of Object.entries(generatedDocs())) {
  writeFileSync(path, content);
  process.stdout.write(`wrote ${path}\n`);
}
