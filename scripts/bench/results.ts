// The raw figures of a run (saved as JSON, so --render can redraw the report) and the figures
// derived from them that both the report's sections and the budgets use.
import { CONFIG_IDS, type ConfigId } from './configs';
import type { ConcurrencyRun } from './concurrency';
import type { Environment } from './environment';
import type { GrowthRun } from './growth';
import type { LintRun } from './lint-corpus';
import type { ProfileSummary } from './profile-analysis';
import { median } from './stats';

export interface BenchResults {
  env: Environment;
  quick: boolean;
  /** The packages of a `--package` run, which measures part of the corpus only. */
  subset?: string[];
  rounds: number;
  /** Rounds that also ran the peer plugins (the first ones). */
  peerRounds: number;
  /** Rounds of the stats runs and of the concurrency pairs. */
  sideRounds: number;
  growthRepetitions: number;
  growthFile: string;
  packages: number;
  files: number;
  bytes: number;
  namespace: string;
  recommendedRules: Record<string, unknown>;
  runs: Record<ConfigId, LintRun[]>;
  statsRuns: Record<'recommended' | 'all', LintRun[]>;
  growth: GrowthRun[];
  concurrency: ConcurrencyRun[];
  profile?: ProfileSummary & { lintMs: number };
  /** The same for (a): everything is outside our code there. */
  baselineProfile?: ProfileSummary & { lintMs: number };
  /** Findings per rule of lintPackages (`npm run corpus`) with `all`, without the plugin prefix. */
  reference: Record<string, number>;
  loads: { phase: string; load: number }[];
  durationMs: number;
}

/** A results file as saved, perhaps by an older bench that did not measure every configuration. */
export type SavedResults = Omit<BenchResults, 'runs'> & { runs: Partial<Record<ConfigId, LintRun[]>> };

/** The results with no runs for configurations the saved run did not know: the report shows them as not measured. */
export function completeResults(saved: SavedResults): BenchResults {
  return { ...saved, runs: Object.fromEntries(CONFIG_IDS.map((id) => [id, saved.runs[id] ?? []])) as Record<ConfigId, LintRun[]> };
}

/** The CPU time the budget is judged on: the main thread's where known, else the process's. */
export const cpuOf = (run: LintRun) => run.mainThreadCpuMs ?? run.cpuMs;
export const mainThreadKnown = (runs: Record<ConfigId, LintRun[]>) => Object.values(runs).every((list) => list.every((run) => run.mainThreadCpuMs !== undefined));

/** Median CPU time (cpuOf) of a configuration's runs; NaN when it was not measured. */
export const cpuMedian = (results: BenchResults, id: ConfigId) => median(results.runs[id].map(cpuOf));
/** Median GC pauses of a configuration's runs; NaN when it was not measured. */
export const gcMedian = (results: BenchResults, id: ConfigId) => median(results.runs[id].map((run) => run.gcMs));
/** A configuration's CPU time over (a)'s, or over `base`'s. */
export const cpuRatio = (results: BenchResults, id: ConfigId, base: ConfigId = 'none') => cpuMedian(results, id) / cpuMedian(results, base);

export function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

export interface RuleRow {
  id: string;
  ms: number;
  /** Of the run's whole lint time (parse + rules + ESLint's traversal): the budget's measure. */
  shareOfLint: number;
  /** Of the summed rule time: what ESLint's TIMING prints as "Relative". */
  shareOfRules: number;
}

/** Per rule, the median over the stats runs of its time and shares (each share within one run). */
export function ruleRows(runs: readonly LintRun[], prefix: string): RuleRow[] {
  const ids = [...new Set(runs.flatMap((run) => Object.keys(run.ruleMs ?? {})))].filter((id) => id.startsWith(prefix)).sort();
  return ids.map((id) => ({
    id,
    ms: median(runs.map((run) => run.ruleMs?.[id] ?? 0)),
    shareOfLint: median(runs.map((run) => (run.ruleMs?.[id] ?? 0) / run.lintMs)),
    shareOfRules: median(runs.map((run) => (run.ruleMs?.[id] ?? 0) / sum(Object.values(run.ruleMs ?? {})))),
  }));
}

export interface RuleGrowth {
  id: string;
  /** Rule ms per KB at each size, in the order of results.growth. */
  perKb: number[];
  /** Per KB at the largest size over per KB at the smallest. */
  factor: number;
  ms20: number;
}

/** Each rule's time per KB at every size, and how much it rises from the smallest to the largest. */
export function growthByRule(results: BenchResults): RuleGrowth[] {
  const sizes = [...results.growth].sort((a, b) => a.factor - b.factor);
  const smallest = sizes[0];
  const largest = sizes.at(-1);
  if (!smallest || !largest) return [];
  const perKb = (row: GrowthRun, id: string) => (row.ruleMsByRule[id] ?? 0) / (row.bytes / 1024);
  return Object.keys(largest.ruleMsByRule)
    .sort()
    .map((id) => ({
      id,
      perKb: sizes.map((row) => perKb(row, id)),
      factor: perKb(largest, id) / Math.max(1e-9, perKb(smallest, id)),
      ms20: largest.ruleMsByRule[id] ?? 0,
    }));
}

/** Per file outside our bundle, the profiled time in (a) and (b), largest increase first. */
export function outsideDeltas(profile: ProfileSummary, baseline: ProfileSummary): { name: string; a: number; b: number }[] {
  const a = new Map(baseline.outside.map((share) => [share.name, share.ms]));
  const b = new Map(profile.outside.map((share) => [share.name, share.ms]));
  return [...new Set([...a.keys(), ...b.keys()])]
    .map((name) => ({ name, a: a.get(name) ?? 0, b: b.get(name) ?? 0 }))
    .sort((x, y) => y.b - y.a - (x.b - x.a));
}
