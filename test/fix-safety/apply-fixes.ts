// Applying fixes and suggestions to a text the way ESLint does, but reporting WHICH fixes went in:
// ESLint's `SourceCodeFixer` (what `Linter#verifyAndFix` and `eslint --fix` use) is not public API,
// and `verifyAndFix` only says whether something changed. The algorithm below is that of
// eslint/lib/linter/source-code-fixer.js; the fix-safety test checks on every fixed file that the
// result equals `verifyAndFix`'s output, so a drift between the two cannot go unnoticed.
import type { Linter } from 'eslint';

const BOM = '\uFEFF';

type TextEdit = NonNullable<Linter.LintMessage['fix']>;

export interface FixPass {
  output: string;
  /** The messages whose fix went in, in text order. */
  applied: Linter.LintMessage[];
  /** Messages `shouldFix` accepted whose fix overlapped an earlier one (left to the next pass). */
  overlapping: Linter.LintMessage[];
}

/**
 * One pass of `eslint --fix` over `messages` (from linting `text`): fixes sorted by range, each
 * applied unless it overlaps one already applied. Ranges are offsets in the text without its BOM.
 */
export function applyFixes(text: string, messages: readonly Linter.LintMessage[], shouldFix: (message: Linter.LintMessage) => boolean): FixPass {
  const bom = text.startsWith(BOM) ? BOM : '';
  const body = bom ? text.slice(1) : text;
  const fixes = messages
    .filter((message): message is Linter.LintMessage & { fix: TextEdit } => message.fix !== undefined && shouldFix(message))
    .sort((a, b) => a.fix.range[0] - b.fix.range[0] || a.fix.range[1] - b.fix.range[1]);
  const applied: Linter.LintMessage[] = [];
  const overlapping: Linter.LintMessage[] = [];
  let output = bom;
  let lastPos = Number.NEGATIVE_INFINITY;
  for (const message of fixes) {
    const [start, end] = message.fix.range;
    if (lastPos >= start || start > end) {
      overlapping.push(message);
      continue;
    }
    if ((start < 0 && end >= 0) || (start === 0 && message.fix.text.startsWith(BOM))) output = '';
    output += body.slice(Math.max(0, lastPos), Math.max(0, start)) + message.fix.text;
    lastPos = end;
    applied.push(message);
  }
  if (applied.length === 0) return { output: text, applied, overlapping };
  return { output: output + body.slice(Math.max(0, lastPos)), applied, overlapping };
}

/** `text` with one suggestion's edit applied (what an editor's quick fix does). */
export function applySuggestion(text: string, suggestion: Linter.LintSuggestion): string {
  const bom = text.startsWith(BOM) ? BOM : '';
  const body = bom ? text.slice(1) : text;
  const [start, end] = suggestion.fix.range;
  return bom + body.slice(0, start) + suggestion.fix.text + body.slice(end);
}
