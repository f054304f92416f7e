// `npm run bench`: how much our rules add to a lint of the corpus, next to four popular plugins,
// written to docs/benchmarks.md. A benchmark, never a timed test: it reports and judges the
// budgets, and exits 1 only when something breaks (a child fails, files fail to parse, the bench
// lints other files than the corpus run).
//
//   --rounds N        rounds of (a), (a′), (a″), (b), (b″) and (c) (default 5)
//   --peer-rounds N   how many of those rounds also run the four peer plugins (default 3, 0 for
//                     none: they take most of a round and are context, not a budget line)
//   --quick           one round, fewer repetitions, no profile; writes to the temp dir, not docs/
//   --[no-]profile    CPU profiles of one run of (a) and one of (b), to attribute the extra time to
//                     rules, model parts, GC and ESLint (default: on, off with --quick)
//   --out FILE        where to write the report (default docs/benchmarks.md)
//   --manifest FILE   another corpus manifest
//   --package NAME    only this corpus package (repeatable; for trying the bench, not for the report)
//   --render FILE     measure nothing: write the report from the raw results a run saved (every
//                     run saves them to the temp dir), e.g. after changing the report's wording;
//                     configurations an older run did not measure show as "not measured"
//
// Method (details in the report): the corpus files and their parser settings come from
// scripts/corpus; every measurement runs in a fresh child process (child.ts); configurations
// alternate inside each round in a seeded order; medians are reported.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { prepareCorpus } from '../corpus/corpus';
import { defaultManifestPath, loadManifest, repoRoot } from '../corpus/fetch';
import { type CorpusPlugin, findingsPerRule, lintPackages } from '../corpus/lint';
import { type ConcurrencyRun, writeConcurrencyConfig } from './concurrency';
import { BUDGET_CONFIGS, CONFIG_IDS, type ConfigId, distEntry, PEER_PACKAGES } from './configs';
import { corpusFiles } from './corpus-files';
import { environment, load } from './environment';
import type { GrowthRun } from './growth';
import type { Job } from './jobs';
import type { LintRun } from './lint-corpus';
import { analyzeProfile } from './profile-analysis';
import type { CpuProfile, HeapProfile } from './profiler';
import { type BenchResults, renderReport } from './report';
import { completeResults, type SavedResults } from './results';
import { cleanUp, describe, runChild, scratchDir } from './spawn';
import { roundOrders } from './stats';

const GROWTH_FACTORS = [1, 5, 20];
const GROWTH_FILE = path.join(repoRoot, 'fixtures', 'demo-service', 'src', 'orders-api.js');

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

function positive(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new Error(`${flag} needs a whole number, not ${value}`);
  return number;
}

async function main(): Promise<number> {
  const started = performance.now();
  const { values } = parseArgs({
    allowNegative: true,
    options: {
      rounds: { type: 'string' },
      'peer-rounds': { type: 'string' },
      quick: { type: 'boolean', default: false },
      profile: { type: 'boolean' },
      out: { type: 'string' },
      manifest: { type: 'string', default: defaultManifestPath },
      package: { type: 'string', multiple: true, default: [] },
      render: { type: 'string' },
    },
  });
  if (values.render) {
    const results = completeResults(JSON.parse(readFileSync(values.render, 'utf8')) as SavedResults);
    return writeReport(results, path.resolve(values.out ?? path.join(repoRoot, 'docs', 'benchmarks.md')));
  }
  const quick = values.quick;
  const rounds = Math.max(1, positive(values.rounds, quick ? 1 : 5, '--rounds'));
  const peerRounds = Math.min(rounds, positive(values['peer-rounds'], 3, '--peer-rounds'));
  // The per-rule stats and the concurrency pairs need fewer repetitions than the headline ratio.
  const sideRounds = Math.min(rounds, 3);
  const growthRepetitions = quick ? 5 : 20;
  const profile = values.profile ?? !quick;
  const out = path.resolve(values.out ?? (quick ? path.join(os.tmpdir(), 'http-resilience-bench-quick.md') : path.join(repoRoot, 'docs', 'benchmarks.md')));

  if (!existsSync(distEntry)) {
    console.error('dist/index.js is missing: run `npm run build` first (the bench measures the built plugin).');
    return 1;
  }
  // A snapshot of the build: every child loads this copy, so a rebuild of dist/ while the bench
  // runs (an editor's watcher, another terminal) cannot mix two versions into one report. The
  // bundle needs nothing beside it: its only runtime requires are node:fs and node:path.
  const pluginFile = path.join(scratchDir, 'plugin', 'index.js');
  mkdirSync(path.dirname(pluginFile), { recursive: true });
  copyFileSync(distEntry, pluginFile);
  const plugin = createRequire(import.meta.url)(pluginFile) as CorpusPlugin;
  const env = environment(['eslint', 'espree', '@typescript-eslint/parser', ...Object.values(PEER_PACKAGES)]);
  const loads: BenchResults['loads'] = [{ phase: 'start', load: load() }];

  const manifest = await loadManifest(values.manifest);
  const unknown = values.package.filter((name) => !manifest.packages.some((pkg) => pkg.name === name));
  if (unknown.length > 0) throw new Error(`not in ${values.manifest}: ${unknown.join(', ')}`);
  const selected = values.package.length > 0 ? manifest.packages.filter((pkg) => values.package.includes(pkg.name)) : manifest.packages;
  const prepared = await prepareCorpus(selected);
  const files = corpusFiles(prepared);
  const planFile = path.join(scratchDir, 'files.json');
  writeFileSync(planFile, JSON.stringify(files));
  console.log(`${files.length} files of ${prepared.length} packages; ${rounds} round(s), peers in ${peerRounds}; scratch folder ${scratchDir}`);

  // The bench's own loop must lint what `npm run corpus` lints: its `all` findings are compared
  // with lintPackages' (the corpus run's own function) in the report's checks.
  console.log('reference: the corpus run (lintPackages) with `all`…');
  const reference = findingsPerRule(lintPackages(prepared, plugin));

  const run = async <Result>(job: Job, label: string, show: (result: Result) => string): Promise<Result> => {
    const result = await runChild<Result>(job);
    console.log(`${label} ${describe(job)}: ${show(result)}`);
    return result;
  };
  const showLint = (result: LintRun) => `${seconds(result.lintMs)} (CPU ${seconds(result.cpuMs)}), ${(result.maxRssKb / 1024).toFixed(0)} MB`;

  // Timed runs of every configuration, and ESLint-stats runs of ours kept apart (stats wrap
  // every listener in a timer, which would tax each configuration by its number of rules).
  type Entry = { config: ConfigId; stats: boolean };
  const runs = Object.fromEntries(CONFIG_IDS.map((id) => [id, [] as LintRun[]])) as Record<ConfigId, LintRun[]>;
  const statsRuns: BenchResults['statsRuns'] = { recommended: [], all: [] };
  const entries: Entry[] = [...CONFIG_IDS.map((config) => ({ config, stats: false })), { config: 'recommended', stats: true }, { config: 'all', stats: true }];
  for (const [index, order] of roundOrders(entries, rounds).entries()) {
    const wanted = order.filter((entry) => (entry.stats ? index < sideRounds : BUDGET_CONFIGS.includes(entry.config) || index < peerRounds));
    for (const entry of wanted) {
      const job: Job = { mode: 'lint', planFile, plugin: pluginFile, config: entry.config, stats: entry.stats };
      const result = await run<LintRun>(job, `[round ${index + 1}/${rounds}]`, showLint);
      if (entry.stats) statsRuns[entry.config as 'recommended' | 'all'].push(result);
      else runs[entry.config].push(result);
    }
    loads.push({ phase: `round ${index + 1}`, load: load() });
  }

  const growth: GrowthRun[] = [];
  for (const factor of GROWTH_FACTORS) {
    const job: Job = { mode: 'growth', source: GROWTH_FILE, plugin: pluginFile, factor, repetitions: growthRepetitions };
    growth.push(
      await run<GrowthRun>(job, '[growth]', (result) => `${(result.bytes / 1024).toFixed(0)} KB, none ${result.noneMs.toFixed(1)} ms, recommended ${result.recommendedMs.toFixed(1)} ms`),
    );
  }
  loads.push({ phase: 'growth', load: load() });

  const configFile = writeConcurrencyConfig(files, scratchDir, pluginFile);
  const cwd = commonParent(files.map((entry) => entry.root));
  const concurrency: ConcurrencyRun[] = [];
  for (let round = 0; round < sideRounds; round++) {
    // Alternate which mode goes first, so neither always follows the same neighbour.
    const modes: ('off' | number)[] = round % 2 === 0 ? ['off', 2] : [2, 'off'];
    for (const mode of modes) {
      const job: Job = { mode: 'concurrency', configFile, cwd, files: files.map((entry) => entry.file), concurrency: mode };
      concurrency.push(await run<ConcurrencyRun>(job, `[concurrency ${round + 1}/${sideRounds}]`, (result) => `${seconds(result.lintMs)}, ${result.files} files`));
    }
  }
  loads.push({ phase: 'concurrency', load: load() });

  // Profiles of (b) and of (a): (b)'s attribute our time and allocations to rules and model
  // parts; comparing what lies outside our code in both shows what else (b) costs (GC, ESLint).
  let profileSummary: BenchResults['profile'];
  let baselineProfile: BenchResults['baselineProfile'];
  if (profile) {
    for (const config of ['none', 'recommended'] as const) {
      // Outside the scratch folder, so they outlive the run: open them in Chrome DevTools or speedscope.
      const profileBase = path.join(os.tmpdir(), `http-resilience-bench-${config}`);
      const job: Job = { mode: 'lint', planFile, plugin: pluginFile, config, profile: profileBase };
      const result = await run<LintRun>(job, '[profile]', showLint);
      const cpu = JSON.parse(readFileSync(`${profileBase}.cpuprofile`, 'utf8')) as CpuProfile;
      const heap = JSON.parse(readFileSync(`${profileBase}.heapprofile`, 'utf8')) as HeapProfile;
      const summary = { ...analyzeProfile(cpu, pluginFile, heap), lintMs: result.lintMs };
      if (config === 'none') baselineProfile = summary;
      else profileSummary = summary;
      console.log(`Profiles: ${profileBase}.cpuprofile, ${profileBase}.heapprofile`);
    }
    loads.push({ phase: 'profiles', load: load() });
  }

  const results: BenchResults = {
    env,
    quick,
    subset: values.package.length > 0 ? values.package : undefined,
    rounds,
    peerRounds,
    sideRounds,
    growthRepetitions,
    growthFile: path.relative(repoRoot, GROWTH_FILE),
    packages: prepared.length,
    files: files.length,
    bytes: files.reduce((sum, entry) => sum + entry.bytes, 0),
    namespace: plugin.meta.namespace,
    recommendedRules: plugin.configs.recommended?.rules ?? {},
    runs,
    statsRuns,
    growth,
    concurrency,
    profile: profileSummary,
    baselineProfile,
    reference,
    loads,
    durationMs: performance.now() - started,
  };
  // The raw figures, so the report can be rendered again without measuring (--render).
  const resultsFile = path.join(os.tmpdir(), 'http-resilience-bench-results.json');
  writeFileSync(resultsFile, JSON.stringify(results));
  console.log(`\nMeasured in ${seconds(results.durationMs)}; raw results: ${resultsFile}`);
  return writeReport(results, out);
}

function writeReport(results: BenchResults, out: string): number {
  mkdirSync(path.dirname(out), { recursive: true });
  const { markdown, failures } = renderReport(results);
  writeFileSync(out, markdown);
  const shown = path.relative(process.cwd(), out);
  console.log(`Report written to ${shown.startsWith('..') ? out : shown}.`);
  if (failures.length > 0) {
    console.error(failures.map((failure) => `failure: ${failure}`).join('\n'));
    return 1;
  }
  return 0;
}

/** The deepest folder that holds every path: ESLint's cwd for the concurrency runs. */
function commonParent(paths: readonly string[]): string {
  let common = path.dirname(paths[0]!);
  while (!paths.every((item) => item === common || item.startsWith(common + path.sep))) common = path.dirname(common);
  return common;
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  })
  .finally(cleanUp);
