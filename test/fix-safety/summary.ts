// Counts of a fix-safety run (one input, one config, one parser choice) and the tables the test
// prints: files, files changed by --fix, autofixes applied per rule, suggestions applied per rule.
import type { Outcome, ProblemKind } from './check';
import type { ConfigName } from './plugin';

export type InputName = 'corpus' | 'demo' | 'docs';
/** `own`: each file on its runner's parser; `ts-for-js`: the JavaScript files on @typescript-eslint/parser. */
export type ParserChoice = 'own' | 'ts-for-js';

export interface RunCounts {
  files: number;
  /** Files whose text `--fix` changed. */
  changed: number;
  /** Autofixes applied by the full `--fix`, per rule (rules without any left out). */
  autofixes: Record<string, number>;
  /** Suggestions applied one by one, per rule (rules without any left out). */
  suggestions: Record<string, number>;
}

export interface Run extends RunCounts {
  key: string;
  input: InputName;
  config: ConfigName;
  parsers: ParserChoice;
  outcomes: Outcome[];
  /** Files whose --fix needed two passes (the most allowed). */
  twoPassFiles: number;
  ms: number;
}

/** `demo · all` or `demo · all · ts-for-js`. */
export function runKey(input: InputName, config: ConfigName, parsers: ParserChoice): string {
  return parsers === 'own' ? `${input} · ${config}` : `${input} · ${config} · ${parsers}`;
}

function sortedSum(outcomes: readonly Outcome[], key: 'autofixes' | 'suggestions'): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const outcome of outcomes) for (const [rule, count] of Object.entries(outcome[key])) sum[rule] = (sum[rule] ?? 0) + count;
  return Object.fromEntries(Object.entries(sum).sort(([a], [b]) => a.localeCompare(b)));
}

export function makeRun(input: InputName, config: ConfigName, parsers: ParserChoice, outcomes: Outcome[], ms: number): Run {
  return {
    key: runKey(input, config, parsers),
    input,
    config,
    parsers,
    outcomes,
    files: outcomes.length,
    changed: outcomes.filter((outcome) => outcome.changed).length,
    autofixes: sortedSum(outcomes, 'autofixes'),
    suggestions: sortedSum(outcomes, 'suggestions'),
    twoPassFiles: outcomes.filter((outcome) => outcome.fixPasses === 2).length,
    ms,
  };
}

export function countsOf(run: Run): RunCounts {
  return { files: run.files, changed: run.changed, autofixes: run.autofixes, suggestions: run.suggestions };
}

/** The problem texts of one kind, over every file of the run. */
export function problemsOf(run: Run, kind: ProblemKind): string[] {
  return run.outcomes.flatMap((outcome) => outcome.problems.filter((problem) => problem.kind === kind).map((problem) => problem.text));
}

function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')).join('\n');
}

/** One block per input: a line per run (files, changed, totals, time), then autofixes and suggestions per rule and run. */
export function formatSummary(runs: readonly Run[], ruleNames: readonly string[]): string {
  const out: string[] = ['Fix safety: autofixes applied by --fix and suggestions applied one by one, per input, config and parsers.'];
  for (const input of ['corpus', 'demo', 'docs'] as const) {
    const mine = runs.filter((run) => run.input === input);
    if (mine.length === 0) continue;
    out.push('', `## ${input}`);
    out.push(
      table([
        ['run', 'files', 'changed by --fix', 'needed 2 passes', 'autofixes', 'suggestions', 'seconds'],
        ...mine.map((run) => [run.key, String(run.files), String(run.changed), String(run.twoPassFiles), String(total(run.autofixes)), String(total(run.suggestions)), (run.ms / 1000).toFixed(1)]),
      ]),
    );
    for (const [title, key] of [['autofixes', 'autofixes'], ['suggestions', 'suggestions']] as const) {
      out.push('', `${title} per rule:`);
      out.push(
        table([
          ['rule', ...mine.map((run) => run.key.slice(input.length + 3))],
          ...ruleNames.map((rule) => [rule, ...mine.map((run) => String(run[key][rule] ?? 0))]),
        ]),
      );
    }
  }
  return out.join('\n');
}
