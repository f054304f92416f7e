// A fixed subset of the corpus (../shared/corpus/manifest.json), linted with the BUILT plugin's
// `all` config through the same modules as `npm run corpus`: nothing throws, every file parses,
// and the findings are exactly the ones below. Tarballs are cached like the script's (see
// scripts/corpus/fetch.ts), so only the first run needs the npm registry.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import { prepareCorpus, type PreparedPackage } from '../scripts/corpus/corpus';
import { fetchTarball, loadManifest, repoRoot } from '../scripts/corpus/fetch';
import { type CorpusPlugin, type CorpusReport, findingsPerRule, lintPackages } from '../scripts/corpus/lint';
import { selectFile } from '../scripts/corpus/select';

/**
 * Small packages, each exercising something else: a TypeScript node:http server (micro), a
 * CommonJS router with a node:http example (find-my-way), Fastify with per-request helpers
 * (@fastify/static), Hono's Node adapter as .mjs and .js (@hono/node-server), and an ESM client
 * whose .js files are modules by package.json `type` (node-fetch).
 */
const SUBSET = {
  micro: '10.0.1',
  'find-my-way': '9.10.1',
  '@fastify/static': '10.1.11',
  '@hono/node-server': '2.1.9',
  'node-fetch': '3.3.2',
};

/** Read and judged: see the comments. Locations only, so rewording a message changes nothing here. */
const EXPECTED_FINDINGS = [
  // Examples that start Fastify without `requestTimeout` and never close it: true to the rules.
  // (example/server-benchmark.js is a benchmark's load target, not reported: see test-code.ts.)
  '@fastify/static/example/server-compress.js:4:17 require-server-timeouts',
  '@fastify/static/example/server-compress.js:13:4 require-graceful-shutdown',
  '@fastify/static/example/server-dir-list.js:5:17 require-server-timeouts',
  '@fastify/static/example/server-dir-list.js:36:4 require-graceful-shutdown',
  '@fastify/static/example/server-hidden-file.js:4:17 require-server-timeouts',
  '@fastify/static/example/server-hidden-file.js:13:4 require-graceful-shutdown',
  '@fastify/static/example/server.js:4:17 require-server-timeouts',
  '@fastify/static/example/server.js:11:4 require-graceful-shutdown',
  // findIndexFile() calls statSync() for every directory request, reached from the route handler.
  '@fastify/static/index.js:854:23 no-sync-io-in-handler',
  // A node:http example server: default keep-alive timeout, no SIGTERM handler.
  'find-my-way/example.js:22:16 require-server-timeouts',
  'find-my-way/example.js:26:1 require-graceful-shutdown',
  // micro's production CLI: default keep-alive timeout, and `server.close(); process.exit()`
  // exits before in-flight requests finish.
  'micro/src/bin/micro.ts:146:18 require-server-timeouts',
  'micro/src/bin/micro.ts:158:7 require-graceful-shutdown',
];

let prepared: PreparedPackage[];
let report: CorpusReport;

beforeAll(async () => {
  const distEntry = path.join(repoRoot, 'dist', 'index.js');
  if (!existsSync(distEntry)) throw new Error('dist/index.js is missing: run npm run build first (the corpus lints the built plugin)');
  // Node's own require, not vitest's module runner: the plugin as users load it.
  const plugin = createRequire(import.meta.url)(distEntry) as CorpusPlugin;
  const manifest = await loadManifest();
  const packages = Object.entries(SUBSET).map(([name, version]) => {
    const pkg = manifest.packages.find((entry) => entry.name === name);
    if (pkg?.version !== version) {
      throw new Error(`the manifest has ${name}@${pkg?.version ?? '(none)'}; the expected findings are for ${version}: update SUBSET and read the new findings`);
    }
    return pkg;
  });
  prepared = await prepareCorpus(packages);
  report = lintPackages(prepared, plugin);
});

describe('corpus subset', () => {
  it('lints every selected file of every package', () => {
    expect(prepared.map((pkg) => [pkg.pkg.name, pkg.files.length > 0])).toEqual(Object.keys(SUBSET).map((name) => [name, true]));
    expect(report.files).toBe(prepared.reduce((sum, pkg) => sum + pkg.files.length, 0));
    // TypeScript, .mjs, CommonJS and package-type ESM .js files all take part.
    const all = prepared.flatMap((pkg) => pkg.files);
    for (const extension of ['.ts', '.mjs', '.js']) expect(all.some((file) => file.endsWith(extension))).toBe(true);
  });

  it('throws nowhere and parses every file', () => {
    expect(report.failures).toEqual([]);
  });

  it('finds exactly the judged findings', () => {
    expect(findingsPerRule(report)).toEqual({
      'no-sync-io-in-handler': 1,
      'require-graceful-shutdown': 6,
      'require-server-timeouts': 6,
    });
    const found = report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.rule}`);
    expect(found.sort()).toEqual([...EXPECTED_FINDINGS].sort());
  });

  it('reports time for every rule of the all config', () => {
    expect(Object.keys(report.rules).length).toBeGreaterThanOrEqual(10);
    expect(Object.values(report.rules).every((summary) => summary.ms > 0)).toBe(true);
  });
});

describe('corpus selection and verification', () => {
  it('keeps sources under include, minus exclude, declarations, minified files and long lines', () => {
    const pkg = { include: ['dist/', 'index.js'], exclude: ['^dist/cjs/'] };
    expect(selectFile(pkg, 'dist/a.mjs', 'x')).toBe('linted');
    expect(selectFile(pkg, 'index.js', 'x')).toBe('linted');
    expect(selectFile(pkg, 'src/a.js', 'x')).toBe('not included');
    expect(selectFile(pkg, 'dist/cjs/a.js', 'x')).toBe('excluded');
    expect(selectFile(pkg, 'dist/a.json', 'x')).toBe('not a source file');
    expect(selectFile(pkg, 'dist/a.d.mts', 'x')).toBe('declaration file');
    expect(selectFile(pkg, 'dist/a.min.js', 'x')).toBe('minified');
    expect(selectFile(pkg, 'dist/a.js', `a\n${'x'.repeat(2001)}\n`)).toBe('line over 2000 characters');
    expect(selectFile(pkg, 'dist/a.js', `a\n${'x'.repeat(2000)}\n`)).toBe('linted');
  });

  it('fails loudly when the tarball does not match the integrity', async () => {
    const manifest = await loadManifest();
    const micro = manifest.packages.find((entry) => entry.name === 'micro')!;
    const wrong = { ...micro, integrity: `sha512-${Buffer.alloc(64).toString('base64')}` };
    await expect(fetchTarball(wrong)).rejects.toThrow(/does not match the manifest's integrity/);
  });
});
