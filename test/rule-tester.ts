import { RuleTester, type InvalidTestCase, type RunTests, type ValidTestCase } from '@typescript-eslint/rule-tester';
import type { RuleModule } from '@typescript-eslint/utils/ts-eslint';
import * as espree from 'espree';
import { describe } from 'vitest';

/** Cases written in TypeScript syntax run on the TypeScript parser only. */
type Marked<T> = T & { tsOnly?: boolean };
export type Valid<Options extends readonly unknown[]> = string | Marked<ValidTestCase<Options>>;
export type Invalid<MessageIds extends string, Options extends readonly unknown[]> = Marked<
  InvalidTestCase<MessageIds, Options>
>;

const typescriptTester = new RuleTester({
  languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
});

const espreeTester = new RuleTester({
  languageOptions: {
    // espree is the parser ESLint uses for plain JavaScript.
    parser: espree as never,
    ecmaVersion: 'latest',
    sourceType: 'module',
    parserOptions: { ecmaFeatures: { jsx: true } },
  },
});

function forEspree<T extends { filename?: string }>(testCase: T): T {
  const filename = testCase.filename?.replace(/\.(m|c)?tsx?$/, (ext) => ext.replace('ts', 'js'));
  return { ...testCase, filename: filename ?? 'file.js' };
}

function strip<T extends { tsOnly?: boolean }>({ tsOnly: _, ...rest }: T): Omit<T, 'tsOnly'> {
  return rest;
}

/**
 * Runs the same cases on `@typescript-eslint/parser` and on espree, as every rule must be tested
 * (design.md, Compatibility). Cases marked `tsOnly` use TypeScript syntax and skip espree.
 */
export function runOnBothParsers<MessageIds extends string, Options extends readonly unknown[]>(
  name: string,
  rule: RuleModule<MessageIds, Options>,
  tests: {
    valid: readonly Valid<Options>[];
    invalid: readonly Invalid<MessageIds, Options>[];
  },
): void {
  const valid = tests.valid.map((test) => (typeof test === 'string' ? { code: test } : test));
  const typescript: RunTests<MessageIds, Options> = {
    valid: valid.map(strip),
    invalid: tests.invalid.map(strip),
  };
  const javascript: RunTests<MessageIds, Options> = {
    valid: valid.filter((test) => !test.tsOnly).map((test) => forEspree(strip(test))),
    invalid: tests.invalid.filter((test) => !test.tsOnly).map((test) => forEspree(strip(test))),
  };
  describe(`${name} (@typescript-eslint/parser)`, () => {
    typescriptTester.run(name, rule, typescript);
  });
  describe(`${name} (espree)`, () => {
    espreeTester.run(name, rule, javascript);
  });
}
