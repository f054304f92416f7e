// Fix safety on real code: every autofix and every suggestion of the BUILT plugin, applied to the
// full corpus (../shared/corpus/manifest.json), to the demo service (fixtures/demo-service) and to
// the ❌ blocks of docs/rules/*.md, each file linted exactly as its own runner lints it
// (scripts/corpus/lint.ts, scripts/demo.mjs, test/docs.test.ts), with two configs: `all` and
// `strict+autofix` (strict's options, and the deadline rules' `fix: "autofix"`). Every run is made
// twice: each file on its own parser, and the JavaScript files on @typescript-eslint/parser (for
// the corpus, the JavaScript files with findings).
//
// For every file (check.ts): the fully fixed text parses with the same parser; `--fix` converges
// in at most two passes and a second `--fix` changes nothing; no rule's fixes, alone or together,
// raise another rule's findings; every suggestion, applied alone, gives code that parses. The
// counts (files changed, autofixes and suggestions per rule) must be exactly expected.ts's, so
// these checks cannot pass by checking nothing. afterAll prints the counts.
//
// The corpus is fetched and cached like `npm run corpus` (cold: about 35 s with the npm registry).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { prepareCorpus, type PreparedPackage } from '../../scripts/corpus/corpus';
import { loadManifest } from '../../scripts/corpus/fetch';
import { JUDGED_RUN, JUDGEMENTS } from '../../scripts/corpus/judgements';
import { checkSubject, type Subject } from './check';
import { EXPECTED, NOT_EXERCISED } from './expected';
import { corpusSubjects, demoFiles, demoSubjects, docsSubjects, incorrectDocsBlocks } from './inputs';
import { type BuiltPlugin, CONFIG_NAMES, type ConfigName, fixCapabilities, loadBuiltPlugin, ruleConfigs } from './plugin';
import { countsOf, formatSummary, type InputName, makeRun, type ParserChoice, problemsOf, type Run, runKey } from './summary';

const INPUTS: readonly InputName[] = ['corpus', 'demo', 'docs'];
const PARSER_CHOICES: readonly ParserChoice[] = ['own', 'ts-for-js'];
const RUN_KEYS = INPUTS.flatMap((input) => CONFIG_NAMES.flatMap((config) => PARSER_CHOICES.map((parsers) => runKey(input, config, parsers))));

let plugin: BuiltPlugin;
let prepared: PreparedPackage[];
const runs = new Map<string, Run>();

function runOf(key: string): Run {
  const run = runs.get(key);
  if (!run) throw new Error(`${key} did not run: see the beforeAll error`);
  return run;
}

beforeAll(async () => {
  plugin = loadBuiltPlugin();
  const configs = ruleConfigs(plugin);
  prepared = await prepareCorpus((await loadManifest()).packages);
  const blocks = incorrectDocsBlocks(Object.keys(plugin.rules));
  const subjectsOf = (input: InputName, config: ConfigName, parsers: ParserChoice): Subject[] => {
    const options = { typescriptForJs: parsers === 'ts-for-js' };
    if (input === 'corpus' && parsers === 'ts-for-js') {
      // Only the files with findings on their own parser: a fix or suggestion that one parser's
      // AST breaks can only show there, and re-parsing the other 1,500 files costs 20 s.
      const own = runOf(runKey('corpus', config, 'own')).outcomes;
      const relevant = new Set(own.filter((outcome) => outcome.locations.length > 0).map((outcome) => outcome.shown));
      return corpusSubjects(prepared, configs[config], options).filter((subject) => relevant.has(subject.shown));
    }
    if (input === 'corpus') return corpusSubjects(prepared, configs[config], options);
    if (input === 'demo') return demoSubjects(configs[config], options);
    return docsSubjects(blocks, configs[config], options);
  };
  for (const input of INPUTS) {
    for (const config of CONFIG_NAMES) {
      for (const parsers of PARSER_CHOICES) {
        const started = performance.now();
        const outcomes = subjectsOf(input, config, parsers).map(checkSubject);
        const run = makeRun(input, config, parsers, outcomes, performance.now() - started);
        runs.set(run.key, run);
      }
    }
  }
}, 600_000);

afterAll(() => {
  if (runs.size > 0) console.log(formatSummary([...runs.values()], Object.keys(plugin.rules).sort()));
});

describe('the inputs', () => {
  it('lint the whole corpus and find exactly the judged findings (scripts/corpus/judgements.ts)', () => {
    const own = runOf(runKey('corpus', 'all', 'own'));
    expect(own.files).toBe(JUDGED_RUN.files);
    const ours = own.outcomes.flatMap((outcome) => outcome.locations.map((location) => `${outcome.shown}:${location}`));
    expect(ours.sort()).toEqual(JUDGEMENTS.map((judgement) => judgement.finding).sort());
  });

  it('have an expectation for every run, and only for them', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...RUN_KEYS].sort());
  });

  it('cover the whole corpus, every demo file and every ❌ block of every rule page', () => {
    expect(prepared).toHaveLength(37);
    expect(runOf(runKey('demo', 'all', 'own')).files).toBe(demoFiles().length);
    const docs = runOf(runKey('docs', 'all', 'own')).outcomes.map((outcome) => outcome.shown.replace(/@\d+$/, ''));
    expect(new Set(docs)).toEqual(new Set(Object.keys(plugin.rules).map((name) => `docs/rules/${name}.md`)));
  });
});

describe.each(RUN_KEYS)('%s', (key) => {
  it('lints every original file without a parse error or an exception', () => {
    expect(problemsOf(runOf(key), 'original')).toEqual([]);
  });

  it('gives fixed code that parses with the same parser', () => {
    expect(problemsOf(runOf(key), 'fix parse')).toEqual([]);
  });

  it('converges: at most two fix passes, and a second --fix changes nothing', () => {
    expect(problemsOf(runOf(key), 'convergence')).toEqual([]);
    expect(problemsOf(runOf(key), 'eslint agreement')).toEqual([]);
  });

  it('creates no finding of another rule, fixing one rule at a time or all at once', () => {
    expect(problemsOf(runOf(key), 'cross-rule')).toEqual([]);
  });

  it('gives code that parses for every suggestion applied alone', () => {
    expect(problemsOf(runOf(key), 'suggestion')).toEqual([]);
  });

  it('applies exactly the expected autofixes and suggestions', () => {
    expect({ key, ...countsOf(runOf(key)) }).toEqual({ key, ...EXPECTED[key] });
  });
});

describe('coverage of the fixes', () => {
  it('exercises the autofix of every fixable rule and the suggestions of every suggesting rule, on the demo and the docs', () => {
    const { fixable, suggesting } = fixCapabilities(plugin);
    const inRepo = [...runs.values()].filter((run) => run.input !== 'corpus');
    const fixed = new Set(inRepo.flatMap((run) => Object.keys(run.autofixes)));
    const suggested = new Set(inRepo.flatMap((run) => Object.keys(run.suggestions)));
    expect({
      autofixes: fixable.filter((rule) => !fixed.has(rule)),
      suggestions: suggesting.filter((rule) => !suggested.has(rule)),
    }).toEqual(NOT_EXERCISED);
    // No rule may fix or suggest without declaring it (ESLint would throw; this says which).
    expect([...fixed].filter((rule) => !fixable.includes(rule))).toEqual([]);
    expect([...suggested].filter((rule) => !suggesting.includes(rule))).toEqual([]);
  });
});
