// The fix-safety checks for one file, linted with one parser and one config:
//   1. a full `--fix` (every autofix, pass after pass, as `eslint --fix` does), counting per rule
//      which fixes went in;
//   2. every intermediate and the final text parse with the same parser (no fatal message);
//   3. the fixes converge in at most two passes (CONTRIBUTING's fix policy), ESLint's own
//      `verifyAndFix` gives the same text, and a second `verifyAndFix` on it changes nothing;
//   4. no fix creates a finding of another rule: each rule's fixes applied alone leave every other
//      rule's findings (counted by rule and messageId) no higher than in the original, and so does
//      the full fix;
//   5. every suggestion, applied alone to the original, gives code that parses (and changes it).
// Every violation becomes a `Problem` whose text names the file, line, column and rule.
import type { Linter } from 'eslint';

import { applyFixes, applySuggestion } from './apply-fixes';

export type ParserName = 'espree' | 'typescript';

/** One file to check: its text and exactly the Linter, config and file name its runner uses. */
export interface Subject {
  /** How failures and summaries name it: `demo-service/src/orders-api.js`, `express/lib/router.js`, `docs/rules/x.md:12`. */
  shown: string;
  /** The file name given to ESLint (absolute for the corpus and the demo: rules read the nearest package.json). */
  filename: string;
  text: string;
  parser: ParserName;
  linter: Linter;
  config: Linter.Config[];
}

export type ProblemKind =
  /** The original text does not lint cleanly (a parse error or an exception): the input is wrong, not a fix. */
  | 'original'
  /** Fixed text that does not parse, or a rule that throws on it. */
  | 'fix parse'
  /** More than two passes, no fixed point within ESLint's ten, or a second `--fix` that changes something. */
  | 'convergence'
  /** Our pass-by-pass fixing disagrees with `Linter#verifyAndFix` (a bug of this test, not of a rule). */
  | 'eslint agreement'
  /** A fix that raises the findings of another rule. */
  | 'cross-rule'
  /** A suggestion whose result does not parse, throws, or equals the original. */
  | 'suggestion';

export interface Problem {
  kind: ProblemKind;
  text: string;
}

export interface Outcome {
  shown: string;
  parser: ParserName;
  /** Findings in the original text, per rule (short rule name). */
  findings: Record<string, number>;
  /** The same findings as `line:column rule`, in report order. */
  locations: string[];
  /** Autofixes the full `--fix` applied, per rule, over all passes. */
  autofixes: Record<string, number>;
  /** Passes of the full `--fix` that applied something (0: nothing to fix). */
  fixPasses: number;
  changed: boolean;
  /** Suggestions applied (each alone, to the original text), per rule. */
  suggestions: Record<string, number>;
  problems: Problem[];
}

/** ESLint's limit of fix passes per `verifyAndFix`. */
const MAX_PASSES = 10;
/** CONTRIBUTING.md, "Fix policy": `--fix` must converge in at most two passes. */
const MAX_FIX_PASSES = 2;

type Messages = Linter.LintMessage[];
type Lint = { messages: Messages; failure?: undefined } | { messages?: undefined; failure: string };

/** `http-resilience/no-sync-io-in-handler` → `no-sync-io-in-handler`. */
export function shortRule(ruleId: string | null): string {
  return ruleId === null ? '(no rule)' : ruleId.slice(ruleId.indexOf('/') + 1);
}

function increment(counts: Record<string, number>, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}

function firstLines(text: string, count: number): string {
  return text.split('\n').slice(0, count).join('\n');
}

/** Lints `text` as `subject`: its messages, or why there are none (an exception or a fatal parse error). */
function lint(subject: Subject, text: string): Lint {
  let messages: Messages;
  try {
    messages = subject.linter.verify(text, subject.config, { filename: subject.filename });
  } catch (error) {
    return { failure: `throws: ${error instanceof Error ? firstLines(error.stack ?? error.message, 6) : String(error)}` };
  }
  const fatal = messages.find((message) => message.fatal);
  if (fatal) return { failure: `does not parse: ${fatal.line}:${fatal.column} ${fatal.message}` };
  return { messages };
}

/** `no-sync-io-in-handler@12:5`: a message of the text it was reported on. */
function where(message: Linter.LintMessage): string {
  return `${shortRule(message.ruleId)}@${message.line}:${message.column}`;
}

/** Findings per `rule messageId`, the identity the cross-rule check compares. */
function findingKeys(messages: Messages): Map<string, Linter.LintMessage[]> {
  const keys = new Map<string, Linter.LintMessage[]>();
  for (const message of messages) {
    if (message.ruleId === null) continue;
    const key = `${shortRule(message.ruleId)} ${message.messageId ?? message.message}`;
    keys.set(key, [...(keys.get(key) ?? []), message]);
  }
  return keys;
}

/**
 * The findings of `after` whose `rule messageId` occurs more often than in `before`, for rules
 * `counts` accepts: `rule messageId: 1 → 2 (lines 10:3, 14:5 of the fixed text)`.
 */
function increases(before: Messages, after: Messages, counts: (rule: string) => boolean): string[] {
  const was = findingKeys(before);
  const out: string[] = [];
  for (const [key, now] of findingKeys(after)) {
    const previous = was.get(key)?.length ?? 0;
    if (!counts(shortRule(now[0]!.ruleId)) || now.length <= previous) continue;
    out.push(`${key}: ${previous} → ${now.length} (at ${now.map((message) => `${message.line}:${message.column}`).join(', ')} of the fixed text)`);
  }
  return out;
}

interface FixRun {
  output: string;
  /** Per pass that applied something, the messages whose fix went in. */
  passes: Messages[];
  /** The messages of `output` (when it lints). */
  messages: Messages;
  /** Why the run stopped early: fixed text that does not parse or throws, or no fixed point. */
  failure?: { kind: 'fix parse' | 'convergence'; text: string };
}

/** `--fix` restricted to the messages `shouldFix` accepts, pass after pass until nothing applies (at most ESLint's ten). */
function fixToFixpoint(subject: Subject, first: Messages, shouldFix: (message: Linter.LintMessage) => boolean): FixRun {
  let text = subject.text;
  let messages = first;
  const passes: Messages[] = [];
  for (let pass = 1; pass <= MAX_PASSES; pass += 1) {
    const result = applyFixes(text, messages, shouldFix);
    if (result.applied.length === 0) return { output: text, passes, messages };
    passes.push(result.applied);
    text = result.output;
    const linted = lint(subject, text);
    if (linted.failure !== undefined) {
      const fixes = `${result.applied.map(where).join(', ')}${pass > 1 ? ', positions of that pass' : ''}`;
      return { output: text, passes, messages: [], failure: { kind: 'fix parse', text: `after fix pass ${pass} (${fixes}) the code ${linted.failure}` } };
    }
    messages = linted.messages;
  }
  const left = messages.filter((message) => message.fix !== undefined && shouldFix(message));
  if (left.length === 0) return { output: text, passes, messages };
  return { output: text, passes, messages, failure: { kind: 'convergence', text: `still offers fixes after ${MAX_PASSES} passes: ${left.map(where).join(', ')}` } };
}

export function checkSubject(subject: Subject): Outcome {
  const { shown } = subject;
  const outcome: Outcome = { shown, parser: subject.parser, findings: {}, locations: [], autofixes: {}, fixPasses: 0, changed: false, suggestions: {}, problems: [] };
  const problem = (kind: ProblemKind, text: string) => outcome.problems.push({ kind, text });

  const original = lint(subject, subject.text);
  if (original.failure !== undefined) {
    problem('original', `${shown} (${subject.parser}): the original ${original.failure}`);
    return outcome;
  }
  const first = original.messages;
  for (const message of first) {
    if (message.ruleId === null) continue;
    increment(outcome.findings, shortRule(message.ruleId));
    outcome.locations.push(`${message.line}:${message.column} ${shortRule(message.ruleId)}`);
  }

  // 1–3. Every autofix, as `eslint --fix` applies them.
  const full = fixToFixpoint(subject, first, () => true);
  const fixingRules = new Set<string>();
  for (const message of full.passes.flat()) {
    increment(outcome.autofixes, shortRule(message.ruleId));
    fixingRules.add(message.ruleId!);
  }
  outcome.fixPasses = full.passes.length;
  outcome.changed = full.output !== subject.text;
  if (full.failure !== undefined) {
    problem(full.failure.kind, `${shown} (${subject.parser}): ${full.failure.text}`);
  } else if (full.passes.length > 0) {
    if (full.passes.length > MAX_FIX_PASSES) {
      const passes = full.passes.map((applied, index) => `pass ${index + 1}: ${applied.map(where).join(', ')}`).join('; ');
      problem('convergence', `${shown} (${subject.parser}): --fix needs ${full.passes.length} passes, at most ${MAX_FIX_PASSES} allowed (${passes})`);
    }
    const eslintFix = subject.linter.verifyAndFix(subject.text, subject.config, { filename: subject.filename });
    if (eslintFix.output !== full.output) {
      problem('eslint agreement', `${shown} (${subject.parser}): Linter#verifyAndFix gives another text than applying the fixes pass by pass`);
    }
    const second = subject.linter.verifyAndFix(eslintFix.output, subject.config, { filename: subject.filename });
    if (second.fixed || second.output !== eslintFix.output) {
      const fixes = second.messages.filter((message) => message.fix !== undefined).map(where);
      problem('convergence', `${shown} (${subject.parser}): a second --fix pass changes the fixed text${fixes.length > 0 ? ` (${fixes.join(', ')})` : ''}`);
    }
    const fixedBy = new Set([...fixingRules].map(shortRule));
    const grown = increases(first, full.messages, (rule) => !fixedBy.has(rule));
    for (const text of grown) problem('cross-rule', `${shown} (${subject.parser}): after every autofix (${[...fixingRules].map(shortRule).join(', ')}), ${text}`);
  }

  // 4. Each rule's fixes alone: no other rule may find more.
  for (const ruleId of fixingRules) {
    const rule = shortRule(ruleId);
    const alone = fixToFixpoint(subject, first, (message) => message.ruleId === ruleId);
    if (alone.failure !== undefined) {
      problem(alone.failure.kind, `${shown} (${subject.parser}): with only ${rule}'s fixes, ${alone.failure.text}`);
      continue;
    }
    const fixes = alone.passes[0]?.map(where).join(', ') ?? '(none applies alone)';
    for (const text of increases(first, alone.messages, (other) => other !== rule)) {
      problem('cross-rule', `${shown} (${subject.parser}): ${rule}'s fixes (${fixes}) raise ${text}`);
    }
  }

  // 5. Every suggestion alone, on the original text.
  for (const message of first) {
    for (const suggestion of message.suggestions ?? []) {
      const rule = shortRule(message.ruleId);
      increment(outcome.suggestions, rule);
      const at = `${shown}:${message.line}:${message.column} ${rule} (${subject.parser}) suggestion "${suggestion.desc}"`;
      const text = applySuggestion(subject.text, suggestion);
      if (text === subject.text) {
        problem('suggestion', `${at} changes nothing`);
        continue;
      }
      const linted = lint(subject, text);
      if (linted.failure !== undefined) problem('suggestion', `${at}: the code ${linted.failure}`);
    }
  }
  return outcome;
}

