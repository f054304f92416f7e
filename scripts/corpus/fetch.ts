// The corpus manifest and its tarballs: `npm pack NAME@VERSION` into a cache outside git, sha512
// checked against the manifest's `integrity` (or, for entries without one, against the hash
// recorded when the tarball was first fetched), reused between runs.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const defaultManifestPath = path.resolve(repoRoot, '../shared/corpus/manifest.json');

/**
 * Outside the repository on purpose, and shared by every clone (entries are keyed by name,
 * version and hash): rules read `engines` and dependencies from the nearest package.json above
 * the linted file, and under the repository the walk would reach our own package.json whenever
 * a corpus package does not answer. `HTTP_RESILIENCE_CORPUS_CACHE` moves it.
 */
export const defaultCacheDir =
  process.env.HTTP_RESILIENCE_CORPUS_CACHE ?? path.join(os.tmpdir(), 'eslint-plugin-http-resilience-corpus');

export interface ManifestPackage {
  name: string;
  version: string;
  /** `sha512-<base64>` (Subresource Integrity); when absent the first fetch's hash is pinned. */
  integrity?: string;
  /** Path prefixes inside the tarball's package/ folder; `''` keeps everything. */
  include: string[];
  /** Regular expressions on the same paths; a match drops the file. */
  exclude: string[];
}

export interface Manifest {
  description?: string;
  packages: ManifestPackage[];
}

export async function loadManifest(file = defaultManifestPath): Promise<Manifest> {
  const manifest = JSON.parse(await readFile(file, 'utf8')) as Manifest;
  if (!Array.isArray(manifest.packages)) throw new Error(`${file}: no "packages" array`);
  for (const pkg of manifest.packages) {
    if (!pkg.name || !/^\d+\.\d+\.\d+/.test(pkg.version ?? '')) {
      throw new Error(`${file}: ${JSON.stringify(pkg.name)} needs an exact version, not ${JSON.stringify(pkg.version)}`);
    }
    pkg.include ??= [''];
    pkg.exclude ??= [];
  }
  return manifest;
}

/** `@hono/node-server@2.1.9` → `hono__node-server@2.1.9`: one flat, readable folder name. */
export function cacheKey(pkg: Pick<ManifestPackage, 'name' | 'version'>): string {
  return `${pkg.name.replace(/^@/, '').replace(/\//g, '__')}@${pkg.version}`;
}

export function sha512(data: Buffer): string {
  return `sha512-${createHash('sha512').update(data).digest('base64')}`;
}

/** Whether `data` matches an SRI string; only its sha512 entries count. */
export function matchesIntegrity(data: Buffer, integrity: string): boolean {
  const expected = integrity.split(/\s+/).filter((entry) => entry.startsWith('sha512-'));
  if (expected.length === 0) throw new Error(`integrity ${JSON.stringify(integrity)} has no sha512 entry`);
  const actual = sha512(data);
  return expected.some((entry) => entry.replace(/\?.*$/, '') === actual);
}

export interface Tarball {
  pkg: ManifestPackage;
  file: string;
  data: Buffer;
  /** The sha512 the bytes have (verified against the manifest or the pinned first fetch). */
  integrity: string;
  /** Where this run got it: the cache, npm, or npm again because the cached copy did not match. */
  source: 'cache' | 'npm' | 'npm (cached copy did not match)';
}

/** The environment without what `npm run` sets and would change what a nested npm does. */
function npmEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_config_(global|prefix|local_prefix|workspaces?|dry_run|json|pack_destination)$/i.test(key)) delete env[key];
  }
  return env;
}

function npmPack(spec: string, destination: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'npm',
      ['pack', spec, '--json', '--ignore-scripts', '--pack-destination', destination],
      { cwd: destination, env: npmEnv(), timeout: 180_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`npm pack ${spec} failed: ${error.message}\n${stderr}`.trim()));
        else {
          const [info] = JSON.parse(stdout) as { filename?: string }[];
          if (!info?.filename) reject(new Error(`npm pack ${spec} printed no file name:\n${stdout}`));
          else resolve(path.join(destination, info.filename));
        }
      },
    );
  });
}

interface Pin {
  integrity: string;
}

/**
 * The package's tarball from the cache, or from `npm pack` (then moved into the cache only once
 * verified, so an interrupted or corrupt download never counts). A cached tarball is re-hashed on
 * every run; one that no longer matches is fetched again. A fresh download that does not match
 * the manifest's `integrity` throws.
 */
export async function fetchTarball(pkg: ManifestPackage, cacheDir = defaultCacheDir): Promise<Tarball> {
  const dir = path.join(cacheDir, 'tarballs');
  const file = path.join(dir, `${cacheKey(pkg)}.tgz`);
  const pinFile = `${file}.json`;
  const spec = `${pkg.name}@${pkg.version}`;

  const pinned = async (): Promise<string | undefined> => {
    if (pkg.integrity) return pkg.integrity;
    try {
      return (JSON.parse(await readFile(pinFile, 'utf8')) as Pin).integrity;
    } catch {
      return undefined;
    }
  };

  const cached = existsSync(file);
  if (cached) {
    const data = await readFile(file);
    const expected = await pinned();
    if (expected !== undefined && matchesIntegrity(data, expected)) {
      return { pkg, file, data, integrity: sha512(data), source: 'cache' };
    }
  }

  await mkdir(dir, { recursive: true });
  const scratch = await mkdtemp(path.join(dir, '.pack-'));
  try {
    const packed = await npmPack(spec, scratch);
    const data = await readFile(packed);
    const integrity = sha512(data);
    if (pkg.integrity && !matchesIntegrity(data, pkg.integrity)) {
      throw new Error(
        `${spec}: the tarball npm returned does not match the manifest's integrity\n` +
          `  expected ${pkg.integrity}\n  actual   ${integrity}`,
      );
    }
    if (!pkg.integrity) {
      // No pin in the manifest: keep the first fetch's hash, so a republished or corrupted
      // tarball is noticed on later runs instead of silently changing the corpus.
      const previous = await pinned();
      if (previous !== undefined && !matchesIntegrity(data, previous)) {
        throw new Error(`${spec}: the tarball changed since it was first fetched (${previous}, now ${integrity})`);
      }
      await writeFile(pinFile, `${JSON.stringify({ integrity } satisfies Pin)}\n`);
    }
    await rename(packed, file);
    return { pkg, file, data, integrity, source: cached ? 'npm (cached copy did not match)' : 'npm' };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
