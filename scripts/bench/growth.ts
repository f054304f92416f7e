// Growth with file size: one handler-heavy file scaled to 1×, 5× and 20× its size, linted with
// no rules and with `recommended`. Rule time per KB that stays flat means linear; one that climbs
// means some rule or model part does work per node that grows with the file (quadratic).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { Linter } from 'eslint';
import * as espree from 'espree';

import { kindOf, sourceTypeOf } from '../corpus/lint';
import { prepareConfig } from './config-array';
import { fileConfig, loadRulesPart } from './configs';
import type { SourceType } from './corpus-files';
import type { GrowthJob } from './jobs';
import { median } from './stats';

export interface GrowthRun {
  factor: number;
  bytes: number;
  /** Median wall time of one lint with no rules / with `recommended` (ms). */
  noneMs: number;
  recommendedMs: number;
  /** Median of ESLint's summed rule times in the `recommended` lints (ms). */
  ruleMs: number;
  /** The same per rule, to name the rule when growth is not linear. */
  ruleMsByRule: Record<string, number>;
  /** Problems `recommended` reports: should be `factor` times the 1× count, or the copies differ. */
  findings: number;
  parseErrors: number;
}

interface Span {
  start: number;
  end: number;
}

interface Statement extends Span {
  type: string;
  declaration?: (Span & { type: string; id?: unknown }) | null;
}

/**
 * The file's imports once, then `factor` copies of everything else, each in its own block: the
 * copies' top-level `const`s and functions stay valid (block-scoped) and every handler, client
 * and server is recognised again in each copy. `export` is stripped (exports cannot sit in a
 * block); an `export default` expression becomes a block-local `const`.
 */
export function scaledSource(text: string, factor: number, sourceType: SourceType): string {
  const program = espree.parse(text, { ecmaVersion: 'latest', sourceType: sourceType === 'module' ? 'module' : 'script', range: true, ecmaFeatures: { jsx: true } }) as unknown as {
    body: Statement[];
  };
  const slice = (span: Span) => text.slice(span.start, span.end);
  const imports: string[] = [];
  const body: string[] = [];
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration') imports.push(slice(statement));
    else if (statement.type === 'ExportNamedDeclaration') {
      if (statement.declaration) body.push(slice(statement.declaration));
    } else if (statement.type === 'ExportDefaultDeclaration') {
      const declaration = statement.declaration!;
      const named = /Declaration$/.test(declaration.type) && declaration.id;
      body.push(named ? slice(declaration) : `const defaultExport = ${slice(declaration)};`);
    } else if (statement.type !== 'ExportAllDeclaration') body.push(slice(statement));
  }
  const copy = `{\n${body.join('\n')}\n}\n`;
  return `${imports.join('\n')}\n\n${copy.repeat(factor)}`;
}

/** The folder of the nearest package.json: the Linter's cwd, as for a corpus package. */
function packageRoot(file: string): string {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.dirname(file);
  }
}

/** Warm-up before timing: enough lints for V8 to optimise the hot paths even of the 1× file. */
const WARM_UP = { lints: 5, ms: 1500 };

export async function measureGrowth(job: GrowthJob): Promise<GrowthRun> {
  const original = readFileSync(job.source, 'utf8');
  const root = packageRoot(job.source);
  const type = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { type?: string }).type;
  const sourceType = sourceTypeOf(job.source, original, type === 'module' ? 'module' : 'commonjs');
  const text = scaledSource(original, job.factor, sourceType);
  const extension = path.extname(job.source);
  // A name next to the original, so the same package.json (engines, dependencies) applies.
  const filename = path.join(path.dirname(job.source), `${path.basename(job.source, extension)}.x${job.factor}${extension}`);
  const kind = kindOf(filename);

  const linter = new Linter({ cwd: root, configType: 'flat' });
  const none = prepareConfig(fileConfig(kind, sourceType, (await loadRulesPart('none', job.plugin))(sourceType)), root);
  const recommended = prepareConfig(fileConfig(kind, sourceType, (await loadRulesPart('recommended', job.plugin))(sourceType)), root);

  // Both configurations go through the same stats-collecting call, so the timing wrappers cost
  // both the same and the rule time comes from ESLint itself rather than from a difference.
  const lint = (config: typeof none) => {
    const started = performance.now();
    const { messages } = linter.verifyAndFix(text, config, { filename, fix: false, stats: true } as Linter.FixOptions);
    const ms = performance.now() - started;
    const rules = Object.fromEntries(Object.entries(linter.getTimes().passes[0]?.rules ?? {}).map(([id, time]) => [id, time.total]));
    return { ms, rules, messages };
  };

  const warmUpStart = performance.now();
  for (let i = 0; i < WARM_UP.lints || performance.now() - warmUpStart < WARM_UP.ms; i++) {
    lint(none);
    lint(recommended);
  }
  const noneMs: number[] = [];
  const recommendedMs: number[] = [];
  const ruleMs: number[] = [];
  const byRule: Record<string, number[]> = {};
  let findings = 0;
  let parseErrors = 0;
  for (let i = 0; i < job.repetitions; i++) {
    noneMs.push(lint(none).ms);
    const run = lint(recommended);
    recommendedMs.push(run.ms);
    ruleMs.push(Object.values(run.rules).reduce((sum, ms) => sum + ms, 0));
    for (const [id, ms] of Object.entries(run.rules)) (byRule[id] ??= []).push(ms);
    findings = run.messages.filter((message) => message.ruleId !== null).length;
    parseErrors = run.messages.filter((message) => message.fatal).length;
  }
  return {
    factor: job.factor,
    bytes: Buffer.byteLength(text),
    noneMs: median(noneMs),
    recommendedMs: median(recommendedMs),
    ruleMs: median(ruleMs),
    ruleMsByRule: Object.fromEntries(Object.entries(byRule).map(([id, times]) => [id, median(times)])),
    findings,
    parseErrors,
  };
}
