import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getFileModel } from '../src/model';
import { getTestCode } from '../src/model/test-code';
import { mayHaveProductionHandlers } from '../src/model/frameworks';
import { mentions } from '../src/model/vocabulary';
import {
  getStreaming,
  STREAMING_WORDS,
  type DisconnectListener,
  type StreamingHandler,
  type StreamingWork,
} from '../src/model/disconnect';
import { createRule } from '../src/utils/create-rule';
import { isGlobalNameAt } from '../src/utils/deadline-fix';
import { insertStatementAfter, listStatementOf } from '../src/utils/fix-edit';
import { shortText } from '../src/utils/message-text';

export type MessageIds = 'timerNotStopped' | 'loopNotStopped' | 'subscriptionNotStopped' | 'clientNotRemoved' | 'clearOnDisconnect';
/** No options yet; the object keeps later options additive, like every rule's. */
export type Options = [Record<string, never>];

type SourceCode = Readonly<TSESLint.SourceCode>;

/** What goes wrong once the client has left, by how the handler writes. */
function consequence(work: StreamingWork): string {
  switch (work.channel) {
    case 'node':
      return 'and `ERR_STREAM_WRITE_AFTER_END` once the response has ended';
    case 'web':
      return 'and `Invalid state: Controller is already closed` errors once the stream is cancelled';
    case 'hono-stream':
      return "while hono's stream silently drops every write";
  }
}

/** Where to stop it, in the words of the handler's framework (semantics §A6, §D). */
function remedy(work: StreamingWork, verb: string, dead: DisconnectListener | undefined): string {
  const via = work.stopVia;
  let text: string;
  switch (work.channel) {
    case 'node':
      text = `${verb} in \`${via ?? 'res'}.on('close', …)\``;
      break;
    case 'web':
      text = `${verb} when \`${via ?? 'request.signal'}\` aborts, or in the \`ReadableStream\`'s \`cancel()\``;
      break;
    case 'hono-stream':
      text = `${verb} in \`${via ?? 'stream'}.onAbort(…)\``;
      break;
  }
  if (dead) {
    text += ` (the \`'close'\` listener on the request at line ${dead.node.loc.start.line} never fires in a Next.js pages API route: Next.js has already read the request body, so only the response's \`'close'\` tells you the client left)`;
  }
  return text;
}

function loopRemedy(work: StreamingWork): string {
  const via = work.stopVia;
  switch (work.channel) {
    case 'node':
      return `Leave it once the connection has closed: check \`${via ?? 'res'}.destroyed\`, or a flag set in \`${via ?? 'res'}.on('close', …)\`, and \`break\``;
    case 'web':
      return `Leave it once \`${via ?? 'request.signal'}.aborted\` is true`;
    case 'hono-stream':
      return `Leave it once \`${via ?? 'stream'}.aborted\` is true, or stop it in \`${via ?? 'stream'}.onAbort(…)\``;
  }
}

/** A dead `req.on('close')` listener that would have stopped this work, if there is one. */
function deadListenerFor(streaming: StreamingHandler, work: StreamingWork, sourceCode: SourceCode): DisconnectListener | undefined {
  const name = work.handle?.name;
  return streaming.deadListeners.find((listener) => {
    if (!listener.body) return true;
    const text = sourceCode.getText(listener.body);
    if (name) return new RegExp(`\\b${name}\\b`).test(text);
    return work.target !== undefined && text.includes(sourceCode.getText(work.target));
  });
}

export default createRule<Options, MessageIds>({
  name: 'require-disconnect-cleanup',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require streaming handlers to stop their timers, loops and subscriptions when the client disconnects',
      recommended: 'warn',
    },
    hasSuggestions: true,
    messages: {
      timerNotStopped:
        'This `{{callee}}` keeps writing to the response after the client disconnects: nothing stops it when the connection closes, so it runs for ever — a timer, memory and CPU leak for every client that leaves, {{consequence}}. {{remedy}}.',
      loopNotStopped:
        'This loop keeps streaming after the client disconnects: nothing in it notices the closed connection, so it runs for ever — a memory and CPU leak for every client that leaves, {{consequence}}. {{remedy}}.',
      subscriptionNotStopped:
        'This listener stays subscribed to `{{target}}` after the client disconnects: nothing removes it when the connection closes, so every client that ever left stays in memory and keeps being written to, {{consequence}}. {{remedy}}.',
      clientNotRemoved:
        '`{{target}}` keeps this client after it disconnects: nothing removes it when the connection closes, so the collection grows with every client that ever connected and every broadcast writes to closed responses. {{remedy}}.',
      clearOnDisconnect: 'Clear `{{name}}` when the client disconnects: `{{code}}`.',
    },
    // No options: what stops work on disconnect is a fact about Node and the frameworks (see the doc).
    schema: [{ type: 'object', additionalProperties: false, properties: {} }],
    defaultOptions: [{}],
  },

  create(context) {
    const { sourceCode } = context;
    const model = getFileModel(context);
    // Streaming work is looked for in handlers only, and a test's streaming handler lives as long as the test: nothing accumulates.
    if (!mayHaveProductionHandlers(model, context.cwd)) return {};
    // Most of those stream nothing: skip them before building anything.
    if (!mentions(sourceCode, STREAMING_WORDS)) return {};

    function suggestion(work: StreamingWork): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const handle = work.handle;
      if (work.kind !== 'interval' || !handle || !work.stopVia) return [];
      const declaration = handle.parent;
      const holder =
        declaration.type === 'VariableDeclarator'
          ? declaration
          : declaration.type === 'AssignmentExpression' && declaration.parent.type === 'ExpressionStatement'
            ? declaration.parent
            : undefined;
      const statement = holder && listStatementOf(holder);
      if (!statement || !isGlobalNameAt(sourceCode, statement, 'clearInterval')) return [];
      // The receiver's first name must mean the same at the insertion point as in the handler.
      const base = work.stopVia.split('.')[0]!;
      const param = [work.handler.params.response, work.handler.params.request, work.handler.params.context].find(
        (id) => id?.name === base,
      );
      if (param && resolveName(sourceCode, statement, base) !== resolveName(sourceCode, param, base)) return [];
      const stop = `() => clearInterval(${handle.name})`;
      const code =
        work.channel === 'node'
          ? `${work.stopVia}.on('close', ${stop});`
          : work.channel === 'web'
            ? `${work.stopVia}.addEventListener('abort', ${stop});`
            : `${work.stopVia}.onAbort(${stop});`;
      return [
        {
          messageId: 'clearOnDisconnect',
          data: { name: handle.name, code },
          fix: (fixer) => insertStatementAfter(fixer, sourceCode, statement, code),
        },
      ];
    }

    function report(streaming: StreamingHandler, work: StreamingWork): void {
      const dead = deadListenerFor(streaming, work, sourceCode);
      switch (work.kind) {
        case 'interval':
        case 'timeout-chain': {
          const call = work.node as TSESTree.CallExpression;
          context.report({
            node: call.callee,
            messageId: 'timerNotStopped',
            data: {
              callee: shortText(sourceCode, call.callee),
              consequence: consequence(work),
              remedy: remedy(work, work.kind === 'interval' ? 'Clear it' : 'Stop the chain', dead),
            },
            suggest: suggestion(work),
          });
          return;
        }
        case 'loop':
          context.report({
            loc: sourceCode.getFirstToken(work.node)!.loc,
            messageId: 'loopNotStopped',
            data: { consequence: consequence(work), remedy: loopRemedy(work) },
          });
          return;
        case 'subscription':
        case 'broadcast': {
          const call = work.node as TSESTree.CallExpression;
          context.report({
            node: call.callee,
            messageId: work.kind === 'subscription' ? 'subscriptionNotStopped' : 'clientNotRemoved',
            data: {
              target: shortText(sourceCode, work.target!),
              consequence: consequence(work),
              remedy: remedy(work, work.kind === 'subscription' ? 'Unsubscribe' : 'Remove it', dead),
            },
          });
        }
      }
    }

    return {
      'Program:exit'() {
        const testCode = getTestCode(model, context.cwd);
        const reported = new Set<TSESTree.Node>();
        for (const streaming of getStreaming(model).handlers) {
          if (testCode.contains(streaming.handler.fn)) continue;
          for (const work of streaming.work) {
            // A handler nested in another one is analysed on its own too: one report per node.
            if (work.stoppedBy || reported.has(work.node)) continue;
            reported.add(work.node);
            report(streaming, work);
          }
        }
      },
    };
  },
});

/** The variable `name` refers to at `node`, looked up from its innermost scope. */
function resolveName(sourceCode: SourceCode, node: TSESTree.Node, name: string): TSESLint.Scope.Variable | undefined {
  for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(node); scope; scope = scope.upper) {
    const variable = scope.set.get(name);
    if (variable) return variable;
  }
  return undefined;
}
