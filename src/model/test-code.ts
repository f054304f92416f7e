import path from 'node:path';

import type { TSESTree } from '@typescript-eslint/utils';

import { getEnclosingFunction, getStaticPropertyName, skipTransparentWrappers, type FunctionNode, type Node } from '../utils/ast';
import { fileMemo } from './file-memo';
import type { FileModel } from './index';

/** `test/`, `tests/`, `__tests__/`, `spec/`, `e2e/` folders and `*.test.*`, `*.spec.*` files. */
const TEST_PATH = /(?:^|[\\/])(?:__tests__|__mocks__|tests?|specs?|e2e)[\\/]|\.(?:test|spec|e2e-spec)\.[cm]?[jt]sx?$/;

/**
 * `bench/`, `benchmark/`, `benchmarks/` folders and files named as benchmarks (`server-benchmark.js`,
 * `parse.bench.ts`): a benchmark's server is a load target for a minute on a developer's machine,
 * never behind a load balancer or in a deploy, so the production rules have nothing to say there.
 */
const BENCHMARK_PATH = /(?:^|[\\/])bench(?:mark)?s?[\\/]|(?:^|[\\/])(?:[^\\/]*[-.])?bench(?:mark)?s?(?:[-.][^\\/]*)?\.[cm]?[jt]sx?$/;

/** Modules only test code loads: runners and HTTP test clients. */
const TEST_MODULES = new Set(['test', 'tap', 'ava', 'vitest', '@jest/globals', 'mocha', 'tape', 'uvu', 'borp', 'supertest', 'bun:test']);

function isTestModule(specifier: string): boolean {
  return TEST_MODULES.has(specifier.replace(/^node:/, ''));
}

/** `filename` relative to `cwd`; a plain slice when it lies inside (the usual case: `path.relative` resolves both paths). */
function relativeTo(cwd: string | undefined, filename: string): string {
  if (!cwd) return filename;
  const inside = filename.startsWith(cwd) && (filename[cwd.length] === path.sep || filename[cwd.length] === '/') && !cwd.endsWith(path.sep);
  return inside ? filename.slice(cwd.length + 1) : path.relative(cwd, filename);
}

/**
 * Whether the linted file is a test or a benchmark: by its path (relative to `cwd` when given, so a checkout
 * under a `test/` folder does not count), or by a test runner or test client it loads at the top
 * level (`node:test`, tap, vitest, supertest…).
 */
export function isTestFile(model: FileModel, cwd?: string): boolean {
  const filename = relativeTo(cwd, model.filename);
  if (TEST_PATH.test(filename) || BENCHMARK_PATH.test(filename)) return true;
  const program = model.sourceCode.ast as TSESTree.Program;
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration') {
      if (isTestModule(statement.source.value)) return true;
      continue;
    }
    if (statement.type === 'ExpressionStatement') {
      if (requiresTestModule(model, statement.expression)) return true;
    } else if (statement.type === 'VariableDeclaration') {
      for (const declarator of statement.declarations) if (requiresTestModule(model, declarator.init)) return true;
    }
  }
  return false;
}

/** `require('tap')`, `require('node:test').describe`: the specifier first, so only a test module's call is resolved. */
function requiresTestModule(model: FileModel, expression: TSESTree.Expression | null): boolean {
  let current: TSESTree.Expression | null = expression;
  while (current?.type === 'MemberExpression') current = current.object;
  if (current?.type !== 'CallExpression') return false;
  const specifier = current.arguments[0];
  return specifier?.type === 'Literal' && typeof specifier.value === 'string' && isTestModule(specifier.value) && model.bindings.isRequireCall(current);
}

/** Test-runner functions whose callbacks are test code: node:test, Jest, Vitest, Mocha, tap, ava, uvu. */
const RUNNER_FUNCTIONS = new Set([
  'describe', 'context', 'suite', 'it', 'test', 'specify', 'before', 'beforeEach', 'beforeAll', 'after', 'afterEach', 'afterAll',
  'setup', 'teardown', 'suiteSetup', 'suiteTeardown',
]);
const RUNNER_MODULES = new Set(['test', 'node:test', 'vitest', '@jest/globals', 'mocha', 'tap', 'ava', 'uvu', 'bun:test', 'tape', 'node-tap']);

/**
 * Test code: a test file (see `isTestFile`), or a callback of a test runner (`it('…', async () =>
 * …)`, `t.test(…)`) in any file. It talks to servers the test started, under the runner's
 * timeout, so rules about production hangs leave it alone.
 */
export class TestCode {
  readonly #model: FileModel;
  readonly #file: boolean;
  readonly #callbacks = new Map<FunctionNode, boolean>();
  readonly #inTestByFunction = new Map<FunctionNode, boolean>();

  constructor(model: FileModel, cwd: string | undefined) {
    this.#model = model;
    this.#file = isTestFile(model, cwd);
  }

  /** Whether the linted file is a test file. */
  get isTestFile(): boolean {
    return this.#file;
  }

  /** Whether `node` is test code (in a test file, or in a test-runner callback). */
  contains(node: Node): boolean {
    if (this.#file) return true;
    const fn = getEnclosingFunction(node);
    return fn !== undefined && this.#inTest(fn);
  }

  /**
   * Whether `fn` is a runner callback or nested in one, remembered for every function on the way
   * out so that asking about each call of a file walks each function's ancestry once. Iterative:
   * deeply nested callbacks must not overflow the stack.
   */
  #inTest(innermost: FunctionNode): boolean {
    const chain: FunctionNode[] = [];
    let answer = false;
    for (let fn: FunctionNode | undefined = innermost; fn; fn = getEnclosingFunction(fn)) {
      const known = this.#inTestByFunction.get(fn);
      if (known !== undefined) {
        answer = known;
        break;
      }
      chain.push(fn);
      if (this.#isRunnerCallback(fn)) {
        answer = true;
        break;
      }
    }
    for (const fn of chain) this.#inTestByFunction.set(fn, answer);
    return answer;
  }

  #isRunnerCallback(fn: FunctionNode): boolean {
    let known = this.#callbacks.get(fn);
    if (known === undefined) {
      const call = fn.parent;
      known = call?.type === 'CallExpression' && call.arguments.includes(fn as TSESTree.CallExpressionArgument) && this.#isRunnerCall(call);
      this.#callbacks.set(fn, known);
    }
    return known;
  }

  /** `it(…)`, `test.only(…)`, `describe.each(t)(…)`, `t.test(…)` on a test's parameter. */
  #isRunnerCall(call: TSESTree.CallExpression): boolean {
    let callee: Node = skipTransparentWrappers(call.callee);
    for (let depth = 0; depth < 4; depth += 1) {
      if (callee.type === 'CallExpression') callee = skipTransparentWrappers(callee.callee);
      else if (callee.type === 'MemberExpression') {
        // `t.test(…)`, `t.before(…)`: a sub-test on the context a runner passes in.
        const name = getStaticPropertyName(callee);
        const object = skipTransparentWrappers(callee.object);
        if (name !== undefined && RUNNER_FUNCTIONS.has(name) && object.type === 'Identifier' && this.#isTestContext(object)) return true;
        callee = object;
      } else break;
    }
    if (callee.type !== 'Identifier' || !RUNNER_FUNCTIONS.has(callee.name)) return false;
    const { bindings } = this.#model;
    if (bindings.isGlobal(callee)) return true;
    const ref = bindings.resolve(callee);
    return ref !== undefined && RUNNER_MODULES.has(ref.module);
  }

  /** A parameter of a runner callback (`t` in `test('x', (t) => …)`), or the `tap` import. */
  #isTestContext(identifier: TSESTree.Identifier): boolean {
    const { bindings } = this.#model;
    const ref = bindings.resolve(identifier);
    if (ref && RUNNER_MODULES.has(ref.module)) return true;
    const definition = bindings.findVariable(identifier)?.defs[0];
    if (definition?.type !== 'Parameter') return false;
    return this.#isRunnerCallback(definition.node as FunctionNode);
  }
}

/** `cwd`: ESLint's working directory, so only the path inside the project decides (`context.cwd`). */
export function getTestCode(model: FileModel, cwd?: string): TestCode {
  return fileMemo(model.sourceCode, TestCode, (input) => new TestCode(input.model, input.cwd), { model, cwd });
}
