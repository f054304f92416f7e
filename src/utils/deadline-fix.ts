import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { ClientLibrary, DeadlineInsertion } from '../model/clients';
import { findProperty, isFunctionNode, skipTransparentWrappers, type Node } from './ast';

/**
 * The deadline fixes of `no-unbounded-client` and `require-handler-timeout`, in each library's
 * own form (semantics §B, §C): `signal: AbortSignal.timeout(ms)` for fetch, undici, node-fetch
 * and `http(s).request`; `timeout: ms` for axios, ky and ofetch; `timeout: { request: ms }` for
 * got; `.timeout(ms)` for superagent; `response_timeout`/`read_timeout` for needle. Where a Web
 * `Request` is in scope, the signal also follows it: `AbortSignal.any([request.signal,
 * AbortSignal.timeout(ms)])` (Node ≥ 20.3 / 18.17).
 */

/** The options both deadline rules share: how long the added deadline is, and how it is offered. */
export interface DeadlineFixOptions {
  /** The deadline, in milliseconds, that fixes write. */
  timeoutMs: number;
  /** `suggestion`: deadlines are offered as editor suggestions; `autofix`: `eslint --fix` adds them. */
  fix: 'suggestion' | 'autofix';
}

export const DEADLINE_FIX_DEFAULTS: DeadlineFixOptions = { timeoutMs: 10_000, fix: 'suggestion' };

/** JSON-schema properties for `DeadlineFixOptions`, spread into each rule's option schema. */
export const DEADLINE_FIX_SCHEMA_PROPERTIES: Record<keyof DeadlineFixOptions, JSONSchema4> = {
  timeoutMs: {
    type: 'integer',
    minimum: 1,
    description: 'The deadline, in milliseconds, that fixes write.',
  },
  fix: {
    type: 'string',
    enum: ['suggestion', 'autofix'],
    description: '`suggestion`: deadlines are offered as editor suggestions; `autofix`: `eslint --fix` adds them.',
  },
};

/** One option to add: `key: value`, or — when the key is already there with an object — its `nested` entries. */
interface Entry {
  readonly key: string;
  readonly value: string;
  readonly nested?: readonly Entry[];
}

export interface DeadlineForm {
  /** What the fix writes, for messages: `signal: AbortSignal.timeout(10000)`, `.timeout(10000)`. */
  readonly text: string;
  readonly entries?: readonly Entry[];
  /** superagent: the call appended to the request builder. */
  readonly chain?: string;
}

export interface DeadlineFormOptions {
  /** The deadline as source text: `10000`, or what the code already wrote (`TIMEOUT_MS`). */
  readonly timeout: string;
  /** Source text of the incoming request's signal (`request.signal`, `c.req.raw.signal`). */
  readonly requestSignal?: string;
}

function entriesForm(entries: readonly Entry[]): DeadlineForm {
  return { text: entries.map((entry) => `${entry.key}: ${entry.value}`).join(', '), entries };
}

/** The deadline option of `library`, or `undefined` when it has no single form to add. */
export function deadlineForm(library: ClientLibrary, { timeout: ms, requestSignal }: DeadlineFormOptions): DeadlineForm | undefined {
  switch (library) {
    case 'fetch':
    case 'undici':
    case 'node-fetch':
    case 'http':
    case 'https': {
      const timeout = `AbortSignal.timeout(${ms})`;
      return entriesForm([{ key: 'signal', value: requestSignal ? `AbortSignal.any([${requestSignal}, ${timeout}])` : timeout }]);
    }
    case 'axios':
    case 'ky':
    case 'ofetch':
      return entriesForm([{ key: 'timeout', value: ms }]);
    case 'got':
      return entriesForm([{ key: 'timeout', value: `{ request: ${ms} }`, nested: [{ key: 'request', value: ms }] }]);
    case 'superagent':
      return { text: `.timeout(${ms})`, chain: `.timeout(${ms})` };
    case 'needle':
      return entriesForm([
        { key: 'response_timeout', value: ms },
        { key: 'read_timeout', value: ms },
      ]);
  }
}

/** Whether `name` refers to the global at `node` (no local binding shadows it). */
export function isGlobalNameAt(sourceCode: Readonly<TSESLint.SourceCode>, node: Node, name: string): boolean {
  for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(node); scope; scope = scope.upper) {
    const variable = scope.set.get(name);
    if (variable) return variable.defs.length === 0;
  }
  return true;
}

/**
 * The fix that adds `form` at `insertion`: a property in an options object literal, a new
 * options argument (before a callback that sits in its place), or a chained call. Comments stay
 * where they are; `undefined` when no safe edit exists.
 */
export function deadlineFix(
  sourceCode: Readonly<TSESLint.SourceCode>,
  insertion: DeadlineInsertion,
  form: DeadlineForm,
): TSESLint.ReportFixFunction | undefined {
  switch (insertion.kind) {
    case 'property':
      return form.entries ? addEntries(sourceCode, insertion.object, form.entries) : undefined;
    case 'argument':
      return form.entries ? addArgument(sourceCode, insertion.call, insertion.index, `{ ${form.text} }`) : undefined;
    case 'chain': {
      if (!form.chain) return undefined;
      const node = insertion.node;
      // `superagent(url, callback)` has already sent the request: a timeout chained after it does nothing.
      if (node.type === 'CallExpression' && node.arguments.some((argument) => isFunctionNode(argument))) return undefined;
      const chain = form.chain;
      return (fixer) => fixer.insertTextAfter(node, chain);
    }
  }
}

/** Adds the entries missing from `object`, merging a nested form into an existing object value (`timeout: {}`). */
function addEntries(
  sourceCode: Readonly<TSESLint.SourceCode>,
  object: TSESTree.ObjectExpression,
  entries: readonly Entry[],
): ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[]) | undefined {
  const added: string[] = [];
  const edits: ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix | TSESLint.RuleFix[])[] = [];
  for (const entry of entries) {
    const existing = findProperty(object, entry.key);
    if (!existing) {
      added.push(`${entry.key}: ${entry.value}`);
      continue;
    }
    const value = skipTransparentWrappers(existing.value);
    if (entry.nested && !existing.shorthand && value.type === 'ObjectExpression') {
      const nested = addEntries(sourceCode, value, entry.nested);
      if (!nested) return undefined;
      edits.push(nested);
    } else {
      // `signal: undefined`, `{ timeout }` holding nothing: the value is replaced.
      edits.push(replaceValue(sourceCode, existing, entry.value));
    }
  }
  if (added.length > 0) edits.push(insertProperties(sourceCode, object, added));
  if (edits.length === 0) return undefined;
  return (fixer) => edits.flatMap((edit) => edit(fixer));
}

/** Replaces a property's value; a shorthand `{ timeout }` becomes `{ timeout: value }`. */
function replaceValue(
  sourceCode: Readonly<TSESLint.SourceCode>,
  property: TSESTree.Property,
  value: string,
): (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix {
  if (property.shorthand) return (fixer) => fixer.replaceText(property, `${sourceCode.getText(property.key)}: ${value}`);
  return (fixer) => fixer.replaceText(property.value, value);
}

function lineIndent(sourceCode: Readonly<TSESLint.SourceCode>, line: number): string {
  return /^\s*/.exec(sourceCode.lines[line - 1] ?? '')?.[0] ?? '';
}

/**
 * Inserts `texts` as the last properties of `object`. A multi-line object gets one per line, at
 * the indentation of its last property and after any comment that ends that property's line.
 */
function insertProperties(
  sourceCode: Readonly<TSESLint.SourceCode>,
  object: TSESTree.ObjectExpression,
  texts: readonly string[],
): (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[] {
  const opening = sourceCode.getFirstToken(object)!;
  const closing = sourceCode.getLastToken(object)!;
  const last = object.properties.at(-1);
  if (!last) {
    const inner = sourceCode.text.slice(opening.range[1], closing.range[0]);
    if (inner.trim() === '') return (fixer) => [fixer.replaceTextRange([opening.range[0], closing.range[1]], `{ ${texts.join(', ')} }`)];
    // Only comments inside: keep them after the new properties.
    return (fixer) => [fixer.insertTextAfter(opening, ` ${texts.join(', ')},`)];
  }
  const after = sourceCode.getTokenAfter(last)!;
  const trailingComma = after.value === ',' ? after : undefined;
  const anchor = trailingComma ?? last;
  const multiline = closing.loc.start.line > last.loc.end.line;
  if (!multiline) {
    const text = trailingComma ? ` ${texts.join(', ')},` : `, ${texts.join(', ')}`;
    return (fixer) => [fixer.insertTextAfter(anchor, text)];
  }
  // After the comments that end the last property's line, so they keep describing it.
  let end = anchor.range[1];
  for (const comment of sourceCode.getCommentsAfter(anchor)) {
    if (comment.loc.start.line !== anchor.loc.end.line) break;
    end = comment.range[1];
  }
  const indent = lineIndent(sourceCode, last.loc.start.line);
  const lines = texts.map((text) => `\n${indent}${text},`).join('');
  if (trailingComma) return (fixer) => [fixer.insertTextAfterRange([end, end], lines)];
  const withoutLastComma = lines.slice(0, -1);
  return (fixer) => [fixer.insertTextAfter(last, ','), fixer.insertTextAfterRange([end, end], withoutLastComma)];
}

/** Adds `text` as argument `index`: before the argument now there (a callback), or after the last one. */
function addArgument(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  index: number,
  text: string,
): TSESLint.ReportFixFunction | undefined {
  const args = call.arguments;
  const current = args[index];
  if (current) return (fixer) => fixer.insertTextBefore(current, `${text}, `);
  const previous = args[index - 1];
  if (previous) return (fixer) => fixer.insertTextAfter(previous, `, ${text}`);
  if (index !== 0) return undefined;
  // `axios.create()`: between the parentheses (a `new X` without them gets none).
  const closing = sourceCode.getLastToken(call);
  const opening = closing && sourceCode.getTokenBefore(closing);
  if (closing?.value !== ')' || opening?.value !== '(') return undefined;
  return (fixer) => fixer.insertTextAfter(opening, text);
}

/**
 * A fix that turns a disabled deadline into `value`: the option (`timeout: 0` → `timeout: 10000`),
 * the assignment (`api.defaults.timeout = 0`) or a one-argument call (`.timeout(0)`), with what it
 * writes for messages.
 */
export function finiteDeadlineFix(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: Node,
  value: string,
): { text: string; fix: TSESLint.ReportFixFunction } | undefined {
  switch (node.type) {
    case 'Property':
      return { text: `${sourceCode.getText(node.key)}: ${value}`, fix: replaceValue(sourceCode, node, value) };
    case 'AssignmentExpression':
      return { text: `${sourceCode.getText(node.left)} = ${value}`, fix: (fixer) => fixer.replaceText(node.right, value) };
    case 'CallExpression': {
      const [argument] = node.arguments;
      const callee = node.callee;
      if (node.arguments.length !== 1 || argument?.type !== 'Literal' || callee.type !== 'MemberExpression') return undefined;
      return { text: `.${sourceCode.getText(callee.property)}(${value})`, fix: (fixer) => fixer.replaceText(argument, value) };
    }
    default:
      return undefined;
  }
}
