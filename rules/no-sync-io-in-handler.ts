import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { BLOCKING_TEXT_HINT, getBlockingApi, type BlockingApi } from '../src/domain/blocking-apis';
import { getFileModel, refToString, type FileModel } from '../src/model';
import { getTestCode } from '../src/model/test-code';
import { hasTextHint } from '../src/model/text-hints';
import { mayHaveProductionHandlers } from '../src/model/frameworks';
import type { PerRequestReason } from '../src/model/per-request';
import { findProperty, hasSpread, isFunctionNode, type Node } from '../src/utils/ast';
import { createRule } from '../src/utils/create-rule';
import { awaitedText } from '../src/utils/fix';
import { getModuleAccess, insertDeclarations, type ModuleAccess } from '../src/utils/module-access';

export type MessageIds = 'blockingCall' | 'replaceExistsSync' | 'replaceStatSync';
export type Options = [
  {
    /** Also report blocking calls in same-file functions that handlers call. */
    followCalls: boolean;
    /** Calls never reported, by name (`existsSync`) or module and name (`fs.existsSync`). */
    allow: string[];
  },
];

/** `randomBytes(n)` reads from the CSPRNG without blocking on I/O; small fixed sizes cost microseconds. */
const SMALL_RANDOM_BYTES = 1024;

/** What the message recommends instead of each kind of blocking call (the message adds the period). */
function adviceFor(api: BlockingApi, call: TSESTree.CallExpression): string {
  switch (api.module) {
    case 'fs':
      if (api.name === 'existsSync') return 'Use `fs.promises.access()`, or better, open the file and handle `ENOENT`';
      if ((api.name === 'statSync' || api.name === 'lstatSync') && classifyStatCall(call) !== 'one-to-one') {
        return `Use \`await fs.promises.${api.equivalent.kind === 'fs-promises' ? api.equivalent.name : 'stat'}()\`, which rejects with \`ENOENT\` where this returns \`undefined\``;
      }
      if (api.equivalent.kind === 'fs-promises') return `Use \`await fs.promises.${api.equivalent.name}()\` instead`;
      return 'Use the `fs.promises.open()` FileHandle methods instead';
    case 'child_process':
      return 'Use `execFile()` or `spawn()` with a callback, or promisified, instead';
    case 'zlib':
      return `Use the callback or stream form, \`zlib.${api.name.replace(/Sync$/, '')}()\`, instead`;
    case 'crypto':
      return api.name === 'randomBytes'
        ? 'Pass a callback, or use `promisify(crypto.randomBytes)`'
        : `Use the callback form, \`crypto.${api.name.replace(/Sync$/, '')}()\`, instead`;
  }
}

/** ` (through \`loadConfig()\`, called at line 12)` when the call is reached through same-file calls. */
function describePath(reason: PerRequestReason, sourceCode: Readonly<TSESLint.SourceCode>): string {
  const first = reason.via[0];
  if (!first) return '';
  const name = sourceCode.getText(first.callee);
  return ` (the handler calls \`${name}()\` at line ${first.loc.start.line}${reason.via.length > 1 ? ', which leads here' : ''})`;
}

/**
 * The innermost function around `call` is async and `call` is in its body (not a parameter
 * default), and no class field initializer or `static {}` block lies in between: `await` is a
 * syntax error there even inside an async function.
 */
function isAwaitAllowed(call: TSESTree.CallExpression): boolean {
  let child: Node = call;
  for (let current: Node | undefined = call.parent; current; child = current, current = current.parent as Node | undefined) {
    if (current.type === 'StaticBlock') return false;
    if ((current.type === 'PropertyDefinition' || current.type === 'AccessorProperty') && current.value === child) return false;
    if (isFunctionNode(current)) {
      return current.async && call.range[0] >= current.body.range[0] && call.range[1] <= current.body.range[1];
    }
  }
  return false;
}

type StatForm = 'one-to-one' | 'missing-entry-undefined' | 'unknown';

/** `statSync(p, { throwIfNoEntry: false })` returns `undefined` where `fs.promises.stat` rejects. */
function classifyStatCall(call: TSESTree.CallExpression): StatForm {
  const options = call.arguments[1];
  if (!options) return 'one-to-one';
  if (options.type !== 'ObjectExpression' || hasSpread(options)) return 'unknown';
  const throwIfNoEntry = findProperty(options, 'throwIfNoEntry');
  if (!throwIfNoEntry) return 'one-to-one';
  const value = throwIfNoEntry.value;
  return value.type === 'Literal' && value.value === false ? 'missing-entry-undefined' : 'unknown';
}

export default createRule<Options, MessageIds>({
  name: 'no-sync-io-in-handler',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow blocking synchronous I/O in code that runs per request',
      recommended: 'error',
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      blockingCall:
        '`{{callee}}` blocks the event loop, and it runs on every request{{path}}: no other request is served until it returns. {{advice}}.',
      replaceExistsSync: 'Replace with `await fs.promises.access()` resolving to true or false.',
      replaceStatSync: 'Replace with `await fs.promises.stat()` that resolves to `undefined` on `ENOENT`.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          followCalls: {
            type: 'boolean',
            description: 'Also report blocking calls in same-file functions that handlers call.',
          },
          allow: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description: 'Calls never reported, by name (`existsSync`) or module and name (`fs.existsSync`).',
          },
        },
      },
    ],
    defaultOptions: [{ followCalls: true, allow: [] }],
  },

  create(context, [{ followCalls, allow }]) {
    const { sourceCode } = context;
    // Only calls that run per request are reported: a file that can hold no handler has none. A
    // test server blocks only its own test's requests: nothing in a test file is reported either.
    const model = getFileModel(context);
    if (!mayHaveProductionHandlers(model, context.cwd)) return {};
    // Most files call no blocking API at all: skip them before building anything.
    if (!hasTextHint(sourceCode, BLOCKING_TEXT_HINT)) return {};
    const allowed = new Set(allow);

    /** The fix for a 1:1 mapping, or the suggestion for a near one, when the call can be awaited. */
    function buildFixes(call: TSESTree.CallExpression, api: BlockingApi, fileModel: FileModel) {
      if (call.optional || !isAwaitAllowed(call)) return {};
      const { bindings } = fileModel;
      const { equivalent } = api;

      if (equivalent.kind === 'fs-promises') {
        const isStat = api.name === 'statSync' || api.name === 'lstatSync';
        const form = isStat ? classifyStatCall(call) : 'one-to-one';
        if (form === 'unknown') return {};
        const access = getModuleAccess(sourceCode, bindings, call, {
          module: 'fs',
          path: ['promises', equivalent.name],
          importSpecifier: 'node:fs/promises',
          importedPath: ['promises'],
          localName: 'fsPromises',
        });
        if (!access) return {};
        if (form === 'one-to-one') return { fix: replaceCall(call, [access], (callee) => callee) };
        // `{ throwIfNoEntry: false }` is not an option of fs.promises.stat: drop it, keep the semantics.
        const path = sourceCode.getText(call.arguments[0]);
        return {
          suggest: [
            {
              messageId: 'replaceStatSync' as const,
              fix: replaceWhole(
                call,
                [access],
                `${access.text}(${path}).catch((error) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)))`,
              ),
            },
          ],
        };
      }

      if (api.name === 'existsSync') {
        const pathArgument = call.arguments[0];
        if (!pathArgument || call.arguments.length !== 1 || pathArgument.type === 'SpreadElement') return {};
        const access = getModuleAccess(sourceCode, bindings, call, {
          module: 'fs',
          path: ['promises', 'access'],
          importSpecifier: 'node:fs/promises',
          importedPath: ['promises'],
          localName: 'fsPromises',
        });
        if (!access) return {};
        const text = `${access.text}(${sourceCode.getText(pathArgument)}).then(() => true, () => false)`;
        return { suggest: [{ messageId: 'replaceExistsSync' as const, fix: replaceWhole(call, [access], text) }] };
      }

      if (equivalent.kind === 'promisify') {
        const promisify = getModuleAccess(sourceCode, bindings, call, {
          module: 'util',
          path: ['promisify'],
          importSpecifier: 'node:util',
          importedPath: [],
          localName: 'util',
        });
        const target = getModuleAccess(sourceCode, bindings, call, {
          module: api.module,
          path: [equivalent.name],
          importSpecifier: `node:${api.module}`,
          importedPath: [],
          localName: api.module,
        });
        if (!promisify || !target || promisify.text.split('.')[0] === target.text.split('.')[0]) return {};
        return { fix: replaceCall(call, [promisify, target], () => `${promisify.text}(${target.text})`) };
      }
      return {};
    }

    /** `await <new callee>(<same arguments>)`, keeping the argument text and its comments as written. */
    function replaceCall(
      call: TSESTree.CallExpression,
      accesses: readonly ModuleAccess[],
      newCallee: (accessText: string) => string,
    ): TSESLint.ReportFixFunction {
      const argumentsText = sourceCode.text.slice(call.callee.range[1], call.range[1]);
      return replaceWhole(call, accesses, `${newCallee(accesses[0]!.text)}${argumentsText}`);
    }

    function replaceWhole(
      call: TSESTree.CallExpression,
      accesses: readonly ModuleAccess[],
      text: string,
    ): TSESLint.ReportFixFunction {
      const declarations = accesses.flatMap((access) => (access.declaration ? [access.declaration] : []));
      return (fixer) => [
        ...(declarations.length ? [insertDeclarations(fixer, sourceCode, declarations)] : []),
        fixer.replaceText(call, awaitedText(sourceCode, call, text)),
      ];
    }

    return {
      CallExpression(call) {
        const ref = model.bindings.resolveCallee(call);
        if (!ref) return;
        const api = getBlockingApi(ref);
        if (!api) return;
        if (api.name === 'randomBytes' && !isBlockingRandomBytes(call)) return;
        if (allowed.has(api.name) || allowed.has(`${api.module}.${api.name}`)) return;
        const reason = model.perRequest.reasonFor(call, { followCalls });
        // A test server blocks only its own test's requests.
        if (!reason || getTestCode(model, context.cwd).contains(call)) return;

        context.report({
          node: call.callee,
          messageId: 'blockingCall',
          data: {
            callee: sourceCode.getText(call.callee).length <= 40 ? sourceCode.getText(call.callee) : refToString(ref),
            path: describePath(reason, sourceCode),
            advice: adviceFor(api, call),
          },
          ...buildFixes(call, api, model),
        });
      },
    };
  },
});

/** Without a callback `randomBytes` is synchronous; tiny literal sizes are not worth a report. */
function isBlockingRandomBytes(call: TSESTree.CallExpression): boolean {
  // randomBytes(size, callback) is the only two-argument form.
  if (call.arguments.length >= 2) return false;
  const size = call.arguments[0];
  return !(size?.type === 'Literal' && typeof size.value === 'number' && size.value <= SMALL_RANDOM_BYTES);
}
