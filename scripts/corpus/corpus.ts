// Fetch and unpack a set of corpus packages (a few at a time), for the script and for the tests.
import { existsSync } from 'node:fs';
import path from 'node:path';

import { defaultCacheDir, fetchTarball, type ManifestPackage, type Tarball } from './fetch';
import { type UnpackedPackage, unpackPackage } from './select';

export interface PreparedPackage extends UnpackedPackage {
  tarball: Tarball;
}

/** Runs `work` on every item with at most `limit` in flight; results in input order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export async function prepareCorpus(
  packages: readonly ManifestPackage[],
  options: { cacheDir?: string; concurrency?: number; onPackage?: (prepared: PreparedPackage) => void } = {},
): Promise<PreparedPackage[]> {
  const cacheDir = options.cacheDir ?? defaultCacheDir;
  assertIsolatedCache(cacheDir);
  return mapLimit(packages, options.concurrency ?? 6, async (pkg) => {
    const tarball = await fetchTarball(pkg, cacheDir);
    const prepared = { ...(await unpackPackage(tarball, cacheDir)), tarball };
    options.onPackage?.(prepared);
    return prepared;
  });
}

/**
 * Throws when a package.json sits above the cache: rules read `engines` and dependencies from the
 * nearest package.json, and one outside the corpus packages would change their findings.
 */
export function assertIsolatedCache(cacheDir = defaultCacheDir): void {
  let dir = path.resolve(cacheDir);
  for (;;) {
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
    if (existsSync(path.join(dir, 'package.json'))) {
      throw new Error(
        `${path.join(dir, 'package.json')} is above the corpus cache ${cacheDir}: rules would read it for packages ` +
          'that declare no engines or dependencies. Point HTTP_RESILIENCE_CORPUS_CACHE at a folder outside any project.',
      );
    }
  }
}
