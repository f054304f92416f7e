// The integration tests' throwaway projects: the packed plugin installed next to ESLint (and, for
// CI, the SARIF formatter) under the system temp dir, through test/package's cached installs.
// Each test file packs into its own folder and uses its own project, so files that vitest runs
// in parallel never touch each other's tarball or working tree.
import { cp, mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';

import {
  assertBuilt,
  cacheRoot,
  type Pack,
  prepareProject,
  type Project,
  type ProjectSpec,
  repoRoot,
  run,
  type RunResult,
} from '../package/harness';

export { assertBuilt, cacheRoot, repoRoot, run, type RunResult };

/** The user project every integration test lints: flat config with `recommended`, a few files. */
export const projectFixture = path.join(repoRoot, 'fixtures', 'integration', 'project');

/** The environment without what `npm test` itself sets and would redirect a nested npm. */
function npmEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_config_(global|prefix|local_prefix|workspaces?|dry_run|json|pack_destination)$/i.test(key)) delete env[key];
  }
  return env;
}

/** `npm pack` of the repository (dist/ must be built) into `<cacheRoot>/pack-<name>`. */
export async function packInto(name: string): Promise<Pack> {
  const dir = path.join(cacheRoot, `pack-${name}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const result = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], {
    cwd: repoRoot,
    env: npmEnv(),
    timeout: 120_000,
  });
  if (result.code !== 0) throw new Error(`npm pack exited with ${result.code}\n${result.stderr}`);
  const [info] = JSON.parse(result.stdout) as { filename: string; integrity: string; files: { path: string }[] }[];
  if (!info) throw new Error(`npm pack printed no package:\n${result.stdout}`);
  return { tarball: path.join(dir, info.filename), integrity: info.integrity, files: info.files.map((f) => f.path) };
}

/** The files `npm pack` would put in the tarball, without writing one. */
export async function packedFiles(): Promise<string[]> {
  const result = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot, env: npmEnv(), timeout: 120_000 });
  if (result.code !== 0) throw new Error(`npm pack --dry-run exited with ${result.code}\n${result.stderr}`);
  const [info] = JSON.parse(result.stdout) as { files: { path: string }[] }[];
  return (info?.files ?? []).map((file) => file.path).sort();
}

/**
 * A cached project `<cacheRoot>/<name>` with the tarball and `install` installed (test/package's
 * prepareProject: reused for a day, the plugin swapped in when the tarball changed), its working
 * tree replaced by fixtures/integration/project.
 */
export async function prepareIntegrationProject(name: string, pack: Pack, install: string[]): Promise<Project> {
  // prepareProject copies one of test/package's fixtures; ours replaces it below.
  const spec: ProjectSpec = { name, fixture: 'flat', install, sample: 'src/routes.js' };
  const project = await prepareProject(spec, pack);
  const keep = new Set(['node_modules', 'package.json', '.it-install.json']);
  for (const entry of await readdir(project.dir)) {
    if (!keep.has(entry)) await rm(path.join(project.dir, entry), { recursive: true, force: true });
  }
  await cp(projectFixture, project.dir, { recursive: true });
  return project;
}

/** The environment for a project's tools: none of the caller's ESLINT_*, DEBUG or NODE_PATH leaks in. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('ESLINT_') || key === 'NODE_PATH' || key === 'DEBUG' || key === 'NODE_OPTIONS') delete env[key];
  }
  return { ...env, ...extra };
}

/** Runs `node <file> args` in `cwd`; the exit code is part of the result, a timeout throws. */
export function runNode(
  file: string,
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string>; timeout?: number },
): Promise<RunResult> {
  return run(process.execPath, [file, ...args], { cwd: options.cwd, env: cleanEnv(options.env), timeout: options.timeout ?? 120_000 });
}

/** The project's own ESLint CLI. Exit 2 (a crash) throws; 0 and 1 are results. */
export async function projectEslint(
  project: Project,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<RunResult> {
  const bin = path.join(project.dir, 'node_modules', 'eslint', 'bin', 'eslint.js');
  const result = await runNode(bin, args, { cwd: project.dir, env });
  if (result.code !== 0 && result.code !== 1) {
    throw new Error(`eslint ${args.join(' ')} exited with ${result.code} in ${project.dir}:\n${result.stderr}${result.stdout}`);
  }
  return result;
}
