import type { TSESLint } from '@typescript-eslint/utils';

import type { Node } from './ast';

/** A node's source text for a message, on one line and shortened: `api.defaults.timeout = 0`. */
export function shortText(sourceCode: Readonly<TSESLint.SourceCode>, node: Node, max = 40): string {
  const text = sourceCode.getText(node).replace(/\s+/g, ' ');
  return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}
