// Which files of a package the corpus lints, and unpacking them into the cache. The rules are the
// manifest's: `include` path prefixes inside the tarball's package/ folder, minus `exclude`
// regular expressions; JavaScript and TypeScript sources only, no declaration files, no *.min.*
// files, no files with a line over 2000 characters (bundles and generated tables).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';

import { cacheKey, defaultCacheDir, type ManifestPackage, type Tarball } from './fetch';
import { readTarGz } from './tar';

/** Bump when the selection rules below change, so cached unpacked trees are redone. */
const SELECTION_VERSION = 1;
const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const DECLARATION = /\.d\.[cm]?ts$/;
const MAX_LINE = 2000;

export type Verdict = 'linted' | 'not included' | 'excluded' | 'not a source file' | 'declaration file' | 'minified' | 'line over 2000 characters';

/** The verdict for one file; `relativePath` is inside the package folder (`lib/index.js`). */
export function selectFile(pkg: Pick<ManifestPackage, 'include' | 'exclude'>, relativePath: string, data: Buffer | string): Verdict {
  if (!pkg.include.some((prefix) => relativePath.startsWith(prefix))) return 'not included';
  if (pkg.exclude.some((pattern) => new RegExp(pattern).test(relativePath))) return 'excluded';
  if (!SOURCE.test(relativePath)) return 'not a source file';
  if (DECLARATION.test(relativePath)) return 'declaration file';
  if (path.posix.basename(relativePath).includes('.min.')) return 'minified';
  const text = typeof data === 'string' ? data : data.toString('utf8');
  if (text.split(/\r\n|\r|\n/).some((line) => line.length > MAX_LINE)) return 'line over 2000 characters';
  return 'linted';
}

export interface UnpackedPackage {
  pkg: ManifestPackage;
  /** The package folder: the selected files and every package.json of the tarball. */
  root: string;
  /** The files to lint, relative to `root`, with `/` separators, sorted. */
  files: string[];
  /** How many files of the tarball each verdict other than `linted` left out. */
  skipped: Partial<Record<Verdict, number>>;
}

interface Marker {
  key: { version: number; integrity: string; include: string[]; exclude: string[] };
  files: string[];
  skipped: Partial<Record<Verdict, number>>;
}

const MARKER = '.corpus-selection.json';

async function readMarker(root: string): Promise<Marker | undefined> {
  try {
    return JSON.parse(await readFile(path.join(root, MARKER), 'utf8')) as Marker;
  } catch {
    return undefined;
  }
}

/** `package/lib/x.js` → `lib/x.js`; like npm, drops whatever the top folder is called. */
function packagePath(archivePath: string): string {
  const relative = archivePath.replace(/^\/+/, '').split('/').slice(1).join('/');
  if (relative.split('/').some((segment) => segment === '..')) throw new Error(`tarball entry escapes the package: ${archivePath}`);
  return relative;
}

/**
 * Unpacks the package's selected files under `<cacheDir>/packages/<name>@<version>/`, with every
 * package.json of the tarball (rules read `engines` and dependencies from it; `type` decides how
 * .js files parse). An unpacked tree whose marker matches the tarball's hash and the manifest's
 * include/exclude is reused; otherwise the tree is rebuilt in a scratch folder and renamed into
 * place, so an interrupted run never leaves a half-written tree that looks complete.
 */
export async function unpackPackage(tarball: Tarball, cacheDir = defaultCacheDir): Promise<UnpackedPackage> {
  const { pkg } = tarball;
  const parent = path.join(cacheDir, 'packages');
  const root = path.join(parent, cacheKey(pkg));
  const key: Marker['key'] = { version: SELECTION_VERSION, integrity: tarball.integrity, include: pkg.include, exclude: pkg.exclude };

  const existing = await readMarker(root);
  if (existing && isDeepStrictEqual(existing.key, key)) return { pkg, root, files: existing.files, skipped: existing.skipped };

  const entries = new Map<string, Buffer>();
  for (const entry of readTarGz(tarball.data)) {
    const relative = packagePath(entry.path);
    if (relative) entries.set(relative, entry.data);
  }
  const files: string[] = [];
  const skipped: Partial<Record<Verdict, number>> = {};
  const written: string[] = [];
  for (const [relative, data] of entries) {
    const verdict = selectFile(pkg, relative, data);
    if (verdict === 'linted') files.push(relative);
    else skipped[verdict] = (skipped[verdict] ?? 0) + 1;
    if (verdict === 'linted' || path.posix.basename(relative) === 'package.json') written.push(relative);
  }
  files.sort();

  await mkdir(parent, { recursive: true });
  const scratch = await mkdtemp(path.join(parent, '.unpack-'));
  try {
    for (const relative of written) {
      const target = path.join(scratch, ...relative.split('/'));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, entries.get(relative)!);
    }
    const marker: Marker = { key, files, skipped };
    await writeFile(path.join(scratch, MARKER), `${JSON.stringify(marker, null, 1)}\n`);
    if (existsSync(root)) await rm(root, { recursive: true, force: true });
    try {
      await rename(scratch, root);
    } catch (error) {
      // Another run unpacked the same package meanwhile; use its tree if it is this one.
      const theirs = await readMarker(root);
      if (!theirs || !isDeepStrictEqual(theirs.key, key)) throw error;
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return { pkg, root, files, skipped };
}
