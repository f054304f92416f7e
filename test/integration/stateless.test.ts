// "Rules keep no state between files", which caching (`--cache` relints only changed files) and
// parallel linting (`--concurrency`: each worker sees a different subset) rely on. Two proofs:
//
// 1. Behaviour: files that together trigger every rule are linted in fresh Node processes, all
//    in one run forward, backward and twice over, and each alone (a newly loaded plugin per file);
//    every file gets the same messages, fixes and suggestions whatever was linted before it.
// 2. The built bundle: every module-level binding of dist/index.js that code run while linting
//    writes to (reassigns, assigns a property of, calls a mutating method on, or runs a /g or /y
//    regular expression's test()/exec() on, which moves its lastIndex) must be reviewed below: a
//    WeakMap whose values depend only on its key, a load-time or same-for-every-file memo, or the
//    slot of the file being linted, which another file's lint replaces whole. A module-level
//    Map, Set, array, object or counter filled per file fails the test. Found with ESLint's own
//    scope analysis of the bundle (esbuild's lazy module initialisers count as load time).
//    Not covered: a module-level container handed to a function that mutates it (aliasing);
//    proof 1 would see that misbehave.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { Linter, type Rule, type Scope } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

import { assertBuilt, repoRoot, runNode } from './harness';

const script = path.join(repoRoot, 'test', 'integration', 'lint-in-order.mjs');
const fixtures = path.join(repoRoot, 'fixtures');

/** Demo service (every rule), the editor/CI project and the 300-line routes module. */
function lintedFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(path.join(fixtures, dir), { withFileTypes: true }).flatMap((entry) => {
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory()) return walk(relative);
      return /\.(?:[cm]?js|ts)$/.test(entry.name) ? [relative] : [];
    });
  return [...walk('demo-service'), ...walk(path.join('integration', 'project', 'src')), path.join('integration', 'handler-300.js')].sort();
}

interface FileMessages {
  file: string;
  messages: Linter.LintMessage[];
}

async function lintInOrder(files: readonly string[], alone = false): Promise<Map<string, Linter.LintMessage[][]>> {
  const result = await runNode(script, [...(alone ? ['--alone'] : []), fixtures, ...files], { cwd: repoRoot });
  if (result.code !== 0) throw new Error(`lint-in-order.mjs failed (exit ${result.code}):\n${result.stderr}`);
  const byFile = new Map<string, Linter.LintMessage[][]>();
  for (const { file, messages } of JSON.parse(result.stdout) as FileMessages[]) {
    byFile.set(file, [...(byFile.get(file) ?? []), messages]);
  }
  return byFile;
}

describe('rules keep no state between files (behaviour)', () => {
  const files = lintedFiles();
  let forward: Map<string, Linter.LintMessage[][]>;
  let backward: Map<string, Linter.LintMessage[][]>;
  let twice: Map<string, Linter.LintMessage[][]>;
  let alone: Map<string, Linter.LintMessage[][]>;

  beforeAll(async () => {
    assertBuilt();
    [forward, backward, twice, ...[alone]] = await Promise.all([
      lintInOrder(files),
      lintInOrder([...files].reverse()),
      lintInOrder([...files, ...files]),
      lintInOrder(files, true),
    ]);
  }, 120_000);

  it('lints files that trigger every rule, with fixes and suggestions among the findings', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
    const all = [...forward.values()].flat(2);
    expect(all.every((message) => message.ruleId?.startsWith('http-resilience/'))).toBe(true);
    const plugin = createRequire(import.meta.url)('../../dist/index.js') as { rules: Record<string, unknown> };
    expect([...new Set(all.map((message) => message.ruleId))].sort()).toEqual(
      Object.keys(plugin.rules).map((name) => `http-resilience/${name}`).sort(),
    );
    expect(all.some((message) => message.fix)).toBe(true);
    expect(all.some((message) => message.suggestions?.length)).toBe(true);
  });

  it.each(files)('%s: the same results alone, after every other file, before them, and linted twice', (file) => {
    const [expected] = alone.get(file)!;
    expect(forward.get(file)).toEqual([expected]);
    expect(backward.get(file)).toEqual([expected]);
    expect(twice.get(file)).toEqual([expected, expected]);
  });
});

/** Why each module-level binding that linting writes to holds no state from one file to the next. */
const REVIEWED_MUTABLE_BINDINGS: Record<string, string> = {
  walkedKeysByTable:
    "src/model/walk.ts: WeakMap keyed by the parser's visitorKeys (shared by files); the value is a pure memo of which keys of each node type to walk, the same for every file.",
  sortedLists:
    "src/model/walk.ts: WeakMap keyed by a file model's collected node list; the value says whether that list is in source order, a fact of that one list.",
  factoryTables:
    'src/model/frameworks/apps.ts: WeakMap keyed by the constant list of framework recognizers; the value is a pure memo of their factory and app-type tables, the same for every file.',
  mergedOptions:
    "src/utils/create-rule.ts: WeakMap keyed by a rule's default options; the value memoizes merged options by their JSON text, the same for every file that passes those options.",
};

/**
 * Module-level bindings that are no WeakMap but are written only while the bundle loads, or as a
 * memo that is the same for every file, or hold the file being linted and nothing of any other
 * (file-memo.ts), with the one kind of write each may get.
 */
const REVIEWED_OTHER_WRITES: Record<string, { how: string; init: string; why: string }> = {
  currentFile: {
    how: 'reassigned',
    init: 'ObjectExpression',
    why: "src/model/file-memo.ts: the SourceCode of the file being linted and the values built for it (model, parts, gate answers), replaced whole when another file's SourceCode asks: no value of one file is seen by another.",
  },
  gateCount: {
    how: 'reassigned',
    init: 'Literal',
    why: 'src/model/vocabulary.ts: how many word gates exist, counted by wordGate(), which modules call while the bundle loads (every gate is a module-level constant).',
  },
  textPattern: {
    how: 'reassigned',
    init: 'UnaryExpression',
    why: "src/model/vocabulary.ts: the regular expression for the text scan (every gate's module specifiers and first-argument starts), built on first use and reset only by wordGate() at load time: the same for every file.",
  },
};

interface Write {
  binding: string;
  how: string;
  line: number;
  init: string;
}

const MUTATING_METHODS = new Set(['set', 'add', 'delete', 'clear', 'push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin']);

/** The writes to module-level bindings made by code that runs after the bundle has loaded. */
function runtimeWrites(scopeManager: Scope.ScopeManager): Write[] {
  const moduleScope = scopeManager.globalScope!.childScopes[0]!;
  expect(moduleScope.type).toBe('function'); // the CommonJS module wrapper

  /** ESTree nodes as ESLint hands them out (with `parent`), read without the union types. */
  interface Node {
    type: string;
    parent: Node | null;
    loc?: { start: { line: number } };
    [key: string]: unknown;
  }
  const child = (node: Node | null | undefined, key: string) => node?.[key] as Node | undefined;
  const is = (node: Node | null | undefined, type: string) => node?.type === type;

  /** esbuild's lazy module initialiser: the method in `__esm({ "path"() { … } })`, run once at load. */
  const isModuleInitialiser = (fn: Node) => {
    const call = fn.parent?.parent?.parent;
    return is(fn.parent, 'Property') && is(fn.parent?.parent, 'ObjectExpression') && is(call, 'CallExpression') && child(call, 'callee')?.name === '__esm';
  };
  const runsAtLoad = (reference: Scope.Reference) => {
    let scope: Scope.Scope | null = reference.from;
    while (scope && scope !== moduleScope && scope.type !== 'function') scope = scope.upper;
    return scope === moduleScope || (scope !== null && isModuleInitialiser(scope.block as unknown as Node));
  };

  const writes: Write[] = [];
  for (const variable of moduleScope.variables) {
    const definition = variable.defs[0];
    if (!definition || definition.type === 'FunctionName' || definition.type === 'ClassName') continue;
    const initial = variable.references.find((reference) => reference.isWrite() && reference.writeExpr)?.writeExpr as unknown as Node | undefined;
    const regex = initial?.regex as { flags: string } | undefined;
    const init =
      is(initial, 'NewExpression') && is(child(initial, 'callee'), 'Identifier') ? `new ${String(child(initial, 'callee')!.name)}`
      : is(initial, 'Literal') && regex ? `/${regex.flags}`
      : (initial?.type ?? 'none');
    for (const reference of variable.references) {
      if (runsAtLoad(reference)) continue;
      const identifier = reference.identifier as unknown as Node;
      const line = identifier.loc!.start.line;
      if (reference.isWrite()) {
        writes.push({ binding: variable.name, how: 'reassigned', line, init });
        continue;
      }
      const parent = identifier.parent;
      if (!parent || !is(parent, 'MemberExpression') || parent.object !== identifier) continue;
      let top: Node = parent;
      while (top.parent && is(top.parent, 'MemberExpression') && top.parent.object === top) top = top.parent;
      const user = top.parent;
      if (
        (is(user, 'AssignmentExpression') && user?.left === top) ||
        is(user, 'UpdateExpression') ||
        (is(user, 'UnaryExpression') && user?.operator === 'delete')
      ) {
        writes.push({ binding: variable.name, how: 'property written', line, init });
      } else if (is(user, 'CallExpression') && user?.callee === top && !top.computed && is(child(top, 'property'), 'Identifier')) {
        const method = String(child(top, 'property')!.name);
        const statefulRegex = /^\/.*[gy]/.test(init) && (method === 'test' || method === 'exec');
        if ((top === parent && MUTATING_METHODS.has(method)) || statefulRegex) {
          writes.push({ binding: variable.name, how: `.${method}()`, line, init });
        }
      }
    }
  }
  return writes;
}

describe('rules keep no state between files (dist/index.js)', () => {
  let scopeManager: Scope.ScopeManager;
  let staticFields: string[];

  beforeAll(() => {
    assertBuilt();
    const bundle = createRequire(import.meta.url).resolve('../../dist/index.js');
    const text = readFileSync(bundle, 'utf8');
    // ESLint's own parser and scope analysis, through a rule that keeps what it was given.
    const capture: Rule.RuleModule = {
      create(context) {
        return {
          Program() {
            scopeManager = context.sourceCode.scopeManager;
          },
          PropertyDefinition(node) {
            if (node.static && node.value) staticFields.push(context.sourceCode.getText(node).slice(0, 80));
          },
          StaticBlock(node) {
            staticFields.push(context.sourceCode.getText(node).slice(0, 80));
          },
        };
      },
    };
    staticFields = [];
    const messages = new Linter({ configType: 'flat' }).verify(
      text,
      [{ plugins: { capture: { rules: { capture } } }, rules: { 'capture/capture': 'error' }, languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' } }],
      { filename: bundle },
    );
    expect(messages).toEqual([]);
  });

  it('finds what it looks for (a module-level Map filled per file would fail)', () => {
    let probe: Scope.ScopeManager | undefined;
    const capture: Rule.RuleModule = { create: (context) => ({ Program: () => void (probe = context.sourceCode.scopeManager) }) };
    const sample = [
      'var cache, seen, count, HINT, TABLE, files;',
      'var init_x = __esm({ "x.ts"() { cache = new Map(); seen = new WeakMap(); count = 0; HINT = /a/g; TABLE = new Set(["a"]); files = []; files.push("load"); } });',
      'function create(context) { cache.set(context.filename, 1); seen.set(context.sourceCode, 1); count++; HINT.test(context.sourceCode.text); TABLE.has("a"); files.length; }',
    ].join('\n');
    new Linter({ configType: 'flat' }).verify(
      sample,
      [{ plugins: { capture: { rules: { capture } } }, rules: { 'capture/capture': 'error' }, languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' } }],
      { filename: 'sample.js' },
    );
    expect(runtimeWrites(probe!).map((write) => `${write.binding} ${write.how} (${write.init})`)).toEqual([
      'cache .set() (new Map)',
      'seen .set() (new WeakMap)',
      'count reassigned (Literal)',
      'HINT .test() (/g)',
    ]);
  });

  it('writes at run time only to the reviewed WeakMaps', () => {
    const writes = runtimeWrites(scopeManager);
    const bindings = [...new Set(writes.map((write) => write.binding))].sort();
    expect(bindings, JSON.stringify(writes, null, 2)).toEqual([...Object.keys(REVIEWED_MUTABLE_BINDINGS), ...Object.keys(REVIEWED_OTHER_WRITES)].sort());
    for (const write of writes) {
      const other = REVIEWED_OTHER_WRITES[write.binding];
      expect(write.init, `${write.binding} at dist/index.js:${write.line}`).toBe(other?.init ?? 'new WeakMap');
      expect(write.how).toBe(other?.how ?? '.set()');
    }
  });

  it('has no static class fields or static blocks (class-level state)', () => {
    expect(staticFields).toEqual([]);
  });
});
