// `tsx scripts/editor-latency.ts`: how long the plugin adds to each lint of a typical file in an
// editor, which lints on every keystroke. Lints fixtures/integration/handler-300.js (an express
// routes module of 300 lines, five findings) with the BUILT plugin's `recommended` config through
// one warm ESLint instance, as an editor's ESLint server keeps one, and compares it with the same
// lint without rules (parsing, scope analysis and traversal only). Each run edits the text (a
// comment with the run number at the end), as typing does. Wall-clock time is what the user
// waits; the process's CPU time (process.cpuUsage) is printed too, as it moves less when other
// work shares the machine.
//
//   --runs N      measured runs per configuration (default 300), after --warmup N (default 50)
//   --json        print the figures as JSON
//
// Run `npm run build` first.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { ESLint, type Linter } from 'eslint';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixture = path.join(root, 'fixtures', 'integration', 'handler-300.js');
const distEntry = path.join(root, 'dist', 'index.js');

interface Figures {
  runs: number;
  medianMs: number;
  p95Ms: number;
  meanMs: number;
  minMs: number;
}

function quantile(sorted: readonly number[], q: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}

function figures(samples: readonly number[]): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
  return { runs: samples.length, medianMs: quantile(sorted, 0.5), p95Ms: quantile(sorted, 0.95), meanMs: mean, minMs: sorted[0]! };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '300' },
      warmup: { type: 'string', default: '50' },
      json: { type: 'boolean', default: false },
    },
  });
  const runs = Number(values.runs);
  const warmup = Number(values.warmup);
  if (!existsSync(distEntry)) {
    console.error('dist/index.js is missing: run `npm run build` first (this measures the built plugin).');
    return 1;
  }
  const plugin = createRequire(import.meta.url)(distEntry) as { meta: { namespace: string }; configs: Record<string, Linter.Config> };
  const text = readFileSync(fixture, 'utf8');
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

  const cwd = path.dirname(fixture);
  const recommended = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended!], stats: true });
  const parseOnly = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [{ rules: {} }], stats: true });

  const first = performance.now();
  const [firstResult] = await recommended.lintText(text, { filePath: fixture });
  const firstMs = performance.now() - first;
  const findings = firstResult!.messages.filter((message) => message.ruleId?.startsWith(`${plugin.meta.namespace}/`));
  if (findings.length === 0 || firstResult!.messages.some((message) => message.fatal)) {
    console.error('the fixture no longer lints as expected (no findings, or a parse error)');
    return 1;
  }

  const samples = { parseOnly: [] as number[], recommended: [] as number[] };
  const cpu = { parseOnly: [] as number[], recommended: [] as number[] };
  const ruleMs = new Map<string, number>();
  let edit = 0;
  // Alternating, so both see the same machine state; the warm-up runs are not counted.
  for (let index = 0; index < warmup + runs; index++) {
    for (const [name, eslint] of [
      ['parseOnly', parseOnly],
      ['recommended', recommended],
    ] as const) {
      const edited = `${text}// edit ${edit++}\n`;
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const [result] = await eslint.lintText(edited, { filePath: fixture });
      const elapsed = performance.now() - started;
      const cpuUsed = process.cpuUsage(cpuBefore);
      if (index < warmup) continue;
      samples[name].push(elapsed);
      cpu[name].push((cpuUsed.user + cpuUsed.system) / 1000);
      if (name === 'recommended') {
        for (const [id, time] of Object.entries(result?.stats?.times.passes[0]?.rules ?? {})) ruleMs.set(id, (ruleMs.get(id) ?? 0) + time.total);
      }
    }
  }

  const report = {
    file: path.relative(root, fixture),
    lines,
    findings: findings.length,
    eslint: ESLint.version,
    node: process.versions.node,
    warmup,
    firstLintMs: firstMs,
    parseOnly: figures(samples.parseOnly),
    recommended: figures(samples.recommended),
    rulesMedianShareMs: figures(samples.recommended).medianMs - figures(samples.parseOnly).medianMs,
    cpu: { parseOnly: figures(cpu.parseOnly), recommended: figures(cpu.recommended) },
    loadAverage: os.loadavg()[0],
    perRuleMeanMs: Object.fromEntries([...ruleMs].sort(([, a], [, b]) => b - a).map(([id, total]) => [id, total / runs])),
  };

  if (values.json) {
    console.log(JSON.stringify(report, null, 2));
    return 0;
  }
  const ms = (value: number) => `${value.toFixed(2)} ms`;
  const row = (label: string, f: Figures) => `  ${label.padEnd(30)}${ms(f.medianMs).padStart(10)}${ms(f.p95Ms).padStart(11)}${ms(f.meanMs).padStart(11)}`;
  console.log(
    [
      `Editor latency: ${report.file} (${lines} lines, ${findings.length} findings), ESLint ${report.eslint}, Node ${report.node}`,
      `one warm ESLint instance per configuration, ${runs} runs each after ${warmup} warm-up runs, the text edited every run`,
      '',
      `  ${''.padEnd(30)}${'median'.padStart(10)}${'p95'.padStart(11)}${'mean'.padStart(11)}`,
      row('parse only (no rules)', report.parseOnly),
      row(`${plugin.meta.namespace}/recommended`, report.recommended),
      `  ${'added by the rules'.padEnd(30)}${ms(report.rulesMedianShareMs).padStart(10)}   (median − median)`,
      '',
      'CPU time of the process per lint:',
      row('parse only (no rules)', report.cpu.parseOnly),
      row(`${plugin.meta.namespace}/recommended`, report.cpu.recommended),
      '',
      `load average (1 min) at the end: ${report.loadAverage!.toFixed(1)} on ${os.availableParallelism()} CPUs`,
      `first lint in this process (cold): ${ms(firstMs)}`,
      'mean per rule (ESLint stats):',
      ...Object.entries(report.perRuleMeanMs).map(([id, value]) => `  ${id.padEnd(50)}${ms(value).padStart(10)}`),
    ].join('\n'),
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  },
);
