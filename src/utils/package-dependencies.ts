import { readFileSync } from 'node:fs';
import path from 'node:path';

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

/**
 * The version ranges the nearest `package.json` above `filename` that declares any of `names`
 * (in `dependencies`, `devDependencies`, `peerDependencies` or `optionalDependencies`) gives
 * them, by name. Read from disk on every call, like `findEnginesNode`: no cache, so results
 * depend only on the file and its package.json. Empty for text linted without a real path, or
 * when no package.json up to the filesystem root declares any of them.
 */
export function findDependencyRanges(filename: string, names: readonly string[]): Map<string, string> {
  if (!path.isAbsolute(filename) && (filename.startsWith('<') || filename === '')) return new Map();
  let directory = path.dirname(path.resolve(filename));
  for (;;) {
    const found = readRanges(path.join(directory, 'package.json'), names);
    if (found.size > 0) return found;
    const parent = path.dirname(directory);
    if (parent === directory) return found;
    directory = parent;
  }
}

function readRanges(file: string, names: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return found; // no package.json here, or a broken one that says nothing
  }
  if (typeof json !== 'object' || json === null) return found;
  for (const field of DEPENDENCY_FIELDS) {
    const dependencies = (json as Record<string, unknown>)[field];
    if (typeof dependencies !== 'object' || dependencies === null) continue;
    for (const name of names) {
      const range = (dependencies as Record<string, unknown>)[name];
      if (typeof range === 'string' && !found.has(name)) found.set(name, range);
    }
  }
  return found;
}

/**
 * The one major version a dependency range pins: `^4.18.2`, `~4.17.0`, `4.x`, `4`, `=4.21.0`,
 * `4.21.0`, `>=4.17 <5`. `undefined` when the range admits several majors (`>=4`, `*`, `4 || 5`)
 * or is not a version range at all (`latest`, `workspace:*`, a URL).
 */
export function pinnedMajor(range: string): number | undefined {
  const text = range.trim().replace(/^npm:[^@]+@/, '');
  if (text.includes('||')) return undefined;
  const single = /^(?:\^|~|=|v)?(\d+)(?:\.(?:\d+|[xX*]))?(?:\.(?:\d+|[xX*]))?(?:-[0-9A-Za-z.-]+)?$/.exec(text);
  if (single) {
    const major = Number(single[1]);
    // `^0.x` and `~0.x` stay within 0, like any other major.
    return major;
  }
  const bounded = /^>=?\s*v?(\d+)(?:\.\d+){0,2}\s+<\s*v?(\d+)(?:\.0){0,2}$/.exec(text);
  if (bounded && Number(bounded[2]) === Number(bounded[1]) + 1) return Number(bounded[1]);
  return undefined;
}
