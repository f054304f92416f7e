// The three inputs of the fix-safety test, as `Subject`s linted exactly as their own runners lint
// them (parser, sourceType, parserOptions, file name and ESLint's cwd), with one of our configs:
//   - the corpus (../shared/corpus/manifest.json): scripts/corpus/lint.ts's per-file settings;
//   - the demo service (fixtures/demo-service): scripts/demo.mjs's flat config;
//   - the ❌ blocks of docs/rules/*.md: test/docs.test.ts's settings and file names;
//   - hand-written snippets (edge-shapes.test.ts), linted like the docs blocks.
// `typescriptForJs` lints the JavaScript files with @typescript-eslint/parser instead of espree
// (same sourceType and JSX), to catch fixes that only one parser's AST breaks.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import * as espree from 'espree';

import type { PreparedPackage } from '../../scripts/corpus/corpus';
import { repoRoot } from '../../scripts/corpus/fetch';
import { fileConfig, kindOf, packageType, sourceTypeOf } from '../../scripts/corpus/lint';
import { docsBlocks, type DocsBlock as PageBlock } from '../docs-blocks';
import type { ParserName, Subject } from './check';

export interface InputOptions {
  /** Lint JavaScript files with @typescript-eslint/parser instead of espree. */
  typescriptForJs?: boolean;
}

const JS_FILE = /\.(?:[cm]?js|jsx)$/;
const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/** The override that swaps espree for @typescript-eslint/parser on JavaScript files (their other settings stay). */
const TYPESCRIPT_FOR_JS: Linter.Config = {
  name: 'fix-safety/typescript-parser-for-js',
  files: ['**/*.{js,cjs,mjs,jsx}'],
  languageOptions: { parser: tsParser as Linter.Parser },
};

function parserOf(file: string, options: InputOptions): ParserName {
  return JS_FILE.test(file) && !options.typescriptForJs ? 'espree' : 'typescript';
}

function withParserOverride(config: Linter.Config[], options: InputOptions): Linter.Config[] {
  return options.typescriptForJs ? [...config, TYPESCRIPT_FOR_JS] : config;
}

// ---------------------------------------------------------------------------------------------
// Corpus: scripts/corpus/lint.ts's per-file settings.

/** Every selected file of every package, one Linter per package with the package folder as cwd. */
export function corpusSubjects(packages: readonly PreparedPackage[], rules: Linter.Config, options: InputOptions = {}): Subject[] {
  const subjects: Subject[] = [];
  for (const { pkg, root, files } of packages) {
    const linter = new Linter({ cwd: root, configType: 'flat' });
    const types = new Map<string, string | undefined>();
    for (const relative of files) {
      if (options.typescriptForJs && !JS_FILE.test(relative)) continue;
      const filename = path.join(root, ...relative.split('/'));
      const text = readFileSync(filename, 'utf8');
      const sourceType = sourceTypeOf(relative, text, packageType(root, path.dirname(filename), types));
      subjects.push({
        shown: `${pkg.name}/${relative}`,
        filename,
        text,
        parser: parserOf(relative, options),
        linter,
        config: withParserOverride([fileConfig(kindOf(relative), sourceType), rules], options),
      });
    }
  }
  return subjects;
}

// ---------------------------------------------------------------------------------------------
// Demo service: scripts/demo.mjs.

export const demoDir = path.join(repoRoot, 'fixtures', 'demo-service');

const DEMO_JAVASCRIPT = { parser: espree as Linter.Parser, ecmaVersion: 'latest', parserOptions: { ecmaFeatures: { jsx: true } } } as const;

const DEMO_LANGUAGE: Linter.Config[] = [
  { name: 'demo/esm', files: ['**/*.js', '**/*.mjs', '**/*.jsx'], languageOptions: { ...DEMO_JAVASCRIPT, sourceType: 'module' } },
  { name: 'demo/commonjs', files: ['**/*.cjs'], languageOptions: { ...DEMO_JAVASCRIPT, sourceType: 'commonjs' } },
  { name: 'demo/typescript', files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'], languageOptions: { parser: tsParser as Linter.Parser, sourceType: 'module' } },
];

/** The demo's source files, relative to its folder with `/` separators, sorted. */
export function demoFiles(): string[] {
  return readdirSync(demoDir, { recursive: true, encoding: 'utf8' })
    .map((file) => file.split(path.sep).join('/'))
    .filter((file) => SOURCE_FILE.test(file) && !file.split('/').includes('node_modules'))
    .sort();
}

export function demoSubjects(rules: Linter.Config, options: InputOptions = {}): Subject[] {
  const linter = new Linter({ cwd: demoDir, configType: 'flat' });
  const config = withParserOverride([...DEMO_LANGUAGE, rules], options);
  return demoFiles()
    .filter((file) => !options.typescriptForJs || JS_FILE.test(file))
    .map((relative) => {
      const filename = path.join(demoDir, ...relative.split('/'));
      return { shown: `demo-service/${relative}`, filename, text: readFileSync(filename, 'utf8'), parser: parserOf(relative, options), linter, config };
    });
}

// ---------------------------------------------------------------------------------------------
// Docs: the ❌ blocks of docs/rules/*.md, as test/docs.test.ts extracts and lints them.

/** A ❌ block of a rule's doc page, with the page it is on. */
export interface DocsBlock extends PageBlock {
  page: string;
}

export function incorrectDocsBlocks(ruleNames: readonly string[]): DocsBlock[] {
  return ruleNames.flatMap((name) => {
    const page = `docs/rules/${name}.md`;
    return docsBlocks(readFileSync(path.join(repoRoot, page), 'utf8'))
      .filter((block) => block.section === '❌ Incorrect')
      .map((block) => ({ ...block, page }));
  });
}

export function docsSubjects(blocks: readonly DocsBlock[], rules: Linter.Config, options: InputOptions = {}): Subject[] {
  return snippetSubjects(
    blocks.map((block) => ({ shown: `${block.page}@${block.line}`, language: block.language, code: block.code, ...(block.filename ? { filename: block.filename } : {}) })),
    rules,
    options,
  );
}

export interface Snippet {
  shown: string;
  language: 'js' | 'ts';
  code: string;
  /** Defaults to `file.js` / `file.ts`. */
  filename?: string;
}

/** Code snippets linted like the docs blocks (test/docs.test.ts, test/lint-helpers.ts): module, JSX on, the repository as cwd. */
export function snippetSubjects(snippets: readonly Snippet[], rules: Linter.Config, options: InputOptions = {}): Subject[] {
  // test/docs.test.ts lints with the default cwd, which is the repository under vitest.
  const linter = new Linter({ cwd: repoRoot, configType: 'flat' });
  return snippets
    .filter((snippet) => !options.typescriptForJs || snippet.language === 'js')
    .map((snippet) => {
      const filename = snippet.filename ?? (snippet.language === 'ts' ? 'file.ts' : 'file.js');
      const language: Linter.Config = {
        files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
        languageOptions: {
          parser: (snippet.language === 'ts' ? tsParser : espree) as Linter.Parser,
          ecmaVersion: 'latest',
          sourceType: 'module',
          parserOptions: { ecmaFeatures: { jsx: true } },
        },
      };
      return {
        shown: snippet.shown,
        filename,
        text: snippet.code,
        parser: parserOf(filename, options),
        linter,
        config: withParserOverride([language, rules], options),
      };
    });
}
