// The fix-safety checks themselves (check.ts, apply-fixes.ts): toy rules with broken fixes and
// suggestions must each be caught, with the file, line, column and rule in the message, and a
// sound fix must pass. Otherwise an empty problem list on real code would prove nothing.
import { Linter, type Rule } from 'eslint';
import * as espree from 'espree';
import { describe, expect, it } from 'vitest';

import { applyFixes, applySuggestion } from './apply-fixes';
import { checkSubject, type ProblemKind, type Subject } from './check';

/** Reports every identifier named `name`, with `fix` and `suggest` built from its node. */
function identifierRule(name: string, report: (node: Rule.Node) => Partial<Rule.ReportDescriptor>): Rule.RuleModule {
  return {
    meta: { type: 'problem', fixable: 'code', hasSuggestions: true, schema: [], messages: { found: 'Found.' } },
    create: (context) => ({
      Identifier(node) {
        if (node.name === name) context.report({ node, messageId: 'found', ...report(node) } as Rule.ReportDescriptor);
      },
    }),
  };
}

const toy = {
  rules: {
    // `good` → `fine`: sound.
    sound: identifierRule('good', (node) => ({ fix: (fixer) => fixer.replaceText(node, 'fine') })),
    // `broken` → `(`: does not parse.
    unparseable: identifierRule('broken', (node) => ({ fix: (fixer) => fixer.replaceText(node, '(') })),
    // `foo` → `bar`, which `no-bar` reports: creates another rule's finding.
    'foo-to-bar': identifierRule('foo', (node) => ({ fix: (fixer) => fixer.replaceText(node, 'bar') })),
    'no-bar': identifierRule('bar', () => ({})),
    // `a1` → `a2` → `a3` → `a4`: three passes.
    'count-up': {
      meta: { type: 'problem', fixable: 'code', schema: [], messages: { found: 'Found.' } },
      create: (context) => ({
        Identifier(node) {
          const match = /^a([1-3])$/.exec(node.name);
          if (match) context.report({ node, messageId: 'found', fix: (fixer) => fixer.replaceText(node, `a${Number(match[1]) + 1}`) });
        },
      }),
    } satisfies Rule.RuleModule,
    // `loop` → `loop` with a comment added each time: never converges.
    endless: identifierRule('loop', (node) => ({ fix: (fixer) => fixer.insertTextAfter(node, ' /* again */') })),
    // Suggestions: one that breaks the syntax, one that changes nothing, one that is sound.
    suggestions: identifierRule('hint', (node) => ({
      suggest: [
        { desc: 'Break it.', fix: (fixer: Rule.RuleFixer) => fixer.insertTextBefore(node, '{') },
        { desc: 'Keep it.', fix: (fixer: Rule.RuleFixer) => fixer.replaceText(node, 'hint') },
        { desc: 'Rename it.', fix: (fixer: Rule.RuleFixer) => fixer.replaceText(node, 'tip') },
      ],
    })),
  },
};

function subject(text: string, rules: string[]): Subject {
  const config: Linter.Config[] = [
    {
      languageOptions: { parser: espree as Linter.Parser, ecmaVersion: 'latest', sourceType: 'module' },
      plugins: { toy: toy as never },
      rules: Object.fromEntries(rules.map((rule) => [`toy/${rule}`, 'error'])),
    },
  ];
  return { shown: 'toy.js', filename: 'toy.js', text, parser: 'espree', linter: new Linter({ configType: 'flat' }), config };
}

function problems(text: string, rules: string[], kind?: ProblemKind): string[] {
  return checkSubject(subject(text, rules))
    .problems.filter((problem) => kind === undefined || problem.kind === kind)
    .map((problem) => problem.text);
}

describe('checkSubject', () => {
  it('passes a sound fix and counts it', () => {
    const outcome = checkSubject(subject('const good = 1;\nconsole.log(good);', ['sound']));
    expect(outcome.problems).toEqual([]);
    expect(outcome).toMatchObject({ findings: { sound: 2 }, autofixes: { sound: 2 }, fixPasses: 1, changed: true, suggestions: {} });
  });

  it('reports an original that does not parse, and nothing else', () => {
    expect(problems('const = ;', ['sound'])).toEqual([expect.stringMatching(/^toy\.js \(espree\): the original does not parse: 1:7 /)]);
  });

  it('catches a fix that gives code that does not parse', () => {
    expect(problems('const broken = 1;', ['unparseable'], 'fix parse')).toEqual([
      expect.stringMatching(/^toy\.js \(espree\): after fix pass 1 \(unparseable@1:7\) the code does not parse: /),
      expect.stringMatching(/^toy\.js \(espree\): with only unparseable's fixes, after fix pass 1 \(unparseable@1:7\) the code does not parse: /),
    ]);
  });

  it('catches a fix that creates a finding of another rule, alone and with every fix', () => {
    expect(problems('let foo;\nfoo = bar;', ['foo-to-bar', 'no-bar'], 'cross-rule')).toEqual([
      'toy.js (espree): after every autofix (foo-to-bar), no-bar found: 1 → 3 (at 1:5, 2:1, 2:7 of the fixed text)',
      "toy.js (espree): foo-to-bar's fixes (foo-to-bar@1:5, foo-to-bar@2:1) raise no-bar found: 1 → 3 (at 1:5, 2:1, 2:7 of the fixed text)",
    ]);
  });

  it('catches fixes that need more than two passes', () => {
    expect(problems('let a1;', ['count-up'], 'convergence')).toEqual([
      'toy.js (espree): --fix needs 3 passes, at most 2 allowed (pass 1: count-up@1:5; pass 2: count-up@1:5; pass 3: count-up@1:5)',
    ]);
  });

  it('catches fixes that never converge', () => {
    expect(problems('let loop;', ['endless'], 'convergence')).toEqual([
      'toy.js (espree): still offers fixes after 10 passes: endless@1:5',
      "toy.js (espree): with only endless's fixes, still offers fixes after 10 passes: endless@1:5",
    ]);
  });

  it('catches a suggestion that does not parse and one that changes nothing, and counts all three', () => {
    const outcome = checkSubject(subject('let hint;', ['suggestions']));
    expect(outcome.suggestions).toEqual({ suggestions: 3 });
    expect(outcome.problems.map((problem) => `${problem.kind}: ${problem.text}`)).toEqual([
      expect.stringMatching(/^suggestion: toy\.js:1:5 suggestions \(espree\) suggestion "Break it\.": the code does not parse: /),
      'suggestion: toy.js:1:5 suggestions (espree) suggestion "Keep it." changes nothing',
    ]);
  });
});

describe('applyFixes and applySuggestion', () => {
  const fix = (start: number, end: number, text: string, ruleId = 'r'): Linter.LintMessage =>
    ({ ruleId, message: '', line: 1, column: 1, severity: 2, fix: { range: [start, end], text } }) as Linter.LintMessage;

  it('applies fixes in range order, leaves overlapping ones to the next pass, keeps the BOM', () => {
    const result = applyFixes('\uFEFFabcdef', [fix(4, 5, 'E'), fix(0, 2, 'AB'), fix(1, 3, 'x')], () => true);
    expect(result.output).toBe('\uFEFFABcdEf');
    expect(result.applied.map((message) => message.fix!.text)).toEqual(['AB', 'E']);
    expect(result.overlapping.map((message) => message.fix!.text)).toEqual(['x']);
  });

  it('applies only the fixes the filter accepts', () => {
    expect(applyFixes('abc', [fix(0, 1, 'A', 'one'), fix(2, 3, 'C', 'two')], (message) => message.ruleId === 'two').output).toBe('abC');
  });

  it('matches Linter#verifyAndFix', () => {
    const { text, config, linter, filename } = subject('const good = 1;\nexport { good };', ['sound']);
    // `export { good }` holds two identifiers with one range: ESLint applies one, so must we.
    const messages = linter.verify(text, config, { filename });
    expect(applyFixes(text, messages, () => true).output).toBe(linter.verifyAndFix(text, config, { filename }).output);
  });

  it('applies one suggestion', () => {
    expect(applySuggestion('\uFEFFlet a;', { desc: '', fix: { range: [4, 5], text: 'b' } })).toBe('\uFEFFlet b;');
  });
});
