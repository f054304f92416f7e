import type { TSESLint } from '@typescript-eslint/utils';

/**
 * Cheap text tests that rule out files before anything is built, for the few patterns the word
 * gates (vocabulary.ts) cannot express: the global `fetch`, a `'/path'` argument. Each (file, hint)
 * pair is tested once and the answer shared by every rule and model part that asks. Keyed by the
 * SourceCode object of one lint, like the model.
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
