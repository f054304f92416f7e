// What the parent asks a child process to do (written as JSON, read by child.ts).
import type { ConfigId } from './configs';

export interface LintJob {
  mode: 'lint';
  /** JSON file with the CorpusFile[] to lint. */
  planFile: string;
  config: ConfigId;
  /** The snapshot of dist/index.js to load. */
  plugin: string;
  /** Collect ESLint's per-rule times (a separate run: the timing wrappers cost time themselves). */
  stats?: boolean;
  /** Write CPU and allocation profiles of the linting loop to this path + `.cpuprofile` / `.heapprofile`. */
  profile?: string;
}

export interface GrowthJob {
  mode: 'growth';
  /** The original file: its directory's package.json applies to every scaled copy. */
  source: string;
  /** The snapshot of dist/index.js to load. */
  plugin: string;
  /** How many copies of the file's body the input holds. */
  factor: number;
  /** Timed repetitions per configuration (after warm-up), alternating none and recommended. */
  repetitions: number;
}

export interface ConcurrencyJob {
  mode: 'concurrency';
  /** The generated eslint.config.mjs (workers load the config themselves), which loads the snapshot. */
  configFile: string;
  /** ESLint's cwd: the folder that holds every corpus package. */
  cwd: string;
  /** Absolute paths of the files to lint. */
  files: string[];
  concurrency: 'off' | number;
}

export type Job = LintJob | GrowthJob | ConcurrencyJob;
