import type { TSESLint } from '@typescript-eslint/utils';

import { fileMemo } from './file-memo';

/**
 * Cheap text tests that rule out files before anything is built, for the few patterns the word
 * gates (vocabulary.ts) cannot express (the global `fetch`, read wherever it is named), and for rare
 * words that one rule asks alone (`Sync`): a search for a rare word skips along the text, cheaper
 * than reading the tokens of a file no other gate made anyone read. Each (file, hint)
 * pair is tested once and the answer shared by every rule and model part that asks, remembered
 * with the file's model for as long as that file is linted (file-memo.ts).
 *
 * A hint must be a necessary condition for what it guards: when it fails, the guarded part would
 * have found nothing anyway. Hints never carry the `g` or `y` flag (`test` would keep state).
 */
const ANSWERS_KEY = {};
const noAnswers = () => new Map<RegExp, boolean>();

export function hasTextHint(sourceCode: Readonly<TSESLint.SourceCode>, hint: RegExp): boolean {
  const known = fileMemo(sourceCode, ANSWERS_KEY, noAnswers);
  let answer = known.get(hint);
  if (answer === undefined) known.set(hint, (answer = hint.test(sourceCode.text)));
  return answer;
}
