// Shared by the package tests: where dist/ and the throwaway projects live, `npm pack`, cached
// project installs, and running a project's own ESLint.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const distDir = path.join(repoRoot, 'dist');
export const probeScript = fileURLToPath(new URL('probe.mjs', import.meta.url));
const fixturesDir = path.join(repoRoot, 'fixtures', 'projects');

/**
 * The throwaway projects live outside the repository on purpose: under it, Node would resolve
 * `typescript` or `eslint` from the repository's own node_modules, and "loads without TypeScript"
 * or "uses the project's ESLint" would prove nothing. One folder per clone.
 */
export const cacheRoot = path.join(
  os.tmpdir(),
  'eslint-plugin-http-resilience-it',
  createHash('sha256').update(repoRoot).digest('hex').slice(0, 12),
);

/** Installs older than this are redone, so `eslint@^9` keeps meaning the latest ESLint 9. */
const MAX_INSTALL_AGE_MS = 24 * 60 * 60 * 1000;
const STAMP = '.it-install.json';

export function assertBuilt(): void {
  for (const file of ['index.js', 'index.mjs', 'index.d.ts', 'index.d.mts']) {
    if (!existsSync(path.join(distDir, file))) {
      throw new Error(`dist/${file} is missing: run npm run build first (test/package tests the built plugin)`);
    }
  }
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion; a non-zero exit is a result, a timeout or spawn failure throws. */
export function run(
  file: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeout: number },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { ...options, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') {
        const why = error.killed ? `timed out after ${options.timeout / 1000}s` : error.message;
        reject(new Error(`${file} ${args.join(' ')} (in ${options.cwd}) ${why}\n${stderr}\n${stdout}`.trim()));
        return;
      }
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

/** The environment without what `npm test` itself sets and would redirect a nested install. */
function npmEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_config_(global|prefix|local_prefix|workspaces?|dry_run)$/i.test(key)) delete env[key];
  }
  return env;
}

async function npm(args: readonly string[], cwd: string, timeout: number): Promise<string> {
  const result = await run('npm', args, { cwd, env: npmEnv(), timeout });
  if (result.code !== 0) {
    throw new Error(`npm ${args.join(' ')} (in ${cwd}) exited with ${result.code}\n${result.stderr}`);
  }
  return result.stdout;
}

export interface Pack {
  tarball: string;
  /** npm's sha512 of the tarball; npm pack is byte-for-byte reproducible, so it keys the cache. */
  integrity: string;
  files: string[];
}

/** `npm pack` of the repository as it is (dist/ must be built), into the cache folder. */
export async function packPlugin(): Promise<Pack> {
  const dir = path.join(cacheRoot, 'pack');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const stdout = await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], repoRoot, 120_000);
  const [info] = JSON.parse(stdout) as { filename: string; integrity: string; files: { path: string }[] }[];
  if (!info) throw new Error(`npm pack printed no package:\n${stdout}`);
  return { tarball: path.join(dir, info.filename), integrity: info.integrity, files: info.files.map((f) => f.path) };
}

export interface ProjectSpec {
  /** Folder name in the cache and test title. */
  name: string;
  /** Folder under fixtures/projects/ with the config file, src/ and expected-fix/. */
  fixture: 'eslintrc' | 'flat' | 'typescript';
  /** What the user installs next to the plugin tarball. */
  install: string[];
  /** Extra environment for ESLint (ESLINT_USE_FLAT_CONFIG). */
  env?: Record<string, string>;
  /** The sample, relative to the fixture. */
  sample: string;
}

export interface Project {
  spec: ProjectSpec;
  dir: string;
  /** What preparing did: nothing to install, npm swapped in a new tarball, or a fresh install. */
  action: 'reused' | 'updated plugin' | 'installed';
  seconds: number;
}

interface Stamp {
  setup: { install: string[]; node: string };
  tarball: string;
  installedAt: number;
}

const eslintBin = (dir: string) => path.join(dir, 'node_modules', '.bin', 'eslint');

async function readStamp(dir: string): Promise<Stamp | undefined> {
  try {
    return JSON.parse(await readFile(path.join(dir, STAMP), 'utf8')) as Stamp;
  } catch {
    return undefined;
  }
}

/**
 * Makes `<cacheRoot>/<name>` a project with the tarball and `spec.install` installed, the way a
 * user does it. A project whose stamp matches (same install list, Node major and tarball, under a
 * day old) is reused untouched; when only the tarball changed, the same `npm install` runs again
 * in place, and npm swaps in just the plugin (it compares the tarball's integrity). Anything else
 * starts from an empty folder. The stamp is written last, so an interrupted install is redone.
 * The fixture files are copied afresh every time, so editing them needs no reinstall.
 */
export async function prepareProject(spec: ProjectSpec, pack: Pack): Promise<Project> {
  const started = Date.now();
  const dir = path.join(cacheRoot, spec.name);
  const setup = { install: spec.install, node: process.versions.node.split('.')[0] ?? '' };
  const stamp = await readStamp(dir);
  const sameSetup =
    stamp !== undefined &&
    isDeepStrictEqual(stamp.setup, setup) &&
    Date.now() - stamp.installedAt < MAX_INSTALL_AGE_MS &&
    existsSync(eslintBin(dir)) &&
    existsSync(path.join(dir, 'node_modules', 'eslint-plugin-http-resilience', 'package.json'));

  let action: Project['action'] = 'reused';
  if (!sameSetup || stamp.tarball !== pack.integrity) {
    action = sameSetup ? 'updated plugin' : 'installed';
    if (sameSetup) {
      await rm(path.join(dir, STAMP));
    } else {
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      // Without a package.json npm would look for one in the parent folders.
      await writeFile(path.join(dir, 'package.json'), `${JSON.stringify({ name: `it-${spec.name}`, private: true })}\n`);
    }
    await npm(
      ['install', '--no-audit', '--no-fund', '--no-package-lock', pack.tarball, ...spec.install],
      dir,
      300_000,
    );
    const next: Stamp = { setup, tarball: pack.integrity, installedAt: sameSetup ? stamp.installedAt : Date.now() };
    await writeFile(path.join(dir, STAMP), `${JSON.stringify(next, null, 2)}\n`);
  }

  const keep = new Set(['node_modules', 'package.json', STAMP]);
  for (const entry of await readdir(dir)) {
    if (!keep.has(entry)) await rm(path.join(dir, entry), { recursive: true, force: true });
  }
  await cp(path.join(fixturesDir, spec.fixture), dir, { recursive: true });
  await copyFile(probeScript, path.join(dir, 'probe.mjs'));
  return { spec, dir, action, seconds: (Date.now() - started) / 1000 };
}

export function fixturePath(spec: ProjectSpec, relative: string): string {
  return path.join(fixturesDir, spec.fixture, relative);
}

/** The environment for a project's ESLint: none of the caller's ESLINT_* or NODE_PATH leaks in. */
function eslintEnv(spec: ProjectSpec): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('ESLINT_') || key === 'NODE_PATH') delete env[key];
  }
  return { ...env, ...spec.env };
}

/** Runs the project's own node_modules/.bin/eslint; exit 0 or 1 (findings) pass, 2 (crash) throws. */
export async function runEslint(project: Project, args: readonly string[]): Promise<RunResult> {
  const result = await run(process.execPath, [eslintBin(project.dir), ...args], {
    cwd: project.dir,
    env: eslintEnv(project.spec),
    timeout: 90_000,
  });
  if (result.code !== 0 && result.code !== 1) {
    throw new Error(`eslint ${args.join(' ')} crashed (exit ${result.code}) in ${project.dir}:\n${result.stderr}${result.stdout}`);
  }
  return result;
}

/** Runs probe.mjs with Node; `args` point it at a build in place instead of the installed package. */
export async function runProbe(cwd: string, script: string, args: readonly string[] = []): Promise<ProbeReport> {
  const result = await run(process.execPath, [script, ...args], { cwd, env: { ...process.env, NODE_PATH: '' }, timeout: 60_000 });
  if (result.code !== 0) throw new Error(`node ${script} failed (exit ${result.code}):\n${result.stderr}`);
  return JSON.parse(result.stdout) as ProbeReport;
}

export interface ProbeReport {
  sameInstance: boolean;
  meta: { name: string; version: string; namespace: string };
  rules: string[];
  configNames: string[];
  flatConfigsWithOtherInstance: string[];
  legacyPlugins: Record<string, unknown>;
  loadedPackages: string[];
  versions: Record<string, string | null>;
}

/** One message of `eslint --format json` (the fields the tests read). */
export interface JsonLintMessage {
  ruleId: string | null;
  severity: number;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fatal?: boolean;
  fix?: unknown;
  suggestions?: unknown[];
}

/** One file of `eslint --format json` (the fields the tests read). */
export interface JsonLintResult {
  filePath: string;
  messages: JsonLintMessage[];
  suppressedMessages?: JsonLintMessage[];
  errorCount: number;
  warningCount: number;
  fatalErrorCount: number;
  source?: string;
}
