// Regenerates the metadata-derived parts of README.md and docs/rules/*.md.
// `npm run update:docs` writes them; the test suite fails when they are stale.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { expectedDocs, ROOT } from './docs-content';

let changed = 0;
for (const [file, content] of expectedDocs()) {
  const absolute = path.join(ROOT, file);
  if (readFileSync(absolute, 'utf8') !== content) {
    writeFileSync(absolute, content);
    changed += 1;
    console.log(`updated ${file}`);
  }
}
console.log(changed ? `${changed} file(s) updated` : 'docs are up to date');
