// Self-lint: typescript-eslint for the code, eslint-plugin-eslint-plugin for the rules and
// their tests, and our own recommended config (dogfooding the built plugin: `npm run lint`
// runs after `npm run build`).
import js from '@eslint/js';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';

import self from './dist/index.mjs';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'fixtures/', 'node_modules/', '.cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@typescript-eslint/utils', allowTypeImports: true, message: 'Rules ship without runtime dependencies: import types only.' },
            { name: '@typescript-eslint/utils/ts-eslint', allowTypeImports: true, message: 'Rules ship without runtime dependencies: import types only.' },
            { name: 'typescript', allowTypeImports: true, message: 'Rules never load TypeScript.' },
          ],
        },
      ],
    },
  },
  {
    files: ['rules/**/*.ts'],
    ...eslintPlugin.configs['rules-recommended'],
    rules: {
      ...eslintPlugin.configs['rules-recommended'].rules,
      'eslint-plugin/require-meta-docs-description': ['error', { pattern: '^(Enforce|Require|Disallow) .+[^. ]$' }],
      'eslint-plugin/report-message-format': ['error', '^[A-Z`].*\\.$'],
      'eslint-plugin/require-meta-default-options': 'error',
      'eslint-plugin/require-meta-schema-description': 'error',
      'eslint-plugin/prefer-placeholders': 'error',
      'eslint-plugin/no-property-in-node': 'off',
      // Our docs URL comes from createRule, like typescript-eslint's RuleCreator.
      'eslint-plugin/require-meta-docs-url': 'off',
    },
  },
  {
    files: ['test/rules/**/*.ts'],
    ...eslintPlugin.configs['tests-recommended'],
    rules: {
      ...eslintPlugin.configs['tests-recommended'].rules,
      'eslint-plugin/require-test-error-positions': 'error',
    },
  },
  {
    files: ['test/**/*.ts'],
    languageOptions: { globals: { describe: 'readonly', it: 'readonly', expect: 'readonly' } },
  },
  self.configs.recommended,
);
