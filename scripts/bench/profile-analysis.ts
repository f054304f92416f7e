// Attributes a CPU profile and an allocation profile of one lint of the corpus to our source.
// dist/index.js is one esbuild bundle without a source map, but esbuild heads every module with a
// `// src/…/file.ts` comment, so a frame's line number says which source file it is in. For each
// sample (CPU) or allocation site (heap), the outermost frame in a rules/ file names the rule that
// asked; the innermost frame in the bundle names the code that did the work, including whatever
// ESLint or V8 code it called: a model part, a helper, or the rule itself. Because the model is
// built lazily and shared, "rule → part" shows which rule paid for which part.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

import type { CallFrame, CpuProfile, HeapProfile, HeapProfileNode } from './profiler';

/** A named amount: milliseconds in a CPU summary, bytes in an allocation summary. */
export interface Share {
  name: string;
  ms: number;
}

export interface Attribution {
  /** Everything sampled: ms of the linting loop, or bytes allocated during it. */
  total: number;
  /** With a frame of our bundle on the stack. */
  plugin: number;
  /** By the outermost rules/ frame on the stack. */
  byRule: Share[];
  /** By the source file of the innermost frame of our bundle. */
  byModule: Share[];
  /** Modules grouped into model parts (src/model/clients/* → `model/clients`), rules and helpers. */
  byPart: Share[];
  /** `rule → part`, largest first. */
  byRuleAndPart: Share[];
  /** Without our code on the stack, by the file of the innermost frame (ESLint, parsers, GC). */
  outside: Share[];
}

export interface ProfileSummary extends Attribution {
  /** V8's garbage collector: not attributable to whoever allocated, so shown apart. */
  gcMs: number;
  /** Bytes allocated during the loop (sampled, collected objects included), attributed alike. */
  allocations?: Attribution;
}

/** Our code with no rules/ frame above it: createRule's wrapper around every rule's create(). */
export const NO_RULE = '(no rule on the stack)';

interface ModuleStart {
  line: number;
  module: string;
}

/** Where each source module starts in the bundle (0-based lines, like V8's callFrame.lineNumber). */
function bundleModules(bundle: string): ModuleStart[] {
  const starts: ModuleStart[] = [];
  bundle.split('\n').forEach((text, line) => {
    const match = /^\/\/ ((?:src|rules|configs)\/[\w./[\]-]+\.ts)$/.exec(text);
    if (match) starts.push({ line, module: match[1]! });
  });
  return starts;
}

function moduleAt(starts: readonly ModuleStart[], line: number): string {
  let low = 0;
  let high = starts.length - 1;
  let found = '(bundle prelude)';
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (starts[middle]!.line <= line) {
      found = starts[middle]!.module;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/**
 * Where a frame outside our bundle lives: `eslint/lib/linter/linter.js`, `espree/dist/espree.cjs`,
 * `@typescript-eslint/typescript-estree/dist/convert.js`, or V8's `(garbage collector)`.
 */
export function fileOf(frame: CallFrame): string {
  if (!frame.url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  if (frame.url.startsWith('node:')) return 'node: internals';
  // Allocation profiles give plain paths, CPU profiles file URLs.
  const inModules = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(frame.url);
  if (inModules) return `${inModules[1]}/${inModules[2]}`;
  return frame.url.replace(/^file:\/\//, '');
}

/** `src/model/clients/build.ts` → `model/clients`; `rules/no-x.ts` → `rule no-x (own code)`. */
export function partOf(module: string): string {
  const rule = /^rules\/([^/.]+)/.exec(module);
  if (rule) return rule[1] === 'index' ? 'rules/index' : `rule ${rule[1]} (own code)`;
  const model = /^src\/model\/([^/.]+)/.exec(module);
  if (model) return `model/${model[1]}`;
  const other = /^src\/(\w+)\/([^/.]+)/.exec(module);
  return other ? `${other[1]}/${other[2]}` : module;
}

/** Sums amounts by who asked and what did the work, for stacks given leaf first. */
class Tally {
  /** CPU profiles name scripts by file URL, allocation profiles by path: either means the bundle. */
  readonly #bundleNames: Set<string>;
  readonly #starts: ModuleStart[];
  readonly #maps = { byRule: new Map<string, number>(), byModule: new Map<string, number>(), byPart: new Map<string, number>(), byRuleAndPart: new Map<string, number>(), outside: new Map<string, number>() };
  total = 0;
  plugin = 0;

  constructor(bundleFile: string) {
    this.#bundleNames = new Set([pathToFileURL(bundleFile).href, bundleFile]);
    this.#starts = bundleModules(readFileSync(bundleFile, 'utf8'));
  }

  /** Innermost bundle module and outermost rule of a stack (leaf first). */
  attribute(stack: readonly CallFrame[]): { innermost?: string; rule?: string } {
    const found: { innermost?: string; rule?: string } = {};
    for (const frame of stack) {
      if (!this.#bundleNames.has(frame.url)) continue;
      const module = moduleAt(this.#starts, frame.lineNumber);
      found.innermost ??= module;
      const rule = /^rules\/([^/.]+)/.exec(module)?.[1];
      if (rule && rule !== 'index') found.rule = rule; // the last one seen is the outermost
    }
    return found;
  }

  add(amount: number, leaf: CallFrame, where: { innermost?: string; rule?: string }): void {
    const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + amount);
    this.total += amount;
    if (!where.innermost) {
      bump(this.#maps.outside, fileOf(leaf));
      return;
    }
    this.plugin += amount;
    const part = partOf(where.innermost);
    const asker = where.rule ?? NO_RULE;
    bump(this.#maps.byRule, asker);
    bump(this.#maps.byModule, where.innermost);
    bump(this.#maps.byPart, part);
    bump(this.#maps.byRuleAndPart, `${asker} → ${part}`);
  }

  summary(): Attribution {
    const sorted = (map: Map<string, number>) => [...map].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
    const maps = this.#maps;
    return {
      total: this.total,
      plugin: this.plugin,
      byRule: sorted(maps.byRule),
      byModule: sorted(maps.byModule),
      byPart: sorted(maps.byPart),
      byRuleAndPart: sorted(maps.byRuleAndPart),
      outside: sorted(maps.outside),
    };
  }
}

export function analyzeProfile(profile: CpuProfile, bundleFile: string, heap?: HeapProfile): ProfileSummary {
  const tally = new Tally(bundleFile);
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  // One attribution per profile node (a call path), however many samples hit it.
  const attribution = new Map<number, { innermost?: string; rule?: string }>();
  let gcMs = 0;
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    const leaf = byId.get(id)!.callFrame;
    if (leaf.functionName === '(garbage collector)') gcMs += ms;
    let where = attribution.get(id);
    if (!where) {
      const stack: CallFrame[] = [];
      for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) stack.push(byId.get(current)!.callFrame);
      attribution.set(id, (where = tally.attribute(stack)));
    }
    tally.add(ms, leaf, where);
  });
  return { ...tally.summary(), gcMs, allocations: heap && analyzeAllocations(heap, bundleFile) };
}

/** Bytes allocated per call path of a sampling heap profile, attributed like CPU samples. */
function analyzeAllocations(heap: HeapProfile, bundleFile: string): Attribution {
  const tally = new Tally(bundleFile);
  const visit = (node: HeapProfileNode, stack: CallFrame[]) => {
    const here = [node.callFrame, ...stack];
    if (node.selfSize > 0) tally.add(node.selfSize, node.callFrame, tally.attribute(here));
    for (const child of node.children) visit(child, here);
  };
  visit(heap.head, []);
  return tally.summary();
}
