// A flat config normalised once, for Linter#verify. Given a plain array, verify() builds and
// validates a new FlatConfigArray on every call (about 11% of the lint time of the corpus in an
// early harness): a per-file tax the ESLint CLI does not pay and that would swamp a 5% budget.
// verify() skips that work for anything with getConfig(), i.e. ESLint's own FlatConfigArray.
import { createRequire } from 'node:module';
import path from 'node:path';

import type { Linter } from 'eslint';

/** What verify() accepts without re-normalising: an array with getConfig(). */
export type PreparedConfig = Linter.Config[] & { getConfig(filePath: string): unknown };

interface FlatConfigArrayClass {
  new (configs: Linter.Config[], options: { basePath: string }): PreparedConfig & { normalizeSync(): void };
}

const require = createRequire(import.meta.url);

/**
 * ESLint's FlatConfigArray is not exported (`eslint` exposes only `lib/api.js`), so it is loaded
 * by file path next to the resolved entry: the same class Linter#verify instantiates itself.
 */
const { FlatConfigArray } = require(path.join(path.dirname(require.resolve('eslint')), 'config', 'flat-config-array.js')) as {
  FlatConfigArray: FlatConfigArrayClass;
};

/** What Linter#verify does with a plain array (`basePath` = the Linter's cwd), done once. */
export function prepareConfig(configs: Linter.Config[], basePath: string): PreparedConfig {
  const array = new FlatConfigArray(configs, { basePath });
  array.normalizeSync();
  return array;
}
