// One measurement, in a child process: lint every corpus file with one configuration through
// ESLint's Linter, as the corpus run does (one Linter per package, its folder as cwd), and time
// only the linting loop. Configs are built, plugins loaded and file texts read before the clock
// starts, so the figure is parse + rules and nothing else.
import { readFileSync, writeFileSync } from 'node:fs';
import { constants, PerformanceObserver } from 'node:perf_hooks';

import { Linter } from 'eslint';

import { prepareConfig, type PreparedConfig } from './config-array';
import { type ConfigId, fileConfig, loadRulesPart, PLAIN_CONTEXT_CONFIGS } from './configs';
import type { CorpusFile } from './corpus-files';
import { threadCpuMs } from './cpu-time';
import { usePlainRuleContext } from './plain-rule-context';
import { startProfiler } from './profiler';

export interface LintRun {
  config: ConfigId;
  /** Rules the configuration turns on. */
  rules: number;
  files: number;
  /** Wall time of the linting loop. */
  lintMs: number;
  /** CPU time (user + system) of the process during the loop, V8's helper threads included. */
  cpuMs: number;
  /** CPU time of the main thread during the loop, where the OS tells it (Linux): see cpu-time.ts. */
  mainThreadCpuMs?: number;
  /** Garbage-collection pauses during the loop: where what the rules allocate is paid for. */
  gcMs: number;
  /** The same by kind: `minor` (scavenges of the young generation), `major` (mark-compact), … */
  gcByKind: Record<string, number>;
  /** The child process's peak resident set size (process.resourceUsage().maxRSS). */
  maxRssKb: number;
  /** Problems reported by rules, per rule id. */
  findings: Record<string, number>;
  parseErrors: number;
  /** Messages without a rule that are neither parse errors nor ignored inline config. */
  otherMessages: number;
  /** Files on which a rule threw: the file counts as linted, the run goes on. */
  crashes: { count: number; byRule: Record<string, number>; examples: string[] };
  /** With `stats`: ESLint's per-rule times (ms, summed over files) and parse time. */
  ruleMs?: Record<string, number>;
  parseMs?: number;
  /** With `profile`: the CPU (`.cpuprofile`) and allocation (`.heapprofile`) profiles of the loop, written there. */
  profileBase?: string;
}

function isOff(entry: unknown): boolean {
  const severity = Array.isArray(entry) ? entry[0] : entry;
  return severity === 'off' || severity === 0;
}

const GC_KINDS = new Map<number, string>([
  [constants.NODE_PERFORMANCE_GC_MINOR, 'minor'],
  [constants.NODE_PERFORMANCE_GC_MAJOR, 'major'],
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL, 'incremental'],
  [constants.NODE_PERFORMANCE_GC_WEAKCB, 'weak callbacks'],
]);

const INLINE_CONFIG_IGNORED = /has no effect because you have 'noInlineConfig' setting/;

export async function lintCorpus(
  files: readonly CorpusFile[],
  config: ConfigId,
  pluginFile: string,
  options: { stats?: boolean; profile?: string } = {},
): Promise<LintRun> {
  // (a″) and (b″): ESLint's rule contexts without a per-file prototype, in this process only.
  if (PLAIN_CONTEXT_CONFIGS.has(config)) usePlainRuleContext();
  const rulesFor = await loadRulesPart(config, pluginFile);
  const texts = files.map((entry) => readFileSync(entry.file, 'utf8'));

  // Every (package, parser, sourceType) gets its config normalised now, not inside the loop.
  const linters = new Map<string, Linter>();
  const configs = new Map<string, PreparedConfig>();
  for (const { root, kind, sourceType } of files) {
    if (!linters.has(root)) linters.set(root, new Linter({ cwd: root, configType: 'flat' }));
    const key = `${root}\0${kind}\0${sourceType}`;
    if (!configs.has(key)) configs.set(key, prepareConfig(fileConfig(kind, sourceType, rulesFor(sourceType)), root));
  }

  const run: LintRun = {
    config,
    rules: Object.values(rulesFor('module').rules ?? {}).filter((entry) => !isOff(entry)).length,
    files: files.length,
    lintMs: 0,
    cpuMs: 0,
    gcMs: 0,
    gcByKind: {},
    maxRssKb: 0,
    findings: {},
    parseErrors: 0,
    otherMessages: 0,
    crashes: { count: 0, byRule: {}, examples: [] },
  };
  const ruleMs: Record<string, number> = {};
  let parseMs = 0;

  // GC entries queue up while the synchronous loop runs and are delivered after it.
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = GC_KINDS.get((entry as { detail?: { kind?: number } }).detail?.kind ?? 0) ?? 'other';
      run.gcMs += entry.duration;
      run.gcByKind[kind] = (run.gcByKind[kind] ?? 0) + entry.duration;
    }
  });
  gc.observe({ entryTypes: ['gc'] });
  const profiler = options.profile ? await startProfiler() : undefined;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const threadStarted = threadCpuMs();
  for (const [index, entry] of files.entries()) {
    const linter = linters.get(entry.root)!;
    const prepared = configs.get(`${entry.root}\0${entry.kind}\0${entry.sourceType}`)!;
    let messages: Linter.LintMessage[];
    try {
      if (options.stats) {
        // verifyAndFix resets the times per call (verify() with stats does not, and throws on
        // ESLint 10); fix: false keeps the text as is, like a plain lint.
        ({ messages } = linter.verifyAndFix(texts[index]!, prepared, { filename: entry.file, fix: false, stats: true } as Linter.FixOptions));
        const pass = linter.getTimes().passes[0];
        parseMs += pass?.parse?.total ?? 0;
        for (const [id, time] of Object.entries(pass?.rules ?? {})) ruleMs[id] = (ruleMs[id] ?? 0) + time.total;
      } else {
        messages = linter.verify(texts[index]!, prepared, { filename: entry.file });
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const rule = /\nRule: "([^"]+)"/.exec(message)?.[1] ?? '(unknown rule)';
      run.crashes.count++;
      run.crashes.byRule[rule] = (run.crashes.byRule[rule] ?? 0) + 1;
      if (run.crashes.examples.length < 5) run.crashes.examples.push(`${entry.shown}: ${rule}: ${message.split('\n')[0]}`);
      continue;
    }
    for (const message of messages) {
      if (message.ruleId !== null) run.findings[message.ruleId] = (run.findings[message.ruleId] ?? 0) + 1;
      else if (message.fatal) run.parseErrors++;
      else if (!INLINE_CONFIG_IGNORED.test(message.message)) run.otherMessages++;
    }
  }
  run.lintMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  run.cpuMs = (cpu.user + cpu.system) / 1000;
  const threadEnded = threadCpuMs();
  if (threadStarted !== undefined && threadEnded !== undefined) run.mainThreadCpuMs = threadEnded - threadStarted;
  await new Promise((resolve) => setTimeout(resolve, 10));
  gc.disconnect();
  if (profiler && options.profile) {
    const { cpu, heap } = await profiler.stop();
    writeFileSync(`${options.profile}.cpuprofile`, JSON.stringify(cpu));
    writeFileSync(`${options.profile}.heapprofile`, JSON.stringify(heap));
    run.profileBase = options.profile;
  }

  run.maxRssKb = process.resourceUsage().maxRSS;
  if (options.stats) {
    run.ruleMs = ruleMs;
    run.parseMs = parseMs;
  }
  return run;
}
