import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import * as espree from 'espree';

import plugin from '../src/plugin';

export type Language = 'js' | 'ts';

/** Lints `code` with one of our rules (or a whole config's rules) the way a user's flat config would. */
export function lintWith(
  code: string,
  { rules, language, filename }: { rules: Linter.RulesRecord; language: Language; filename?: string },
): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(
    code,
    [
      {
        files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
        languageOptions: {
          parser: (language === 'ts' ? tsParser : espree) as Linter.Parser,
          ecmaVersion: 'latest',
          sourceType: 'module',
          parserOptions: { ecmaFeatures: { jsx: true } },
        },
        plugins: { [plugin.meta.namespace]: plugin as never },
        rules,
      },
    ],
    filename ?? (language === 'ts' ? 'file.ts' : 'file.js'),
  );
}
