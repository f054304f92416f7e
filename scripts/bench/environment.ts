// What the report records about the run: machine, load, and the versions of everything measured.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

import { repoRoot } from '../corpus/fetch';

export interface Environment {
  date: string;
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  /** The commit the plugin was built from, `-dirty` with uncommitted changes. */
  commit: string;
  versions: Record<string, string>;
}

const require = createRequire(path.join(repoRoot, 'package.json'));

/** The installed version of a dependency (its package.json, found next to its resolved entry). */
export function installedVersion(name: string): string {
  let dir = path.dirname(require.resolve(name));
  for (;;) {
    try {
      const json = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (json.name === name && json.version) return json.version;
    } catch {
      // no package.json here: keep walking up
    }
    const up = path.dirname(dir);
    if (up === dir) return 'unknown';
    dir = up;
  }
}

function commit(): string {
  try {
    return execFileSync('git', ['describe', '--always', '--dirty'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown (not a git checkout)';
  }
}

export function environment(packages: readonly string[]): Environment {
  const ours = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  const versions: Record<string, string> = { [ours.name]: ours.version };
  for (const name of packages) versions[name] = installedVersion(name);
  return {
    date: new Date().toISOString(),
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGb: os.totalmem() / 1024 ** 3,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    commit: commit(),
    versions,
  };
}

/** The 1-minute load average: the report shows it per phase, since other work skews timings. */
export function load(): number {
  return os.loadavg()[0]!;
}
