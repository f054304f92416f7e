import type { TSESLint } from '@typescript-eslint/utils';

/**
 * Cheap text tests that rule out files before anything is built. Each (file, hint) pair is tested
 * once and the answer shared by every rule and model part that asks, so ten rules asking about
 * the same hint scan the text once. Keyed by the SourceCode object of one lint, like the model.
 *
 * A hint must be a necessary condition for what it guards: when it fails, the guarded part would
 * have found nothing anyway. Hints never carry the `g` or `y` flag (`test` would keep state).
 */
const answers = new WeakMap<object, Map<RegExp, boolean>>();

export function hasTextHint(sourceCode: Readonly<TSESLint.SourceCode>, hint: RegExp): boolean {
  let known = answers.get(sourceCode);
  if (!known) answers.set(sourceCode, (known = new Map()));
  let answer = known.get(hint);
  if (answer === undefined) known.set(hint, (answer = hint.test(sourceCode.text)));
  return answer;
}

/**
 * A quoted module specifier among `modules`, with or without `node:`: how every `import`,
 * `import x = require()`, `require()` and `import()` the model resolves is written (the model only
 * resolves literal specifiers). `"node:http"`, `'express'`, `` `axios` ``.
 */
export function specifierHint(modules: Iterable<string>): string {
  const names = [...modules].map((module) => module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  return String.raw`['"\x60](?:node:)?(?:${names.join('|')})['"\x60]`;
}
