import type { Linter } from 'eslint';
import { expect } from 'vitest';

import { type LintOptions, lint, ruleIds } from './lint';

export * from './lint';

/** Lints with every rule and asserts that no rule threw and the file parsed: returns the findings. */
export function lintCleanly(code: string, options: LintOptions): Linter.LintMessage[] {
  let messages: Linter.LintMessage[] = [];
  expect(() => {
    messages = lint(code, options);
  }).not.toThrow();
  const broken = messages.filter((message) => message.fatal || message.ruleId === null);
  expect(broken, broken.map((message) => `${message.line}:${message.column} ${message.message}`).join('\n')).toEqual([]);
  for (const message of messages) expect(ruleIds).toContain(message.ruleId);
  return messages;
}

