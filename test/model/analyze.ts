import tsParser from '@typescript-eslint/parser';
import type { AST_NODE_TYPES, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import * as espree from 'espree';

import { type FileModel, getFileModel } from '../../src/model';

export type ParserName = 'espree' | 'typescript';
type NodeTypeName = keyof typeof AST_NODE_TYPES;
type NodeOfType<K extends NodeTypeName> = Extract<TSESTree.Node, { type: (typeof AST_NODE_TYPES)[K] }>;

export interface AnalyzeOptions {
  parser?: ParserName;
  /** The linted file's name; Next.js recognition depends on it. */
  filename?: string;
  sourceType?: 'module' | 'commonjs' | 'script';
}

/** The model of `code` as a rule would see it, and the parsed program to find nodes in. */
export interface Analysis {
  model: FileModel;
  ast: TSESTree.Program;
  /** The first node of `type` whose source text is `text` (or starts with it). */
  find<K extends NodeTypeName>(type: K, text: string): NodeOfType<K>;
  text(node: TSESTree.Node): string;
}

/**
 * Lints `code` with a probe rule that captures the shared model, so model tests exercise the
 * same parsers, scope analysis and node shapes rules get.
 */
export function analyze(code: string, options: AnalyzeOptions = {}): Analysis {
  const parserName = options.parser ?? 'espree';
  const filename = options.filename ?? (parserName === 'typescript' ? 'file.ts' : 'file.js');
  let model: FileModel | undefined;
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
        languageOptions: {
          parser: parserName === 'typescript' ? tsParser : espree,
          sourceType: options.sourceType ?? 'module',
          ecmaVersion: 'latest',
          parserOptions: parserName === 'typescript' ? {} : { ecmaFeatures: { jsx: true } },
          globals: { fetch: 'readonly', process: 'readonly', require: 'readonly', AbortSignal: 'readonly' },
        },
        plugins: {
          probe: {
            rules: {
              model: {
                create(context) {
                  return {
                    Program() {
                      model = getFileModel(context as never);
                    },
                  };
                },
              },
            },
          },
        },
        rules: { 'probe/model': 'error' },
      },
    ],
    filename,
  );
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(`parse error: ${fatal.message} (line ${fatal.line})`);
  if (!model) throw new Error('the probe rule did not run');
  const captured = model;
  const ast = captured.sourceCode.ast as TSESTree.Program;
  const source = captured.sourceCode.text;
  const text = (node: TSESTree.Node) => source.slice(node.range[0], node.range[1]);

  function find<K extends NodeTypeName>(type: K, wanted: string): NodeOfType<K> {
    const stack: TSESTree.Node[] = [ast];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.type === type && text(node).startsWith(wanted)) return node as NodeOfType<K>;
      const children: TSESTree.Node[] = [];
      for (const [key, value] of Object.entries(node)) {
        if (key === 'parent') continue;
        if (Array.isArray(value)) {
          for (const item of value) if (item && typeof item.type === 'string') children.push(item);
        } else if (value && typeof value === 'object' && typeof (value as TSESTree.Node).type === 'string') {
          children.push(value as TSESTree.Node);
        }
      }
      children.sort((a, b) => b.range[0] - a.range[0]);
      stack.push(...children);
    }
    throw new Error(`no ${type} starting with ${JSON.stringify(wanted)}`);
  }

  return { model: captured, ast, find, text };
}

export const PARSERS: readonly ParserName[] = ['espree', 'typescript'];
