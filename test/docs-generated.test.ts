import { readFileSync } from 'node:fs';
import path from 'node:path';

import { expect, it } from 'vitest';

import { expectedDocs, ROOT } from '../scripts/docs-content';

it.each([...expectedDocs()])('%s matches rule metadata (run `npm run update:docs`)', (file, content) => {
  expect(readFileSync(path.join(ROOT, file), 'utf8')).toBe(content);
});
